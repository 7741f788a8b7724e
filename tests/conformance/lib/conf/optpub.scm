;;; A module exporting with define*-public (conformance test 48).
(define-module (conf optpub)
  #:use-module (ice-9 optargs))

(define*-public (greet name #:optional (greeting "hello") #:key (punct "!"))
  (string-append greeting ", " name punct))

(define*-public answer 42)

(define (hidden) 'hidden)

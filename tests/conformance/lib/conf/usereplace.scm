(define-module (conf usereplace)
  #:use-module (conf replacer)
  #:export (replaced-result))

(define replaced-result (length '(1 2 3)))

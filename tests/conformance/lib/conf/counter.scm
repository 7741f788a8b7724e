(define-module (conf counter)
  #:export (counter-value))

(display "loading (conf counter)\n")
(define counter-value 42)

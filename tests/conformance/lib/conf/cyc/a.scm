(define-module (conf cyc a)
  #:use-module (conf cyc b)
  #:export (a-value a-uses-b))

(define a-value 'a)
(define (a-uses-b) (list 'a-sees b-value))

(define-module (conf cyc b)
  #:use-module (conf cyc a)
  #:export (b-value b-uses-a))

(define b-value 'b)
(define (b-uses-a) (list 'b-sees a-value))

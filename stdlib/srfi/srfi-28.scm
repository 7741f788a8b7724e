;;; (srfi srfi-28) --- format that returns a string (~a ~s ~% ~~ and the rest of Guile's directives).

(define-module (srfi srfi-28)
  #:replace (format))

(define (format format-string . objects)
  (apply (@ (guile) format) #f format-string objects))

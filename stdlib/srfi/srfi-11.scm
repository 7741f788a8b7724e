;;; (srfi srfi-11) --- let-values and let*-values, built in.

(define-module (srfi srfi-11)
  #:re-export (let-values let*-values))

;;; (srfi srfi-2) --- and-let*, from (ice-9 and-let-star).

(define-module (srfi srfi-2)
  #:use-module (ice-9 and-let-star)
  #:re-export (and-let*))

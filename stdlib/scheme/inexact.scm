;;; (scheme inexact) --- the R7RS library of inexact-number procedures

;;; Commentary:
;;;
;;; log also takes a base; exact and inexact come from (scheme base), as in
;;; Guile.
;;;
;;; Code:

(define-module (scheme inexact)
  #:use-module ((scheme base) #:select (exact inexact))
  #:re-export (acos asin atan cos exp finite? nan? sin sqrt tan exact inexact)
  #:export (log infinite?))

(define log
  (case-lambda
    ((z) ((@ (guile) log) z))
    ((z base) (/ ((@ (guile) log) z) ((@ (guile) log) base)))))

(define (infinite? x)
  (inf? x))

;;; inexact.scm ends here

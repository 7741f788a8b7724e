;;; (scheme case-lambda) --- the R7RS case-lambda library

;;; Commentary:
;;;
;;; Guile's case-lambda.
;;;
;;; Code:

(define-module (scheme case-lambda)
  #:re-export (case-lambda))

;;; case-lambda.scm ends here

;;; (scheme eval) --- the R7RS eval library

;;; Commentary:
;;;
;;; environment builds a module importing just the given import sets; the
;;; Python table for this module supplies it.
;;;
;;; Code:

(define-module (scheme eval)
  #:re-export (eval)
  #:export (environment))

;;; eval.scm ends here

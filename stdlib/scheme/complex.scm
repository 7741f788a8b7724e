;;; (scheme complex) --- the R7RS complex-number library

;;; Commentary:
;;;
;;; Guile's own.
;;;
;;; Code:

(define-module (scheme complex)
  #:re-export (angle imag-part magnitude make-polar make-rectangular real-part))

;;; complex.scm ends here

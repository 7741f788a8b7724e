;;; (scheme read) --- the R7RS input library

;;; Commentary:
;;;
;;; Guile's read.
;;;
;;; Code:

(define-module (scheme read)
  #:re-export (read))

;;; read.scm ends here

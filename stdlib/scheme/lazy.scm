;;; (scheme lazy) --- the R7RS promise library

;;; Commentary:
;;;
;;; Guile's promises already force iteratively, as R7RS asks.
;;;
;;; Code:

(define-module (scheme lazy)
  #:re-export (delay delay-force force make-promise promise?))

;;; lazy.scm ends here

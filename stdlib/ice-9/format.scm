;;; (ice-9 format) --- Common-Lisp-style format

;;; Commentary:
;;;
;;; The formatter is a Python leaf (schemeth/primitives/format.py).  As in
;;; Guile, loading this module also makes it the `format' of the (guile)
;;; module, replacing simple-format there.
;;;
;;; Code:

(define-module (ice-9 format)
  #:use-module ((ice-9 format internal) #:prefix internal-)
  #:re-export (format))

(set! format internal-format)

;;; format.scm ends here

;;; (scheme cxr) --- the R7RS library of three- and four-level car/cdr compositions

;;; Commentary:
;;;
;;; Guile's own.
;;;
;;; Code:

(define-module (scheme cxr)
  #:re-export (caaar caadr cadar caddr cdaar cdadr cddar cdddr
               caaaar caaadr caadar caaddr cadaar cadadr caddar cadddr
               cdaaar cdaadr cdadar cdaddr cddaar cddadr cdddar cddddr))

;;; cxr.scm ends here

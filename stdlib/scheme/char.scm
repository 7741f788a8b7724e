;;; (scheme char) --- the R7RS character library

;;; Commentary:
;;;
;;; Guile's character and string procedures; the Python table for this
;;; module supplies char-foldcase, digit-value and string-foldcase.
;;;
;;; Code:

(define-module (scheme char)
  #:re-export (char-alphabetic? char-ci<=? char-ci<? char-ci=? char-ci>=? char-ci>?
               char-downcase char-lower-case? char-numeric? char-upcase char-upper-case?
               char-whitespace? string-ci<=? string-ci<? string-ci=? string-ci>=? string-ci>?
               string-downcase string-upcase)
  #:export (char-foldcase digit-value string-foldcase))

;;; char.scm ends here

;;; (srfi srfi-13) --- the string library; Guile has all of it built in, so this module is empty.

(define-module (srfi srfi-13))

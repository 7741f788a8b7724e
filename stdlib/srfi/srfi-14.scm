;;; (srfi srfi-14) --- character sets; Guile has all of them built in, so this module is empty.

(define-module (srfi srfi-14))

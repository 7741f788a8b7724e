;;; (srfi srfi-6) --- string ports, built in.

(define-module (srfi srfi-6)
  #:re-export (open-input-string open-output-string get-output-string))

;;; (srfi srfi-8) --- receive, built in.

(define-module (srfi srfi-8)
  #:re-export (receive))

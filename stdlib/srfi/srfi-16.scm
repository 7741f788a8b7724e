;;; (srfi srfi-16) --- case-lambda, built in.

(define-module (srfi srfi-16)
  #:re-export (case-lambda))

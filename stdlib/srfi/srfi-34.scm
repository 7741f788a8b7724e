;;; (srfi srfi-34) --- exception handling for programs, built on the core raise.

(define-module (srfi srfi-34)
  #:re-export (with-exception-handler raise guard))

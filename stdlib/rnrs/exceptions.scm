;;; (rnrs exceptions) --- R6RS exception handling over the core primitives.

(define-module (rnrs exceptions)
  #:re-export (with-exception-handler raise raise-continuable guard))

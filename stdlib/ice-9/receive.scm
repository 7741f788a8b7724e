;;; (ice-9 receive) --- receive multiple values; the form itself is built in.

(define-module (ice-9 receive)
  #:re-export (receive))

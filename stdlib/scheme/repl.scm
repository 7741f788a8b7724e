;;; (scheme repl) --- the R7RS REPL library

;;; Commentary:
;;;
;;; The interaction environment is the current module.
;;;
;;; Code:

(define-module (scheme repl)
  #:re-export (interaction-environment))

;;; repl.scm ends here

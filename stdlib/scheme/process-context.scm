;;; (scheme process-context) --- the R7RS process library

;;; Commentary:
;;;
;;; exit is Guile's; emergency-exit leaves the same way (neither runs the
;;; after-thunks of pending dynamic-winds).  The Python table for this module
;;; supplies get-environment-variables.
;;;
;;; Code:

(define-module (scheme process-context)
  #:re-export (command-line exit)
  #:export (emergency-exit get-environment-variable get-environment-variables))

(define* (emergency-exit #:optional (status #t))
  (exit status))

(define (get-environment-variable name)
  (getenv name))

;;; process-context.scm ends here

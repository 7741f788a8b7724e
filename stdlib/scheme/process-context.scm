;;; (scheme process-context) --- the R7RS process library

;;; Commentary:
;;;
;;; exit is Guile's, which unwinds (running the after-thunks of pending
;;; dynamic-winds, as R7RS asks); emergency-exit leaves at once.  The Python
;;; table for this module supplies get-environment-variables.
;;;
;;; Code:

(define-module (scheme process-context)
  #:re-export (command-line exit)
  #:export (emergency-exit get-environment-variable get-environment-variables))

(define* (emergency-exit #:optional (status #t))
  (primitive-exit status))

(define (get-environment-variable name)
  (getenv name))

;;; process-context.scm ends here

;;; (srfi srfi-98) --- reading environment variables.

(define-module (srfi srfi-98)
  #:use-module ((scheme process-context) #:select (get-environment-variables))
  #:re-export (get-environment-variables)
  #:export (get-environment-variable))

(define (get-environment-variable name)
  (getenv name))

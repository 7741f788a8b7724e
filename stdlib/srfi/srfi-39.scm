;;; (srfi srfi-39) --- parameter objects, built in, and Guile's with-parameters*.

(define-module (srfi srfi-39)
  #:re-export (make-parameter parameterize
               current-input-port current-output-port current-error-port)
  #:export (with-parameters*))

(define (with-parameters* params values thunk)
  "Call THUNK with each parameter of PARAMS bound to the matching element of VALUES."
  (if (null? params)
      (thunk)
      (parameterize (((car params) (car values)))
        (with-parameters* (cdr params) (cdr values) thunk))))

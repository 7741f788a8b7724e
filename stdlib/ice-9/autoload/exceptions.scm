;;; provides: exception-accessor raise-exception
;;; exceptions.scm --- the Scheme part of Guile 3 exception objects

;;; Commentary:
;;;
;;; Exception types, compound exceptions and the conversion of Guile
;;; throws into exception objects are Python leaves (primitives/exceptions.py);
;;; what takes a procedure argument, or keyword arguments, lives here.
;;;
;;; Code:

(define (exception-accessor rtd proc)
  "A procedure applying PROC to the component of an exception that is an RTD."
  (let ((instance? (record-predicate rtd)))
    (lambda (obj)
      (if (instance? obj)
          (proc obj)
          (let lp ((parts (%exception-components obj)))
            (cond ((null? parts)
                   (scm-error 'misc-error #f
                              "object is not an exception of the right type ~S ~S"
                              (list obj rtd) #f))
                  ((instance? (car parts)) (proc (car parts)))
                  (else (lp (cdr parts)))))))))

(define* (raise-exception obj #:key continuable?)
  "Raise OBJ to the current exception handler; with CONTINUABLE?, return what it returns."
  (if continuable?
      (raise-continuable obj)
      (raise obj)))

;;; exceptions.scm ends here

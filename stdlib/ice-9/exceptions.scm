;;; (ice-9 exceptions) --- Guile's standard exception types

;;; Commentary:
;;;
;;; The types themselves are made by primitives/exceptions.py, which needs
;;; them to describe the errors primitives throw; this module gives them
;;; their constructors, predicates and accessors.
;;;
;;; Code:

(define-module (ice-9 exceptions)
  #:re-export (&exception make-exception make-exception-type simple-exceptions exception?
               exception-type? exception-predicate exception-accessor exception-kind
               exception-args &error &programming-error &quit-exception &non-continuable
               raise-exception with-exception-handler raise-continuable guard)
  #:export (define-exception-type
            &message make-exception-with-message exception-with-message? exception-message
            &warning make-warning warning?
            make-error error?
            &external-error make-external-error external-error?
            make-quit-exception quit-exception?
            make-programming-error programming-error?
            &assertion-failure make-assertion-failure assertion-failure?
            &irritants make-exception-with-irritants exception-with-irritants? exception-irritants
            &origin make-exception-with-origin exception-with-origin? exception-origin
            make-non-continuable-error non-continuable-error?
            &implementation-restriction make-implementation-restriction-error
            implementation-restriction-error?
            &lexical make-lexical-error lexical-error?
            &syntax make-syntax-error syntax-error? syntax-error-form syntax-error-subform
            &undefined-variable make-undefined-variable-error undefined-variable-error?))

;; Give an exception type its constructor, predicate and field accessors.
(define-syntax define-exception-type-procedures
  (syntax-rules ()
    ((_ type constructor predicate (field accessor) ...)
     (begin
       (define constructor (record-constructor type))
       (define predicate (exception-predicate type))
       (define accessor (exception-accessor type (record-accessor type 'field)))
       ...))))

;; Define a new exception type inheriting from SUPERTYPE, with its procedures.
(define-syntax define-exception-type
  (syntax-rules ()
    ((_ type supertype constructor predicate (field accessor) ...)
     (begin
       (define type (make-exception-type 'type supertype '(field ...)))
       (define-exception-type-procedures type constructor predicate (field accessor) ...)))))

;; Bind a standard exception type made by the runtime, with its procedures.
(define-syntax define-standard-exception-type
  (syntax-rules ()
    ((_ type constructor predicate (field accessor) ...)
     (begin
       (define type (%exception-type 'type))
       (define-exception-type-procedures type constructor predicate (field accessor) ...)))))

(define-exception-type-procedures &error make-error error?)
(define-exception-type-procedures &programming-error make-programming-error programming-error?)
(define-exception-type-procedures &non-continuable make-non-continuable-error non-continuable-error?)
(define-exception-type-procedures &quit-exception make-quit-exception quit-exception?)
(define-standard-exception-type &assertion-failure make-assertion-failure assertion-failure?)
(define-standard-exception-type &message make-exception-with-message exception-with-message?
  (message exception-message))
(define-standard-exception-type &warning make-warning warning?)
(define-standard-exception-type &external-error make-external-error external-error?)
(define-standard-exception-type &irritants make-exception-with-irritants exception-with-irritants?
  (irritants exception-irritants))
(define-standard-exception-type &origin make-exception-with-origin exception-with-origin?
  (origin exception-origin))
(define-standard-exception-type &implementation-restriction make-implementation-restriction-error
  implementation-restriction-error?)
(define-standard-exception-type &lexical make-lexical-error lexical-error?)
(define-standard-exception-type &syntax make-syntax-error syntax-error?
  (form syntax-error-form) (subform syntax-error-subform))
(define-standard-exception-type &undefined-variable make-undefined-variable-error
  undefined-variable-error?)

;;; exceptions.scm ends here

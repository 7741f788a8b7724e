;;; (srfi srfi-26) --- specializing parameters without currying

;;; Commentary:
;;;
;;; (cut f <> x) is (lambda (a) (f a x)); <...> as the last slot takes
;;; the remaining arguments.  `cute' evaluates the non-slot expressions
;;; once, when the procedure is made.  Both walk the slots left to
;;; right, collecting the parameters and the call's arguments.
;;;
;;; Code:

(define-module (srfi srfi-26)
  #:export (cut cute))

(define-syntax cut
  (syntax-rules ()
    ((_ slot ...) (%cut () () slot ...))))

;; (%cut (param ...) (arg ...) slot ...)
(define-syntax %cut
  (syntax-rules (<> <...>)
    ((_ (param ...) (f arg ...))
     (lambda (param ...) (f arg ...)))
    ((_ (param ...) (f arg ...) <...>)
     (lambda (param ... . rest) (apply f arg ... rest)))
    ((_ (param ...) (arg ...) <> slot ...)
     (%cut (param ... x) (arg ... x) slot ...))
    ((_ (param ...) (arg ...) e slot ...)
     (%cut (param ...) (arg ... e) slot ...))))

(define-syntax cute
  (syntax-rules ()
    ((_ slot ...) (%cute () () () slot ...))))

;; (%cute (binding ...) (param ...) (arg ...) slot ...)
(define-syntax %cute
  (syntax-rules (<> <...>)
    ((_ (binding ...) (param ...) (f arg ...))
     (let (binding ...) (lambda (param ...) (f arg ...))))
    ((_ (binding ...) (param ...) (f arg ...) <...>)
     (let (binding ...) (lambda (param ... . rest) (apply f arg ... rest))))
    ((_ (binding ...) (param ...) (arg ...) <> slot ...)
     (%cute (binding ...) (param ... x) (arg ... x) slot ...))
    ((_ (binding ...) (param ...) (arg ...) e slot ...)
     (%cute (binding ... (t e)) (param ...) (arg ... t) slot ...))))

;;; srfi-26.scm ends here

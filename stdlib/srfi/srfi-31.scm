;;; (srfi srfi-31) --- rec: a recursive procedure or value as an expression.

(define-module (srfi srfi-31)
  #:export (rec))

(define-syntax rec
  (syntax-rules ()
    ((_ (name . formals) body ...)
     (letrec ((name (lambda formals body ...))) name))
    ((_ name expr)
     (letrec ((name expr)) name))))

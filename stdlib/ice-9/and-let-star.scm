;;; (ice-9 and-let-star) --- and-let* (SRFI-2): and with bindings

;;; Commentary:
;;;
;;; A clause is (VAR EXPR), which binds VAR, (EXPR), or a bare VAR; the
;;; first false clause makes the whole form #f.  With no body the value
;;; is that of the last clause (#t when there are no clauses).
;;;
;;; Code:

(define-module (ice-9 and-let-star)
  #:export (and-let*))

(define-syntax and-let*
  (syntax-rules ()
    ((_ ()) #t)
    ((_ () body ...) (let () body ...))
    ((_ ((var expr))) (let ((var expr)) var))
    ((_ ((expr))) expr)
    ((_ (var)) var)
    ((_ ((var expr) clause ...) body ...)
     (let ((var expr)) (if var (and-let* (clause ...) body ...) #f)))
    ((_ ((expr) clause ...) body ...)
     (if expr (and-let* (clause ...) body ...) #f))
    ((_ (var clause ...) body ...)
     (if var (and-let* (clause ...) body ...) #f))))

;;; and-let-star.scm ends here

;;; (ice-9 optargs) --- optional and keyword arguments taken apart by hand

;;; Commentary:
;;;
;;; lambda* and define* are built in.  let-optional and let-optional*
;;; bind optional values from a rest list the way lambda*'s #:optional
;;; does (each default sees the variables before it, extra values are
;;; ignored), so both are one apply of a lambda*.  let-keywords evaluates
;;; its defaults in the outer scope, let-keywords* sees the earlier
;;; variables; their key parsing and errors are Guile's own, which differ
;;; from lambda*'s.  A binding is (VAR DEFAULT) or VAR, which defaults to
;;; #f.
;;;
;;; defmacro* and defmacro*-public are not provided: they need procedural
;;; macros, and schemeth's macros are syntax-rules only.
;;;
;;; Code:

(define-module (ice-9 optargs)
  #:re-export (lambda* define*)
  #:export (let-optional let-optional* let-keywords let-keywords* define*-public))

(define-syntax let-optional
  (syntax-rules ()
    ((_ rest (binding ...) body ...)
     (apply (lambda* (#:optional binding ... . ignored) body ...) (list-copy rest)))))

(define-syntax let-optional*
  (syntax-rules ()
    ((_ rest (binding ...) body ...)
     (let-optional rest (binding ...) body ...))))

(define (parse-keywords args allow-other-keys? names)
  "The alist (NAME . VALUE) of the keywords in ARGS, the last occurrence first."
  (let loop ((l args) (given '()))
    (cond ((null? l) given)
          ((not (keyword? (car l))) (error "sth" l))
          ((and (pair? (cdr l)) (memq (keyword->symbol (car l)) names))
           (loop (cddr l) (cons (cons (keyword->symbol (car l)) (cadr l)) given)))
          ((and allow-other-keys? (pair? (cdr l))) (loop (cddr l) given))
          (else (throw 'keyword-argument-error #f "Unrecognized keyword" '() l)))))

(define (keyword-value given name default)
  (let ((entry (assq name given)))
    (if entry (cdr entry) (default))))

(define-syntax binding-name
  (syntax-rules ()
    ((_ (var default)) 'var)
    ((_ var) 'var)))

;; (keyword-let let-form given (binding ...) (let-binding ...) body ...)
(define-syntax keyword-let
  (syntax-rules ()
    ((_ let-form given () (done ...) body ...)
     (let-form (done ...) body ...))
    ((_ let-form given ((var default) more ...) (done ...) body ...)
     (keyword-let let-form given (more ...)
                  (done ... (var (keyword-value given 'var (lambda () default)))) body ...))
    ((_ let-form given (var more ...) (done ...) body ...)
     (keyword-let let-form given (more ...)
                  (done ... (var (keyword-value given 'var (lambda () #f)))) body ...))))

(define-syntax let-keywords
  (syntax-rules ()
    ((_ rest allow-other-keys? (binding ...) body ...)
     (let ((given (parse-keywords rest allow-other-keys? (list (binding-name binding) ...))))
       (keyword-let let given (binding ...) () body ...)))))

(define-syntax let-keywords*
  (syntax-rules ()
    ((_ rest allow-other-keys? (binding ...) body ...)
     (let ((given (parse-keywords rest allow-other-keys? (list (binding-name binding) ...))))
       (keyword-let let* given (binding ...) () body ...)))))

(define-syntax define*-public
  (syntax-rules ()
    ((_ (name . formals) body ...)
     (begin (define* (name . formals) body ...) (export name)))
    ((_ name value)
     (begin (define name value) (export name)))))

;;; optargs.scm ends here

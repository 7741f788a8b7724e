;;; hooks.scm --- Guile's hooks, loaded on first use
;;; provides: make-hook hook? hook-empty? add-hook! remove-hook! reset-hook! run-hook hook->list

;;; Commentary:
;;;
;;; A hook is a list of procedures of the same arity, run in order by
;;; `run-hook'.  `add-hook!' puts a procedure first, or last when asked.
;;;
;;; Code:

(define <hook> (make-record-type 'hook '(arity procedures)))
(define %make-hook (record-constructor <hook>))
(define hook? (record-predicate <hook>))
(define hook-procedures (record-accessor <hook> 'procedures))
(define set-hook-procedures! (record-modifier <hook> 'procedures))

(define* (make-hook #:optional (arity 0))
  "A new, empty hook whose procedures take ARITY arguments."
  (%make-hook arity '()))

(define (hook-empty? hook)
  "Whether HOOK has no procedures."
  (null? (hook-procedures hook)))

(define* (add-hook! hook proc #:optional append?)
  "Add PROC to HOOK, first (or last with APPEND?); a procedure already there moves."
  (let ((others (delq proc (hook-procedures hook))))
    (set-hook-procedures! hook (if append? (append others (list proc)) (cons proc others)))))

(define (remove-hook! hook proc)
  "Take PROC out of HOOK."
  (set-hook-procedures! hook (delq proc (hook-procedures hook))))

(define (reset-hook! hook)
  "Take every procedure out of HOOK."
  (set-hook-procedures! hook '()))

(define (run-hook hook . args)
  "Call each procedure of HOOK, in order, with ARGS."
  (for-each (lambda (proc) (apply proc args)) (hook-procedures hook)))

(define (hook->list hook)
  "The procedures of HOOK, in the order they run."
  (list-copy (hook-procedures hook)))

;;; hooks.scm ends here

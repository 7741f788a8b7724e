;;; (srfi srfi-9) --- defining record types

;;; Commentary:
;;;
;;; `define-record-type' expands into definitions whose values come from
;;; the record leaves of the (guile) module: the type descriptor, then a
;;; constructor, predicate, accessors and modifiers made for it.
;;;
;;; Code:

(define-module (srfi srfi-9)
  #:export (define-record-type))

;; Define a record type with its constructor, predicate, accessors and modifiers.
(define-syntax define-record-type
  (syntax-rules ()
    ((_ type (constructor constructor-field ...) predicate (field accessor . modifier) ...)
     (begin
       (define type (%srfi-9-type 'type '(field ...)))
       (define constructor (%srfi-9-constructor type 'constructor '(constructor-field ...)))
       (define predicate (%srfi-9-predicate type 'predicate))
       (%define-record-field type (field accessor . modifier))
       ...))))

;; Define the accessor of one field, and its modifier if it has one.
(define-syntax %define-record-field
  (syntax-rules ()
    ((_ type (field accessor))
     (define accessor (%srfi-9-accessor type 'field 'accessor)))
    ((_ type (field accessor modifier))
     (begin
       (define accessor (%srfi-9-accessor type 'field 'accessor))
       (define modifier (%srfi-9-modifier type 'field 'modifier))))))

;;; srfi-9.scm ends here

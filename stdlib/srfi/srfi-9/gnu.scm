;;; (srfi srfi-9 gnu) --- Guile's extensions to SRFI-9 records

;;; Commentary:
;;;
;;; Custom printers, immutable record types with functional setters, and
;;; `set-field'/`set-fields' for copying a record with nested fields
;;; replaced.  A custom printer is a Scheme procedure called by the Python
;;; printer in a nested run of the machine: a continuation captured inside
;;; it cannot escape the printing.
;;;
;;; Code:

(define-module (srfi srfi-9 gnu)
  #:use-module (srfi srfi-9)
  #:export (set-record-type-printer! define-immutable-record-type set-field set-fields))

(define (set-record-type-printer! type printer)
  "Print instances of TYPE by calling (PRINTER record port)."
  (%set-record-type-printer! type printer))

;; Define a record type whose setters return an updated copy.
(define-syntax define-immutable-record-type
  (syntax-rules ()
    ((_ type (constructor constructor-field ...) predicate (field accessor . setter) ...)
     (begin
       (define type (%srfi-9-type 'type '(field ...)))
       (define constructor (%srfi-9-constructor type 'constructor '(constructor-field ...)))
       (define predicate (%srfi-9-predicate type 'predicate))
       (%define-immutable-field type (field accessor . setter))
       ...))))

;; Define the accessor of one field, and its functional setter if it has one.
(define-syntax %define-immutable-field
  (syntax-rules ()
    ((_ type (field accessor))
     (define accessor (%srfi-9-accessor type 'field 'accessor)))
    ((_ type (field accessor setter))
     (begin
       (define accessor (%srfi-9-accessor type 'field 'accessor))
       (define setter (%srfi-9-functional-setter type 'field 'setter))))))

;; A copy of RECORD with the field reached through the accessors replaced by VALUE.
(define-syntax set-field
  (syntax-rules ()
    ((_ record (accessor) value)
     (%record-set-field record accessor value))
    ((_ record (accessor more ...) value)
     (let ((r record))
       (%record-set-field r accessor (set-field (accessor r) (more ...) value))))))

;; A copy of RECORD with several (possibly nested) fields replaced.
(define-syntax set-fields
  (syntax-rules ()
    ((_ record) record)
    ((_ record (path value) more ...)
     (set-fields (set-field record path value) more ...))))

;;; gnu.scm ends here

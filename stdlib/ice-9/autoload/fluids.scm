;;; fluids.scm --- Guile's fluids, loaded on first use
;;; provides: make-fluid make-unbound-fluid fluid? fluid-ref fluid-set! fluid-unset! fluid-bound?
;;; provides: with-fluid* with-fluids* with-fluids

;;; Commentary:
;;;
;;; A fluid is a dynamically bound cell: `with-fluids' gives it a value for
;;; the extent of a body, and `fluid-set!' changes the innermost binding.
;;; That is exactly a parameter without a converter, so a fluid wraps one
;;; (parameterize's machinery keeps bindings right across continuations).
;;;
;;; Code:

(define <fluid> (make-record-type 'fluid '(parameter)))
(define %make-fluid (record-constructor <fluid>))
(define fluid? (record-predicate <fluid>))
(define %fluid-parameter (record-accessor <fluid> 'parameter))

;; The value of a fluid that has none.
(define unbound-marker (list 'unbound))

(define* (make-fluid #:optional (default #f))
  "A new fluid whose value is DEFAULT where it is not bound."
  (%make-fluid (make-parameter default)))

(define (make-unbound-fluid)
  "A new fluid without a value (fluid-ref of it is an error until it is set)."
  (%make-fluid (make-parameter unbound-marker)))

(define (fluid-parameter fluid who)
  (if (fluid? fluid)
      (%fluid-parameter fluid)
      (scm-error 'wrong-type-arg who "Wrong type argument in position ~A (expecting ~A): ~S"
                 (list 1 "fluid" fluid) (list fluid))))

(define (fluid-ref fluid)
  "The value of FLUID in the current dynamic extent."
  (let ((value ((fluid-parameter fluid "fluid-ref"))))
    (if (eq? value unbound-marker)
        (scm-error 'misc-error "fluid-ref" "Unbound variable: ~S" (list fluid) #f)
        value)))

(define (fluid-set! fluid value)
  "Change FLUID's innermost binding to VALUE."
  ((fluid-parameter fluid "fluid-set!") value))

(define (fluid-unset! fluid)
  "Make FLUID's innermost binding unbound."
  ((fluid-parameter fluid "fluid-unset!") unbound-marker))

(define (fluid-bound? fluid)
  "Whether FLUID has a value."
  (not (eq? ((fluid-parameter fluid "fluid-bound?")) unbound-marker)))

(define (with-fluids* fluids values thunk)
  "Call THUNK with each of FLUIDS bound to the matching element of VALUES."
  (%parameterize (map (lambda (f) (fluid-parameter f "with-fluids*")) fluids) values thunk))

(define (with-fluid* fluid value thunk)
  "Call THUNK with FLUID bound to VALUE."
  (with-fluids* (list fluid) (list value) thunk))

(define-syntax-rule (with-fluids ((fluid value) ...) body body* ...)
  (with-fluids* (list fluid ...) (list value ...) (lambda () body body* ...)))

;;; fluids.scm ends here

;;; (conf base) --- exports, private helpers and macros for 43-modules.scm

(define-module (conf base)
  #:export (shout twice counter bump! (internal-name . public-name) make-getter-of)
  #:export-syntax (with-helper my-or define-getter))

(define (%helper x)
  (list 'helped x))

(define-syntax-rule (with-helper x)
  (%helper x))

(define-syntax my-or
  (syntax-rules ()
    ((_) #f)
    ((_ e) e)
    ((_ e r ...) (let ((t e)) (if t t (my-or r ...))))))

;; Expands to a definition in the module that uses it.
(define-syntax-rule (define-getter name value)
  (define (name) (make-getter-of value)))

(define (make-getter-of v) (list 'got v))
(define (shout s) (string-append s "!"))
(define (twice x) (* 2 x))
(define counter 0)
(define (bump!) (set! counter (+ counter 1)) counter)
(define (internal-name) 'internal)
(define-public (publicly x) (list 'public x))
(define later-exported 'later)
(export later-exported)

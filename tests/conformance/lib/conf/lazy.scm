(define-module (conf lazy)
  #:export (lazy-f lazy-g))

(display "loading (conf lazy)\n")
(define (lazy-f) 'lazy-f)
(define (lazy-g) 'lazy-g)

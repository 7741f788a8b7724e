(define-module (conf autouser)
  #:autoload (conf lazy) (lazy-f)
  #:export (call-lazy lazy-g-visible?))

(display "loading (conf autouser)\n")
(define (call-lazy) (lazy-f))
(define (lazy-g-visible?) (defined? 'lazy-g))

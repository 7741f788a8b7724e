(define-module (conf reexport)
  #:use-module ((conf base) #:select (shout))
  #:re-export (shout)
  #:export (loud))

(define (loud s) (shout (shout s)))

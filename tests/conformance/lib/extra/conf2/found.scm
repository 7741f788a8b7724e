(define-module (conf2 found)
  #:export (found-via))

(define found-via 'add-to-load-path)

(define included-value 'included)
(define (included-proc) (list included-value 'proc))

(define child-value 'child)
(load "sibling.scm")

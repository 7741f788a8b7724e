;;; (ice-9 curried-definitions) --- schemeth's core define already accepts curried forms.

(define-module (ice-9 curried-definitions)
  #:re-export (define define-public))

;;; modules.scm --- procedures over modules, loaded on first use
;;; provides: module-for-each module-map symbol-prefix-proc save-module-excursion

;;; Commentary:
;;;
;;; The walkers call a procedure per binding, so they are Scheme over the
;;; `%module-bindings' leaf, which lists a module's own bindings (or an
;;; interface's exported ones).
;;;
;;; Code:

(define (module-for-each proc module)
  "Call (PROC name variable) for each binding of MODULE."
  (for-each (lambda (b) (proc (car b) (cdr b))) (%module-bindings module)))

(define (module-map proc module)
  "The list of (PROC name variable) for each binding of MODULE."
  (map (lambda (b) (proc (car b) (cdr b))) (%module-bindings module)))

(define (symbol-prefix-proc prefix)
  "A renamer that puts PREFIX in front of a symbol, for #:renamer."
  (lambda (sym) (symbol-append prefix sym)))

(define (save-module-excursion thunk)
  "Call THUNK; whatever module it makes current, the current module is restored afterwards."
  (let ((saved (current-module)))
    (dynamic-wind
      (lambda () #t)
      thunk
      (lambda () (set-current-module saved)))))

;;; modules.scm ends here

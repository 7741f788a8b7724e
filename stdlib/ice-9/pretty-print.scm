;;; (ice-9 pretty-print) --- printing data laid out over several lines

;;; Commentary:
;;;
;;; The layout is computed by the `%pretty-print' leaf
;;; (primitives/prettyprint.py), which follows Guile's generic-write
;;; algorithm; this module only parses the arguments (by hand, because
;;; the port may come either positionally or as #:port).
;;;
;;; Code:

(define-module (ice-9 pretty-print)
  #:export (pretty-print))

(define (pretty-print obj . args)
  "Write OBJ to PORT, splitting it over lines at most WIDTH columns wide.
The port may also come right after OBJ; the keywords are #:port, #:width
(79), #:max-expr-width (50), #:display? (#f) and #:per-line-prefix (\"\")."
  (let* ((port* (and (pair? args) (not (keyword? (car args))) (car args)))
         (options (if port* (cdr args) args)))
    (define (option key default)
      (let lp ((l options))
        (cond ((or (null? l) (null? (cdr l))) default)
              ((eq? (car l) key) (cadr l))
              (else (lp (cddr l))))))
    (%pretty-print obj
                   (option #:port (or port* (current-output-port)))
                   (option #:width 79)
                   (option #:max-expr-width 50)
                   (option #:display? #f)
                   (option #:per-line-prefix ""))))

;;; pretty-print.scm ends here

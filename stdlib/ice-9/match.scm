;;; (ice-9 match) --- Wright-style pattern matching

;;; Commentary:
;;;
;;; The matcher is a family of syntax-rules macros written in
;;; continuation-passing style.  `%match-pattern' matches the value of a
;;; variable against one pattern; on success it expands its success
;;; continuation, a macro call to which it appends the list of pattern
;;; variables bound so far (so that a variable seen twice is compared with
;;; `equal?'), and on failure it evaluates the failure expression, always a
;;; call of a thunk, so that it can be copied freely.
;;;
;;; Syntax-rules cannot test whether a pattern element is an identifier or
;;; whether two identifiers are the same; `%match-if-identifier' and
;;; `%match-if-bound' find out by building a one-off macro whose pattern
;;; contains the element.  The ellipsis of these macros is `:::', so that
;;; the `...' of match patterns is an ordinary literal.
;;;
;;; Code:

(define-module (ice-9 match)
  #:export (match match-lambda match-lambda* match-let match-let* match-letrec))

;;; Run-time helpers

(define (%match-error v)
  (throw 'match-error "match" "no matching pattern" v))

(define (%match-pair-count x)
  "The number of pairs in the spine of X."
  (let lp ((x x) (n 0))
    (if (pair? x) (lp (cdr x) (+ n 1)) n)))

(define (%match-columns rows n)
  "Transpose ROWS, a list of lists of N values, into N lists."
  (let lp ((i 0) (rows rows) (columns '()))
    (if (= i n)
        (reverse! columns)
        (lp (+ i 1) (map cdr rows) (cons (map car rows) columns)))))

(define (%match-record-fields v rtd n)
  "The first N fields of V if it is a record of type RTD exactly, else #f."
  (and (record? v)
       (eq? (record-type-descriptor v) rtd)
       (list-head (%record-values v) n)))

;;; Entry points

(define-syntax match
  (syntax-rules ()
    ((_ e clause ...)
     (let ((v e))
       (%match-clauses v clause ...)))))

(define-syntax match-lambda
  (syntax-rules ()
    ((_ clause ...) (lambda (x) (match x clause ...)))))

(define-syntax match-lambda*
  (syntax-rules ()
    ((_ clause ...) (lambda x (match x clause ...)))))

(define-syntax match-let
  (syntax-rules ()
    ((_ name ((pat e) ...) body ...)
     (%match-named-let name () () ((pat e) ...) (body ...)))
    ((_ ((pat e)) body ...)
     (match e (pat (let () body ...))))
    ((_ ((pat e) ...) body ...)
     (match (list e ...) ((pat ...) (let () body ...))))))

;; (%match-named-let name ((tmp e) ...) ((pat tmp) ...) ((pat e) ...) (body ...)):
;; give each pattern a temporary to be the loop variable.
(define-syntax %match-named-let
  (syntax-rules ()
    ((_ name (binding ...) (match-binding ...) () (body ...))
     (let name (binding ...)
       (match-let (match-binding ...) body ...)))
    ((_ name (binding ...) (match-binding ...) ((pat e) more ...) (body ...))
     (%match-named-let name (binding ... (tmp e)) (match-binding ... (pat tmp)) (more ...) (body ...)))))

(define-syntax match-let*
  (syntax-rules ()
    ((_ () body ...) (let () body ...))
    ((_ ((pat e) binding ...) body ...)
     (match e (pat (match-let* (binding ...) body ...))))))

(define-syntax match-letrec
  (syntax-rules ()
    ((_ ((pat e) ...) body ...)
     (%match-vars ((pat ...)) () (%match-letrec ((pat e) ...) (body ...))))))

(define-syntax %match-letrec
  (syntax-rules ::: ()
    ((_ ((pat e) :::) (body :::) (x :::))
     (let ((x #f) :::)
       (let ((vals (match (list e :::) ((pat :::) (list x :::)))))
         (%match-set-all! (x :::) vals)
         (let () body :::))))))

(define-syntax %match-set-all!
  (syntax-rules ()
    ((_ () vals) #t)
    ((_ (x . xs) vals)
     (let ((l vals))
       (set! x (car l))
       (%match-set-all! xs (cdr l))))))

;;; Clauses

(define-syntax %match-clauses
  (syntax-rules (=>)
    ((_ v) (%match-error v))
    ((_ v (pat (=> k) body ...) clause ...)
     (let ((k (lambda () (%match-clauses v clause ...))))
       (%match-pattern v pat (%match-body (let () body ...)) (k) ())))
    ((_ v (pat body ...) clause ...)
     (let ((fail (lambda () (%match-clauses v clause ...))))
       (%match-pattern v pat (%match-body (let () body ...)) (fail) ())))))

(define-syntax %match-body
  (syntax-rules ()
    ((_ body ids) body)))

;;; One pattern: (%match-pattern var pattern (success-macro arg ...) failure bound-ids)

(define-syntax %match-pattern
  (syntax-rules ::: (_ quote quasiquote ? = and or not $ set! get! ... ___ ..1)
    ((_ v _ (sk :::) fk ids) (sk ::: ids))
    ((_ v (quote d) (sk :::) fk ids) (if (equal? v 'd) (sk ::: ids) fk))
    ((_ v (quasiquote qp) sk fk ids) (%match-quasi qp (%match-pattern-k v sk fk ids)))
    ((_ v (? pred p :::) sk fk ids) (if (pred v) (%match-pattern v (and p :::) sk fk ids) fk))
    ((_ v (= f p) sk fk ids) (let ((w (f v))) (%match-pattern w p sk fk ids)))
    ((_ v (and) (sk :::) fk ids) (sk ::: ids))
    ((_ v (and p q :::) sk fk ids) (%match-pattern v p (%match-pattern v (and q :::) sk fk) fk ids))
    ((_ v (or) sk fk ids) fk)
    ((_ v (or p) sk fk ids) (%match-pattern v p sk fk ids))
    ((_ v (or p q :::) sk fk ids)
     (let ((next (lambda () (%match-pattern v (or q :::) sk fk ids))))
       (%match-pattern v p sk (next) ids)))
    ((_ v (not p) (sk :::) fk ids)
     (let ((succeed (lambda () (sk ::: ids))))
       (%match-pattern v p (%match-body fk) (succeed) ids)))
    ((_ v ($ rtd p :::) sk fk ids)
     (let ((fields (%match-record-fields v rtd (%match-pair-count '(p :::)))))
       (if fields (%match-pattern fields (p :::) sk fk ids) fk)))
    ((_ v ((set! id) . q) sk fk ids)
     (if (pair? v)
         (let ((id (lambda (x) (set-car! v x))) (d (cdr v)))
           (%match-pattern d q sk fk (id . ids)))
         fk))
    ((_ v ((get! id) . q) sk fk ids)
     (if (pair? v)
         (let ((id (lambda () (car v))) (d (cdr v)))
           (%match-pattern d q sk fk (id . ids)))
         fk))
    ((_ v (p ... . tail) sk fk ids) (%match-vars (p) () (%match-ellipsis v p tail 0 sk fk ids)))
    ((_ v (p ___ . tail) sk fk ids) (%match-vars (p) () (%match-ellipsis v p tail 0 sk fk ids)))
    ((_ v (p ..1 . tail) sk fk ids) (%match-vars (p) () (%match-ellipsis v p tail 1 sk fk ids)))
    ((_ v (p . q) sk fk ids)
     (if (pair? v)
         (let ((a (car v)) (d (cdr v)))
           (%match-pattern a p (%match-pattern d q sk fk) fk ids))
         fk))
    ((_ v () (sk :::) fk ids) (if (null? v) (sk ::: ids) fk))
    ((_ v #(p :::) sk fk ids)
     (if (vector? v)
         (let ((l (vector->list v)))
           (%match-pattern l (p :::) sk fk ids))
         fk))
    ((_ v x sk fk ids)
     (%match-if-identifier x
       (%match-if-bound x ids
         (%match-same v x sk fk ids)
         (%match-bind v x sk ids))
       (%match-same v 'x sk fk ids)))))

(define-syntax %match-pattern-k
  (syntax-rules ()
    ((_ v sk fk ids pat) (%match-pattern v pat sk fk ids))))

(define-syntax %match-same
  (syntax-rules ::: ()
    ((_ v x (sk :::) fk ids) (if (equal? v x) (sk ::: ids) fk))))

(define-syntax %match-bind
  (syntax-rules ::: ()
    ((_ v x (sk :::) ids) (let ((x v)) (sk ::: (x . ids))))))

;; (p ... . tail): match P against as many elements as leave one for each
;; pair of TAIL, collecting the values of P's variables in lists.
(define-syntax %match-ellipsis
  (syntax-rules ::: ()
    ((_ v p tail min sk fk ids (x :::))
     (let ((n (- (%match-pair-count v) (%match-pair-count 'tail))))
       (if (< n min)
           fk
           (let loop ((l v) (i n) (rows '()))
             (if (= i 0)
                 (apply (lambda (x :::) (%match-pattern l tail sk fk (x ::: . ids)))
                        (%match-columns (reverse rows) (%match-pair-count '(x :::))))
                 (let ((e (car l)))
                   (%match-pattern e p (%match-row (loop (cdr l) (- i 1)) rows (x :::)) fk ())))))))))

(define-syntax %match-row
  (syntax-rules ::: ()
    ((_ (loop arg :::) rows (x :::) ids) (loop arg ::: (cons (list x :::) rows)))))

;;; Quasi-patterns become ordinary patterns: (%match-quasi qp (k arg ...)) => (k arg ... pattern).
;;; As in Guile, an ellipsis inside a quasi-pattern does not repeat the
;;; element before it: it stands for one element that is a proper list.

(define-syntax %match-quasi
  (syntax-rules ::: (unquote ... ___ ..1)
    ((_ (unquote p) (k :::)) (k ::: p))
    ((_ ... (k :::)) (k ::: (_ ...)))
    ((_ ___ (k :::)) (k ::: (_ ___)))
    ((_ ..1 (k :::)) (k ::: (_ ..1)))
    ((_ (a . b) k) (%match-quasi a (%match-quasi-cdr b k)))
    ((_ #(a :::) k) (%match-quasi (a :::) (%match-quasi-vector k)))
    ((_ () (k :::)) (k ::: ()))
    ((_ d (k :::)) (k ::: 'd))))

(define-syntax %match-quasi-cdr
  (syntax-rules ()
    ((_ b k pa) (%match-quasi b (%match-quasi-cons pa k)))))

(define-syntax %match-quasi-cons
  (syntax-rules ::: ()
    ((_ pa (k :::) pb) (k ::: (pa . pb)))))

(define-syntax %match-quasi-vector
  (syntax-rules ::: ()
    ((_ (k :::) (p :::)) (k ::: #(p :::)))))

;;; The variables of patterns: (%match-vars (pattern ...) (var ...) (k arg ...)) => (k arg ... (var ...))

(define-syntax %match-vars
  (syntax-rules ::: (_ quote quasiquote ? = and or not $ set! get! ... ___ ..1)
    ((_ () vars (k :::)) (k ::: vars))
    ((_ (_ . rest) vars k) (%match-vars rest vars k))
    ((_ (... . rest) vars k) (%match-vars rest vars k))
    ((_ (___ . rest) vars k) (%match-vars rest vars k))
    ((_ (..1 . rest) vars k) (%match-vars rest vars k))
    ((_ ((quote d) . rest) vars k) (%match-vars rest vars k))
    ((_ ((quasiquote qp) . rest) vars k) (%match-quasi qp (%match-vars-k rest vars k)))
    ((_ ((? pred p :::) . rest) vars k) (%match-vars (p ::: . rest) vars k))
    ((_ ((= f p) . rest) vars k) (%match-vars (p . rest) vars k))
    ((_ ((and p :::) . rest) vars k) (%match-vars (p ::: . rest) vars k))
    ((_ ((or) . rest) vars k) (%match-vars rest vars k))
    ((_ ((or p q :::) . rest) vars k) (%match-vars (p . rest) vars k))
    ((_ ((not p) . rest) vars k) (%match-vars rest vars k))
    ((_ (($ rtd p :::) . rest) vars k) (%match-vars (p ::: . rest) vars k))
    ((_ ((set! id) . rest) (var :::) k) (%match-vars rest (var ::: id) k))
    ((_ ((get! id) . rest) (var :::) k) (%match-vars rest (var ::: id) k))
    ((_ ((a . b) . rest) vars k) (%match-vars (a b . rest) vars k))
    ((_ (#(p :::) . rest) vars k) (%match-vars (p ::: . rest) vars k))
    ((_ (x . rest) (var :::) k)
     (%match-if-identifier x
       (%match-if-bound x (var :::)
         (%match-vars rest (var :::) k)
         (%match-vars rest (var ::: x) k))
       (%match-vars rest (var :::) k)))))

(define-syntax %match-vars-k
  (syntax-rules ()
    ((_ rest vars k pat) (%match-vars (pat . rest) vars k))))

;;; Identifier tests

(define-syntax %match-if-identifier
  (syntax-rules ::: ()
    ((_ (a . b) then else) else)
    ((_ #(a :::) then else) else)
    ((_ x then else)
     (let-syntax ((test (syntax-rules () ((_ x %then %else) %then) ((_ %other %then %else) %else))))
       (test %match-probe then else)))))

(define-syntax %match-if-bound
  (syntax-rules ()
    ((_ x () then else) else)
    ((_ x (y . ys) then else)
     (let-syntax ((test (syntax-rules (y) ((_ y %then %else) %then) ((_ %other %then %else) %else))))
       (test x then (%match-if-bound x ys then else))))))

;;; match.scm ends here

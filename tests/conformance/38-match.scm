;; (ice-9 match): Wright-style pattern matching.

(use-modules (ice-9 match) (srfi srfi-9))

(define (show label x)
  (display label) (display ": ") (write x) (newline))

;;; Basic patterns

(show "list" (match '(1 2) ((a b) (list b a))))
(show "wildcard" (match '(1 2 3) ((_ b _) b)))
(show "literals" (list (match "abc" ("abc" 'string)) (match #f (#f 'false)) (match #\a (#\a 'char))
                       (match 42 (42 'number)) (match #:k (#:k 'keyword)) (match '() (() 'empty))))
(show "quote" (match 'foo ('foo 'quoted)))
(show "symbol is a variable" (match 'foo (foo foo)))
(show "dotted" (match '(1 . 2) ((a . b) (list a b))))
(show "rest" (match '(1 2 3) ((a . rest) rest)))
(show "first clause wins" (match 3 ((? odd?) 'odd) ((? number?) 'number)))
(show "deep" (match '(1 (2 (3 (4)))) ((a (b (c (d)))) (+ a b c d))))
(show "vector" (match #(1 2 3) (#(a b c) (list c b a))))
(show "vector mismatch" (match #(1 2) (#(a b c) 'three) (#(a b) 'two)))
(show "string pattern in list" (match '("a" 1) (("a" n) n)))
(show "number pattern in list" (match '(1 2) ((1 n) n)))
(show "repeated variable" (list (match '(1 1) ((a a) 'same) (_ 'different))
                                (match '(1 2) ((a a) 'same) (_ 'different))))
(show "repeated variable equal?" (match '((1 2) (1 2)) ((a a) a) (_ 'no)))
(show "variable names" (match '(1 2 3) ((t e z) (list t e z))))

;;; Ellipses

(show "ellipsis" (match '(1 2 3) ((x ...) x)))
(show "ellipsis empty" (match '() ((x ...) x)))
(show "ellipsis tail" (match '(1 2 3 4) ((a ... b c) (list a b c))))
(show "ellipsis of lists" (match '((a 1) (b 2)) (((k v) ...) (list k v))))
(show "nested ellipses" (match '((1 2) (3 4 5)) (((a b ...) ...) (list a b))))
(show "..1" (list (match '() ((a ..1) a) (_ 'none)) (match '(1) ((a ..1) a) (_ 'none))))
(show "___" (match '(1 2 3) ((x ___) x)))
(show "ellipsis improper fails" (match '(1 2 . 3) ((x ...) x) (_ 'improper)))
(show "ellipsis with predicate" (match '(1 2 3) (((? number? n) ...) n)))
(show "ellipsis predicate fails" (match '(1 a 3) (((? number? n) ...) n) (_ 'not-all-numbers)))
(show "vector ellipsis" (match #(1 2 3) (#(a b ...) (list a b))))
(show "long list" (match (iota 1000) ((a ... b) b)))
(show "repeated in tail" (match '(1 2 3 3) ((a ... b b) (list a b)) (_ 'no)))

;;; Compound patterns

(show "and" (match '(1 2) ((and l (a b)) (list l a b))))
(show "or" (match '(2 x) ((or (1 a) (2 a)) a)))
(show "or no match" (match 3 ((or 1 2) 'small) (_ 'big)))
(show "not" (list (match 5 ((not 6) 'not-six)) (match 6 ((not 6) 'not-six) (_ 'six))))
(show "not inside" (match '(1 2) ((a (not 1)) a)))
(show "?" (match 5 ((? number? n) n)))
(show "? several patterns" (match '(1 2) ((? pair? (a . _) (_ b)) (list a b))))
(show "=" (match '(1 2) ((= length n) n)))
(show "= then pattern" (match '(3 4) ((= (lambda (l) (apply + l)) (? odd? s)) s)))
(show "quasi-pattern" (match '(f 1 2 3) (`(f ,a ,b ,c) (list a b c))))
(show "quasi-pattern rest" (match '(f 1 2 3) (`(f . ,r) r)))
(show "quasi-pattern literal mismatch" (match '(f 1) (`(g ,a) a) (_ 'no)))
(show "quasi-pattern vector" (match #(f 1) (`#(f ,a) a)))
(show "quasi-pattern nested" (match '(let ((x 1)) body) (`(let ((,n ,v)) ,b) (list n v b))))
(show "set!" (let ((p (list 1 2))) (match p ((a (set! s)) (s 10))) p))
(show "get!" (let ((p (list 1 2))) (match p ((a (get! g)) (g)))))
(define-record-type point (make-point x y) point? (x point-x) (y point-y))
(show "$" (match (make-point 1 2) (($ point a b) (list a b))))
(show "$ partial" (match (make-point 1 2) (($ point a) a)))
(show "$ mismatch" (match 5 (($ point a b) (list a b)) (_ 'no)))

;;; Clauses and failure

(show "=> failure continuation" (match 5 (x (=> next) (if (> x 3) (next) 'small)) (_ 'fallthrough)))
(show "=> not called" (match 2 (x (=> next) (if (> x 3) (next) 'small)) (_ 'fallthrough)))
(show "body with definitions" (match 5 (x (define y (* x 2)) y)))
(show "body sequence" (match 5 (x (display "[side effect]") x)))
(show "no match" (catch #t (lambda () (match 5 ((a b) a))) (lambda args args)))
(show "no match list" (catch #t (lambda () (match '(1 2 3) (1 'x))) (lambda args args)))
(show "tree walk" (let walk ((t '(1 (2 3) (4 (5)))))
                    (match t
                      ((? number? n) n)
                      ((a . b) (+ (walk a) (walk b)))
                      (() 0))))

;;; Binding forms

(show "match-lambda" (map (match-lambda ((? string?) 'str) ((? symbol?) 'sym) (_ 'other)) '("a" b 3)))
(show "match-lambda no match" (catch #t (lambda () ((match-lambda (1 'one)) 2)) (lambda args args)))
(show "match-lambda*" ((match-lambda* ((a) 'one) ((a b) 'two) (_ 'many)) 1 2))
(show "match-lambda* no match" (catch #t (lambda () ((match-lambda* ((1) 'one)) 2 3)) (lambda args args)))
(show "match-let" (match-let (((a b) '(1 2)) (#(c d) #(3 4))) (list a b c d)))
(show "match-let one" (match-let (((a . b) '(1 2))) (list a b)))
(show "match-let no match" (catch #t (lambda () (match-let (((a b) '(1))) a)) (lambda args args)))
(show "match-let*" (match-let* (((a b) '(1 2)) ((c) (list (+ a b)))) (list a b c)))
(show "match-letrec" (match-letrec ((fact (lambda (n) (if (= n 0) 1 (* n (fact (- n 1))))))) (fact 5)))
(show "named match-let" (match-let loop (((a . b) '(1 2 3)) (acc 0))
                          (if (null? b) (+ a acc) (loop b (+ a acc)))))
(define-syntax first-of
  (syntax-rules ()
    ((_ l) (match l ((x . _) x)))))
(show "inside a macro" (first-of '(9 8)))

;;; Hygiene and corner cases

(show "hygiene: variables named car, cdr, pair?, null?" (match '((1 2) (3 4)) (((car cdr) (pair? null?)) (vector car cdr pair? null?))))
(show "hygiene: variables named equal? and reverse" (match '(1 2 3) ((equal? reverse ...) (list equal? reverse))))
(show "nested match" (match '(1 (2 3)) ((a b) (match b ((c d) (list a c d))))))
(show "hygiene: fail name" (match '(1) ((fail) fail)))
(show "hygiene: v name" (match '(1 2) ((v l) (list v l))))
(show "hygiene: apply name" (match '((1 2) (3 4)) (((apply x) ...) (list apply x))))
(show "or inside ellipsis" (match '((a 1) (b 2)) (((or (k v) (k v)) ...) (list k v))))
(show "quote ellipsis" (match '(a a a) (('a ...) 'all-a) (_ 'no)))
(show "empty vector" (match #() (#() 'empty)))
(show "booleans in list" (match '(#t #f) ((#t #f) 'ok)))

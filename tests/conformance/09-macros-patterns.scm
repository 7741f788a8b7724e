;; syntax-rules pattern matching: literals, ellipsis (nested, tail
;; patterns), dotted and vector patterns, define-syntax-rule.

(define (show label x)
  (display label) (display ": ") (write x) (newline))

(define-syntax my-if
  (syntax-rules (then else)
    ((_ c then t else e) (if c t e))))
(show "literals" (list (my-if #t then 1 else 2) (my-if #f then 1 else 2)))

(define-syntax my-list
  (syntax-rules ()
    ((_ x ...) (list x ...))))
(show "ellipsis" (my-list 1 2 3))
(show "ellipsis zero" (my-list))

(define-syntax my-let*
  (syntax-rules ()
    ((_ () body ...) (let () body ...))
    ((_ ((n v) rest ...) body ...) (let ((n v)) (my-let* (rest ...) body ...)))))
(show "recursive macro let*" (my-let* ((a 1) (b (+ a 1)) (c (* b 3))) (list a b c)))

(define-syntax flatten-pairs
  (syntax-rules ()
    ((_ (a b ...) ...) '(a ... (b ... ...)))))
(show "nested ellipsis" (flatten-pairs (1 2 3) (4) (5 6)))

(define-syntax my-let
  (syntax-rules ()
    ((_ ((name val) ...) body1 body2 ...) ((lambda (name ...) body1 body2 ...) val ...))))
(show "binding pairs" (my-let ((x 1) (y 2)) (+ x y)))

(define-syntax last-two
  (syntax-rules ()
    ((_ x ... a b) '(a b))))
(show "tail pattern after ellipsis" (last-two 1 2 3 4 5))
(show "tail pattern minimal" (last-two p q))

(define-syntax middle
  (syntax-rules ()
    ((_ first x ... last) '(first (x ...) last))))
(show "ellipsis in middle" (middle 1 2 3 4))
(show "ellipsis in middle empty" (middle 1 2))

(define-syntax dotted
  (syntax-rules ()
    ((_ a . rest) '(a rest))))
(show "dotted pattern" (dotted 1 2 3))
(show "dotted pattern empty rest" (dotted 1))

(define-syntax ellipsis-dotted
  (syntax-rules ()
    ((_ a ... . tail) '((a ...) tail))))
(show "ellipsis with dotted tail" (ellipsis-dotted 1 2 . 3))

(define-syntax vec-pat
  (syntax-rules ()
    ((_ #(a b ...)) (list 'first a 'rest (list b ...)))))
(show "vector pattern" (vec-pat #(1 2 3)))

(define-syntax vec-template
  (syntax-rules ()
    ((_ x ...) #(x ... end))))
(show "vector template" (vec-template 1 2))

(define-syntax swap-pairs
  (syntax-rules ()
    ((_ (a b) ...) '((b a) ...))))
(show "ellipsis over subpatterns" (swap-pairs (1 2) (3 4)))

(define-syntax count-args
  (syntax-rules ()
    ((_) 0)
    ((_ x rest ...) (+ 1 (count-args rest ...)))))
(show "recursive count" (count-args a b c d))

(define-syntax my-cond
  (syntax-rules (else)
    ((_ (else e ...)) (begin e ...))
    ((_ (c e ...) clause ...) (if c (begin e ...) (my-cond clause ...)))))
(show "my-cond" (my-cond (#f 1) ((= 1 1) 2) (else 3)))
(show "my-cond else" (my-cond (#f 1) (else 3)))

(define-syntax quote-all
  (syntax-rules ()
    ((_ x) 'x)))
(show "template quoting" (quote-all (a b . c)))

(define-syntax literal-match
  (syntax-rules (=>)
    ((_ a => b) 'arrow)
    ((_ a b c) 'plain)))
(show "literal arrow" (list (literal-match 1 => 2) (literal-match 1 2 3)))

(define-syntax-rule (unless2 c body ...) (if c #f (begin body ...)))
(show "define-syntax-rule" (list (unless2 #f 'ran) (unless2 #t 'ran)))

(define-syntax underscore
  (syntax-rules ()
    ((_ _ x) x)))
(show "underscore wildcard" (underscore ignored 7))

(define-syntax ellipsis-escape
  (syntax-rules ()
    ((_ x) '(x (... ...)))))
(show "escaped ellipsis" (ellipsis-escape 5))

(define-syntax nested-data
  (syntax-rules ()
    ((_ (k v ...) ...) '((k . (v ...)) ...))))
(show "nested ellipsis alist" (nested-data (a 1 2) (b) (c 3)))

(define-syntax while
  (syntax-rules ()
    ((_ c body ...) (let lp () (when c body ... (lp))))))
(define i 0)
(define acc '())
(while (< i 3) (set! acc (cons i acc)) (set! i (+ i 1)))
(show "while macro" acc)

;; Hygiene, let-syntax, letrec-syntax, macro-defining macros, shadowing.

(define (show label x)
  (display label) (display ": ") (write x) (newline))

(define-syntax swap!
  (syntax-rules ()
    ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
(define tmp 1)
(define other 2)
(swap! tmp other)
(show "swap! with user var named tmp" (list tmp other))
(let ((tmp 'x) (y 'y))
  (swap! tmp y)
  (show "swap! local tmp" (list tmp y)))

(define-syntax my-or
  (syntax-rules ()
    ((_) #f)
    ((_ e) e)
    ((_ e r ...) (let ((t e)) (if t t (my-or r ...))))))
(define t 5)
(show "my-or no capture" (my-or #f t))
(show "my-or local t" (let ((t 7)) (my-or #f t)))
(show "my-or evaluates once" (let ((n 0)) (my-or (begin (set! n (+ n 1)) n) 'no) ))

(define-syntax my-list-of
  (syntax-rules ()
    ((_ x ...) (list x ...))))
(show "local list rebinding" (let ((list vector)) (my-list-of 1 2)))

(define-syntax check-if
  (syntax-rules ()
    ((_ c) (if c 'true 'false))))
(show "local if rebinding" (let ((if (lambda (a b c) 'user-if))) (check-if #t)))

(define-syntax free-ref
  (syntax-rules ()
    ((_) helper-value)))
(define helper-value 'global)
(show "free identifier refers to definition site" (let ((helper-value 'local)) (free-ref)))

(show "let-syntax"
      (let-syntax ((double (syntax-rules () ((_ x) (* 2 x)))))
        (double 21)))
(show "let-syntax shadows"
      (let ((x 'outer))
        (let-syntax ((get-x (syntax-rules () ((_) x))))
          (let ((x 'inner))
            (get-x)))))
(show "letrec-syntax"
      (letrec-syntax ((my-and (syntax-rules ()
                                ((_) #t)
                                ((_ e) e)
                                ((_ e r ...) (if e (my-and r ...) #f)))))
        (list (my-and) (my-and 1 2) (my-and 1 #f 3))))

(define-syntax define-getter
  (syntax-rules ()
    ((_ name value) (define-syntax name (syntax-rules () ((_) value))))))
(define-getter get-answer 42)
(show "macro-defining macro" (get-answer))

(define-syntax define-alias-macro
  (syntax-rules ()
    ((_ new old) (define-syntax new (syntax-rules () ((_ args (... ...)) (old args (... ...))))))))
(define-alias-macro plus +)
(show "macro-defining macro with ellipsis" (plus 1 2 3))

(define-syntax make-binder
  (syntax-rules ()
    ((_ name var) (define (name) var))))
(define secret 'top)
(make-binder get-secret secret)
(show "macro-generated define" (get-secret))

(define-syntax with-temp
  (syntax-rules ()
    ((_ body) (let ((temp 'macro-temp)) body))))
(show "body sees user binding" (let ((temp 'user-temp)) (with-temp temp)))

(define-syntax inc!
  (syntax-rules ()
    ((_ v) (set! v (+ v 1)))
    ((_ v n) (set! v (+ v n)))))
(define counter 0)
(inc! counter)
(inc! counter 10)
(show "inc!" counter)

(define-syntax my-do-times
  (syntax-rules ()
    ((_ (var n) body ...)
     (let loop ((var 0))
       (when (< var n) body ... (loop (+ var 1)))))))
(define collected '())
(let ((loop 'user-loop))
  (my-do-times (i 3) (set! collected (cons (list i loop) collected))))
(show "macro loop name hidden" (reverse collected))

(show "shadow macro with local var" (let ((swap! (lambda (a b) (list b a)))) (swap! 1 2)))
(show "macro in internal definition"
      (let ()
        (define-syntax sq (syntax-rules () ((_ x) (* x x))))
        (sq 9)))
(define-syntax ten (syntax-rules () ((_) 10)))
(show "nullary macro" (+ (ten) (ten)))

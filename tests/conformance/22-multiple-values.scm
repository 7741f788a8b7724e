;; values, call-with-values, receive, multiple values through various forms.

(use-modules (ice-9 receive))

(define (show label x)
  (display label) (display ": ") (write x) (newline))

(show "call-with-values list" (call-with-values (lambda () (values 1 2 3)) list))
(show "call-with-values +" (call-with-values (lambda () (values 1 2)) +))
(show "zero values" (call-with-values (lambda () (values)) list))
(show "zero values to thunk" (call-with-values values (lambda () 'nothing)))
(show "single value" (call-with-values (lambda () (values 'one)) list))
(show "plain value to consumer" (call-with-values (lambda () 5) list))
(show "values as producer" (call-with-values (lambda () (values)) (lambda args (length args))))
(show "consumer with rest" (call-with-values (lambda () (values 1 2 3)) (lambda (a . r) (list a r))))
(show "receive" (receive (q r) (floor/ 7 2) (list q r)))
(show "receive rest" (receive (a b . c) (values 1 2 3 4) (list a b c)))
(show "receive all" (receive all (values 'x 'y) all))
(show "receive none" (receive () (values) 'empty))
(show "values through if" (call-with-values (lambda () (if #t (values 1 2) 0)) list))
(show "values through let" (call-with-values (lambda () (let ((x 1)) (values x (+ x 1)))) list))
(show "values through begin" (call-with-values (lambda () (begin 'ignored (values 'a 'b))) list))
(show "values through cond" (call-with-values (lambda () (cond (#f 1) (else (values 3 4)))) list))
(show "values through when" (call-with-values (lambda () (when #t (values 5 6))) list))
(show "values from procedure" (let () (define (two) (values 'p 'q)) (call-with-values two cons)))
(show "values through apply" (call-with-values (lambda () (apply values '(1 2 3))) list))
(show "values through dynamic-wind"
      (call-with-values (lambda () (dynamic-wind (lambda () #f) (lambda () (values 7 8)) (lambda () #f))) list))
(show "values through call/cc" (call-with-values (lambda () (call/cc (lambda (k) (values 9 10)))) list))
(show "nested call-with-values"
      (call-with-values (lambda () (call-with-values (lambda () (values 1 2)) (lambda (a b) (values b a)))) list))
(show "floor/" (call-with-values (lambda () (floor/ -7 2)) list))
(show "truncate/" (call-with-values (lambda () (truncate/ -7 2)) list))
(show "exact-integer-sqrt" (call-with-values (lambda () (exact-integer-sqrt 17)) list))
(define-values (x y . z) (values 1 2 3 4))
(show "define-values" (list x y z))
(show "values in tail of named let"
      (call-with-values (lambda () (let loop ((i 0)) (if (= i 3) (values i 'end) (loop (+ i 1))))) list))
(define (div-mod a b) (values (quotient a b) (remainder a b)))
(show "user procedure returning values" (receive (q r) (div-mod 17 5) (list q r)))
(show "values passed to list via apply" (call-with-values (lambda () (values 1 2)) (lambda args (apply + args))))
(show "extra values truncated in single-value context" (list (values 1 2)))
(show "zero values in single-value context"
      (catch #t (lambda () (list (values))) (lambda (key . args) (cons key args))))

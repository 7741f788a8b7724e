;; Deep non-tail recursion: the interpreter must not be limited by the
;; host (Python) stack.

(define (show label x)
  (display label) (display ": ") (write x) (newline))

(define (deep n) (if (= n 0) 0 (+ 1 (deep (- n 1)))))
(show "deep 1000000" (deep 1000000))

(define (build n) (if (= n 0) '() (cons n (build (- n 1)))))
(define big (build 100000))
(show "built list length" (length big))
(show "built list head" (list (car big) (cadr big) (list-ref big 99999)))

(define (my-map f lst) (if (null? lst) '() (cons (f (car lst)) (my-map f (cdr lst)))))
(define squares (my-map (lambda (x) (* x x)) big))
(show "my-map 100000 first" (car squares))
(show "my-map 100000 last" (list-ref squares 99999))

(define (my-append a b) (if (null? a) b (cons (car a) (my-append (cdr a) b))))
(show "my-append length" (length (my-append big big)))

(show "builtin map 100000" (apply + (map (lambda (x) 1) big)))

(define (sum-list lst) (if (null? lst) 0 (+ (car lst) (sum-list (cdr lst)))))
(show "sum-list 100000" (sum-list big))

(define (tree-depth n) (if (= n 0) '() (list (tree-depth (- n 1)))))
(define (depth t) (if (null? t) 0 (+ 1 (depth (car t)))))
(show "nested list depth" (depth (tree-depth 100000)))

(define (ackermann m n)
  (cond ((= m 0) (+ n 1))
        ((= n 0) (ackermann (- m 1) 1))
        (else (ackermann (- m 1) (ackermann m (- n 1))))))
(show "ackermann 2 3" (ackermann 2 3))

(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(show "fib 20" (fib 20))

(define (deep-let n) (if (= n 0) 0 (let ((r (deep-let (- n 1)))) (+ r 1))))
(show "deep let 200000" (deep-let 200000))

(define (deep-args n) (if (= n 0) '() (list n (deep-args (- n 1)))))
(show "deep args depth" (let count ((t (deep-args 100000)) (d 0)) (if (null? t) d (count (cadr t) (+ d 1)))))

(show "equal? on deep lists" (equal? (build 100000) (build 100000)))

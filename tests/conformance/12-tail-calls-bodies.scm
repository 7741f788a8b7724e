;; Proper tail calls: 1,000,000-iteration loops in body tail positions
;; (begin, let, let*, letrec, letrec*, named let, do, lambda bodies with
;; internal defines, macro expansions).

(define n 1000000)

(define (show label x)
  (display label) (display ": ") (write x) (newline))

(define (loop-begin i) (begin (if (= i 0) 'done (begin 'ignored (loop-begin (- i 1))))))
(show "begin" (loop-begin n))

(define (loop-let i) (let ((j (- i 1))) (if (< j 0) 'done (loop-let j))))
(show "let" (loop-let n))

(define (loop-let* i) (let* ((j i) (k (- j 1))) (if (< k 0) 'done (loop-let* k))))
(show "let*" (loop-let* n))

(define (loop-letrec i)
  (letrec ((dec (lambda (x) (- x 1))))
    (if (= i 0) 'done (loop-letrec (dec i)))))
(show "letrec" (loop-letrec n))

(define (loop-letrec* i)
  (letrec* ((a 1) (b (+ a 0)))
    (if (= i 0) 'done (loop-letrec* (- i b)))))
(show "letrec*" (loop-letrec* n))

(show "named let" (let lp ((i n) (acc 0)) (if (= i 0) acc (lp (- i 1) (+ acc 1)))))

(show "do" (do ((i 0 (+ i 1)) (acc 0 (+ acc 2))) ((= i n) acc)))

(define (loop-internal i)
  (define next (- i 1))
  (if (< next 0) 'done (loop-internal next)))
(show "body with internal define" (loop-internal n))

(define-syntax my-if
  (syntax-rules () ((_ c a b) (cond (c a) (else b)))))
(define (loop-macro i) (my-if (= i 0) 'done (loop-macro (- i 1))))
(show "through macro expansion" (loop-macro n))

(define (loop-lambda i) ((lambda (j) (if (= j 0) 'done (loop-lambda (- j 1)))) i))
(show "immediate lambda" (loop-lambda n))

(define (loop-set i) (set! i (- i 1)) (if (< i 0) 'done (loop-set i)))
(show "after set!" (loop-set n))

(define (loop-let-values i) (call-with-values (lambda () (values i 1)) (lambda (a b) (if (= a 0) 'done (loop-let-values (- a b))))))
(show "call-with-values consumer" (loop-let-values n))

;; Proper tail calls through apply, call-with-values, mutual recursion,
;; higher-order procedures, case-lambda and continuation-passing style.

(define n 1000000)

(define (show label x)
  (display label) (display ": ") (write x) (newline))

(define (my-even? k) (if (= k 0) #t (my-odd? (- k 1))))
(define (my-odd? k) (if (= k 0) #f (my-even? (- k 1))))
(show "mutual recursion even?" (my-even? n))
(show "mutual recursion odd?" (my-odd? n))

(define (loop-apply i) (if (= i 0) 'done (apply loop-apply (list (- i 1)))))
(show "apply" (loop-apply n))

(define (loop-apply-spread i acc) (if (= i 0) acc (apply loop-apply-spread (- i 1) (list (+ acc 1)))))
(show "apply with spread args" (loop-apply-spread n 0))

(define (loop-cwv i)
  (if (= i 0) 'done (call-with-values (lambda () (- i 1)) loop-cwv)))
(show "call-with-values" (loop-cwv n))

(define (loop-values i) (if (= i 0) (values 'done 'twice) (loop-values (- i 1))))
(show "values returned from loop" (call-with-values (lambda () (loop-values n)) list))

(define (trampoline-hof f i) (if (= i 0) 'done (f (lambda (g) (trampoline-hof f (- i 1))))))
(show "higher-order procedure" (trampoline-hof (lambda (k) (k k)) n))

(define (loop-cps i k) (if (= i 0) (k 'done) (loop-cps (- i 1) k)))
(show "cps constant continuation" (loop-cps n (lambda (v) (list v))))

(define (cps-sum i k) (if (= i 0) (k 0) (cps-sum (- i 1) (lambda (v) (k (+ v 1))))))
(show "cps growing continuation" (cps-sum 100000 (lambda (v) v)))

(define loop-cl
  (case-lambda
    ((i) (loop-cl i 0))
    ((i acc) (if (= i 0) acc (loop-cl (- i 1) (+ acc 1))))))
(show "case-lambda" (loop-cl n))

(define (loop-rest i . extra) (if (= i 0) extra (loop-rest (- i 1) 'x)))
(show "rest args" (loop-rest n))

(define (loop-callcc i) (if (= i 0) 'done (call-with-current-continuation (lambda (k) (loop-callcc (- i 1))))))
(show "call/cc body (100000)" (loop-callcc 100000))

(define (ping i) (if (= i 0) 'ping-done (pong (- i 1))))
(define (pong i) (if (= i 0) 'pong-done (pang (- i 1))))
(define (pang i) (if (= i 0) 'pang-done (ping (- i 1))))
(show "three-way mutual recursion" (ping n))

(define (loop-for-each-free i) (for-each (lambda (x) x) '(1 2)) (if (= i 0) 'done (loop-for-each-free (- i 1))))
(show "after non-tail call" (loop-for-each-free n))

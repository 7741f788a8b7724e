;; shift/reset from (ice-9 control), plus % (call-with-prompt shorthand).

(use-modules (ice-9 control))

(define (show label x)
  (display label) (display ": ") (write x) (newline))

(show "reset without shift" (reset (+ 1 2)))
(show "shift discards" (reset (+ 1 (shift k 42))))
(show "shift calls k once" (+ 1 (reset (* 2 (shift k (k 5))))))
(show "shift calls k twice" (reset (+ 1 (shift k (k (k 10))))))
(show "k as list builder" (reset (cons 'a (shift k (k (k '()))))))
(show "shift inside k is delimited" (reset (+ 1 (shift k (+ 100 (k 1))))))
(show "multiple shifts" (reset (list (shift k (k 1)) (shift k (k 2)))))
(show "shift returning k"
      (let ((k (reset (list 'x (shift k k)))))
        (list (k 1) (k 2))))
(show "nested reset"
      (reset (+ 1 (reset (* 10 (shift k (k (k 2))))))))
(define (choose-from lst) (shift k (apply append (map (lambda (x) (k x)) lst))))
(show "nondeterminism with shift"
      (reset (let* ((a (choose-from '(1 2 3))) (b (choose-from '(10 20)))) (list (+ a b)))))
(define (yield-all lst) (for-each (lambda (x) (shift k (cons x (k #f)))) lst) '())
(show "shift collecting" (reset (yield-all '(p q r))))
(show "shift k reinstalls reset"
      (reset (list 'outer (shift k1 (list 'k1 (k1 (shift k2 (list 'k2 (k2 'v)))))))))
(define saved #f)
(show "saved shift k" (reset (+ 1 (shift k (set! saved k) 0))))
(show "reuse saved k" (list (saved 10) (saved 20)))
(show "percent with handler"
      (% (+ 1 (abort 5))
         (lambda (k v) (list 'aborted v (k 1)))))
(show "percent default tag shorthand" (% (list 'body (abort 'x)) (lambda (k v) (k v))))
(define (product-shift lst)
  (reset (let loop ((l lst))
           (cond ((null? l) 1)
                 ((= (car l) 0) (shift k 0))
                 (else (* (car l) (loop (cdr l))))))))
(show "early exit with shift" (list (product-shift '(2 3 4)) (product-shift '(2 0 4))))

;; expected: 4999950000
;; measures: 100,000 call/cc captures, each escaped through once.
(define (run n)
  (let loop ((i 0) (acc 0))
    (if (= i n)
        acc
        (loop (+ i 1)
              (+ acc (call-with-current-continuation (lambda (k) (k i))))))))

(display (run 100000))
(newline)

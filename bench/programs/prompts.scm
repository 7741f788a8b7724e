;; expected: 5000050000
;; measures: 100,000 call-with-prompt / abort-to-prompt round trips, each
;; resuming the captured delimited continuation once.
(define tag (make-prompt-tag 'bench))

(define (round-trip i)
  (call-with-prompt tag
    (lambda () (+ 1 (abort-to-prompt tag i)))
    (lambda (k v) (k v))))

(define (run n)
  (let loop ((i 0) (acc 0))
    (if (= i n)
        acc
        (loop (+ i 1) (+ acc (round-trip i))))))

(display (run 100000))
(newline)

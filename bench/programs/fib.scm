;; expected: 75025
;; measures: procedure calls and fixnum arithmetic (doubly recursive fib 25).
(define (fib n)
  (if (< n 2)
      n
      (+ (fib (- n 1)) (fib (- n 2)))))

(display (fib 25))
(newline)

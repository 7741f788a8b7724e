;; Proper tail calls: 1,000,000-iteration loops in conditional tail
;; positions (if, cond, cond =>, case, case =>, and, or, when, unless).

(define n 1000000)

(define (show label x)
  (display label) (display ": ") (write x) (newline))

(define (loop-if i acc) (if (= i 0) acc (loop-if (- i 1) (+ acc 1))))
(show "if consequent/alternative" (loop-if n 0))

(define (loop-if-consequent i) (if (> i 0) (loop-if-consequent (- i 1)) 'done))
(show "if consequent" (loop-if-consequent n))

(define (loop-cond i)
  (cond ((= i 0) 'done)
        ((odd? i) (loop-cond (- i 1)))
        (else (loop-cond (- i 1)))))
(show "cond clauses and else" (loop-cond n))

(define (loop-cond-arrow i)
  (cond ((= i 0) 'done)
        ((- i 1) => loop-cond-arrow)))
(show "cond =>" (loop-cond-arrow n))

(define (loop-case i)
  (case (modulo i 3)
    ((0) (if (= i 0) 'done (loop-case (- i 1))))
    ((1) (loop-case (- i 1)))
    (else (loop-case (- i 1)))))
(show "case clauses and else" (loop-case n))

(define (loop-case-arrow i)
  (case i
    ((0) 'done)
    (else => (lambda (j) (loop-case-arrow (- j 1))))))
(show "case else =>" (loop-case-arrow n))

(define (loop-and i) (and #t (if (= i 0) 'done (loop-and (- i 1)))))
(show "and last position" (loop-and n))

(define (loop-or i) (or (and (= i 0) 'done) (loop-or (- i 1))))
(show "or last position" (loop-or n))

(define (loop-when i) (if (= i 0) 'done (when #t (loop-when (- i 1)))))
(show "when body" (loop-when n))

(define (loop-unless i) (unless (= i 0) (loop-unless (- i 1))))
(show "unless body" (list (loop-unless n)))

(define (count-down-when i acc) (when (>= i 0) (if (= i 0) acc (count-down-when (- i 1) (+ acc 2)))))
(show "when accumulating" (count-down-when n 0))

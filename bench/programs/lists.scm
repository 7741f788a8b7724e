;; expected: 2499950000
;; measures: list building in a loop, map, reverse and a 50,000-deep
;; non-tail recursion (sum).
(define (build n)
  (let loop ((i 0) (acc '()))
    (if (= i n)
        acc
        (loop (+ i 1) (cons i acc)))))

(define (sum lst)
  (if (null? lst)
      0
      (+ (car lst) (sum (cdr lst)))))

(define doubled (map (lambda (x) (* 2 x)) (build 50000)))
(display (sum (reverse doubled)))
(newline)

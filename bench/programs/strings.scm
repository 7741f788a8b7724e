;; expected: 100000 10949920
;; measures: string building: 10,000 ten-char chunks made with list->string,
;; joined by one string-append, then a string-ref checksum over all 100,000 chars.
(define (chunk i)
  (let loop ((j 9) (acc '()))
    (if (< j 0)
        (list->string acc)
        (loop (- j 1)
              (cons (integer->char (+ 97 (modulo (+ i j) 26))) acc)))))

(define (build n)
  (let loop ((i 0) (acc '()))
    (if (= i n)
        (apply string-append (reverse acc))
        (loop (+ i 1) (cons (chunk i) acc)))))

(define (checksum s)
  (let loop ((i 0) (acc 0))
    (if (= i (string-length s))
        acc
        (loop (+ i 1) (+ acc (char->integer (string-ref s i)))))))

(define s (build 10000))
(display (string-length s))
(display " ")
(display (checksum s))
(newline)

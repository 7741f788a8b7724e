;; Multi-shot delimited continuations: amb-style backtracking,
;; dynamic-wind on abort and re-entry, parameterize inside continuations.

(define (show label x)
  (display label) (display ": ") (write x) (newline))

(define amb-tag (make-prompt-tag 'amb))
(define (amb . choices) (abort-to-prompt amb-tag choices))
(define (fail) (amb))
(define (collect thunk)
  (call-with-prompt amb-tag
    thunk
    (lambda (k choices)
      (apply append (map (lambda (c) (collect (lambda () (k c)))) choices)))))
(define (all-solutions thunk) (collect (lambda () (list (thunk)))))

(show "all paths" (all-solutions (lambda () (list (amb 1 2) (amb 'a 'b)))))
(show "filtered paths"
      (all-solutions (lambda () (let ((x (amb 1 2 3 4)) (y (amb 1 2 3 4)))
                                  (if (= (+ x y) 5) (list x y) (fail))))))
(show "pythagorean triples"
      (all-solutions
       (lambda ()
         (let* ((a (amb 1 2 3 4 5 6 7 8 9 10))
                (b (amb 1 2 3 4 5 6 7 8 9 10))
                (c (amb 1 2 3 4 5 6 7 8 9 10 11 12 13)))
           (if (and (<= a b) (= (+ (* a a) (* b b)) (* c c))) (list a b c) (fail))))))
(define (distinct? lst) (or (null? lst) (and (not (memv (car lst) (cdr lst))) (distinct? (cdr lst)))))
(show "permutations"
      (all-solutions (lambda () (let* ((a (amb 1 2 3)) (b (amb 1 2 3)) (c (amb 1 2 3)))
                                  (if (distinct? (list a b c)) (list a b c) (fail))))))
(show "no solutions" (all-solutions (lambda () (fail))))
(define (queens n)
  (define (safe? col placed)
    (let loop ((rest placed) (dist 1))
      (or (null? rest)
          (and (not (= (car rest) col))
               (not (= (abs (- (car rest) col)) dist))
               (loop (cdr rest) (+ dist 1))))))
  (all-solutions
   (lambda ()
     (let place ((row 0) (placed '()))
       (if (= row n)
           (reverse placed)
           (let ((col (apply amb (iota n))))
             (if (safe? col placed) (place (+ row 1) (cons col placed)) (fail))))))))
(show "4 queens" (queens 4))
(show "6 queens count" (length (queens 6)))

(define trail '())
(define (note x) (set! trail (cons x trail)))
(define (take-trail) (let ((t (reverse trail))) (set! trail '()) t))
(define tag (make-prompt-tag 'dw))
(define k-saved
  (call-with-prompt tag
    (lambda ()
      (dynamic-wind
        (lambda () (note 'before))
        (lambda () (note (list 'resumed-with (abort-to-prompt tag))) 'body-done)
        (lambda () (note 'after))))
    (lambda (k) (note 'handler) k)))
(show "abort unwinds" (take-trail))
(show "first re-entry value" (k-saved 1))
(show "first re-entry winds" (take-trail))
(show "second re-entry value" (k-saved 2))
(show "second re-entry winds" (take-trail))

(define p (make-parameter 'top))
(define k-param
  (call-with-prompt tag
    (lambda () (parameterize ((p 'inside)) (list (p) (abort-to-prompt tag) (p))))
    (lambda (k) k)))
(show "parameter outside after abort" (p))
(show "parameter inside resumed k" (k-param 'mid))
(show "parameterize outside does not leak into k" (parameterize ((p 'other)) (k-param 'mid2)))
(show "parameter restored after resume" (p))
(define k-plain
  (call-with-prompt tag
    (lambda () (list (p) (abort-to-prompt tag) (p)))
    (lambda (k) k)))
(show "k without parameterize sees caller's value" (parameterize ((p 'caller)) (k-plain 'x)))

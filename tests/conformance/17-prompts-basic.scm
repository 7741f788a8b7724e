;; Delimited continuations: make-prompt-tag, default-prompt-tag,
;; call-with-prompt, abort-to-prompt, composable continuations.

(define (show label x)
  (display label) (display ": ") (write x) (newline))

(define tag (make-prompt-tag 'test))

(show "no abort returns body value" (call-with-prompt tag (lambda () 'body) (lambda (k . vs) 'handler)))
(show "body multiple values"
      (call-with-values (lambda () (call-with-prompt tag (lambda () (values 1 2)) (lambda (k) 'h))) list))
(show "abort with values"
      (call-with-prompt tag
        (lambda () (+ 1 (abort-to-prompt tag 'a 'b)))
        (lambda (k . vals) vals)))
(show "abort with no values" (call-with-prompt tag (lambda () (abort-to-prompt tag)) (lambda (k . vals) (list 'none vals))))
(show "handler result replaces prompt" (+ 100 (call-with-prompt tag (lambda () (* 2 (abort-to-prompt tag 5))) (lambda (k v) v))))
(show "resume k"
      (call-with-prompt tag
        (lambda () (+ 1 (abort-to-prompt tag 'x)))
        (lambda (k v) (k 10))))
(show "k is composable (returns to caller)"
      (call-with-prompt tag
        (lambda () (* 2 (abort-to-prompt tag)))
        (lambda (k) (list (k 5) (k 6)))))
(show "k called many times"
      (call-with-prompt tag
        (lambda () (list 'got (abort-to-prompt tag)))
        (lambda (k) (map k '(1 2 3)))))
(define saved-k #f)
(show "prompt returns first" (call-with-prompt tag (lambda () (+ 1000 (abort-to-prompt tag))) (lambda (k) (set! saved-k k) 'aborted)))
(show "k after prompt returned" (list (saved-k 1) (saved-k 2)))
(show "k composed with itself" (saved-k (saved-k 0)))
(show "k with multiple values to values consumer"
      (call-with-prompt tag
        (lambda () (call-with-values (lambda () (abort-to-prompt tag)) list))
        (lambda (k) (k 1 2 3))))
(show "k with zero values"
      (call-with-prompt tag
        (lambda () (call-with-values (lambda () (abort-to-prompt tag)) list))
        (lambda (k) (k))))
(show "default prompt tag"
      (call-with-prompt (default-prompt-tag)
        (lambda () (abort-to-prompt (default-prompt-tag) 'dflt))
        (lambda (k v) (list 'caught v))))
(show "tags are distinct" (eq? (make-prompt-tag) (make-prompt-tag)))
(show "abort from nested procedure"
      (let ()
        (define (helper x) (if (> x 2) (abort-to-prompt tag x) x))
        (call-with-prompt tag
          (lambda () (map helper '(1 2 3 4)))
          (lambda (k v) (list 'aborted-at v)))))
(show "resume through map"
      (call-with-prompt tag
        (lambda () (map (lambda (x) (if (= x 2) (abort-to-prompt tag x) x)) '(1 2 3)))
        (lambda (k v) (k (* v 100)))))
(define (collect-all thunk)
  (let loop ((result (call-with-prompt tag thunk (lambda (k v) (cons v k)))) (acc '()))
    (if (and (pair? result) (procedure? (cdr result)))
        (loop (call-with-prompt tag (lambda () ((cdr result) #f)) (lambda (k v) (cons v k)))
              (cons (car result) acc))
        (list (reverse acc) result))))
(show "yield loop" (collect-all (lambda () (for-each (lambda (x) (abort-to-prompt tag x)) '(a b c)) 'finished)))
(show "k captures local state"
      (let ((k (call-with-prompt tag
                 (lambda () (let ((x (abort-to-prompt tag))) (lambda (y) (+ x y))))
                 (lambda (k) k))))
        (list ((k 1) 10) ((k 2) 10))))
(show "abort value handler arity"
      (call-with-prompt tag (lambda () (abort-to-prompt tag 1 2 3)) (lambda (k a b c) (+ a b c))))
(show "string-port output kept"
      (call-with-output-string
       (lambda (port)
         (call-with-prompt tag
           (lambda () (display "before " port) (abort-to-prompt tag) (display "after " port))
           (lambda (k) (k) (k))))))

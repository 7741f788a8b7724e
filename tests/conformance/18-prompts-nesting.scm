;; Nested prompts: distinct tags, same tag (innermost wins), handler runs
;; outside its prompt, resumed continuations do not include the prompt,
;; aborting to a missing prompt.

(define (show label x)
  (display label) (display ": ") (write x) (newline))

(define t1 (make-prompt-tag 't1))
(define t2 (make-prompt-tag 't2))

(show "abort to outer tag skips inner"
      (call-with-prompt t1
        (lambda ()
          (list 'outer-body
                (call-with-prompt t2
                  (lambda () (abort-to-prompt t1 'to-outer))
                  (lambda (k v) (list 'inner-handler v)))))
        (lambda (k v) (list 'outer-handler v))))
(show "abort to inner tag"
      (call-with-prompt t1
        (lambda ()
          (list 'outer-body
                (call-with-prompt t2
                  (lambda () (abort-to-prompt t2 'to-inner))
                  (lambda (k v) (list 'inner-handler v)))))
        (lambda (k v) (list 'outer-handler v))))
(show "same tag innermost wins"
      (call-with-prompt t1
        (lambda ()
          (list 'outer-body
                (call-with-prompt t1
                  (lambda () (abort-to-prompt t1 'x))
                  (lambda (k v) (list 'inner v)))))
        (lambda (k v) (list 'outer v))))
(show "handler runs outside its prompt"
      (call-with-prompt t1
        (lambda ()
          (list 'outer-body
                (call-with-prompt t1
                  (lambda () (abort-to-prompt t1 'first))
                  (lambda (k v) (abort-to-prompt t1 (list 'rethrown v))))))
        (lambda (k v) (list 'outer-got v))))
(show "outer k resumes through inner prompt"
      (call-with-prompt t1
        (lambda ()
          (list 'outer
                (call-with-prompt t2
                  (lambda () (list 'inner (abort-to-prompt t1 'v)))
                  (lambda (k v) 'inner-handler))))
        (lambda (k v) (k 'resumed))))
(show "inner prompt still active after resume"
      (call-with-prompt t1
        (lambda ()
          (call-with-prompt t2
            (lambda () (abort-to-prompt t1) (abort-to-prompt t2 'second-abort))
            (lambda (k v) (list 'inner-handler v))))
        (lambda (k) (list 'resumed (k)))))
(define saved #f)
(show "capture two aborts"
      (call-with-prompt t1
        (lambda () (abort-to-prompt t1 1) (abort-to-prompt t1 2) 'end)
        (lambda (k v) (set! saved k) v)))
(show "resumed k aborts to prompt at resume site"
      (call-with-prompt t1
        (lambda () (list 'new-body (saved #f)))
        (lambda (k v) (list 'new-handler v (k #f)))))
(show "abort with no matching prompt"
      (catch #t (lambda () (abort-to-prompt t2 'nobody)) (lambda (key . args) key)))
(show "resumed k outside any prompt aborts to nowhere"
      (catch #t (lambda () (saved #f)) (lambda (key . args) key)))
(show "catch inside prompt body"
      (call-with-prompt t1
        (lambda () (catch 'oops (lambda () (throw 'oops 1)) (lambda (key v) (list 'caught v))))
        (lambda (k) 'no)))
(show "abort through catch"
      (call-with-prompt t1
        (lambda () (catch #t (lambda () (abort-to-prompt t1 'through)) (lambda (key . args) 'catch-handler)))
        (lambda (k v) (list 'prompt-handler v))))
(show "three levels"
      (call-with-prompt t1
        (lambda ()
          (+ 1 (call-with-prompt t2
                 (lambda ()
                   (+ 10 (call-with-prompt t1
                           (lambda () (+ 100 (abort-to-prompt t2 0)))
                           (lambda (k v) 'wrong))))
                 (lambda (k v) (k 1000)))))
        (lambda (k v) 'wrong)))
(show "handler k from inner used by outer"
      (call-with-prompt t1
        (lambda ()
          (call-with-prompt t2
            (lambda () (* 3 (abort-to-prompt t2)))
            (lambda (k) (abort-to-prompt t1 k))))
        (lambda (k inner-k) (list (inner-k 1) (inner-k 2)))))

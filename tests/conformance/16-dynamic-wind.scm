;; dynamic-wind ordering with normal exit, escapes, re-entry, nesting and
;; errors.

(use-modules (ice-9 control))

(define (show label x)
  (display label) (display ": ") (write x) (newline))

(define trail '())
(define (note x) (set! trail (cons x trail)))
(define (take-trail) (let ((t (reverse trail))) (set! trail '()) t))

(define (wind tag thunk)
  (dynamic-wind (lambda () (note (list 'in tag)))
                thunk
                (lambda () (note (list 'out tag)))))

(show "normal value" (wind 'a (lambda () (note 'body) 'result)))
(show "normal order" (take-trail))

(show "nested value" (wind 'outer (lambda () (wind 'inner (lambda () (note 'body) 'v)))))
(show "nested order" (take-trail))

(show "escape value"
      (call/cc (lambda (k) (wind 'a (lambda () (wind 'b (lambda () (note 'escaping) (k 'escaped) (note 'never))))))))
(show "escape order" (take-trail))

(define reenter #f)
(define (reentry-test)
  (let ((n 0))
    (wind 'w (lambda () (call/cc (lambda (k) (set! reenter k))) (set! n (+ n 1)) (note (list 'body n))))
    (if (< n 3) (reenter 'again) n)))
(show "re-entry result" (reentry-test))
(show "re-entry order" (take-trail))

(define (jump-between)
  (let ((k-inside #f) (count 0))
    (call/cc
     (lambda (escape)
       (wind 'x (lambda () (call/cc (lambda (k) (set! k-inside k))) (note 'in-x) (escape 'left)))))
    (set! count (+ count 1))
    (if (< count 2) (k-inside 'back) count)))
(show "escape then re-enter" (jump-between))
(show "escape then re-enter order" (take-trail))

(show "let/ec through winds" (let/ec out (wind 'p (lambda () (wind 'q (lambda () (out 'gone)))))))
(show "let/ec order" (take-trail))

(show "error through winds"
      (catch 'my-error
        (lambda () (wind 'e1 (lambda () (wind 'e2 (lambda () (throw 'my-error 'oops))))))
        (lambda (key . args) (list key args))))
(show "error order" (take-trail))

(show "before thunk runs in outer context"
      (let ((k-saved #f) (n 0))
        (dynamic-wind
          (lambda () (set! n (+ n 1)) (note (list 'before n)))
          (lambda () (call/cc (lambda (k) (set! k-saved k))) (note 'during))
          (lambda () (note 'after)))
        (if (< n 2) (k-saved #f) n)))
(show "before thunk order" (take-trail))

(show "wind returns multiple values"
      (call-with-values (lambda () (dynamic-wind (lambda () #f) (lambda () (values 1 2)) (lambda () #f))) list))

(define (sibling-jump)
  (let ((k-a #f) (phase 0))
    (wind 'a (lambda () (call/cc (lambda (k) (set! k-a k))) (note (list 'a-body phase))))
    (set! phase (+ phase 1))
    (if (= phase 1)
        (wind 'b (lambda () (k-a 'jump)))
        phase)))
(show "jump from sibling" (sibling-jump))
(show "jump from sibling order" (take-trail))

;; expected: 100000
;; measures: 100 cooperative threads x 1,000 yields each, built on prompts:
;; a yield aborts to the scheduler's prompt, which queues the continuation
;; and runs the next thread round-robin.
(define sched-tag (make-prompt-tag 'scheduler))

(define front '())
(define back '())

(define (enqueue! thunk)
  (set! back (cons thunk back)))

(define (dequeue!)
  (if (null? front)
      (begin (set! front (reverse back))
             (set! back '())))
  (let ((thunk (car front)))
    (set! front (cdr front))
    thunk))

(define (queue-empty?)
  (and (null? front) (null? back)))

(define (yield)
  (abort-to-prompt sched-tag))

(define (run-slice thunk)
  (call-with-prompt sched-tag
    thunk
    (lambda (k) (enqueue! (lambda () (k #f))))))

(define (run-all)
  (if (not (queue-empty?))
      (begin (run-slice (dequeue!))
             (run-all))))

(define total-yields 0)

(define (worker count)
  (lambda ()
    (let loop ((i 0))
      (if (< i count)
          (begin (set! total-yields (+ total-yields 1))
                 (yield)
                 (loop (+ i 1)))))))

(define (spawn-all n)
  (let loop ((i 0))
    (if (< i n)
        (begin (enqueue! (worker 1000))
               (loop (+ i 1))))))

(spawn-all 100)
(run-all)
(display total-yields)
(newline)

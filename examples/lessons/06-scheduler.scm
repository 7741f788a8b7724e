;;; 06-scheduler.scm --- a cooperative scheduler in thirty lines, on prompts.
;;;
;;; Run: schemeth examples/lessons/06-scheduler.scm

;;; Commentary:
;;;
;;; Lesson 3 had coroutines naming who runs next.  A scheduler decides
;;; that instead: threads just say "I can wait" (`pause') and the
;;; scheduler picks the next runnable one from a queue.
;;;
;;; Every thread runs under the scheduler's prompt.  `pause' aborts to
;;; it; the handler puts K -- the rest of the thread -- at the back of
;;; the queue.  `step!' runs the thread at the front; `run' steps until
;;; the queue is empty.  Add sleeping on a clock and waiting for file
;;; descriptors, and this is (ice-9 ethreads), which lesson 8 uses.
;;;
;;; Code:

(define scheduler-tag (make-prompt-tag 'scheduler))
(define queue '())                       ; thunks waiting for their turn

(define (enqueue! thunk) (set! queue (append queue (list thunk))))

(define (spawn thunk)
  "Make a new thread running THUNK."
  (enqueue! thunk))

(define (pause)
  "Let the other threads run; return when it is our turn again."
  (abort-to-prompt scheduler-tag))

(define (step!)
  "Run the first thread of the queue until it pauses (back in the queue) or ends."
  (let ((next (car queue)))
    (set! queue (cdr queue))
    (call-with-prompt scheduler-tag
      next
      (lambda (k) (enqueue! k)))))

(define (run)
  "Run threads until there are none left."
  (unless (null? queue)
    (step!)
    (run)))

;; That is the whole scheduler.  Now three threads, each a plain loop.
(define (worker name steps)
  (lambda ()
    (let loop ((i 1))
      (when (<= i steps)
        (format #t "~a: step ~a~%" name i)
        (pause)
        (loop (+ i 1))))
    (format #t "~a: done~%" name)))

(spawn (worker "alice" 3))
(spawn (worker "bob" 2))
(spawn (lambda ()
         (display "carol: spawning dave") (newline)
         (spawn (worker "dave" 1))
         (pause)
         (display "carol: done") (newline)))
(run)

;; A paused thread in the queue is just a continuation.
(spawn (lambda () (format #t "sum is ~a~%" (+ 1 2 (begin (pause) 3)))))
(step!)
(display "queued: ")
(write (car queue))
(newline)
(run)

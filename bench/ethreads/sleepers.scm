;;; sleepers.scm --- timer accuracy: how late do sleeping ethreads wake?
;;;
;;; Usage: schemeth bench/ethreads/sleepers.scm [SLEEPERS [SECONDS]]   (default 20, 3)
;;;
;;; Each of SLEEPERS ethreads sleeps a random 0-100 ms again and again for
;;; SECONDS; every wake-up records its jitter, the actual minus the requested
;;; wake time.  Prints the jitter percentiles in milliseconds.

(use-modules (ice-9 ethreads))

(define (arg n default)
  (let ((args (command-line)))
    (if (> (length args) n) (string->number (list-ref args n)) default)))

(define sleepers (arg 1 20))
(define seconds (arg 2 3))

(define (now)
  (/ (get-internal-real-time) (exact->inexact internal-time-units-per-second)))

(define jitters '())
(define deadline (+ (now) seconds))

(define (sleeper)
  (let lp ()
    (let* ((delay (random 0.1))
           (due (+ (now) delay)))
      (sleep delay)
      (let ((woke (now)))
        (set! jitters (cons (- woke due) jitters))
        (when (< woke deadline) (lp))))))

(define (percentile sorted p)
  "The P-th percentile (0-100) of the sorted vector SORTED, nearest rank."
  (let ((n (vector-length sorted)))
    (vector-ref sorted (min (- n 1) (inexact->exact (floor (* n (/ p 100))))))))

(define (ms x) (/ (round (* x 1e5)) 100))

(let lp ((i 0))
  (when (< i sleepers)
    (spawn sleeper)
    (lp (+ i 1))))
(run)

(let ((sorted (sort! (list->vector jitters) <)))
  (format #t "sleepers: ~a~%" sleepers)
  (format #t "wakeups: ~a~%" (vector-length sorted))
  (format #t "jitter-p50-ms: ~a~%" (ms (percentile sorted 50)))
  (format #t "jitter-p99-ms: ~a~%" (ms (percentile sorted 99)))
  (format #t "jitter-max-ms: ~a~%" (ms (percentile sorted 100))))

;;; switches.scm --- context switches per second through (sleep 0).
;;;
;;; Usage: schemeth bench/ethreads/switches.scm [THREADS [SWITCHES]]   (default 10, 100000)
;;;
;;; THREADS ethreads share SWITCHES calls of (sleep 0), each of which
;;; suspends the caller and lets every other runnable thread go first.

(use-modules (ice-9 ethreads) (ice-9 format))

(define (arg n default)
  (let ((args (command-line)))
    (if (> (length args) n) (string->number (list-ref args n)) default)))

(define threads (arg 1 10))
(define switches (arg 2 100000))
(define per-thread (quotient switches threads))

(define (now)
  (/ (get-internal-real-time) (exact->inexact internal-time-units-per-second)))

(define (worker)
  (let lp ((i 0))
    (when (< i per-thread)
      (sleep 0)
      (lp (+ i 1)))))

(define start (now))
(let lp ((i 0))
  (when (< i threads)
    (spawn worker)
    (lp (+ i 1))))
(run)
(let ((elapsed (- (now) start)))
  (format #t "threads: ~a~%" threads)
  (format #t "switches: ~a~%" (* per-thread threads))
  (format #t "seconds: ~,3f~%" elapsed)
  (format #t "switches-per-second: ~a~%"
          (inexact->exact (round (/ (* per-thread threads) elapsed)))))

;;; spawn.scm --- many ethreads sleeping once: total time and memory per suspended thread.
;;;
;;; Usage: schemeth bench/ethreads/spawn.scm [THREADS]   (default 100000)
;;;
;;; Spawns THREADS ethreads that each sleep 10 ms once.  The last one
;;; spawned runs after all the others have suspended (sleepers only wake
;;; between rounds of the scheduler), and reads the resident set size from
;;; /proc/self/status then; the difference from before spawning, divided by
;;; THREADS, is the memory each suspended thread costs.

(use-modules (ice-9 ethreads) (ice-9 rdelim) (ice-9 format))

(define (arg n default)
  (let ((args (command-line)))
    (if (> (length args) n) (string->number (list-ref args n)) default)))

(define threads (arg 1 100000))

(define (now)
  (/ (get-internal-real-time) (exact->inexact internal-time-units-per-second)))

(define (rss-kib)
  "The resident set size in KiB, from /proc/self/status."
  (call-with-input-file "/proc/self/status"
    (lambda (port)
      (let lp ()
        (let ((line (read-line port)))
          (cond ((eof-object? line) 0)
                ((string-prefix? "VmRSS:" line)
                 (string->number (car (string-tokenize (substring line 6)))))
                (else (lp))))))))

(define woken 0)
(define rss-suspended #f)
(define spawned-at #f)

(define rss-before (rss-kib))
(define start (now))
(let lp ((i 0))
  (when (< i threads)
    (spawn (lambda () (sleep 0.01) (set! woken (+ woken 1))))
    (lp (+ i 1))))
(spawn (lambda ()
         (set! spawned-at (now))
         (set! rss-suspended (rss-kib))))
(define spawn-seconds (- (now) start))
(run)
(define total-seconds (- (now) start))

(format #t "threads: ~a~%" threads)
(format #t "woken: ~a~%" woken)
(format #t "spawn-seconds: ~,3f~%" spawn-seconds)
(format #t "suspend-seconds: ~,3f~%" (- spawned-at start spawn-seconds))
(format #t "total-seconds: ~,3f~%" total-seconds)
(format #t "rss-before-kib: ~a~%" rss-before)
(format #t "rss-suspended-kib: ~a~%" rss-suspended)
(format #t "bytes-per-thread: ~a~%"
        (inexact->exact (round (/ (* 1024 (- rss-suspended rss-before)) threads))))

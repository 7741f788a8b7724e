;;; spawn.scm --- many ethreads sleeping once: total time and memory per suspended thread.
;;;
;;; Usage: schemeth bench/ethreads/spawn.scm [THREADS]   (default 100000)
;;;
;;; Spawns THREADS ethreads that each sleep 10 ms once.  They first go to
;;; sleep for an hour, so that all of them are suspended at once (a sleeper
;;; whose time comes runs before the rest of the round, so 10 ms sleepers
;;; would wake while the later ones start); the last thread spawned runs
;;; after all the others have suspended, reads the resident set size from
;;; /proc/self/status, and resumes each of them with a 10 ms nap instead.
;;; The difference from before spawning, divided by THREADS, is the memory
;;; each suspended thread costs.

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
(define sleepers
  (let lp ((i 0) (acc '()))
    (if (< i threads)
        (lp (+ i 1) (cons (spawn (lambda () (sleep 3600) (set! woken (+ woken 1)))) acc))
        acc)))
(define (nap) (sleep 0.01))
(spawn (lambda ()
         (set! spawned-at (now))
         (set! rss-suspended (rss-kib))
         (for-each (lambda (thread) (resume thread nap)) sleepers)))
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

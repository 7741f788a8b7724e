;;; 08-sleepers.scm --- the 2012 ethreads sleepers demo, made to finish.
;;;
;;; Run: schemeth examples/lessons/08-sleepers.scm

;;; Commentary:
;;;
;;; When Andy Wingo announced ethreads in 2012 he showed twenty threads
;;; that sleep a random time, wake up, print how late they woke (the
;;; jitter) and sleep again, forever.  examples/sleepers.scm is that demo
;;; unchanged.  Here it is bounded so that it ends and prints the same
;;; thing every time: three sleepers with fixed periods, a few rounds
;;; each, and instead of the jitter in seconds, whether they woke on time.
;;;
;;; What happens: `sleep' inside an ethread does not block the process.
;;; It suspends the thread (lesson 6's `pause', plus a wake-up time kept
;;; in a heap).  When no thread can run, `run' waits -- in epoll, with a
;;; timeout -- until the earliest sleeper is due.  One process, one
;;; Python thread, many sleeping loops, each written as if it were alone.
;;;
;;; The periods are 0.3, 0.5 and 0.7 seconds, so wake-ups are at least
;;; 0.1 s apart and always come in this order:
;;;
;;;   0.3 A   0.5 B   0.6 A   0.7 C   0.9 A   1.0 B   1.2 A   1.4 C   1.5 B
;;;
;;; Code:

(use-modules (ice-9 ethreads))

(define (current-time)
  (/ (get-internal-real-time) 1.0 internal-time-units-per-second))

(define (spawn-sleeper name timeout rounds)
  (spawn
   (lambda ()
     (let lp ((prev (current-time)) (round 1))
       (when (<= round rounds)
         (sleep timeout)
         (let* ((next (current-time))
                (jitter (- next prev timeout)))
           ;; The 2012 demo printed (pk n timeout jitter).
           (format #t "~a (every ~as) woke up, round ~a: ~a~%"
                   name timeout round (if (< jitter 0.05) "on time" "late"))
           (lp next (+ round 1))))))))

(spawn-sleeper "A" 0.3 4)
(spawn-sleeper "B" 0.5 3)
(spawn-sleeper "C" 0.7 2)

;; A fourth thread shows that sleeping threads leave the process free:
;; it gets to run right away, before anyone wakes up.
(spawn (lambda () (display "the sleepers are asleep; I run meanwhile") (newline)))

(run)

(display "run returned: no thread is left to run or to wake up")
(newline)

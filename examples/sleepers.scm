;;; sleepers.scm --- the ethreads demo from the 2012 announcement, unchanged.
;;;
;;; Twenty threads each sleep a random time, wake, print how late they woke
;;; (the jitter, in seconds) and sleep again.  Stop it with Ctrl-C.

(use-modules (ice-9 ethreads))

(define (current-time)
  (/ (get-internal-real-time) 1.0 internal-time-units-per-second))

(define *num-sleepers* 20)

(define *max-timeout* 10.0)

(define (spawn-sleeper n timeout)
  (spawn
   (lambda ()
     (let lp ((prev (current-time)))
       (sleep timeout)
       (let ((next (current-time)))
         (pk n timeout (- next prev timeout))
         (lp next))))))

(let lp ((n *num-sleepers*))
  (unless (zero? n)
    (spawn-sleeper n (random *max-timeout*))
    (lp (1- n))))

(run)

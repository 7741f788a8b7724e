;;; 03-coroutines.scm --- coroutines and ping-pong.
;;;
;;; Run: schemeth examples/lessons/03-coroutines.scm

;;; Commentary:
;;;
;;; A generator pauses and returns to whoever asked.  A coroutine pauses
;;; and hands control to another coroutine *of its choosing*, passing it a
;;; value; later someone hands control back and the first one carries on
;;; exactly where it stopped.  No coroutine is the caller of another: each
;;; is written as a plain loop that thinks it is in charge.
;;;
;;; Implementation: one prompt, owned by a small driver loop.
;;; (transfer TARGET VALUE) aborts to the driver, which saves the paused
;;; coroutine's K as its new body and then runs TARGET with VALUE.
;;;
;;; Code:

(define driver-tag (make-prompt-tag 'coroutines))

;; A coroutine is a name and what to run next time: a procedure of the
;; value it is handed.
(define (make-coroutine name body) (vector name body))
(define (coroutine-name co) (vector-ref co 0))
(define (coroutine-next co) (vector-ref co 1))
(define (set-coroutine-next! co k) (vector-set! co 1 k))

(define (transfer target value)
  "Pause the running coroutine and continue TARGET with VALUE; returns
the value handed back when someone transfers to us again."
  (abort-to-prompt driver-tag target value))

(define (start first value)
  "Run coroutines, beginning with FIRST, until one of them returns."
  (let loop ((current first) (value value))
    (call-with-prompt driver-tag
      (lambda () ((coroutine-next current) value))
      (lambda (k target value)
        (set-coroutine-next! current k)
        (loop target value)))))

;; Ping and pong hit a ball (a counter) back and forth.  Read each one on
;; its own: it is a simple loop, and `transfer' looks like a call that
;; returns the ball when it comes back.
(define ping
  (make-coroutine 'ping
    (lambda (ball)
      (let loop ((ball ball))
        (format #t "ping ~a~%" ball)
        (loop (transfer pong (+ ball 1)))))))

(define pong
  (make-coroutine 'pong
    (lambda (ball)
      (let loop ((ball ball))
        (format #t "  pong ~a~%" ball)
        (if (>= ball 6)
            (format #t "pong stops the game at ~a~%" ball)
            (loop (transfer ping (+ ball 1))))))))

(start ping 1)

;; While ping is paused, its saved K is "the rest of ping's loop": it
;; waits for the ball at the hole.
(display "ping, paused: ")
(write (coroutine-next ping))
(newline)

;; A second example: a consumer that keeps a running total, fed by a
;; producer.  Values flow both ways through `transfer'.
(define producer
  (make-coroutine 'producer
    (lambda (ignored)
      (for-each (lambda (n)
                  (let ((total (transfer consumer n)))
                    (format #t "producer sent ~a, total is now ~a~%" n total)))
                '(5 10 20))
      'finished)))

(define consumer
  (make-coroutine 'consumer
    (lambda (n)
      (let loop ((total 0) (n n))
        (loop (+ total n) (transfer producer (+ total n)))))))

(format #t "start returned ~a~%" (start producer #f))

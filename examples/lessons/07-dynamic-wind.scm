;;; 07-dynamic-wind.scm --- dynamic-wind meets continuations: what runs when.
;;;
;;; Run: schemeth examples/lessons/07-dynamic-wind.scm

;;; Commentary:
;;;
;;; (dynamic-wind BEFORE THUNK AFTER) promises that BEFORE runs whenever
;;; control enters THUNK's extent and AFTER whenever control leaves it --
;;; not only the first entry and the normal exit, but every jump in or out
;;; made with a continuation.  That is how `with-output-to-string',
;;; `parameterize' and friends stay correct under escapes and generators.
;;;
;;; Each scene below prints its steps; `enter' and `leave' come from the
;;; BEFORE and AFTER thunks of a dynamic-wind around a "room".
;;;
;;; Code:

(use-modules (ice-9 control) (ice-9 ethreads))

(define (in-room name thunk)
  (dynamic-wind
    (lambda () (format #t "  enter ~a~%" name))
    thunk
    (lambda () (format #t "  leave ~a~%" name))))

(define (scene title) (format #t "~a~%" title))

(scene "1. walking through")
(in-room "kitchen" (lambda () (display "  cooking") (newline)))

(scene "2. escaping: AFTER runs on the way out")
(let/ec escape
  (in-room "kitchen" (lambda () (escape 'fire!) (display "  never printed"))))

(scene "3. an error unwinds the same way")
(catch 'burnt
  (lambda () (in-room "kitchen" (lambda () (throw 'burnt))))
  (lambda (key) (format #t "  caught ~a outside~%" key)))

(scene "4. aborting to a prompt leaves; calling K comes back in")
(define tag (make-prompt-tag 'lesson))
(define k
  (call-with-prompt tag
    (lambda ()
      (in-room "cellar"
               (lambda () (format #t "  found ~a~%" (abort-to-prompt tag)))))
    (lambda (k) k)))
(display "  (outside, holding ") (write k) (display ")") (newline)
(k 'wine)
(k 'cheese)

(scene "5. call/cc can jump back in, too")
(let ((visits 0) (again #f))
  (in-room "attic"
           (lambda ()
             (call/cc (lambda (k) (set! again k)))   ; remember this point
             (set! visits (+ visits 1))
             (format #t "  visit ~a~%" visits)))
  (when (< visits 2) (again 'once-more)))

(scene "6. a generator that yields from inside a room")
(define (make-generator producer)
  (define next (lambda () (producer (lambda (v) (abort-to-prompt tag v))) 'done))
  (lambda ()
    (call-with-prompt tag next (lambda (k v) (set! next k) v))))
(define g
  (make-generator
   (lambda (yield)
     (in-room "library" (lambda () (yield 'book-1) (yield 'book-2))))))
(format #t "  got ~a~%" (g))
(format #t "  got ~a~%" (g))
(format #t "  got ~a~%" (g))

;; (ice-9 ethreads) makes a different promise.  Suspending an ethread is a
;; switch, not an exit: its dynamic-wind handlers do *not* run when it
;; sleeps or waits, only when it really ends.  A thread holding a lock or
;; an open file keeps it while the others run.
(scene "7. ethreads: sleeping is not leaving")
(spawn (lambda ()
         (in-room "bedroom" (lambda () (sleep 0.01) (display "  awake") (newline)))))
(spawn (lambda () (display "  (the other thread runs meanwhile)") (newline)))
(run)

;;; 01-escapes.scm --- escapes and early return.
;;;
;;; Run: schemeth examples/lessons/01-escapes.scm

;;; Commentary:
;;;
;;; A continuation is "the rest of the computation".  The simplest thing to
;;; do with one is to jump out: stop what you are doing and hand a value
;;; straight to someone waiting further up.  That is `return' in other
;;; languages.  Scheme has several ways to spell it; they differ in how
;;; much of the future they can capture, and this course is about that
;;; difference.
;;;
;;; Code:

(use-modules (ice-9 control))   ; call/ec and let/ec

;; 1. call/ec -- "call with escape continuation".  RETURN is a procedure
;; that, when called, makes call/ec return at once.  The rest of the loop
;; is abandoned.
(define (first-negative numbers)
  (call/ec
   (lambda (return)
     (for-each (lambda (n) (when (negative? n) (return n))) numbers)
     'none)))

(display "first-negative: ")
(write (list (first-negative '(3 1 -4 1 -5)) (first-negative '(2 7))))
(newline)

;; 2. let/ec is the same thing with less punctuation.
(define (product numbers)
  "Multiply NUMBERS, giving up at the first zero."
  (let/ec return
    (let loop ((ns numbers) (acc 1))
      (cond ((null? ns) acc)
            ((zero? (car ns)) (return 'found-a-zero))
            (else (loop (cdr ns) (* acc (car ns))))))))

(display "product: ")
(write (list (product '(1 2 3 4)) (product '(1 2 0 4))))
(newline)

;; 3. call/cc captures the *whole* future of the program, but used only
;; to jump out it behaves exactly like call/ec.  (Lesson 7 shows what
;; else it can do; escapes are the cheap, safe subset.)
(define (find-string items)
  (call/cc
   (lambda (k)
     (for-each (lambda (x) (when (string? x) (k x))) items)
     #f)))

(display "find-string: ")
(write (find-string '(1 two "three" 4)))
(newline)

;; 4. Prompts.  call-with-prompt marks a point in the stack with a TAG;
;; abort-to-prompt jumps back to that mark and calls the HANDLER with the
;; aborted values.  A handler that ignores its first argument K is an
;; escape, and the tag says *which* enclosing mark to jump to.
(define return-tag (make-prompt-tag 'return))

(define (safe-div a b)
  (call-with-prompt return-tag
    (lambda ()
      (when (zero? b) (abort-to-prompt return-tag 'division-by-zero))
      (/ a b))
    (lambda (k reason) (list 'failed reason))))

(display "safe-div: ")
(write (list (safe-div 10 4) (safe-div 1 0)))
(newline)

;; 5. But the handler's K is not thrown away by the system: it is the
;; rest of the computation *between* the abort and the prompt -- a
;; delimited continuation -- and it is an ordinary procedure.
(define tag (make-prompt-tag 'demo))
(define k
  (call-with-prompt tag
    (lambda () (* 2 (+ 1 (abort-to-prompt tag))))
    (lambda (k) k)))

(display "k: ")
(write k)
(newline)
(display "(k 1) (k 10) (k 100) => ")
(write (list (k 1) (k 10) (k 100)))
(newline)
;; An escape only ever needs the jump; everything from lesson 2 on uses K.

;;; 04-exceptions.scm --- exceptions built from prompts: a tiny try/throw.
;;;
;;; Run: schemeth examples/lessons/04-exceptions.scm

;;; Commentary:
;;;
;;; An exception handler is a prompt: `try' marks the stack, `throw' jumps
;;; back to the innermost mark.  Only two details need care:
;;;
;;;   - which mark is innermost?  We keep a stack of prompt tags in a
;;;     parameter, so it follows the dynamic extent of each `try';
;;;   - the handler runs *after* the jump, outside its own `try', so a
;;;     handler that throws again reaches the next `try' out.
;;;
;;; And because the handler receives K, we get something most languages
;;; do not have for free: resumable exceptions.  The handler may answer
;;; the problem and let the code that threw carry on.
;;;
;;; (Our `throw' shadows Guile's built-in one in this file only.)
;;;
;;; Code:

(define try-tags (make-parameter '()))   ; innermost first

(define (try thunk handler)
  "Call THUNK; if it throws a value, return (HANDLER value resume)."
  (let ((tag (make-prompt-tag 'try)))
    (define (guarded thunk)
      (call-with-prompt tag
        thunk
        (lambda (k value)
          ;; RESUME continues after the throw, guarded by this try again.
          (handler value (lambda (answer) (guarded (lambda () (k answer))))))))
    (guarded
     (lambda ()
       (parameterize ((try-tags (cons tag (try-tags))))
         (thunk))))))

(define (throw value)
  "Jump to the innermost try with VALUE; returns only if the handler resumes."
  (if (null? (try-tags))
      (error "throw outside of try:" value)
      (abort-to-prompt (car (try-tags)) value)))

;; 1. The ordinary use: bail out of a computation.
(define (checked-sqrt x)
  (if (negative? x) (throw (list 'negative x)) (sqrt x)))

(define (show label value)
  (display label) (display ": ") (write value) (newline))

(show "ok" (try (lambda () (checked-sqrt 16))
                (lambda (e resume) (list 'caught e))))
(show "bail out" (try (lambda () (+ 1 (checked-sqrt -4)))
                      (lambda (e resume) (list 'caught e))))

;; 2. Nesting: the inner try catches; its handler rethrows to the outer.
(show "rethrow"
      (try (lambda ()
             (try (lambda () (throw 'inner-problem))
                  (lambda (e resume) (throw (list 'wrapped e)))))
           (lambda (e resume) (list 'outer-caught e))))

;; 3. Resuming: RESUME wraps K, the delimited continuation of the
;; throw.  Calling it makes `throw' return a value and the computation
;; goes on -- still under the same try, so a later throw is caught too.
(define (parse-all strings)
  (map (lambda (s) (or (string->number s) (throw s))) strings))

(show "resume with 0"
      (try (lambda () (parse-all '("1" "two" "3" "four")))
           (lambda (bad resume)
             (format #t "  (replacing ~s by 0)~%" bad)
             (resume 0))))

;; The handler may also ask the thrower's question back.
(show "answered"
      (try (lambda () (+ 100 (throw 'how-much?)))
           (lambda (question resume) (resume 23))))

;; 4. Escaping runs dynamic-wind exits -- a `finally' for free.
(try (lambda ()
       (dynamic-wind
         (lambda () (display "open resource") (newline))
         (lambda () (throw 'oops))
         (lambda () (display "close resource") (newline))))
     (lambda (e resume) (show "after cleanup, handled" e)))

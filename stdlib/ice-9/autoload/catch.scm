;;; provides: with-throw-handler %guard guard false-if-exception-thunk false-if-exception
;;; catch.scm --- catch, throw handlers and guard

;;; Commentary:
;;;
;;; Guile's with-throw-handler and R7RS guard, built on
;;; prompts and with-exception-handler.
;;;
;;; Code:

(define (with-throw-handler key thunk handler)
  "Call THUNK; HANDLER sees matching throws before the stack unwinds."
  (with-exception-handler
   (lambda (c)
     (when (or (eq? key #t) (eq? key (%condition-key c)))
       (apply handler (%condition-key c) (%condition-args c)))
     (raise-continuable c))
   thunk))

(define (%guard handler thunk)
  (let ((tag (make-prompt-tag 'guard)))
    (call-with-prompt tag
      (lambda ()
        (with-exception-handler (lambda (c) (abort-to-prompt tag c)) thunk))
      (lambda (k c)
        (handler c (lambda () (raise-continuable c)))))))

(define-syntax guard
  (syntax-rules ()
    ((_ (var clause ...) body ...)
     (%guard (lambda (var reraise) (cond clause ... (else (reraise))))
             (lambda () body ...)))))

(define (false-if-exception-thunk thunk)
  (catch #t thunk (lambda args #f)))

(define-syntax-rule (false-if-exception expr)
  (false-if-exception-thunk (lambda () expr)))

;;; catch.scm ends here

;;; provides: catch with-throw-handler %guard guard false-if-exception-thunk false-if-exception
;;; catch.scm --- catch, throw handlers and guard

;;; Commentary:
;;;
;;; Guile's catch and with-throw-handler, and R7RS guard, built on
;;; prompts and with-exception-handler.
;;;
;;; Code:

(define (catch key thunk handler . pre-unwind)
  "Call THUNK; if it throws KEY (or anything, for #t), call HANDLER with the key and arguments."
  (let ((tag (make-prompt-tag 'catch)))
    (call-with-prompt tag
      (lambda ()
        (with-exception-handler
         (lambda (c)
           (if (or (eq? key #t) (eq? key (%condition-key c)))
               (begin
                 (when (pair? pre-unwind)
                   (apply (car pre-unwind) (%condition-key c) (%condition-args c)))
                 (abort-to-prompt tag c))
               (raise-continuable c)))
         thunk))
      (lambda (k c)
        (apply handler (%condition-key c) (%condition-args c))))))

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

;;; (ice-9 control) --- delimited-continuation operators over call-with-prompt.

;;; Commentary:
;;;
;;; reset/shift as in the literature: the continuation captured by shift
;;; is delimited by the nearest reset, and calling it reinstates a reset
;;; around its body; the body of shift itself runs under a reset too.  % is Guile's short name for call-with-prompt.
;;;
;;; Code:

(define-module (ice-9 control)
  #:re-export (call-with-prompt abort-to-prompt default-prompt-tag make-prompt-tag
               call-with-escape-continuation call/ec)
  #:export (% abort shift reset shift* reset* let-escape-continuation let/ec))

(define (reset* thunk)
  "Call THUNK under a prompt on the default tag."
  (call-with-prompt (default-prompt-tag)
    thunk
    (lambda (k proc) (proc k))))

(define (shift* receiver)
  "Capture the continuation up to the nearest reset and pass it to RECEIVER."
  (abort-to-prompt (default-prompt-tag)
                   (lambda (k)
                     (reset* (lambda ()
                               (receiver (lambda vals
                                           (reset* (lambda () (apply k vals))))))))))

(define-syntax-rule (reset body ...)
  (reset* (lambda () body ...)))

(define-syntax-rule (shift k body ...)
  (shift* (lambda (k) body ...)))

(define-syntax %
  (syntax-rules ()
    ((_ expr)
     (call-with-prompt (default-prompt-tag)
       (lambda () expr)
       default-prompt-handler))
    ((_ expr handler)
     (call-with-prompt (default-prompt-tag)
       (lambda () expr)
       handler))
    ((_ tag expr handler)
     (call-with-prompt tag
       (lambda () expr)
       handler))))

(define (default-prompt-handler k proc)
  (proc k))

(define (abort . args)
  "Abort to the default prompt with ARGS."
  (apply abort-to-prompt (default-prompt-tag) args))

(define-syntax-rule (let-escape-continuation k body ...)
  (call/ec (lambda (k) body ...)))

(define-syntax-rule (let/ec k body ...)
  (call/ec (lambda (k) body ...)))

;;; control.scm ends here

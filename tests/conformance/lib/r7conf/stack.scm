;;; (r7conf stack) --- an R7RS library for 44-r7rs-libraries.scm

(define-library (r7conf stack)
  (export make-stack stack? push! pop! stack-size with-stack pushes stack-uses-string-index)
  (import (scheme base))
  (cond-expand
    ((library (scheme char))
     (import (only (scheme char) char-upcase)))
    (else))
  (begin
    (define-record-type <stack>
      (%make-stack items)
      stack?
      (items stack-items set-stack-items!))

    (define pushes 0)

    (define (make-stack) (%make-stack '()))

    (define (push! s x)
      (set! pushes (+ pushes 1))
      (set-stack-items! s (cons x (stack-items s))))

    (define (pop! s)
      (let ((top (car (stack-items s))))
        (set-stack-items! s (cdr (stack-items s)))
        top))

    (define (stack-size s) (length (stack-items s)))

    ;; A macro whose expansion names a private procedure of this library.
    (define (%fresh-stack-with items)
      (let ((s (make-stack)))
        (for-each (lambda (x) (push! s x)) items)
        s))

    (define-syntax with-stack
      (syntax-rules ()
        ((_ (name item ...) body ...)
         (let ((name (%fresh-stack-with (list item ...))))
           body ...))))

    (define (stack-uses-string-index)
      (string-index "abc" #\b))))

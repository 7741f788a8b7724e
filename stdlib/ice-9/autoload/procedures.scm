;;; provides: identity and=> const negate compose
;;; procedures.scm --- procedures on procedures

;;; Commentary:
;;;
;;; Small combinators Guile has in its default environment.
;;;
;;; Code:

(define (identity x) x)

(define (and=> value proc)
  "(PROC VALUE) when VALUE is true, else #f."
  (and value (proc value)))

(define (const value)
  "A procedure that ignores its arguments and returns VALUE."
  (lambda _ value))

(define (negate proc)
  "A procedure returning the boolean opposite of PROC."
  (lambda args (not (apply proc args))))

(define (compose proc . rest)
  "The composition of the procedures: ((compose f g) x) is (f (g x))."
  (if (null? rest)
      proc
      (let ((g (apply compose rest)))
        (lambda args (call-with-values (lambda () (apply g args)) proc)))))

;;; procedures.scm ends here

;;; provides: force
;;; promises.scm --- forcing promises

;;; Commentary:
;;;
;;; Promise objects are Python records (primitives/promises.py); forcing
;;; calls the promise's thunk, so it is written in Scheme.
;;;
;;; Code:

(define (force p)
  "The value of promise P, computing it the first time (R7RS iterative forcing)."
  (if (not (promise? p))
      (scm-error 'wrong-type-arg "force" "Wrong type argument in position ~A (expecting ~A): ~S"
                 (list 1 "promise" p) (list p))
      (let lp ()
        (if (%promise-done? p)
            (%promise-payload p)
            (let ((v ((%promise-payload p))))
              (cond ((%promise-done? p) (%promise-payload p))
                    ((%promise-delay-force? p) (%promise-chain! p v) (lp))
                    (else (%promise-resolve! p v) v)))))))

;;; promises.scm ends here

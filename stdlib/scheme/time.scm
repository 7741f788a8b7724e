;;; (scheme time) --- the R7RS time library

;;; Commentary:
;;;
;;; Jiffies are Guile's internal time units (nanoseconds); the Python table
;;; for this module supplies current-second.
;;;
;;; Code:

(define-module (scheme time)
  #:export (current-jiffy current-second jiffies-per-second))

(define (current-jiffy)
  (get-internal-real-time))

(define (jiffies-per-second)
  internal-time-units-per-second)

;;; time.scm ends here

;;; (srfi srfi-45) --- iterative lazy algorithms: the core promises, with SRFI-45's names.

;;; Commentary:
;;;
;;; The core's delay-force already runs chains of lazy promises in constant
;;; space; the core also knows it as lazy.  eager is make-promise.
;;;
;;; Code:

(define-module (srfi srfi-45)
  #:re-export (delay force promise? lazy)
  #:export (eager))

(define (eager value)
  (make-promise value))

;;; srfi-45.scm ends here

;;; (scheme write) --- the R7RS output library

;;; Commentary:
;;;
;;; write-shared and write-simple are Guile's write: it does not label
;;; shared structure.
;;;
;;; Code:

(define-module (scheme write)
  #:re-export (display write)
  #:export (write-shared write-simple))

(define* (write-shared obj #:optional (port (current-output-port)))
  (write obj port))

(define* (write-simple obj #:optional (port (current-output-port)))
  (write obj port))

;;; write.scm ends here

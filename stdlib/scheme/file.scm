;;; (scheme file) --- the R7RS file library

;;; Commentary:
;;;
;;; Guile's file procedures, with binary openers and with-input-from-file.
;;; The Python table for this module supplies delete-file.
;;;
;;; Code:

(define-module (scheme file)
  #:re-export (call-with-input-file call-with-output-file file-exists?
               open-input-file open-output-file with-output-to-file)
  #:export (delete-file open-binary-input-file open-binary-output-file)
  #:replace (with-input-from-file))

(define (open-binary-input-file file)
  (open-file file "rb"))

(define (open-binary-output-file file)
  (open-file file "wb"))

(define (with-input-from-file file thunk)
  (call-with-input-file file
    (lambda (port)
      (parameterize ((current-input-port port))
        (thunk)))))

;;; file.scm ends here

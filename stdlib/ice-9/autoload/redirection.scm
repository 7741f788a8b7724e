;;; redirection.scm --- running a thunk with a file or port as current input or error
;;; provides: with-input-from-port with-input-from-file with-error-to-file

;;; Code:

(define (with-input-from-port port thunk)
  "Call THUNK with PORT as the current input port."
  (parameterize ((current-input-port port)) (thunk)))

(define (with-input-from-file file thunk)
  "Call THUNK with a port reading FILE as the current input port."
  (call-with-input-file file (lambda (port) (with-input-from-port port thunk))))

(define (with-error-to-file file thunk)
  "Call THUNK with a port writing FILE as the current error port."
  (call-with-output-file file (lambda (port) (with-error-to-port port thunk))))

;;; redirection.scm ends here

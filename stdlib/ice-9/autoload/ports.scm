;;; provides: call-with-output-string with-output-to-string with-input-from-string
;;; provides: call-with-input-string with-output-to-port with-error-to-port call-with-port
;;; provides: call-with-input-file call-with-output-file with-output-to-file pk peek
;;; ports.scm --- procedures that call procedures with ports

;;; Commentary:
;;;
;;; String ports, port redirection by parameterize, and pk.
;;;
;;; Code:

(define (call-with-output-string proc)
  (let ((port (open-output-string)))
    (proc port)
    (get-output-string port)))

(define (with-output-to-string thunk)
  (let ((port (open-output-string)))
    (parameterize ((current-output-port port))
      (thunk))
    (get-output-string port)))

(define (with-input-from-string s thunk)
  (parameterize ((current-input-port (open-input-string s)))
    (thunk)))

(define (call-with-input-string s proc)
  (proc (open-input-string s)))

(define (with-output-to-port port thunk)
  (parameterize ((current-output-port port)) (thunk)))

(define (with-error-to-port port thunk)
  (parameterize ((current-error-port port)) (thunk)))

(define (call-with-port port proc)
  (call-with-values (lambda () (proc port))
    (lambda vals (close-port port) (apply values vals))))

(define (open-with-encoding file mode binary encoding)
  "FILE opened with MODE; text in ISO-8859-1 when BINARY, else in ENCODING if given."
  (let ((port (open-file file (if binary (string-append mode "b") mode))))
    (when (and encoding (not binary))
      (set-port-encoding! port encoding))
    port))

(define* (call-with-input-file file proc #:key binary encoding guess-encoding)
  "Call PROC with a port reading FILE (as bytes-as-characters when BINARY, or in ENCODING);
close it when PROC returns."
  (call-with-port (open-with-encoding file "r" binary encoding) proc))

(define* (call-with-output-file file proc #:key binary encoding)
  "Call PROC with a port writing FILE (see call-with-input-file); close it when PROC returns."
  (call-with-port (open-with-encoding file "w" binary encoding) proc))

(define (with-output-to-file file thunk)
  (call-with-output-file file (lambda (port) (with-output-to-port port thunk))))

(define (pk . args)
  "Print ARGS for debugging, and return the last one."
  (let ((port (current-output-port)))
    (newline port)
    (display ";;; " port)
    (write args port)
    (newline port)
    (if (pair? args) (car (last-pair args)) #f)))

(define peek pk)

;;; ports.scm ends here

;;; hello-server.scm --- a Guile web server on the ethreads backend.
;;;
;;; Usage: schemeth examples/hello-server.scm [PORT]   (default 8080)
;;; Try:   curl -i http://127.0.0.1:8080/

(use-modules (web server) (web request) (web response) (web uri))

(define (hello-handler request body)
  (values '((content-type . (text/plain)))
          "Hello, World!"))

(define port
  (let ((args (command-line)))
    (if (> (length args) 1) (string->number (cadr args)) 8080)))

(run-server hello-handler 'ethreads `(#:port ,port))

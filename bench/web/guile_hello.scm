;;; guile_hello.scm --- the hello handler of examples/hello-server.scm on Guile's own 'http
;;; backend, for bench/web/run.py.
;;;
;;; Usage: guile bench/web/guile_hello.scm PORT

(use-modules (web server))

(define (hello-handler request body)
  (values '((content-type . (text/plain)))
          "Hello, World!"))

(run-server hello-handler 'http `(#:port ,(string->number (cadr (command-line)))))

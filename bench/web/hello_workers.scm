;;; hello_workers.scm --- the hello handler of examples/hello-server.scm on the ethreads
;;; backend with pre-forked workers, for bench/web/run.py.
;;;
;;; Usage: schemeth bench/web/hello_workers.scm PORT WORKERS

(use-modules (web server))

(define (hello-handler request body)
  (values '((content-type . (text/plain)))
          "Hello, World!"))

(define args (command-line))

(run-server hello-handler 'ethreads
            `(#:port ,(string->number (cadr args))
              #:workers ,(string->number (caddr args))))

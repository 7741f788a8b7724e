;;; (web server spawn) --- serve a handler from ethreads of the current econtext

;;; Commentary:
;;;
;;; `run-server' owns the process: it loops until interrupted.  At the REPL
;;; (or in a program that has other ethreads to run) you want the server in
;;; the background instead: `spawn-server' opens the socket, spawns an
;;; accept loop and one ethread per connection in the current econtext, and
;;; returns the listening socket at once.  The REPL keeps running those
;;; ethreads while it waits for input, so the server answers while you
;;; work; a script calls (run).  Each connection thread calls the handler
;;; itself, through (web server)'s handle-request, so redefining the handler
;;; at the REPL takes effect on the next request when you pass a variable
;;; reference such as (lambda (r b) (my-handler r b)).  Close the returned
;;; socket to stop accepting.
;;;
;;; Code:

(define-module (web server spawn)
  #:use-module (ice-9 ethreads)
  #:use-module (ice-9 binary-ports)
  #:use-module (web request)
  #:use-module (web response)
  #:use-module (web server)
  #:export (spawn-server))

(define (serve-connection client handler)
  "Answer the requests of one keep-alive connection, then close it."
  (catch #t
    (lambda ()
      (let lp ()
        (unless (eof-object? (lookahead-u8 client))
          (let* ((request (read-request client))
                 (body (read-request-body request)))
            (call-with-values (lambda () (handle-request handler request body '()))
              (lambda (response body state)
                (write-response response client)
                (when body (put-bytevector client body))
                (force-output client)
                (when (keep-alive? response) (lp))))))))
    (lambda (key . args) #f))
  (close-port client))

(define (accept-loop sock handler)
  (let lp ()
    (let ((client (car (accept sock SOCK_NONBLOCK))))
      (setsockopt client IPPROTO_TCP TCP_NODELAY 1)
      (spawn (lambda () (serve-connection client handler)))
      (lp))))

(define* (spawn-server handler #:key (host #f) (family AF_INET)
                       (addr (if host (inet-pton family host) INADDR_LOOPBACK))
                       (port 8080))
  "Start serving HANDLER in the background of the current econtext; return the listening socket."
  (let ((sock (socket family (logior SOCK_STREAM SOCK_NONBLOCK) 0)))
    (setsockopt sock SOL_SOCKET SO_REUSEADDR 1)
    (bind sock family addr port)
    (listen sock 1024)
    (sigaction SIGPIPE SIG_IGN)
    (spawn (lambda () (accept-loop sock handler)))
    sock))

;;; spawn.scm ends here

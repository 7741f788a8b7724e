;;; echo-server.scm --- one ethread per client over ordinary (suspendable) ports.
;;;
;;; Usage: schemeth examples/echo-server.scm [PORT]   (default 7000)
;;; Try:   printf 'hello\n' | nc -q1 127.0.0.1 7000
;;;
;;; The listening socket and the clients are non-blocking.  `accept',
;;; `read-line' and `force-output' are the standard procedures: inside
;;; `run' they suspend the calling ethread whenever the descriptor is not
;;; ready, so every loop below is written as if it owned the process.

(use-modules (ice-9 ethreads) (ice-9 rdelim))

(define (make-listener port)
  (let ((s (socket PF_INET (logior SOCK_STREAM SOCK_NONBLOCK) 0)))
    (setsockopt s SOL_SOCKET SO_REUSEADDR 1)
    (bind s AF_INET INADDR_LOOPBACK port)
    (listen s 1024)
    s))

(define (serve-client client)
  (let loop ()
    (let ((line (read-line client 'concat)))
      (unless (eof-object? line)
        (display line client)
        (force-output client)
        (loop))))
  (close-port client))

(define (accept-loop server)
  (let loop ()
    (let ((client (car (accept server SOCK_NONBLOCK))))
      (spawn (lambda () (serve-client client)))
      (loop))))

(define port
  (let ((args (command-line)))
    (if (> (length args) 1) (string->number (cadr args)) 7000)))

(sigaction SIGPIPE SIG_IGN)
(define server (make-listener port))
(format #t "echo server listening on 127.0.0.1:~a~%" port)
(force-output)
(spawn (lambda () (accept-loop server)))
(run)

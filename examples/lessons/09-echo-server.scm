;;; 09-echo-server.scm --- an echo server with ethreads, and its own client.
;;;
;;; Run: schemeth examples/lessons/09-echo-server.scm

;;; Commentary:
;;;
;;; examples/echo-server.scm is a real echo server that runs until you
;;; stop it.  This lesson is the same server, plus a client thread in the
;;; same process, so that it runs by itself and ends.
;;;
;;; Sockets are opened non-blocking.  Inside `run', the ordinary port
;;; procedures -- `accept', `read-line', `force-output' -- do not fail or
;;; block when the socket is not ready: they suspend the calling ethread
;;; until epoll says the descriptor is ready, then retry.  So the server
;;; loop, the per-client loop and the client are all written as plain
;;; blocking code, and each of them thinks it owns the process.
;;;
;;; Code:

(use-modules (ice-9 ethreads) (ice-9 rdelim))

(define (make-listener)
  "A non-blocking socket listening on a free loopback port."
  (let ((s (socket PF_INET (logior SOCK_STREAM SOCK_NONBLOCK) 0)))
    (bind s AF_INET INADDR_LOOPBACK 0)            ; port 0: the kernel picks
    (listen s 16)
    s))

(define (serve-client client)
  "Echo lines back until the client hangs up."
  (let loop ((count 0))
    (let ((line (read-line client 'concat)))      ; may suspend
      (cond ((eof-object? line)
             (close-port client)
             (format #t "server: client hung up after ~a lines~%" count))
            (else
             (format #t "server: echoing ~s~%" (string-trim-right line))
             (display line client)
             (force-output client)                ; may suspend
             (loop (+ count 1)))))))

(define (accept-loop server clients)
  "Serve CLIENTS connections, each in its own thread, then stop listening.
A real server loops forever; this one stops so that the lesson ends."
  (let loop ((n clients))
    (if (zero? n)
        (close-port server)
        (let ((client (car (accept server SOCK_NONBLOCK))))   ; may suspend
          (display "server: accepted a connection, spawning its thread")
          (newline)
          (spawn (lambda () (serve-client client)))
          (loop (- n 1))))))

(define (echo-client port lines)
  "Connect to PORT, send each of LINES and read its echo."
  (let ((s (socket PF_INET (logior SOCK_STREAM SOCK_NONBLOCK) 0)))
    (unless (connect s AF_INET INADDR_LOOPBACK port)   ; #f: in progress
      (wait-writable s))
    (for-each (lambda (line)
                (display line s)
                (newline s)
                (force-output s)
                (format #t "client: got back ~s~%" (read-line s)))
              lines)
    (close-port s)
    (display "client: done, hanging up")
    (newline)))

(define server (make-listener))
(define port (sockaddr:port (getsockname server)))

(spawn (lambda () (accept-loop server 1)))
(spawn (lambda () (echo-client port '("hello" "delimited" "continuations"))))
(run)
(display "run returned: the server stopped listening and every thread ended")
(newline)

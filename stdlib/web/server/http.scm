;;; (web server http) --- the blocking HTTP backend: one request at a time

;;; Commentary:
;;;
;;; Waits until the listening socket or a kept-alive client is readable,
;;; then reads one whole request from that client.  Simple and fair enough
;;; for development; the `ethreads' backend never lets a slow client hold
;;; up the others.
;;;
;;; Code:

(define-module (web server http)
  #:use-module (srfi srfi-9)
  #:use-module (ice-9 binary-ports)
  #:use-module (rnrs bytevectors)
  #:use-module (web request)
  #:use-module (web response)
  #:use-module (web server))

(define-record-type <http-server>
  (make-http-server socket clients)
  http-server?
  (socket http-server-socket)
  (clients http-server-clients set-http-server-clients!))

(define (make-default-socket family addr port)
  (let ((s (socket family SOCK_STREAM 0)))
    (setsockopt s SOL_SOCKET SO_REUSEADDR 1)
    (bind s family addr port)
    s))

(define* (http-open #:key (host #f) (family AF_INET)
                    (addr (if host (inet-pton family host) INADDR_LOOPBACK))
                    (port 8080)
                    (socket (make-default-socket family addr port)))
  (listen socket 1024)
  (sigaction SIGPIPE SIG_IGN)
  (make-http-server socket '()))

(define (drop-client! server client)
  (set-http-server-clients! server (delq client (http-server-clients server)))
  (close-port client))

;; -> (client request body | #f #f #f)
(define (http-read server)
  (let lp ()
    (let ((ready (%wait-for-readable (cons (http-server-socket server)
                                           (http-server-clients server)))))
      (cond
       ((memq (http-server-socket server) ready)
        (let ((client (car (accept (http-server-socket server)))))
          (setsockopt client IPPROTO_TCP TCP_NODELAY 1)
          (set-http-server-clients! server (cons client (http-server-clients server)))
          (lp)))
       (else
        (let ((client (car ready)))
          (if (eof-object? (lookahead-u8 client))
              (begin (drop-client! server client) (lp))
              (catch #t
                (lambda ()
                  (let* ((request (read-request client))
                         (body (read-request-body request)))
                    (values client request body)))
                (lambda (key . args)
                  (write-response (build-response #:version '(1 . 0) #:code 400
                                                  #:headers '((content-length . 0)))
                                  client)
                  (force-output client)
                  (drop-client! server client)
                  (lp))))))))))

;; -> 0 values
(define (http-write server client response body)
  (write-response response client)
  (when body (put-bytevector client body))
  (force-output client)
  (unless (keep-alive? response)
    (drop-client! server client))
  (values))

(define (http-close server)
  (for-each close-port (http-server-clients server))
  (close-port (http-server-socket server)))

(define-server-impl http
  http-open
  http-read
  http-write
  http-close)

;;; http.scm ends here

;;; (web server ethreads) --- a non-blocking HTTP backend: one ethread per client

;;; Commentary:
;;;
;;; The structure of the 2012 backend.  An accept loop and one loop per
;;; client run as ethreads, each written as if it were in charge.  A client
;;; thread reads a request, then suspends with an after-procedure that
;;; aborts to the server's have-request prompt.  The (web server) read hook
;;; runs the econtext under that prompt, so it returns (client request body)
;;; as soon as any client has a request; the write hook resumes the client
;;; thread with the response, which it writes before reading the next
;;; request of a keep-alive connection.  Socket reads and writes suspend the
;;; calling thread whenever the descriptor is not ready.
;;;
;;; Code:

(define-module (web server ethreads)
  #:use-module (srfi srfi-9)
  #:use-module (ice-9 ethreads)
  #:use-module (ice-9 rdelim)
  #:use-module (ice-9 binary-ports)
  #:use-module (rnrs bytevectors)
  #:use-module (web http)
  #:use-module (web request)
  #:use-module (web response)
  #:use-module (web server))

(define-record-type <server>
  (make-server econtext have-request-prompt socket)
  server?
  (econtext server-econtext)
  (have-request-prompt server-have-request-prompt)
  (socket server-socket))

(define *max-line-length* 512)

(define (make-default-socket family addr port)
  (let ((sock (socket family (logior SOCK_STREAM SOCK_NONBLOCK) 0)))
    (setsockopt sock SOL_SOCKET SO_REUSEADDR 1)
    (bind sock family addr port)
    sock))

(define (read-limited-line port)
  "A request or header line of at most 512 characters, without its CR LF."
  (%read-line-limited port *max-line-length*))

(define (continuation-line? port)
  (let ((c (peek-char port)))
    (and (char? c) (or (char=? c #\space) (char=? c #\tab)))))

(define (read-limited-request port)
  "Read a request whose request line and headers are each at most 512 characters."
  (call-with-values (lambda () (read-request-line port read-limited-line))
    (lambda (method uri version)
      (let ((headers (read-headers port read-limited-line continuation-line?)))
        (build-request uri #:method method #:version version
                       #:headers headers #:port port #:validate-headers? #f)))))

(define (send-response client response body)
  "Write RESPONSE and BODY; #t when the connection should serve another request.  A peer that
went away (reset, broken pipe) just ends the connection."
  (catch 'system-error
    (lambda ()
      (write-response response client)
      (when body (put-bytevector client body))
      (force-output client)
      (and (keep-alive? response)
           (not (eof-object? (lookahead-u8 client)))))
    (lambda (key . args) #f)))

(define (client-loop client have-request)
  "Serve the requests of one connection, each response after the previous one."
  (with-throw-handler #t
    (lambda ()
      (let loop ()
        (call-with-values
            (lambda ()
              (catch #t
                (lambda ()
                  (let* ((request (read-limited-request client))
                         (body (read-request-body request)))
                    (suspend (lambda (ctx thread)
                               (have-request thread request body)))))
                (lambda (key . args)
                  (display "While reading request:\n" (current-error-port))
                  (print-exception (current-error-port) #f key args)
                  (values (build-response #:version '(1 . 0) #:code 400
                                          #:headers '((content-length . 0)))
                          #vu8()))))
          (lambda (response body)
            (if (send-response client response body)
                (loop)
                (close-port client))))))
    (lambda (k . args)
      (catch #t
        (lambda () (close-port client))
        (lambda (k . args) #f)))))

(define (socket-loop server sock)
  "Accept connections for ever, one client thread each."
  (define (have-request client-thread request body)
    (abort-to-prompt (server-have-request-prompt server) client-thread request body))
  (let loop ()
    (let ((client (car (accept sock SOCK_NONBLOCK))))
      (setsockopt client SOL_SOCKET SO_SNDBUF (* 12 1024))
      (setsockopt client IPPROTO_TCP TCP_NODELAY 1)
      (spawn (lambda ()
               (if (eof-object? (lookahead-u8 client))
                   (close-port client)
                   (client-loop client have-request)))
             (server-econtext server))
      (loop))))

(define* (server-open #:key (host #f) (family AF_INET)
                      (addr (if host (inet-pton family host) INADDR_LOOPBACK))
                      (port 8080)
                      (socket (make-default-socket family addr port)))
  (listen socket 1024)
  (sigaction SIGPIPE SIG_IGN)
  (fcntl socket F_SETFL (logior O_NONBLOCK (fcntl socket F_GETFL)))
  (let ((server (make-server (make-econtext) (make-prompt-tag 'have-request) socket)))
    (spawn (lambda () (socket-loop server socket)) (server-econtext server))
    server))

;; -> (client request body | #f #f #f)
(define (server-read server)
  (call-with-prompt (server-have-request-prompt server)
    (lambda ()
      (run (server-econtext server))
      (values #f #f #f))
    (lambda (k client request body)
      (values client request body))))

;; -> 0 values
(define (server-write server client response body)
  (when (and body (not (bytevector? body)))
    (error "Expected a bytevector for body" body))
  (resume client (lambda () (values response body)) (server-econtext server))
  (values))

(define (server-close server)
  (close-port (server-socket server)))

(define-server-impl ethreads
  server-open
  server-read
  server-write
  server-close)

;;; ethreads.scm ends here

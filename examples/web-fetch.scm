;;; web-fetch.scm --- fetch several URLs at once with (web client), one ethread each.
;;;
;;; Usage: schemeth examples/web-fetch.scm URL...
;;;        schemeth examples/web-fetch.scm [PORT]    (a self-contained demo)
;;; Try:   schemeth examples/web-fetch.scm 8080
;;;
;;; Each URL is fetched by its own ethread with `http-get' from (web
;;; client).  The trick is the port: the socket is created non-blocking
;;; and handed to http-get with #:port, so connecting, writing the request
;;; and reading the response suspend just that ethread while it waits, and
;;; the fetches overlap.  Host names are resolved with getaddrinfo, which
;;; blocks (use numeric addresses where that matters).  Only http:// URLs
;;; work: there is no TLS.
;;;
;;; Without URLs, the program also serves them: an ethread on 127.0.0.1:PORT
;;; answers /delay/MS after MS milliseconds, using (web request) and (web
;;; response) directly; the six demo fetches then take about as long as the
;;; slowest one, not as long as all of them together.

(use-modules (ice-9 ethreads) (ice-9 format) (ice-9 receive)
             (web client) (web request) (web response) (web uri)
             (ice-9 binary-ports) (rnrs bytevectors) (srfi srfi-1))

(define (now) (/ (get-internal-real-time) internal-time-units-per-second 1.0))

;;; The client

(define (connect-to uri)
  "A non-blocking socket connected to the host of URI; waits in the current ethread."
  (let* ((ai (car (getaddrinfo (uri-host uri)
                               (number->string (or (uri-port uri) 80))
                               AI_NUMERICSERV)))
         (s (socket (addrinfo:fam ai) (logior SOCK_STREAM SOCK_NONBLOCK) 0)))
    (connect s (addrinfo:addr ai))
    s))

(define (fetch url)
  "Fetch URL; -> a line describing the outcome."
  (let ((start (now))
        (uri (string->uri url)))
    (catch #t
      (lambda ()
        (receive (response body)
            (http-get uri #:port (connect-to uri) #:decode-body? #f)
          (format #f "~a ~6d bytes ~5,2f s  ~a"
                  (response-code response)
                  (if body (bytevector-length body) 0)
                  (- (now) start)
                  url)))
      (lambda (key . args)
        (format #f "failed (~a) ~5,2f s  ~a" key (- (now) start) url)))))

(define* (fetch-all urls #:optional (done (lambda () #t)))
  "Fetch URLS, each from its own ethread, printing a line as each completes; call DONE once
they all have."
  (let ((remaining (length urls)))
    (for-each (lambda (url)
                (spawn (lambda ()
                         (display (fetch url))
                         (newline)
                         (set! remaining (- remaining 1))
                         (when (zero? remaining) (done)))))
              urls)))

;;; The demo server

(define (delay-of request)
  "The delay in seconds a /delay/MS request asks for (0 for any other path)."
  (let ((path (split-and-decode-uri-path (uri-path (request-uri request)))))
    (or (and (= (length path) 2)
             (string=? (car path) "delay")
             (let ((ms (string->number (cadr path))))
               (and ms (/ ms 1000.0))))
        0)))

(define (answer client)
  (let ((request (read-request client)))
    (sleep (delay-of request))
    (let ((body (string->utf8 (format #f "waited for ~a\n" (uri-path (request-uri request))))))
      (write-response (build-response #:headers `((content-type . (text/plain))
                                                  (content-length . ,(bytevector-length body))
                                                  (connection close)))
                      client)
      (put-bytevector client body)
      (close-port client))))

(define (serve socket)
  "Accept clients on SOCKET, answering each in its own ethread; -> the accepting ethread."
  (spawn (lambda ()
           (let loop ()
             (let ((client (car (accept socket SOCK_NONBLOCK))))
               (spawn (lambda () (answer client)))
               (loop))))))

(define (listener port)
  (let ((s (socket PF_INET (logior SOCK_STREAM SOCK_NONBLOCK) 0)))
    (setsockopt s SOL_SOCKET SO_REUSEADDR 1)
    (bind s AF_INET INADDR_LOOPBACK port)
    (listen s 128)
    s))

;;; Main

(define (demo port)
  "Serve /delay/MS on PORT and fetch six such URLs at once; stop serving when all are done."
  (let* ((delays '(600 100 400 300 500 200))
         (urls (map (lambda (ms) (format #f "http://127.0.0.1:~a/delay/~a" port ms)) delays))
         (socket (listener port))
         (acceptor (serve socket))
         (start (now)))
    (fetch-all urls (lambda ()
                      (kill-ethread acceptor)
                      (close-port socket)))
    (run)
    (format #t "fetched ~a URLs in ~,2f s (their delays add up to ~,2f s)\n"
            (length urls) (- (now) start) (/ (apply + delays) 1000.0))))

(sigaction SIGPIPE SIG_IGN)
(let ((args (cdr (command-line))))
  (cond
   ((null? args) (demo 8080))
   ((string->number (car args)) (demo (string->number (car args))))
   (else (fetch-all args) (run))))

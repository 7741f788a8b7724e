;;; (web request) and (web response): building, reading and writing HTTP messages.

(use-modules (web http) (web uri) (web request) (web response) (ice-9 binary-ports)
             (rnrs bytevectors))

(define-syntax-rule (show label expr)
  (begin (display label) (display ": ") (write expr) (newline)))

(define (try thunk)
  (catch #t thunk (lambda (key . args) (cons key args))))

(define (bv-port text) (open-bytevector-input-port (string->utf8 text)))

(define (wire proc)
  (call-with-values (lambda () (open-bytevector-output-port))
    (lambda (port get) (proc port) (utf8->string (get)))))

;; building requests
(show "build-request" (build-request (string->uri "http://a/b")))
(show "host with port" (build-request (string->uri "http://[::1]:8080/a?b#c")))
(show "no host" (try (lambda () (build-request (string->uri-reference "/x")))))
(show "1.0 without host" (build-request (string->uri-reference "/x") #:version '(1 . 0)))
(show "host header kept" (request-headers (build-request (string->uri-reference "/x")
                                                         #:headers '((host "h" . 1)))))
(show "post without port" (try (lambda () (build-request (string->uri "http://a/") #:method 'POST))))
(show "bad uri" (try (lambda () (build-request "x"))))
(show "bad version" (try (lambda () (build-request (string->uri "http://a/") #:version '(1 . x)))))
(show "bad header value" (try (lambda () (build-request (string->uri "http://a/")
                                                        #:headers '((content-length . "x"))))))
(show "header not a pair" (try (lambda () (build-request (string->uri "http://a/") #:headers '(x)))))
(show "headers not a list" (try (lambda () (build-request (string->uri "http://a/") #:headers 5))))
(show "bad meta" (try (lambda () (build-request (string->uri "http://a/") #:meta 5))))
(show "unvalidated" (request-headers (build-request (string->uri "http://a/")
                                                    #:headers '((content-length . "x"))
                                                    #:validate-headers? #f)))
(show "meta" (request-meta (build-request (string->uri "http://a/") #:meta '((k . v)))))

;; building responses
(show "build-response" (build-response))
(show "bad code" (try (lambda () (build-response #:code 600))))
(show "negative code" (try (lambda () (build-response #:code -1))))
(show "bad reason" (try (lambda () (build-response #:reason-phrase 'x))))
(show "bad version" (try (lambda () (build-response #:version 11))))
(show "bad header" (try (lambda () (build-response #:headers '((content-type . "text/plain"))))))
(show "unvalidated" (build-response #:headers '((content-type . "text/plain"))
                                    #:validate-headers? #f))
(show "reason phrases" (map (lambda (c) (response-reason-phrase (build-response #:code c)))
                            '(100 200 201 204 301 302 304 400 401 403 404 405 418 500 503)))
(show "own reason" (response-reason-phrase (build-response #:code 200 #:reason-phrase "Fine")))

;; reading requests
(define r (read-request (bv-port (string-append
                                  "POST /submit?x=1 HTTP/1.1\r\n"
                                  "Host: example.com:8080\r\n"
                                  "Content-Type: application/x-www-form-urlencoded\r\n"
                                  "Content-Length: 7\r\n"
                                  "Accept: text/html, */*;q=0.5\r\n"
                                  "Connection: keep-alive\r\n"
                                  "User-Agent: test/1.0\r\n"
                                  "X-Custom: hello  \r\n"
                                  "\r\n"
                                  "abc=defEXTRA"))))
(show "method" (request-method r))
(show "uri" (request-uri r))
(show "version" (request-version r))
(show "headers" (request-headers r))
(show "meta" (request-meta r))
(show "accessors" (list (request-host r) (request-content-length r) (request-content-type r)
                        (request-accept r) (request-connection r) (request-user-agent r)))
(show "defaults" (list (request-cache-control r) (request-date r) (request-te r) (request-range r)
                       (request-via r) (request-allow r) (request-if-none-match r 'dflt)))
(show "body" (read-request-body r))
(show "after body" (utf8->string (get-bytevector-all (request-port r))))
(show "absolute uri" (request-absolute-uri r "d" 1 'http))
(show "absolute uri no scheme" (try (lambda () (request-absolute-uri r))))
(show "absolute uri defaults" (request-absolute-uri (build-request (string->uri-reference "/p")
                                                                   #:version '(1 . 0))
                                                    "h" 9 'https))
(show "absolute uri no host" (try (lambda () (request-absolute-uri
                                              (build-request (string->uri-reference "/p")
                                                             #:version '(1 . 0))))))
(show "absolute already" (request-absolute-uri (build-request (string->uri "http://x/y"))))
(show "no body" (read-request-body (read-request (bv-port "GET / HTTP/1.0\r\n\r\n"))))
(show "empty body" (read-request-body (read-request (bv-port "PUT / HTTP/1.0\r\nContent-Length: 0\r\n\r\n"))))
(show "short body" (try (lambda () (read-request-body
                                    (read-request (bv-port "PUT / HTTP/1.0\r\nContent-Length: 10\r\n\r\nabc"))))))
(show "read-request meta" (request-meta (read-request (bv-port "GET / HTTP/1.0\r\n\r\n") '((a . 1)))))
(show "bad request line" (try (lambda () (read-request (bv-port "nonsense\r\n\r\n")))))
(show "pipelined" (let ((p (bv-port "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n")))
                    (let* ((a (read-request p)) (b (read-request p)))
                      (map (lambda (x) (uri-path (request-uri x))) (list a b)))))

;; writing
(show "hello response" (wire (lambda (p) (write-response
                                          (build-response #:headers '((content-length . 13)
                                                                      (content-type . (text/plain (charset . "utf-8")))))
                                          p))))
(show "404" (wire (lambda (p) (write-response (build-response #:code 404 #:headers '((connection close))) p))))
(show "unknown code" (wire (lambda (p) (write-response (build-response #:code 299) p))))
(show "redirect" (wire (lambda (p) (write-response
                                    (build-response #:version '(1 . 0) #:code 302 #:reason-phrase "Moved"
                                                    #:headers `((location . ,(string->uri "http://x/y"))))
                                    p))))
(show "bad request reply" (wire (lambda (p) (write-response (build-response #:version '(1 . 0) #:code 400
                                                                            #:headers '((content-length . 0)))
                                                            p))))
(show "write-request" (wire (lambda (p) (write-request
                                         (build-request (string->uri "http://h:81/a?c")
                                                        #:headers '((user-agent . "x") (accept (text/html))))
                                         p))))
(show "write-request post" (wire (lambda (p) (let ((r (write-request
                                                       (build-request (string->uri "http://h/f") #:method 'POST
                                                                      #:port p
                                                                      #:headers '((content-length . 3)))
                                                       p)))
                                               (write-request-body r (string->utf8 "abc"))))))
(show "write-response returns" (let ((p (open-output-string)))
                                 (eq? p (response-port (write-response (build-response) p)))))
(show "write-response body" (wire (lambda (p) (let ((r (write-response (build-response #:headers '((content-length . 2))) p)))
                                                (write-response-body r (string->utf8 "hi"))))))

;; reading responses
(define resp (read-response (bv-port (string-append
                                      "HTTP/1.1 200 OK\r\n"
                                      "Content-Length: 5\r\n"
                                      "Content-Type: text/html; charset=ISO-8859-1\r\n"
                                      "ETag: \"abc\"\r\n"
                                      "Vary: Accept\r\n"
                                      "\r\n"
                                      "helloworld"))))
(show "response" (list (response-code resp) (response-reason-phrase resp) (response-version resp)
                       (response-headers resp)))
(show "response accessors" (list (response-content-type resp) (response-etag resp) (response-vary resp)
                                 (response-location resp) (response-content-length resp)
                                 (response-server resp) (response-connection resp)
                                 (response-accept-ranges resp) (response-age resp 'none)))
(show "response body" (read-response-body resp))
(show "after response body" (utf8->string (get-bytevector-all (response-port resp))))
(show "chunked body" (read-response-body
                      (read-response (bv-port "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n2;x=y\r\nxy\r\n0\r\n\r\n"))))
(show "204 body" (read-response-body (read-response (bv-port "HTTP/1.1 204 No Content\r\n\r\n"))))
(show "body to eof" (read-response-body (read-response (bv-port "HTTP/1.0 200 OK\r\n\r\nall the rest"))))
(show "empty body to eof" (read-response-body (read-response (bv-port "HTTP/1.0 200 OK\r\n\r\n"))))
(show "short response body" (try (lambda () (read-response-body
                                             (read-response (bv-port "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc"))))))
(show "body port" (let ((p (response-body-port (read-response (bv-port "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef")))))
                    (list (get-u8 p) (get-bytevector-all p) (get-u8 p))))
(show "no body port" (response-body-port (read-response (bv-port "HTTP/1.1 304 Not Modified\r\n\r\n"))))
(show "bad status line" (try (lambda () (read-response (bv-port "HTTP/1.1 200\r\n\r\n")))))
(show "must-not-include-body?" (map (lambda (c) (response-must-not-include-body? (build-response #:code c)))
                                    '(100 199 200 204 304 404)))
(show "adapt-response-version" (adapt-response-version (build-response #:code 201 #:reason-phrase "X")
                                                       '(1 . 0)))
(show "text-content-type?" (map text-content-type? '(text/plain application/xml application/atom+xml
                                                     image/png application/json)))

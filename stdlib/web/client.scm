;;; (web client) --- a simple HTTP client

;;; Commentary:
;;;
;;; `http-request' (and `http-get', `http-post' ...) connects to the host
;;; of a URI over an ordinary socket port, writes a request, and reads the
;;; response and its body.  Bodies may be strings (encoded with the
;;; content-type's charset, utf-8 by default), bytevectors or procedures
;;; writing to a port.  With #:streaming? the body is returned as a port;
;;; with #:decode-body? (the default) a textual body becomes a string.
;;; HTTPS needs GnuTLS, which this implementation does not have: asking
;;; for it throws `gnutls-not-available', as Guile does without GnuTLS.
;;;
;;; Code:

(define-module (web client)
  #:use-module (rnrs bytevectors)
  #:use-module (ice-9 binary-ports)
  #:use-module (web request)
  #:use-module (web response)
  #:use-module (web uri)
  #:use-module (web http)
  #:use-module (web %helpers)
  #:export (current-http-proxy current-https-proxy x509-certificate-directory
            open-socket-for-uri http-request
            http-get http-head http-post http-put http-delete http-trace http-options))

(define %http-receive-buffer-size 65536)

(define (non-empty-env name)
  "The value of environment variable NAME, or #f if it is unset or empty."
  (let ((value (getenv name)))
    (and (not (equal? value "")) value)))

(define current-http-proxy (make-parameter (non-empty-env "http_proxy")))
(define current-https-proxy (make-parameter (non-empty-env "https_proxy")))
(define x509-certificate-directory
  (make-parameter (or (getenv "GUILE_TLS_CERTIFICATE_DIRECTORY")
                      (getenv "SSL_CERT_DIR")
                      "/etc/ssl/certs")))

(define (ensure-uri-reference uri-or-string)
  "URI-OR-STRING as a URI reference."
  (cond
   ((string? uri-or-string) (string->uri-reference uri-or-string))
   ((uri-reference? uri-or-string) uri-or-string)
   (else (error "Invalid URI-reference" uri-or-string))))

(define (addresses-for uri)
  "The distinct socket addresses of URI's host and port (or scheme)."
  (let* ((port (uri-port uri))
         (service (cond (port (number->string port))
                        ((uri-scheme uri) (symbol->string (uri-scheme uri)))
                        (else (error "Not an absolute URI" uri)))))
    (let lp ((infos (getaddrinfo (uri-host uri) service (if port AI_NUMERICSERV 0)))
             (seen '()))
      (cond
       ((null? infos) (reverse seen))
       ((member (addrinfo:addr (car infos)) (map addrinfo:addr seen))
        (lp (cdr infos) seen))
       (else (lp (cdr infos) (cons (car infos) seen)))))))

(define (connect-to addresses proxy?)
  "A socket connected to the first of ADDRESSES that answers."
  (let* ((ai (car addresses))
         (s (socket (addrinfo:fam ai) SOCK_STREAM IPPROTO_IP)))
    (catch 'system-error
      (lambda ()
        (connect s (addrinfo:addr ai))
        (when proxy? (set-http-proxy-port?! s #t))
        s)
      (lambda args
        (close-port s)
        (if (null? (cdr addresses))
            (apply throw args)
            (connect-to (cdr addresses) proxy?))))))

(define* (open-socket-for-uri uri-or-string #:key (verify-certificate? #t))
  "An open input/output socket port connected to the host of URI-OR-STRING
(or to the current HTTP proxy)."
  (let* ((uri (ensure-uri-reference uri-or-string))
         (https? (eq? 'https (uri-scheme uri)))
         (proxy (if https? (current-https-proxy) (current-http-proxy))))
    (when https?
      (throw 'gnutls-not-available "(gnutls) module not available"))
    (let ((s (connect-to (addresses-for (ensure-uri-reference (or proxy uri-or-string)))
                         (and proxy #t))))
      (setvbuf s 'block %http-receive-buffer-size)
      s)))

(define (extend-request r k v)
  "R with header K set to V (replacing an existing K)."
  (let ((headers (request-headers r)))
    ((@@ (web request) make-request)
     (request-method r) (request-uri r) (request-version r)
     (if (assq k headers)
         (map (lambda (h) (if (eq? (car h) k) (cons k v) h)) headers)
         (acons k v headers))
     (request-meta r) (request-port r))))

(define (with-charset request)
  ;; -> (values request charset)
  "REQUEST with a charset in its content type (text/plain by default), and that charset."
  (let* ((type (request-content-type request '(text/plain)))
         (declared (assq-ref (cdr type) 'charset))
         (charset (or declared "utf-8")))
    (values (if declared
                request
                (extend-request request 'content-type `(,@type (charset . ,charset))))
            charset)))

(define (sanitize-request request body)
  ;; -> (values request bytevector)
  "REQUEST and BODY made coherent: the body as bytes, with Content-Length and Content-Type."
  (cond
   ((not body)
    (let ((length (request-content-length request)))
      (if length
          (unless (zero? length)
            (error "content-length, but no body"))
          (when (assq 'transfer-encoding (request-headers request))
            (error "transfer-encoding not allowed with no body")))
      (values request #vu8())))
   ((string? body)
    (call-with-values (lambda () (with-charset request))
      (lambda (request charset)
        (sanitize-request request (%string->bytevector body charset)))))
   ((procedure? body)
    (call-with-values (lambda () (with-charset request))
      (lambda (request charset)
        (sanitize-request request
                          (%string->bytevector (call-with-output-string body) charset)))))
   ((not (bytevector? body))
    (error "unexpected body type"))
   (else
    (let ((rlen (request-content-length request))
          (blen (bytevector-length body)))
      (values (cond
               ((not rlen) (extend-request request 'content-length blen))
               ((= rlen blen) request)
               (else (error "bad content-length" rlen blen)))
              body)))))

(define (decode-response-body response body)
  "BODY (#f or a bytevector) as a string when RESPONSE says it is text."
  (cond
   ((not body) body)
   ((bytevector? body)
    (let ((rlen (response-content-length response))
          (blen (bytevector-length body))
          (type (response-content-type response)))
      (cond
       ((and rlen (not (= rlen blen)))
        (error "bad content-length" rlen blen))
       ((and type (text-content-type? (car type)))
        (%bytevector->string body (or (assq-ref (cdr type) 'charset) "iso-8859-1")))
       (else body))))
   (else (error "unexpected body type" body))))

(define* (http-request uri #:key (body #f) (verify-certificate? #t)
                       (port (open-socket-for-uri uri #:verify-certificate? verify-certificate?))
                       (method 'GET) (version '(1 . 1)) (keep-alive? #f) (headers '())
                       (decode-body? #t) (streaming? #f)
                       (request (build-request (ensure-uri-reference uri)
                                               #:method method #:version version
                                               #:headers (if keep-alive?
                                                             headers
                                                             (cons '(connection close) headers))
                                               #:port port)))
  ;; -> (values response body)
  "Send a METHOD request for URI on PORT and read the response: two values, the response
and its body (a string, a bytevector, #f, or with STREAMING? a port).  PORT is closed at the
end unless KEEP-ALIVE?."
  (call-with-values (lambda () (sanitize-request request body))
    (lambda (request body)
      (let ((request (write-request request port)))
        (when body
          (write-request-body request body))
        (force-output (request-port request))
        (let ((response (read-response port)))
          (cond
           ((eq? (request-method request) 'HEAD)
            (unless keep-alive? (close-port port))
            (values response #f))
           (streaming?
            (values response (response-body-port response #:keep-alive? keep-alive?
                                                 #:decode? decode-body?)))
           (else
            (let ((body (read-response-body response)))
              (unless keep-alive? (close-port port))
              (values response (if decode-body?
                                   (decode-response-body response body)
                                   body))))))))))

(define-syntax-rule (define-http-verb http-verb method doc)
  (define* (http-verb uri #:key (body #f) (verify-certificate? #t)
                      (port (open-socket-for-uri uri #:verify-certificate? verify-certificate?))
                      (version '(1 . 1)) (keep-alive? #f) (headers '()) (decode-body? #t)
                      (streaming? #f))
    doc
    (http-request uri #:body body #:method method #:port port #:version version
                  #:keep-alive? keep-alive? #:headers headers #:decode-body? decode-body?
                  #:verify-certificate? verify-certificate? #:streaming? streaming?)))

(define-http-verb http-get 'GET
  "Send a GET request for URI: two values, the response and its body.")
(define-http-verb http-head 'HEAD
  "Send a HEAD request for URI: two values, the response and #f.")
(define-http-verb http-post 'POST
  "Send a POST request with BODY to URI: two values, the response and its body.")
(define-http-verb http-put 'PUT
  "Send a PUT request with BODY to URI: two values, the response and its body.")
(define-http-verb http-delete 'DELETE
  "Send a DELETE request for URI: two values, the response and its body.")
(define-http-verb http-trace 'TRACE
  "Send a TRACE request for URI: two values, the response and its body.")
(define-http-verb http-options 'OPTIONS
  "Send an OPTIONS request for URI: two values, the response and its body.")

;;; client.scm ends here

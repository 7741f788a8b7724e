;;; (web request) --- HTTP requests

;;; Commentary:
;;;
;;; A <request> holds a method (a symbol), a URI reference, a version pair,
;;; a header alist, an alist of metadata and the port it came from.
;;; `read-request' reads the request line and the headers, not the body:
;;; `read-request-body' then reads Content-Length bytes.  Each header has an
;;; accessor, `request-host' ... ; list-like headers default to '(), others
;;; to #f.
;;;
;;; Code:

(define-module (web request)
  #:use-module (rnrs bytevectors)
  #:use-module (ice-9 binary-ports)
  #:use-module (srfi srfi-9)
  #:use-module (web uri)
  #:use-module (web http)
  #:use-module (web %helpers)
  #:export (request? request-method request-uri request-version request-headers
            request-meta request-port
            read-request build-request write-request read-request-body write-request-body
            request-cache-control request-connection request-date request-pragma
            request-trailer request-transfer-encoding request-upgrade request-via
            request-warning
            request-allow request-content-encoding request-content-language
            request-content-length request-content-location request-content-md5
            request-content-range request-content-type request-expires
            request-last-modified
            request-accept request-accept-charset request-accept-encoding
            request-accept-language request-authorization request-expect request-from
            request-host request-if-match request-if-modified-since request-if-none-match
            request-if-range request-if-unmodified-since request-max-forwards
            request-proxy-authorization request-range request-referer request-te
            request-user-agent
            request-absolute-uri))

(define-record-type <request>
  (make-request method uri version headers meta port)
  request?
  (method request-method)
  (uri request-uri)
  (version request-version)
  (headers request-headers)
  (meta request-meta)
  (port request-port))

(define (bad-request message . args)
  "Throw Guile's bad-request error: a format MESSAGE and its ARGS."
  (throw 'bad-request message args))

(define *headers* (@@ (web http) *headers*))

(define (non-negative-integer? n)
  "Is N an exact integer >= 0?"
  (and (number? n) (>= n 0) (exact? n) (integer? n)))

(define (validate-headers headers)
  "Check every header of HEADERS with its validator; a bad-request error otherwise."
  (let lp ((rest (%valid-headers-prefix *headers* headers)))
    (cond
     ((null? rest) #t)
     ((not (pair? rest)) (bad-request "Headers not a list: ~a" rest))
     ((not (pair? (car rest))) (bad-request "Header not a pair: ~a" (car rest)))
     ((valid-header? (caar rest) (cdar rest))
      (lp (%valid-headers-prefix *headers* (cdr rest))))
     (else (bad-request "Bad value for header ~a: ~s" (caar rest) (cdar rest))))))

(define* (build-request uri #:key (method 'GET) (version '(1 . 1)) (headers '()) port
                        (meta '()) (validate-headers? #t))
  "A request for URI; an HTTP/1.1 request without a Host header gets one from URI."
  (let ((needs-host? (and (equal? version '(1 . 1))
                          (not (assq-ref headers 'host)))))
    (cond
     ((not (and (pair? version)
                (non-negative-integer? (car version))
                (non-negative-integer? (cdr version))))
      (bad-request "Bad version: ~a" version))
     ((not (uri-reference? uri))
      (bad-request "Bad uri: ~a" uri))
     ((and (not port) (memq method '(POST PUT)))
      (bad-request "Missing port for message ~a" method))
     ((not (list? meta))
      (bad-request "Bad metadata alist" meta))
     ((and needs-host? (not (uri-host uri)))
      (bad-request "HTTP/1.1 request without Host header and no host in URI: ~a" uri))
     (validate-headers?
      (validate-headers headers)))
    (make-request method uri version
                  (if needs-host?
                      (acons 'host (cons (uri-host uri) (uri-port uri)) headers)
                      headers)
                  meta port)))

(define* (read-request port #:optional (meta '()))
  "Read a request line and headers from PORT (the body stays on PORT)."
  (call-with-values (lambda () (read-request-line port))
    (lambda (method uri version)
      (make-request method uri version (read-headers port) meta port))))

(define (write-request r port)
  "Write the request line and headers of R to PORT; a request on PORT is returned."
  (write-request-line (request-method r) (request-uri r) (request-version r) port)
  (write-headers (request-headers r) port)
  (display "\r\n" port)
  (if (eq? port (request-port r))
      r
      (make-request (request-method r) (request-uri r) (request-version r)
                    (request-headers r) (request-meta r) port)))

(define (read-request-body r)
  "The body of R, Content-Length bytes from its port, or #f without a Content-Length."
  (let ((nbytes (request-content-length r)))
    (and nbytes
         (let ((bv (get-bytevector-n (request-port r) nbytes)))
           (if (= (bytevector-length bv) nbytes)
               bv
               (bad-request "EOF while reading request body: ~a bytes of ~a"
                            (bytevector-length bv) nbytes))))))

(define (write-request-body r bv)
  "Write the bytevector BV to the port of R."
  (put-bytevector (request-port r) bv))

(define-syntax-rule (define-request-accessor name field fallback)
  (define* (name request #:optional (default fallback))
    (let ((entry (assq 'field (request-headers request))))
      (if entry (cdr entry) default))))

;; General headers
(define-request-accessor request-cache-control cache-control '())
(define-request-accessor request-connection connection '())
(define-request-accessor request-date date #f)
(define-request-accessor request-pragma pragma '())
(define-request-accessor request-trailer trailer '())
(define-request-accessor request-transfer-encoding transfer-encoding '())
(define-request-accessor request-upgrade upgrade '())
(define-request-accessor request-via via '())
(define-request-accessor request-warning warning '())

;; Entity headers
(define-request-accessor request-allow allow '())
(define-request-accessor request-content-encoding content-encoding '())
(define-request-accessor request-content-language content-language '())
(define-request-accessor request-content-length content-length #f)
(define-request-accessor request-content-location content-location #f)
(define-request-accessor request-content-md5 content-md5 #f)
(define-request-accessor request-content-range content-range #f)
(define-request-accessor request-content-type content-type #f)
(define-request-accessor request-expires expires #f)
(define-request-accessor request-last-modified last-modified #f)

;; Request headers
(define-request-accessor request-accept accept '())
(define-request-accessor request-accept-charset accept-charset '())
(define-request-accessor request-accept-encoding accept-encoding '())
(define-request-accessor request-accept-language accept-language '())
(define-request-accessor request-authorization authorization #f)
(define-request-accessor request-expect expect '())
(define-request-accessor request-from from #f)
(define-request-accessor request-host host #f)
(define-request-accessor request-if-match if-match #f)
(define-request-accessor request-if-modified-since if-modified-since #f)
(define-request-accessor request-if-none-match if-none-match #f)
(define-request-accessor request-if-range if-range #f)
(define-request-accessor request-if-unmodified-since if-unmodified-since #f)
(define-request-accessor request-max-forwards max-forwards #f)
(define-request-accessor request-proxy-authorization proxy-authorization #f)
(define-request-accessor request-range range #f)
(define-request-accessor request-referer referer #f)
(define-request-accessor request-te te '())
(define-request-accessor request-user-agent user-agent #f)

(define* (request-absolute-uri r #:optional default-host default-port default-scheme)
  "The URI of R made absolute with its Host header (or DEFAULT-HOST and DEFAULT-PORT)
and DEFAULT-SCHEME."
  (let ((uri (request-uri r)))
    (if (uri-host uri)
        uri
        (let ((host (or (request-host r)
                        (if default-host
                            (cons default-host default-port)
                            (bad-request "URI not absolute, no Host header, and no default: ~s"
                                         uri)))))
          (build-uri (or (uri-scheme uri)
                         default-scheme
                         (bad-request "URI not absolute and no default-port" uri))
                     #:host (car host)
                     #:port (cdr host)
                     #:path (uri-path uri)
                     #:query (uri-query uri)
                     #:fragment (uri-fragment uri))))))

;;; request.scm ends here

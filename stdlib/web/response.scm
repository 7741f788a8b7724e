;;; (web response) --- HTTP responses

;;; Commentary:
;;;
;;; A <response> holds a version pair, a status code, a reason phrase (#f
;;; for the standard one of the code), a header alist and a port.
;;; `write-response' writes the status line and headers; the body follows
;;; on the port.  `response-body-port' gives a port over the body of a
;;; response read from a port (de-chunked or limited to Content-Length).
;;; Each header has an accessor; list-like headers default to '(), others
;;; to #f.
;;;
;;; Code:

(define-module (web response)
  #:use-module (rnrs bytevectors)
  #:use-module (ice-9 binary-ports)
  #:use-module (srfi srfi-9)
  #:use-module (web http)
  #:use-module (web %helpers)
  #:export (response? response-version response-code response-reason-phrase
            response-headers response-port
            read-response build-response adapt-response-version write-response
            response-must-not-include-body? response-body-port read-response-body
            write-response-body
            response-cache-control response-connection response-date response-pragma
            response-trailer response-transfer-encoding response-upgrade response-via
            response-warning
            response-allow response-content-encoding response-content-language
            response-content-length response-content-location response-content-md5
            response-content-range response-content-type text-content-type?
            response-expires response-last-modified
            response-accept-ranges response-age response-etag response-location
            response-proxy-authenticate response-retry-after response-server
            response-vary response-www-authenticate))

(define-record-type <response>
  (make-response version code reason-phrase headers port)
  response?
  (version response-version)
  (code response-code)
  (reason-phrase %response-reason-phrase)
  (headers response-headers)
  (port response-port))

(define (bad-response message . args)
  "Throw Guile's bad-response error: a format MESSAGE and its ARGS."
  (throw 'bad-response message args))

(define *headers* (@@ (web http) *headers*))

(define (non-negative-integer? n)
  "Is N an exact integer >= 0?"
  (and (number? n) (>= n 0) (exact? n) (integer? n)))

(define (validate-headers headers)
  "Check every header of HEADERS with its validator; a bad-response error otherwise."
  (let lp ((rest (%valid-headers-prefix *headers* headers)))
    (cond
     ((null? rest) #t)
     ((not (pair? rest)) (bad-response "Headers not a list: ~a" rest))
     ((not (pair? (car rest))) (bad-response "Header not a pair: ~a" (car rest)))
     ((valid-header? (caar rest) (cdar rest))
      (lp (%valid-headers-prefix *headers* (cdr rest))))
     (else (bad-response "Bad value for header ~a: ~s" (caar rest) (cdar rest))))))

(define* (build-response #:key (version '(1 . 1)) (code 200) reason-phrase (headers '()) port
                         (validate-headers? #t))
  "A response; with VALIDATE-HEADERS?, every header is checked by its validator."
  (cond
   ((not (and (pair? version)
              (non-negative-integer? (car version))
              (non-negative-integer? (cdr version))))
    (bad-response "Bad version: ~a" version))
   ((not (and (non-negative-integer? code) (< code 600)))
    (bad-response "Bad code: ~a" code))
   ((and reason-phrase (not (string? reason-phrase)))
    (bad-response "Bad reason phrase" reason-phrase))
   (validate-headers?
    (validate-headers headers)))
  (make-response version code reason-phrase headers port))

(define *reason-phrases*
  '((100 . "Continue") (101 . "Switching Protocols")
    (200 . "OK") (201 . "Created") (202 . "Accepted") (203 . "Non-Authoritative Information")
    (204 . "No Content") (205 . "Reset Content") (206 . "Partial Content")
    (300 . "Multiple Choices") (301 . "Moved Permanently") (302 . "Found") (303 . "See Other")
    (304 . "Not Modified") (305 . "Use Proxy") (307 . "Temporary Redirect")
    (400 . "Bad Request") (401 . "Unauthorized") (402 . "Payment Required") (403 . "Forbidden")
    (404 . "Not Found") (405 . "Method Not Allowed") (406 . "Not Acceptable")
    (407 . "Proxy Authentication Required") (408 . "Request Timeout") (409 . "Conflict")
    (410 . "Gone") (411 . "Length Required") (412 . "Precondition Failed")
    (413 . "Request Entity Too Large") (414 . "Request-URI Too Long")
    (415 . "Unsupported Media Type") (416 . "Requested Range Not Satisfiable")
    (417 . "Expectation Failed")
    (500 . "Internal Server Error") (501 . "Not Implemented") (502 . "Bad Gateway")
    (503 . "Service Unavailable") (504 . "Gateway Timeout") (505 . "HTTP Version Not Supported")))

(define (response-reason-phrase response)
  "The reason phrase of RESPONSE, or the standard one for its code."
  (or (%response-reason-phrase response)
      (assv-ref *reason-phrases* (response-code response))
      "(Unknown)"))

(define (text-content-type? type)
  "Is the media type TYPE (a symbol) textual: text/..., .../xml or ...+xml?"
  (let ((type (symbol->string type)))
    (or (string-prefix? "text/" type)
        (string-suffix? "/xml" type)
        (string-suffix? "+xml" type))))

(define (read-response port)
  "Read a status line and headers from PORT (the body stays on PORT)."
  (call-with-values (lambda () (read-response-line port))
    (lambda (version code reason-phrase)
      (make-response version code reason-phrase (read-headers port) port))))

(define (adapt-response-version response version)
  "RESPONSE with its version replaced by VERSION."
  (build-response #:code (response-code response)
                  #:version version
                  #:headers (response-headers response)
                  #:port (response-port response)))

(define (write-response r port)
  "Write the status line and headers of R to PORT; a response on PORT is returned."
  (write-response-line (response-version r) (response-code r) (response-reason-phrase r) port)
  (write-headers (response-headers r) port)
  (display "\r\n" port)
  (if (eq? port (response-port r))
      r
      (make-response (response-version r) (response-code r) (response-reason-phrase r)
                     (response-headers r) port)))

(define (response-must-not-include-body? r)
  "Is R a response that has no body (1xx, 204, 304)?"
  (or (<= 100 (response-code r) 199)
      (= (response-code r) 204)
      (= (response-code r) 304)))

(define* (response-body-port r #:key (decode? #t) (keep-alive? #t))
  "A port over the body of R (de-chunked, or limited to its Content-Length), or #f when it
has none; closing it closes the response port unless KEEP-ALIVE?."
  (cond
   ((member '(chunked) (response-transfer-encoding r))
    (make-chunked-input-port (response-port r) #:keep-alive? keep-alive?))
   ((response-content-length r)
    => (lambda (len) (%make-delimited-input-port (response-port r) len keep-alive?)))
   ((response-must-not-include-body? r) #f)
   (else (response-port r))))

(define (read-response-body r)
  "The body of R as a bytevector, or #f when it has none."
  (let ((port (response-body-port r #:decode? #f)))
    (and port
         (let ((body (get-bytevector-all port)))
           (if (eof-object? body) #vu8() body)))))

(define (write-response-body r bv)
  "Write the bytevector BV to the port of R."
  (put-bytevector (response-port r) bv))

(define-syntax-rule (define-response-accessor name field fallback)
  (define* (name response #:optional (default fallback))
    (let ((entry (assq 'field (response-headers response))))
      (if entry (cdr entry) default))))

;; General headers
(define-response-accessor response-cache-control cache-control '())
(define-response-accessor response-connection connection '())
(define-response-accessor response-date date #f)
(define-response-accessor response-pragma pragma '())
(define-response-accessor response-trailer trailer '())
(define-response-accessor response-transfer-encoding transfer-encoding '())
(define-response-accessor response-upgrade upgrade '())
(define-response-accessor response-via via '())
(define-response-accessor response-warning warning '())

;; Entity headers
(define-response-accessor response-allow allow '())
(define-response-accessor response-content-encoding content-encoding '())
(define-response-accessor response-content-language content-language '())
(define-response-accessor response-content-length content-length #f)
(define-response-accessor response-content-location content-location #f)
(define-response-accessor response-content-md5 content-md5 #f)
(define-response-accessor response-content-range content-range #f)
(define-response-accessor response-content-type content-type #f)
(define-response-accessor response-expires expires #f)
(define-response-accessor response-last-modified last-modified #f)

;; Response headers
(define-response-accessor response-accept-ranges accept-ranges #f)
(define-response-accessor response-age age #f)
(define-response-accessor response-etag etag #f)
(define-response-accessor response-location location #f)
(define-response-accessor response-proxy-authenticate proxy-authenticate #f)
(define-response-accessor response-retry-after retry-after #f)
(define-response-accessor response-server server #f)
(define-response-accessor response-vary vary '())
(define-response-accessor response-www-authenticate www-authenticate #f)

;;; response.scm ends here

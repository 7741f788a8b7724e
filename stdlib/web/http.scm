;;; (web http) --- HTTP messages: request and status lines, headers

;;; Commentary:
;;;
;;; Headers are read into an alist of (symbol . value): each declared
;;; header has a parser (string -> value), a validator and a writer (value
;;; port ->); undeclared headers stay strings.  The standard headers are
;;; declared below with codecs that are leaves of (web %helpers), so
;;; reading and writing a message costs a few Python calls per line; users
;;; may declare their own headers with Scheme procedures.
;;;
;;; Reading only goes through `read-line' and `peek-char' on the port, so a
;;; socket read may suspend the current ethread.  `read-request-line',
;;; `read-headers' and `read-header' also accept the line reader (and, for
;;; headers, the continuation-line predicate) that Guile's 2012 ethreads
;;; server passes them, to read from an eport.
;;;
;;; Code:

(define-module (web http)
  #:use-module (srfi srfi-19)
  #:use-module (ice-9 rdelim)
  #:use-module (ice-9 binary-ports)
  #:use-module (web uri)
  #:use-module (web %helpers)
  #:export (string->header header->string
            declare-header! declare-opaque-header! known-header?
            header-parser header-validator header-writer
            read-header parse-header valid-header? write-header
            read-headers write-headers
            parse-http-method parse-http-version parse-request-uri
            read-request-line write-request-line read-response-line write-response-line
            make-chunked-input-port make-chunked-output-port
            http-proxy-port? set-http-proxy-port?!))

(define *headers*
  (%make-header-table (@@ (web uri) <uri>) (@@ (srfi srfi-19) date)
                      (@@ (web uri) *default-ports*)))

(define *eof* (call-with-input-string "" read-char))

(define (bad-header sym val)
  "Throw Guile's bad-header error for header SYM and its text VAL."
  (throw 'bad-header sym val))

(define (string->header name)
  "The symbol naming header NAME: NAME in lower case."
  (string->symbol (string-downcase name)))

(define* (declare-header! name parser validator writer #:key multiple?)
  "Declare header NAME (its wire spelling) with a PARSER, a VALIDATOR and a WRITER."
  (unless (and (string? name) parser validator writer)
    (scm-error 'misc-error #f "bad header decl ~S ~S ~S ~S ~S"
               (list name parser validator writer multiple?) #f))
  (%declare-header! *headers* (string->header name) name parser validator writer multiple?))

(define (header->string sym)
  "The wire spelling of header SYM: as declared, else Title-Case."
  (%header->string *headers* sym))

(define (known-header? sym)
  "Is SYM a declared header?"
  (%known-header? *headers* sym))

(define (header-parser sym)
  "The parser of header SYM (identity for undeclared headers)."
  (or (%header-decl-field *headers* sym 0) (lambda (x) x)))

(define (header-validator sym)
  "The validator of header SYM (`string?' for undeclared headers)."
  (or (%header-decl-field *headers* sym 1) string?))

(define (header-writer sym)
  "The writer of header SYM (`display' of the value for undeclared headers)."
  (or (%header-decl-field *headers* sym 2) (lambda (val port) (display val port))))

(define (parse-header sym val)
  "Parse VAL, the text of header SYM, into its Scheme value."
  (let ((value (%parse-header-value *headers* sym val)))
    (if (eq? value %scheme-parser)
        ((%header-decl-field *headers* sym 0) val)
        value)))

(define (valid-header? sym val)
  "Is VAL a valid value for header SYM?"
  (unless (symbol? sym)
    (scm-error 'misc-error #f "header name not a symbol ~S" (list sym) #f))
  ((header-validator sym) val))

;;; Reading

(define (read-header-line port)
  "The next line of PORT without its LF or CRLF; a bad-header error at end of file."
  (let ((line (read-line port 'concat)))
    (or (%chomp-line line)
        (bad-header 'read-header-line line))))

(define (continuation-line? port)
  "Does the next line of PORT continue the previous header (it starts with a blank)?"
  (let ((c (peek-char port)))
    (or (eqv? c #\space) (eqv? c #\tab))))

(define (read-some-line port read-line)
  "A line from READ-LINE, which must be a string."
  (let ((line (read-line port)))
    (if (string? line)
        line
        (bad-header 'read-header-line line))))

(define* (read-header port #:optional (read-line read-header-line)
                      (continuation? continuation-line?))
  ;; -> (values name value), or two end-of-file objects at the blank line
  "Read one header from PORT: its name and parsed value."
  (let ((name+value (%split-header-line (read-some-line port read-line))))
    (if name+value
        (let ((sym (car name+value)))
          (let lp ((text (cdr name+value)))
            (if (continuation? port)
                (lp (string-append text (read-some-line port read-line)))
                (values sym (parse-header sym text)))))
        (values *eof* *eof*))))

(define (read-header-block port)
  "Read the headers of PORT with the standard line reader, one line ahead: a line is a
continuation when it starts with a blank and follows a header."
  (let lp ((headers '()) (sym #f) (text #f))
    (let ((next (%header-line (read-line port 'concat) sym)))
      (if (string? next)
          (lp headers sym (string-append text next))
          (let ((headers (if sym (acons sym (parse-header sym text) headers) headers)))
            (if next
                (lp headers (car next) (cdr next))
                (reverse! headers)))))))

(define* (read-headers port #:optional (read-line read-header-line)
                       (continuation? continuation-line?))
  "Read the headers of a message from PORT up to the blank line, as an ordered alist."
  (if (and (eq? read-line read-header-line) (eq? continuation? continuation-line?))
      (read-header-block port)
      (let lp ((headers '()))
        (call-with-values (lambda () (read-header port read-line continuation?))
          (lambda (k v)
            (if (eof-object? k)
                (reverse! headers)
                (lp (acons k v headers))))))))

(define* (read-request-line port #:optional (read-line read-header-line))
  ;; -> (values method uri version)
  "Read the first line of a request from PORT."
  (%parse-request-line (read-some-line port read-line) *headers*))

(define (read-response-line port)
  ;; -> (values version code reason-phrase)
  "Read the first line of a response from PORT."
  (%parse-response-line (read-header-line port)))

(define* (parse-http-method str #:optional (start 0) (end (string-length str)))
  "The method named by STR (between START and END): an upper-case symbol such as GET."
  (%parse-http-method str start end))

(define* (parse-http-version str #:optional (start 0) (end (string-length str)))
  "The HTTP version in STR, such as \"HTTP/1.1\", as a (major . minor) pair."
  (%parse-http-version str start end))

(define* (parse-request-uri str #:optional (start 0) (end (string-length str)))
  "The URI of a request line: a URI reference, or #f for \"*\"."
  (%parse-request-uri str start end *headers*))

;;; Writing

(define (write-header sym val port)
  "Write header SYM with value VAL to PORT, as `Name: value' and CRLF."
  (display (header->string sym) port)
  (display ": " port)
  ((header-writer sym) val port)
  (display "\r\n" port))

(define (write-headers headers port)
  "Write the HEADERS alist to PORT (not the blank line that ends them)."
  (let lp ((rest (%write-headers-prefix *headers* headers port)))
    (cond
     ((null? rest) (values))
     ((and (pair? rest) (pair? (car rest)))
      (write-header (caar rest) (cdar rest) port)
      (lp (%write-headers-prefix *headers* (cdr rest) port)))
     (else (throw 'match-error "match" "no matching pattern" rest)))))

(define %proxy-ports (make-weak-key-hash-table))

(define (http-proxy-port? port)
  "Does PORT talk to a proxy (so request lines carry absolute URIs)?"
  (hashq-ref %proxy-ports port #f))

(define (set-http-proxy-port?! port flag)
  "Say whether PORT talks to a proxy."
  (hashq-set! %proxy-ports port flag))

(define (write-request-line method uri version port)
  "Write the first line of a request to PORT."
  (%write-request-line method uri version port *headers* (http-proxy-port? port)))

(define (write-response-line version code reason-phrase port)
  "Write the first line of a response to PORT."
  (%write-response-line version code reason-phrase port))

;;; Chunked transfer coding

(define* (make-chunked-input-port port #:key (keep-alive? #f))
  "A binary input port reading the de-chunked body of PORT; closing it closes PORT
unless KEEP-ALIVE?."
  (%make-chunked-input-port port keep-alive?))

(define* (make-chunked-output-port port #:key (keep-alive? #f) (buffering 1200))
  "An output port writing chunks to PORT, one per flush (or BUFFERING bytes); closing it
writes the last chunk and closes PORT unless KEEP-ALIVE?."
  (%make-chunked-output-port port keep-alive? buffering))

;;; The standard headers

(define-syntax-rule (declare-builtin-header! name kind arg ...)
  (call-with-values (lambda () (%header-codec *headers* 'kind))
    (lambda (parser validator writer)
      (declare-header! name parser validator writer arg ...))))

(define (declare-opaque-header! name)
  "Declare header NAME with a plain string value."
  (declare-builtin-header! name opaque))

;; General headers
(declare-builtin-header! "Cache-Control" cache-control)
(declare-builtin-header! "Connection" connection)
(declare-builtin-header! "Date" date)
(declare-builtin-header! "Pragma" key-value-list)
(declare-builtin-header! "Trailer" header-list)
(declare-builtin-header! "Transfer-Encoding" param-list)
(declare-builtin-header! "Upgrade" string-list)
(declare-builtin-header! "Via" string-list #:multiple? #t)
(declare-builtin-header! "Warning" warning #:multiple? #t)

;; Entity headers
(declare-builtin-header! "Allow" symbol-list)
(declare-builtin-header! "Content-Disposition" content-disposition)
(declare-builtin-header! "Content-Encoding" symbol-list)
(declare-builtin-header! "Content-Language" string-list)
(declare-builtin-header! "Content-Length" integer)
(declare-builtin-header! "Content-Location" uri-reference)
(declare-builtin-header! "Content-MD5" opaque)
(declare-builtin-header! "Content-Range" content-range)
(declare-builtin-header! "Content-Type" content-type)
(declare-builtin-header! "Expires" expires)
(declare-builtin-header! "Last-Modified" date)

;; Request headers
(declare-builtin-header! "Accept" accept)
(declare-builtin-header! "Accept-Charset" quality-list)
(declare-builtin-header! "Accept-Encoding" quality-list)
(declare-builtin-header! "Accept-Language" quality-list)
(declare-builtin-header! "Authorization" credentials)
(declare-builtin-header! "Expect" param-list)
(declare-builtin-header! "From" opaque)
(declare-builtin-header! "Host" host)
(declare-builtin-header! "If-Match" entity-tag-list)
(declare-builtin-header! "If-Modified-Since" date)
(declare-builtin-header! "If-None-Match" entity-tag-list)
(declare-builtin-header! "If-Range" if-range)
(declare-builtin-header! "If-Unmodified-Since" date)
(declare-builtin-header! "Max-Forwards" integer)
(declare-builtin-header! "Proxy-Authorization" credentials)
(declare-builtin-header! "Range" range)
(declare-builtin-header! "Referer" uri-reference)
(declare-builtin-header! "TE" param-list)
(declare-builtin-header! "User-Agent" opaque)

;; Response headers
(declare-builtin-header! "Accept-Ranges" symbol-list)
(declare-builtin-header! "Age" integer)
(declare-builtin-header! "ETag" etag)
(declare-builtin-header! "Location" uri-reference)
(declare-builtin-header! "Proxy-Authenticate" challenges)
(declare-builtin-header! "Retry-After" retry-after)
(declare-builtin-header! "Server" opaque)
(declare-builtin-header! "Vary" vary)
(declare-builtin-header! "WWW-Authenticate" challenges)

;;; http.scm ends here

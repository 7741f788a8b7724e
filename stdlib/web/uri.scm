;;; (web uri) --- URI references (RFC 3986)

;;; Commentary:
;;;
;;; A <uri> record holds a URI reference split into scheme (a symbol or
;;; #f), userinfo, host, port, path, query and fragment.  `string->uri'
;;; wants a scheme; `string->uri-reference' also takes relative references
;;; like "/a?b".  Parsing, validation, printing and percent-coding are
;;; leaves of (web %helpers); this module gives them Guile's keywords and
;;; names, and owns the record type and the table of default ports.
;;;
;;; Code:

(define-module (web uri)
  #:use-module (srfi srfi-9)
  #:use-module (web %helpers)
  #:export (uri? uri-scheme uri-userinfo uri-host uri-port uri-path uri-query uri-fragment
            build-uri build-uri-reference build-relative-ref declare-default-port!
            string->uri string->uri-reference string->relative-ref uri->string
            uri-decode uri-encode split-and-decode-uri-path encode-and-join-uri-path
            uri-reference? relative-ref?))

(define-record-type <uri>
  (make-uri scheme userinfo host port path query fragment)
  uri-reference?
  (scheme uri-scheme)
  (userinfo uri-userinfo)
  (host uri-host)
  (port uri-port)
  (path uri-path)
  (query uri-query)
  (fragment uri-fragment))

(define *default-ports* (%make-default-ports))

(define (uri? obj)
  "Is OBJ a URI with a scheme?"
  (and (uri-reference? obj) (uri-scheme obj) #t))

(define (relative-ref? obj)
  "Is OBJ a URI reference without a scheme?"
  (and (uri-reference? obj) (not (uri-scheme obj))))

(define* (build-uri scheme #:key userinfo host port (path "") query fragment (validate? #t))
  "A URI with SCHEME (a symbol); with VALIDATE?, its parts are checked first."
  (when validate?
    (unless scheme (throw 'uri-error "Missing URI scheme" '()))
    (%validate-uri-reference scheme userinfo host port path query fragment))
  (make-uri scheme userinfo host port path query fragment))

(define* (build-uri-reference #:key scheme userinfo host port (path "") query fragment
                              (validate? #t))
  "A URI reference, whose SCHEME may be #f."
  (when validate?
    (%validate-uri-reference scheme userinfo host port path query fragment))
  (make-uri scheme userinfo host port path query fragment))

(define* (build-relative-ref #:key userinfo host port (path "") query fragment (validate? #t))
  "A relative reference: a URI reference without a scheme."
  (when validate?
    (%validate-uri-reference #f userinfo host port path query fragment))
  (make-uri #f userinfo host port path query fragment))

(define (string->uri-reference string)
  "Parse STRING as a URI reference; #f if it is not one."
  (%string->uri-reference string <uri>))

(define (string->uri string)
  "Parse STRING as a URI, which must have a scheme; #f if it is not one."
  (let ((uri (string->uri-reference string)))
    (and uri (uri-scheme uri) uri)))

(define (string->relative-ref string)
  "Parse STRING as a relative reference; #f if it is not one."
  (let ((uri (string->uri-reference string)))
    (and uri (not (uri-scheme uri)) uri)))

(define (declare-default-port! scheme port)
  "Make PORT the default port of SCHEME: `uri->string' leaves it out."
  (%declare-default-port! *default-ports* scheme port))

(define* (uri->string uri #:key (include-fragment? #t))
  "The text of URI, without its port when that is the default for its scheme."
  (%uri->string uri *default-ports* include-fragment?))

(define* (uri-decode str #:key (encoding "utf-8") (decode-plus-to-space? #t))
  "Percent-decode STR into a string in ENCODING (a bytevector if ENCODING is #f);
also turn + into space unless DECODE-PLUS-TO-SPACE? is #f."
  (%uri-decode str encoding decode-plus-to-space?))

(define unreserved-chars
  (string->char-set "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"))

(define* (uri-encode str #:key (encoding "utf-8") (unescaped-chars unreserved-chars))
  "Percent-encode (%HH, upper case) the bytes in ENCODING of every character of STR
outside UNESCAPED-CHARS."
  (%uri-encode str encoding unescaped-chars))

(define (split-and-decode-uri-path path)
  "The non-empty segments of PATH, percent-decoded: \"/a%20b//c/\" gives (\"a b\" \"c\")."
  (%split-and-decode-uri-path path))

(define (encode-and-join-uri-path parts)
  "Percent-encode each string of PARTS and join them with slashes."
  (string-join (map uri-encode parts) "/"))

;;; uri.scm ends here

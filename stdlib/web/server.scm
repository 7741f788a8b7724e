;;; (web server) --- a generic web server loop over pluggable backends

;;; Commentary:
;;;
;;; A backend ("server implementation") provides four hooks: open, read,
;;; write and close.  `run-server' opens the backend, then loops: read a
;;; client request, call the handler, sanitize its response, write it.
;;; An implementation named NAME lives in the module (web server NAME) as
;;; the binding NAME; `http' blocks on one request at a time, `ethreads'
;;; serves every client from its own ethread.
;;;
;;; The loop of `run-server' does per request what `serve-one-client'
;;; does, with one error handler installed for many requests rather than
;;; three per request: serving costs what the handler costs, plus little.
;;;
;;; Code:

(define-module (web server)
  #:use-module (srfi srfi-9)
  #:use-module (srfi srfi-9 gnu)
  #:use-module (rnrs bytevectors)
  #:use-module (ice-9 binary-ports)
  #:use-module (web request)
  #:use-module (web response)
  #:use-module (web http)
  #:export (define-server-impl lookup-server-impl make-server-impl server-impl?
            server-impl-name server-impl-open server-impl-read server-impl-write
            server-impl-close open-server read-client handle-request sanitize-response
            write-client close-server serve-one-client run-server keep-alive?))

(define-record-type <server-impl>
  (make-server-impl name open read write close)
  server-impl?
  (name server-impl-name)
  (open server-impl-open)
  (read server-impl-read)
  (write server-impl-write)
  (close server-impl-close))

(define-syntax-rule (define-server-impl name open read write close)
  (define name (make-server-impl 'name open read write close)))

(define (lookup-server-impl impl)
  "IMPL itself if it is a server implementation, else the one named by the symbol IMPL."
  (cond ((server-impl? impl) impl)
        ((symbol? impl)
         (let ((mod (resolve-module (list 'web 'server impl))))
           (if (and mod (module-bound? mod impl))
               (module-ref mod impl)
               (error "No such server implementation" impl))))
        (else (error "Bad server implementation" impl))))

(define (open-server impl open-params)
  "Open a server of IMPL with OPEN-PARAMS, the keyword arguments of its open hook."
  (apply (server-impl-open impl) open-params))

(define (read-client impl server)
  "-> (client request body), or #f #f #f when reading failed."
  (catch #t
    (lambda () ((server-impl-read impl) server))
    (lambda (key . args)
      (display "Error while accepting client request:\n" (current-error-port))
      (print-exception (current-error-port) #f key args)
      (values #f #f #f))))

(define (keep-alive? response)
  "Whether the connection may serve another request after RESPONSE."
  (let ((code (response-code response)))
    (and (or (< code 400) (= code 404))
         (let ((version (response-version response))
               (connection (or (assq-ref (response-headers response) 'connection) '())))
           (and (eqv? (car version) 1)
                (case (cdr version)
                  ((1) (not (memq 'close connection)))
                  ((0) (memq 'keep-alive connection))
                  (else #f)))))))

(define (with-header response k v)
  "RESPONSE with header K set to V, in front of the others (replacing any K it had)."
  (let* ((headers (response-headers response))
         (old (assq k headers)))
    (set-field response (response-headers) (acons k v (if old (delq old headers) headers)))))

(define (encode-string body charset)
  (if (member (string-downcase charset) '("utf-8" "utf8"))
      (string->utf8 body)
      (u8-list->bytevector (map (lambda (c) (logand 255 (char->integer c))) (string->list body)))))

(define (text-body request response text)
  "Encode TEXT with the charset of RESPONSE's content type, declaring utf-8 if it has none."
  (let* ((type (or (assq-ref (response-headers response) 'content-type) '(text/plain)))
         (charset (assq-ref (cdr type) 'charset)))
    (if charset
        (bytes-body request response (encode-string text charset))
        (bytes-body request (with-utf-8 response type) (string->utf8 text)))))

;; Handlers often answer with the same (constant) header alist every time.  The last alist
;; seen and the response made of it are kept, so that it is validated once rather than at every
;; request; likewise the last response given a utf-8 charset.  Responses are immutable.
(define last-headers #f)
(define last-response #f)
(define last-without-charset #f)
(define last-with-charset #f)

(define (headers->response version headers)
  "A response for VERSION with HEADERS, validated as build-response does."
  (if (and (eq? headers last-headers) (equal? version (response-version last-response)))
      last-response
      (let ((response (build-response #:version version #:headers headers)))
        (set! last-headers headers)
        (set! last-response response)
        response)))

(define (with-utf-8 response type)
  "RESPONSE with charset utf-8 added to its content TYPE."
  (if (eq? response last-without-charset)
      last-with-charset
      (let ((with-charset (with-header response 'content-type
                                       (append type '((charset . "utf-8"))))))
        (set! last-without-charset response)
        (set! last-with-charset with-charset)
        with-charset)))

(define (bytes-body request response bv)
  "-> RESPONSE with the Content-Length of BV, and BV (#f for a HEAD request)."
  (let ((declared (assq-ref (response-headers response) 'content-length))
        (n (bytevector-length bv)))
    (cond
     ((and (positive? n) (response-must-not-include-body? response))
      (error "response with this status code must not include body" response))
     ((not declared)
      (values (with-header response 'content-length n)
              (if (eq? (request-method request) 'HEAD) #f bv)))
     ((= declared n)
      (values response (if (eq? (request-method request) 'HEAD) #f bv)))
     (else (error "bad content-length" declared n)))))

(define (sanitize-response request response body)
  "Check and complete the handler's RESPONSE and BODY: -> (response bytevector-or-#f).  A header
alist becomes a response; a string body (or what a procedure body writes) is encoded with the
content type's charset; Content-Length is added or checked; a HEAD request gets no body."
  (let* ((version (request-version request))
         (response (if (list? response)
                       (headers->response version response)
                       response))
         (response (if (equal? version (response-version response))
                       response
                       (adapt-response-version response version))))
    (cond
     ((not body) (values response #vu8()))
     ((bytevector? body) (bytes-body request response body))
     ((string? body) (text-body request response body))
     ((procedure? body) (text-body request response (call-with-output-string body)))
     (else (error "unexpected body type" body)))))

(define (handle-request handler request body state)
  "-> (response body state): call HANDLER, sanitizing its answer; 500 if it fails."
  (call-with-values
      (lambda ()
        (catch #t
          (lambda ()
            (call-with-values (lambda () (apply handler request body state))
              (lambda (response body . state)
                (call-with-values (lambda () (sanitize-response request response body))
                  (lambda (response body) (values response body state))))))
          (lambda (key . args)
            (display "Error handling request:\n" (current-error-port))
            (print-exception (current-error-port) #f key args)
            (values (build-response #:code 500) #f state))))
    (lambda (response body state)
      (values response body state))))

(define (write-client impl server client response body)
  "Send RESPONSE and BODY to CLIENT through IMPL."
  (catch #t
    (lambda () ((server-impl-write impl) server client response body))
    (lambda (key . args)
      (display "Error while writing response:\n" (current-error-port))
      (print-exception (current-error-port) #f key args))))

(define (close-server impl server)
  ((server-impl-close impl) server))

(define (serve-one-client handler impl server state)
  "Serve one request; -> the new state."
  (call-with-values (lambda () (read-client impl server))
    (lambda (client request body)
      (if client
          (call-with-values (lambda () (handle-request handler request body state))
            (lambda (response body state)
              (write-client impl server client response body)
              state))
          state))))

(define (report-error phase key args)
  (display (case phase
             ((read) "Error while accepting client request:\n")
             ((handle) "Error handling request:\n")
             (else "Error while writing response:\n"))
           (current-error-port))
  (print-exception (current-error-port) #f key args))

(define (serve-clients handler impl server state)
  "Serve requests for ever, as `serve-one-client' in a loop would, but with one error handler
for many requests instead of three per request: an error is reported as the phase it happened
in requires, a failing handler gets a 500, and serving goes on with the state as it was."
  (let ((read (server-impl-read impl))
        (write (server-impl-write impl))
        (tag (make-prompt-tag 'serve-clients))
        (phase 'read)
        (client #f))
    (define (serve-one request body)
      (call-with-values (lambda () (apply handler request body state))
        (lambda (response body . new-state)
          (call-with-values (lambda () (sanitize-response request response body))
            (lambda (response body)
              (set! state new-state)
              (set! phase 'write)
              (write server client response body))))))
    (define (serve)
      (set! phase 'read)
      (call-with-values (lambda () (read server))
        (lambda (c request body)
          (when c
            (set! client c)
            (set! phase 'handle)
            (serve-one request body))))
      (serve))
    (define (abort c) (abort-to-prompt tag c))
    (define (failed k c)
      (report-error phase (exception-kind c) (exception-args c))
      (when (eq? phase 'handle)
        (write-client impl server client (build-response #:code 500) #f)))
    (let lp ()
      (call-with-prompt tag
        (lambda () (with-exception-handler abort serve))
        failed)
      (lp))))

(define* (run-server handler #:optional (impl 'http) (open-params '()) . state)
  "Serve HANDLER with IMPL until interrupted: (handler request body . state) ->
(response body . state).  Returns no values when interrupted by SIGINT."
  (let* ((impl (lookup-server-impl impl))
         (server (open-server impl open-params)))
    ;; Ctrl-C (SIGINT) aborts to this prompt: the server closes and run-server returns, as in Guile.
    (call-with-prompt (%interrupt-prompt-tag)
      (lambda ()
        (dynamic-wind
          (lambda () #t)
          (lambda () (serve-clients handler impl server state))
          (lambda () (close-server impl server))))
      (lambda (k) (values)))))

;;; server.scm ends here

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
;;; Code:

(define-module (web server)
  #:use-module (srfi srfi-9)
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
  (let ((v (response-version response)))
    (and (or (< (response-code response) 400)
             (= (response-code response) 404))
         (case (car v)
           ((1)
            (case (cdr v)
              ((1) (not (memq 'close (response-connection response))))
              ((0) (memq 'keep-alive (response-connection response)))
              (else #f)))
           (else #f)))))

(define (extend-response r k v)
  "R with header K set to V (replacing any K it had), at the front."
  (build-response #:version (response-version r)
                  #:code (response-code r)
                  #:reason-phrase (response-reason-phrase r)
                  #:headers (acons k v (remove-header k (response-headers r)))
                  #:port (response-port r)))

(define (remove-header k headers)
  (cond ((null? headers) '())
        ((eq? (caar headers) k) (remove-header k (cdr headers)))
        (else (cons (car headers) (remove-header k (cdr headers))))))

(define (encode-string body charset)
  (if (member (string-downcase charset) '("utf-8" "utf8"))
      (string->utf8 body)
      (u8-list->bytevector (map (lambda (c) (logand 255 (char->integer c))) (string->list body)))))

(define (sanitize-response request response body)
  "Check and complete the handler's RESPONSE and BODY: -> (response bytevector-or-#f)."
  (cond
   ((list? response)
    (sanitize-response request
                       (build-response #:version (request-version request) #:headers response)
                       body))
   ((not (equal? (request-version request) (response-version response)))
    (sanitize-response request
                       (adapt-response-version response (request-version request))
                       body))
   ((not body)
    (values response #vu8()))
   ((string? body)
    (let* ((type (response-content-type response '(text/plain)))
           (declared (assq-ref (cdr type) 'charset))
           (charset (or declared "utf-8")))
      (sanitize-response request
                         (if declared
                             response
                             (extend-response response 'content-type
                                              `(,@type (charset . ,charset))))
                         (encode-string body charset))))
   ((procedure? body)
    (let* ((type (response-content-type response '(text/plain)))
           (declared (assq-ref (cdr type) 'charset))
           (charset (or declared "utf-8")))
      (sanitize-response request
                         (if declared
                             response
                             (extend-response response 'content-type
                                              `(,@type (charset . ,charset))))
                         (encode-string (call-with-output-string body) charset))))
   ((not (bytevector? body))
    (error "unexpected body type" body))
   ((and (response-must-not-include-body? response)
         (positive? (bytevector-length body)))
    (error "response with this status code must not include body" response))
   (else
    (let ((rlen (response-content-length response))
          (blen (bytevector-length body)))
      (cond
       (rlen (if (= rlen blen)
                 (values response (if (eq? (request-method request) 'HEAD) #f body))
                 (error "bad content-length" rlen blen)))
       (else (values (extend-response response 'content-length blen)
                     (if (eq? (request-method request) 'HEAD) #f body))))))))

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

(define* (run-server handler #:optional (impl 'http) (open-params '()) . state)
  "Serve HANDLER with IMPL until interrupted: (handler request body . state) ->
(response body . state)."
  (let* ((impl (lookup-server-impl impl))
         (server (open-server impl open-params)))
    (dynamic-wind
      (lambda () #t)
      (lambda ()
        (let lp ((state state))
          (lp (serve-one-client handler impl server state))))
      (lambda () (close-server impl server)))))

;;; server.scm ends here

;;; web-app.scm --- a small JSON web application with routing, on (web server).
;;;
;;; Usage: schemeth examples/web-app.scm [PORT]   (default 8080)
;;; Try:   curl -i http://127.0.0.1:8080/
;;;        curl -i -d 'name=green tea&price=3' http://127.0.0.1:8080/items
;;;        curl -i http://127.0.0.1:8080/items/1
;;;
;;; Routes:
;;;   GET  /           -> all items, as a JSON array
;;;   POST /items      -> add the item described by a form body (name, price);
;;;                       201 Created with its Location, or 400
;;;   GET  /items/N    -> item N, or 404
;;;   anything else    -> 404 (405 for a known path with another method)
;;;
;;; The handler runs on the ethreads backend: each client is served by its
;;; own ethread, so a slow client never holds up the others.  The item list
;;; is the server state, threaded through the handler as Guile's run-server
;;; allows: (handler request body items) -> (values response body items).

(use-modules (web server) (web request) (web response) (web uri)
             (ice-9 match) (ice-9 receive) (rnrs bytevectors) (srfi srfi-1))

;;; JSON output

(define (json-string s)
  "S as a JSON string literal."
  (call-with-output-string
    (lambda (port)
      (write-char #\" port)
      (string-for-each
       (lambda (c)
         (case c
           ((#\") (display "\\\"" port))
           ((#\\) (display "\\\\" port))
           ((#\newline) (display "\\n" port))
           (else (if (< (char->integer c) 32)
                     (format port "\\u~4,'0x" (char->integer c))
                     (write-char c port)))))
       s)
      (write-char #\" port))))

(define (->json x)
  "The JSON text of X: an alist is an object, a list an array, a string or number itself."
  (cond ((string? x) (json-string x))
        ((number? x) (number->string x))
        ((eq? x #t) "true")
        ((eq? x #f) "false")
        ((and (pair? x) (pair? (car x)) (symbol? (caar x)))
         (string-append
          "{" (string-join (map (lambda (kv)
                                  (string-append (json-string (symbol->string (car kv)))
                                                 ":" (->json (cdr kv))))
                                x)
                           ",")
          "}"))
        ((list? x) (string-append "[" (string-join (map ->json x) ",") "]"))
        (else (error "not representable in JSON" x))))

(define (respond items code x . headers)
  "The handler's three values: a JSON response with CODE and HEADERS whose body is X, and the
new state ITEMS."
  (values (build-response #:code code
                          #:headers `((content-type . (application/json)) ,@headers))
          (string-append (->json x) "\n")
          items))

;;; Forms

(define (parse-form body)
  "The fields of an application/x-www-form-urlencoded BODY (a bytevector) as an alist."
  (if (not body)
      '()
      (filter-map (lambda (field)
                    (match (string-split field #\=)
                      ((name value) (cons (uri-decode name) (uri-decode value)))
                      ((name) (and (not (string-null? name)) (cons (uri-decode name) "")))
                      (_ #f)))
                  (string-split (utf8->string body) #\&))))

;;; Items

(define (make-item id name price)
  `((id . ,id) (name . ,name) (price . ,price)))

(define (item-id item) (assq-ref item 'id))

(define (add-item items form)
  "-> the new item and the new list, or #f and ITEMS when FORM lacks a name or a price."
  (let ((name (assoc-ref form "name"))
        (price (let ((text (assoc-ref form "price"))) (and text (string->number text)))))
    (if (and name (not (string-null? name)) price)
        (let ((item (make-item (+ 1 (length items)) name price)))
          (values item (append items (list item))))
        (values #f items))))

;;; Routing

(define (item-location item)
  (build-uri-reference #:path (format #f "/items/~a" (item-id item))))

(define (app request body items)
  (match (cons (request-method request)
               (split-and-decode-uri-path (uri-path (request-uri request))))
    (('GET) (respond items 200 items))
    (('GET "items" n)
     (let ((item (find (lambda (item) (equal? (number->string (item-id item)) n)) items)))
       (if item
           (respond items 200 item)
           (respond items 404 '((error . "no such item"))))))
    (('POST "items")
     (receive (item new-items) (add-item items (parse-form body))
       (if item
           (respond new-items 201 item `(location . ,(item-location item)))
           (respond items 400 '((error . "a name and a numeric price are required"))))))
    ((_) (respond items 405 '((error . "method not allowed"))))
    ((_ "items" . _) (respond items 405 '((error . "method not allowed"))))
    (_ (respond items 404 '((error . "not found"))))))

(define port
  (let ((args (command-line)))
    (if (> (length args) 1) (string->number (cadr args)) 8080)))

(run-server app 'ethreads `(#:port ,port)
            (list (make-item 1 "tea" 2) (make-item 2 "coffee" 3)))

;;; 10-web-structure.scm --- a web server in which every loop is "in charge".
;;;
;;; Run: schemeth examples/lessons/10-web-structure.scm

;;; Commentary:
;;;
;;; Guile's (web server) framework owns the main loop: it calls the
;;; backend's `read' hook to get the next request, calls the application's
;;; handler, and gives the response to the backend's `write' hook.  The
;;; ethreads backend of the 2012 announcement wants its own loops too: a
;;; socket loop accepting connections and one client loop per connection,
;;; reading requests and writing responses.  Who is in charge?  Everyone:
;;;
;;;   - read hook: run the ethreads under a `have-request' prompt.  A
;;;     client loop that has read a request suspends itself and, from
;;;     `suspend's callback, aborts to that prompt with its thread and its
;;;     request.  `run' is cut short and `read' returns them.
;;;   - write hook: `resume' the client thread with the response.  Its
;;;     `suspend' returns the response, as if it were an ordinary call.
;;;
;;; Below is a miniature of all three layers.  Connections are lists of
;;; request strings instead of sockets, so the output is deterministic.
;;;
;;; Code:

(use-modules (ice-9 ethreads))

(define ctx (make-econtext))
(define have-request-prompt (make-prompt-tag 'have-request))

;;; The backend: the socket loop, the client loops, the read and write hooks.

(define (parse-request text)
  "(method path) from TEXT, or a bad-request error."
  (let ((words (string-split text #\space)))
    (unless (and (= (length words) 2) (string=? (car words) "GET"))
      (throw 'bad-request text))
    words))

(define (client-loop id requests)
  (for-each
   (lambda (text)
     (let ((response
            (catch 'bad-request
              (lambda ()
                (let ((request (parse-request text)))
                  ;; Park this thread and hand the request to the framework.
                  (suspend (lambda (ctx thread)
                             (abort-to-prompt have-request-prompt thread request)))))
              (lambda (key text) (list 400 "Bad Request")))))
       (format #t "  client ~a: ~a -> ~a ~a~%" id text (car response) (cadr response))))
   requests)
  (format #t "  client ~a: connection closed~%" id))

(define (socket-loop connections)
  (let loop ((id 1) (connections connections))
    (unless (null? connections)          ; a real one blocks in accept here
      (format #t "  socket loop: accepted client ~a~%" id)
      (let ((requests (car connections)))
        (create-ethread ctx (lambda () (client-loop id requests)) id))   ; named ID
      (loop (+ id 1) (cdr connections)))))

;; The handler drops K, the rest of `run': the threads' state lives in the
;; econtext, and the next read simply calls `run' again.
(define (server-read)
  "Run the threads until one has a request: (values thread request), or #f #f."
  (call-with-prompt have-request-prompt
    (lambda () (run ctx) (values #f #f))
    (lambda (k thread request) (values thread request))))

(define (server-write thread response)
  (resume thread (lambda () response) ctx))

;;; The framework: a loop that believes it calls the shots.

(define (run-server handler)
  (let loop ()
    (call-with-values server-read
      (lambda (thread request)
        (when thread
          (format #t "framework: client ~a wants ~a, calling the app~%"
                  (ethread-name thread) (cadr request))
          (server-write thread (handler request))
          (loop)))))
  (display "framework: no more requests, done") (newline))

;;; The application: a plain function from request to response.

(define (app request)
  (if (string=? (cadr request) "/hello")
      (list 200 "Hello, World!")
      (list 404 "Not Found")))

(spawn (lambda () (socket-loop '(("GET /hello" "GET /nope") ("GET /hello" "BOGUS"))))
       ctx)
(run-server app)

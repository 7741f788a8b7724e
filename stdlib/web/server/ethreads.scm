;;; (web server ethreads) --- a non-blocking HTTP backend: one ethread per client

;;; Commentary:
;;;
;;; The structure of the 2012 backend.  An accept loop and one loop per
;;; client run as ethreads, each written as if it were in charge; socket
;;; reads suspend the calling thread whenever the descriptor is not ready.
;;; A client thread reads a request, queues its connection on the server and
;;; goes back to waiting for the next request.  The (web server) read hook
;;; runs the econtext under the server's have-request prompt until requests
;;; are queued, and hands them out one by one; the write hook sends the
;;; response straight away, as much of it as the socket takes, and leaves
;;; the rest to a writer ethread.  So a request costs one thread switch, and
;;; requests that arrive together are read together.
;;;
;;; A connection has at most one request waiting for its response: a
;;; client that pipelines requests has the next one read once the previous
;;; response is on its way, so responses go out in order.  A connection is
;;; closed once its client is done (end of file, or a response without
;;; keep-alive) and all its output is written.  Unlike the 2012 code, the
;;; socket send buffer is left to the kernel: a 12 KiB one made a 4 MiB body
;;; take two seconds on loopback instead of twenty milliseconds.
;;;
;;; With #:workers N (N > 1) the process pre-forks N workers that serve the
;;; listening socket it opened, each from its own econtext; see below.
;;;
;;; Code:

(define-module (web server ethreads)
  #:use-module (srfi srfi-9)
  #:use-module (ice-9 ethreads)
  #:use-module (ice-9 nio)
  #:use-module (ice-9 epoll)
  #:use-module (ice-9 format)
  #:use-module (srfi srfi-1)
  #:use-module (ice-9 binary-ports)
  #:use-module (rnrs bytevectors)
  #:use-module (web http)
  #:use-module ((web %helpers) #:select (%split-header-line))
  #:use-module (web request)
  #:use-module (web response)
  #:use-module (web server))

(define-record-type <server>
  (make-server econtext have-request-prompt socket supervisor arrived ready leaver leaving?
               out get-out)
  server?
  (econtext server-econtext set-server-econtext!)
  (have-request-prompt server-have-request-prompt)
  (socket server-socket)
  ;; #f, or the <supervisor> of the workers when this process only watches over them
  (supervisor server-supervisor set-server-supervisor!)
  ;; connections whose request the read hook has yet to return: newest first as they arrive,
  ;; then turned around into the list the read hook takes them from
  (arrived server-arrived set-server-arrived!)
  (ready server-ready set-server-ready!)
  ;; the ethread that leaves the econtext once the threads runnable with it have run
  (leaver server-leaver set-server-leaver!)
  (leaving? server-leaving? set-server-leaving?!)
  ;; a bytevector output port for composing responses, and the procedure that empties it
  (out server-out)
  (get-out server-get-out))

;; One client connection: the "client" the read hook returns.
(define-record-type <connection>
  (make-connection port reader request body busy? parked? output offset writer done?)
  connection?
  (port connection-port)
  (reader connection-reader set-connection-reader!)
  ;; the request read and not yet returned by the read hook, and its body
  (request connection-request set-connection-request!)
  (body connection-body set-connection-body!)
  ;; a request of this connection is waiting for its response
  (busy? connection-busy? set-connection-busy?!)
  ;; the reader is suspended until that response is sent
  (parked? connection-parked? set-connection-parked?!)
  ;; bytevectors still to write, the first from OFFSET, and the ethread writing them (or #f)
  (output connection-output set-connection-output!)
  (offset connection-offset set-connection-offset!)
  (writer connection-writer set-connection-writer!)
  ;; no more requests will be served: close once the output is written
  (done? connection-done? set-connection-done?!))

(define *max-line-length* 512)

(define (make-default-socket family addr port)
  (let ((sock (socket family (logior SOCK_STREAM SOCK_NONBLOCK) 0)))
    (setsockopt sock SOL_SOCKET SO_REUSEADDR 1)
    (bind sock family addr port)
    sock))

;;; Reading requests

(define (read-limited-line port)
  "A request or header line of at most 512 characters, without its CR LF."
  (%read-line-limited port *max-line-length*))

(define (continuation? line)
  "Does LINE continue the header before it (it starts with a blank)?"
  (and (positive? (string-length line))
       (memv (string-ref line 0) '(#\space #\tab))))

(define (read-limited-headers port)
  "The headers of a request head, as an alist; each line is at most 512 characters.  A header
is parsed once the next line shows that it does not continue."
  (let lp ((headers '()) (name #f) (text #f))
    (let ((line (read-limited-line port)))
      (unless (string? line)
        (throw 'bad-header 'read-header-line line))
      (if (and name (continuation? line))
          (lp headers name (string-append text line))
          (let ((headers (if name (acons name (parse-header name text) headers) headers))
                (name+value (%split-header-line line)))
            (if name+value
                (lp headers (car name+value) (cdr name+value))
                (reverse! headers)))))))

(define (read-limited-request port)
  "Read a request whose request line and headers are each at most 512 characters."
  (call-with-values (lambda () (read-request-line port read-limited-line))
    (lambda (method uri version)
      (build-request uri #:method method #:version version
                     #:headers (read-limited-headers port) #:port port
                     #:validate-headers? #f))))

;;; Writing responses

(define (response-bytes server response body)
  "The bytes of RESPONSE's head followed by BODY (a bytevector or #f)."
  (let ((port (server-out server))
        (get (server-get-out server)))
    (get)
    (write-response response port)
    (when body (put-bytevector port body))
    (get)))

(define (flush! conn)
  "Write as much of CONN's output as the socket takes without blocking; #t when all of it is
written."
  (let loop ()
    (let ((output (connection-output conn)))
      (or (null? output)
          (let* ((bv (car output))
                 (start (connection-offset conn))
                 (count (- (bytevector-length bv) start))
                 (written (nio-write (connection-port conn) bv start count)))
            (cond
             ((= written count)
              (set-connection-output! conn (cdr output))
              (set-connection-offset! conn 0)
              (loop))
             (else
              (set-connection-offset! conn (+ start written))
              #f)))))))

(define (close-if-finished! conn)
  "Close CONN's port when no more requests will be served and all the output is written."
  (when (and (connection-done? conn)
             (not (connection-busy? conn))
             (null? (connection-output conn))
             (not (port-closed? (connection-port conn))))
    (close-port (connection-port conn))))

(define (abandon! conn)
  "Give up on CONN after a socket error: its client went away."
  (set-connection-output! conn '())
  (set-connection-done?! conn #t)
  (unless (port-closed? (connection-port conn))
    (close-port (connection-port conn))))

(define (drain conn)
  "The body of a writer thread: write CONN's output as the socket becomes writable."
  (catch 'system-error
    (lambda ()
      (let loop ()
        (unless (flush! conn)
          (wait-writable (connection-port conn))
          (loop))))
    (lambda args (abandon! conn)))
  (set-connection-writer! conn #f)
  (close-if-finished! conn))

(define (send! server conn bv)
  "Write BV to CONN after its earlier output: now if the socket takes it, else from a writer."
  (set-connection-output! conn (append! (connection-output conn) (list bv)))
  (unless (connection-writer conn)
    (unless (catch 'system-error
              (lambda () (flush! conn))
              (lambda args (abandon! conn) #t))
      (set-connection-writer! conn (spawn (lambda () (drain conn)) (server-econtext server))))))

;;; Serving a connection

(define *bad-request*
  (build-response #:version '(1 . 0) #:code 400 #:headers '((content-length . 0))))

(define (report phase key args)
  (display phase (current-error-port))
  (print-exception (current-error-port) #f key args))

(define (serve-connection server conn)
  "Read the requests of CONN in order and queue each for the read hook, until there are none:
the client closed the connection or went away, the server closed it, or a request was bad
(which is reported, and answered with a 400)."
  (let ((port (connection-port conn))
        (reading? #f))
    (catch #t
      (lambda ()
        (let loop ()
          (when (and (not (eof-object? (lookahead-u8 port)))
                     (begin
                       (when (connection-busy? conn)
                         (set-connection-parked?! conn #t)
                         (suspend)
                         (set-connection-parked?! conn #f))
                       (not (connection-done? conn))))
            (set! reading? #t)
            (let* ((request (read-limited-request port))
                   (body (read-request-body request)))
              (set! reading? #f)
              (set-connection-request! conn request)
              (set-connection-body! conn body)
              (set-connection-busy?! conn #t)
              (request-ready! server conn)
              (loop)))))
      (lambda (key . args)
        (when (and reading? (not (connection-done? conn)))
          (report "While reading request:\n" key args)
          (set-connection-output! conn
                                  (append! (connection-output conn)
                                           (list (response-bytes server *bad-request* #f)))))))
    (set-connection-done?! conn #t)
    (unless (or (connection-writer conn) (port-closed? port))
      (drain conn))))

(define (accept-client sock)
  "The port of the next client of SOCK, or #f after a failure (such as running out of
descriptors), which is reported and followed by a pause."
  (catch 'system-error
    (lambda () (car (accept sock SOCK_NONBLOCK)))
    (lambda (key . args)
      (report "Error while accepting client:\n" key args)
      (sleep 0.5)
      #f)))

(define (socket-loop server sock)
  "Accept connections for ever, one client thread each."
  (let loop ()
    (let ((port (accept-client sock)))
      (when port
        (let ((conn (make-connection port #f #f #f #f #f '() 0 #f #f)))
          (setsockopt port IPPROTO_TCP TCP_NODELAY 1)
          (set-connection-reader! conn (spawn (lambda () (serve-connection server conn))
                                              (server-econtext server)))))
      (loop))))

(define (set-nonblocking! port)
  (fcntl port F_SETFL (logior O_NONBLOCK (fcntl port F_GETFL))))

(define (start-serving! server)
  "Make SERVER serve its socket from a new econtext of this process."
  (let ((ctx (make-econtext)))
    (set-server-econtext! server ctx)
    (spawn (lambda () (socket-loop server (server-socket server))) ctx)
    (set-server-leaving?! server #t)
    (set-server-leaver! server (spawn (leaver server) ctx))))

(define* (server-open #:key (host #f) (family AF_INET)
                      (addr (if host (inet-pton family host) INADDR_LOOPBACK))
                      (port 8080)
                      (socket (make-default-socket family addr port))
                      (workers 1))
  (listen socket 1024)
  (sigaction SIGPIPE SIG_IGN)
  (set-nonblocking! socket)
  (call-with-values open-bytevector-output-port
    (lambda (out get-out)
      (let ((server (make-server #f (make-prompt-tag 'have-request) socket
                                 (and (> workers 1) (make-supervisor workers '() #f))
                                 '() '() #f #f out get-out)))
        (unless (server-supervisor server)
          (start-serving! server))
        server))))

;;; Pre-forked workers
;;;
;;; With #:workers N (N > 1) the process that opened the socket becomes a
;;; supervisor: its read hook forks N workers, each serving the shared
;;; listening socket from its own econtext, and then waits.  A worker that
;;; dies is replaced; SIGINT or SIGTERM stops them all, then SIGINT makes
;;; run-server return (as Ctrl-C does with one process) and SIGTERM ends
;;; the supervisor.  A worker is born inside the supervisor's read hook,
;;; so it simply turns its copy of the server into an ordinary one and
;;; goes on reading requests.

(define-record-type <supervisor>
  (make-supervisor size pids stopping?)
  supervisor?
  (size supervisor-size)
  (pids supervisor-pids set-supervisor-pids!)
  (stopping? supervisor-stopping? set-supervisor-stopping?!))

(define (become-worker! server)
  "Turn SERVER, in a freshly forked process, into an ordinary single-process server."
  (for-each (lambda (sig) (sigaction sig SIG_DFL)) (list SIGINT SIGTERM SIGCHLD))
  (set-server-supervisor! server #f)
  (start-serving! server))

(define (fork-workers! server)
  "Fork workers until there are enough; #t in a new worker, #f in the supervisor."
  (let ((sup (server-supervisor server)))
    (let lp ()
      (cond
       ((>= (length (supervisor-pids sup)) (supervisor-size sup)) #f)
       (else
        (let ((pid (primitive-fork)))
          (cond
           ((zero? pid) (become-worker! server) #t)
           (else
            (set-supervisor-pids! sup (cons pid (supervisor-pids sup)))
            (lp)))))))))

(define (describe-status status)
  (if (status:exit-val status)
      (format #f "exited with status ~a" (status:exit-val status))
      (format #f "was killed by signal ~a" (status:term-sig status))))

(define (reap-workers! sup)
  "Forget the workers that have died, reporting each on stderr."
  (set-supervisor-pids!
   sup
   (filter (lambda (pid)
             (let ((status (catch 'system-error
                             (lambda () (waitpid pid WNOHANG))
                             (lambda args (cons pid 0)))))
               (or (zero? (car status))
                   (begin
                     (unless (supervisor-stopping? sup)
                       (format (current-error-port) "web server: worker ~a ~a; starting another\n"
                               pid (describe-status (cdr status))))
                     #f))))
           (supervisor-pids sup))))

(define (stop-workers! sup)
  "Send SIGTERM to every worker and wait for them all (SIGKILL after 5 seconds)."
  (for-each (lambda (pid) (catch 'system-error (lambda () (kill pid SIGTERM)) (lambda args #f)))
            (supervisor-pids sup))
  (let wait ((tries 0))
    (reap-workers! sup)
    (unless (null? (supervisor-pids sup))
      (when (= tries 100)
        (for-each (lambda (pid) (catch 'system-error (lambda () (kill pid SIGKILL))
                                  (lambda args #f)))
                  (supervisor-pids sup)))
      (usleep 50000)
      (wait (+ tries 1)))))

(define (supervise server)
  "Keep the workers of SERVER running until SIGINT or SIGTERM; returns only in a new worker."
  (let ((sup (server-supervisor server))
        (ep (epoll-create)))
    (define (stop! sig) (set-supervisor-stopping?! sup sig))
    (sigaction SIGINT stop!)
    (sigaction SIGTERM stop!)
    (sigaction SIGCHLD (lambda (sig) #t))
    (let loop ()
      (cond
       ((fork-workers! server) (epoll-destroy ep))
       (else
        (epoll ep 1 1000)
        (for-each (lambda (due) ((car due) (cdr due))) (%pending-signal-handlers))
        (cond
         ((supervisor-stopping? sup)
          (stop-workers! sup)
          (close-port (server-socket server))
          (unless (eqv? (supervisor-stopping? sup) SIGINT)
            (primitive-exit 0))
          (for-each (lambda (sig) (sigaction sig #f)) (list SIGINT SIGTERM SIGCHLD))
          (abort-to-prompt (%interrupt-prompt-tag)))
         (else
          (reap-workers! sup)
          (loop))))))))

;;; The hooks
;;;
;;; A client thread with a request queues its connection on the server and
;;; suspends.  The first one to do so also wakes the leaver thread, which
;;; runs after every thread already runnable -- so that all the requests
;;; that arrived together are read -- and then aborts to the have-request
;;; prompt.  The read hook hands out queued requests, and only runs the
;;; econtext again when there are none left.

(define (request-ready! server conn)
  "Queue CONN, which has a request, for the read hook."
  (set-server-arrived! server (cons conn (server-arrived server)))
  (unless (server-leaving? server)
    (set-server-leaving?! server #t)
    (resume (server-leaver server) always (server-econtext server))))

(define (always) #t)
(define (left k) #t)

(define (leaver server)
  "The body of the thread that makes `run' return to the read hook."
  (let ((tag (server-have-request-prompt server)))
    (define (leave ctx thread)
      (set-server-leaving?! server #f)
      (abort-to-prompt tag))
    (lambda ()
      (let lp ()
        (suspend leave)
        (lp)))))

;; -> (client request body | #f #f #f)
(define (server-read server)
  (when (server-supervisor server)
    (supervise server))
  (let ((ready (server-ready server)))
    (cond
     ((pair? ready)
      (let ((conn (car ready)))
        (set-server-ready! server (cdr ready))
        (values conn (connection-request conn) (connection-body conn))))
     ((pair? (server-arrived server))
      (set-server-ready! server (reverse! (server-arrived server)))
      (set-server-arrived! server '())
      (server-read server))
     ((call-with-prompt (server-have-request-prompt server)
        (lambda () (run (server-econtext server)) #f)
        left)
      (server-read server))
     (else (values #f #f #f)))))

;; -> 0 values
(define (server-write server conn response body)
  (when (and body (not (bytevector? body)))
    (error "Expected a bytevector for body" body))
  (set-connection-request! conn #f)
  (set-connection-body! conn #f)
  (set-connection-busy?! conn #f)
  (unless (port-closed? (connection-port conn))
    (send! server conn (response-bytes server response body))
    (unless (keep-alive? response)
      (set-connection-done?! conn #t)))
  (close-if-finished! conn)
  (when (connection-parked? conn)
    (resume (connection-reader conn) always (server-econtext server)))
  (values))

(define (server-close server)
  (close-port (server-socket server)))

(define-server-impl ethreads
  server-open
  server-read
  server-write
  server-close)

;;; ethreads.scm ends here

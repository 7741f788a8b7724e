;;; chat-server.scm --- a line-based chat room: one reader and one writer ethread per client.
;;;
;;; Usage: schemeth examples/chat-server.scm [PORT]   (default 7001)
;;; Try:   nc 127.0.0.1 7001   (in two terminals)
;;;
;;; Every line a client sends goes to all the other clients as "<nick> line".
;;; Commands: /nick NAME renames you, /who lists who is here, /quit leaves.
;;; Everyone else sees "* NICK joined", "* OLD is now NEW" and "* NICK left".
;;;
;;; A client's reader thread reads its lines with the standard `read-line'
;;; (which suspends it while the socket has nothing to read).  Messages for a
;;; client go to its outbox; its writer thread, suspended while the outbox is
;;; empty, writes them out, so that a slow client only holds up its own
;;; writer, and two threads never write to one socket at once.

(use-modules (ice-9 ethreads) (ice-9 rdelim) (ice-9 q) (srfi srfi-9))

;; A client whose outbox holds this many lines gets no more until it catches up.
(define *max-outbox* 1000)

(define-record-type <client>
  (make-client port nick outbox writer idle? leaving? broken?)
  client?
  (port client-port)
  (nick client-nick set-client-nick!)
  (outbox client-outbox)
  (writer client-writer set-client-writer!)
  ;; #t while the writer is suspended waiting for lines
  (idle? client-idle? set-client-idle!)
  ;; #t once the client has left: the writer closes the socket when the outbox is empty
  (leaving? client-leaving? set-client-leaving!)
  ;; #t once writing failed: lines for this client are dropped
  (broken? client-broken? set-client-broken!))

(define clients '())
(define guests 0)

;;; Output

(define (wake-writer! client)
  (when (client-idle? client)
    (set-client-idle! client #f)
    (resume (client-writer client) (lambda () #t))))

(define (send! client . strings)
  "Queue a line made of STRINGS for CLIENT."
  (unless (or (client-broken? client) (>= (q-length (client-outbox client)) *max-outbox*))
    (enq! (client-outbox client) (string-append (apply string-append strings) "\n"))
    (wake-writer! client)))

(define (broadcast! from . strings)
  "Queue a line for every client but FROM."
  (for-each (lambda (client)
              (unless (eq? client from) (apply send! client strings)))
            clients))

(define (write-outbox! client)
  "Write every queued line, then flush; a write error marks CLIENT broken."
  (let ((port (client-port client)) (outbox (client-outbox client)))
    (catch 'system-error
      (lambda ()
        (let loop ()
          (unless (q-empty? outbox)
            (display (deq! outbox) port)
            (loop)))
        (force-output port))
      (lambda args
        (set-client-broken! client #t)
        (let drop () (unless (q-empty? outbox) (deq! outbox) (drop)))))))

(define (writer-loop client)
  (let loop ()
    (cond ((not (q-empty? (client-outbox client)))
           (write-outbox! client)
           (loop))
          ((client-leaving? client)
           (catch 'system-error
             (lambda () (close-port (client-port client)))
             (lambda args #f)))
          (else
           (set-client-idle! client #t)
           (suspend)
           (loop)))))

;;; Input

(define (read-line* port)
  "The next line without its CR LF, or the end-of-file object (also when the peer reset)."
  (let ((line (catch 'system-error (lambda () (read-line port)) (lambda args (eof-object)))))
    (if (and (string? line) (string-suffix? "\r" line))
        (substring line 0 (- (string-length line) 1))
        line)))

(define (nick-taken? nick)
  (or-map (lambda (c) (string=? (client-nick c) nick)) clients))

(define (rename! client nick)
  (cond ((or (string-null? nick) (string-index nick char-whitespace?))
         (send! client "* usage: /nick NAME (one word)"))
        ((nick-taken? nick)
         (send! client "* nick " nick " is taken"))
        (else
         (broadcast! client "* " (client-nick client) " is now " nick)
         (set-client-nick! client nick)
         (send! client "* you are now " nick))))

(define (command! client line)
  "Carry out the /command LINE; #f when the client asked to quit."
  (let* ((space (string-index line #\space))
         (verb (if space (substring line 0 space) line))
         (arg (if space (string-trim-both (substring line space)) "")))
    (cond ((string=? verb "/quit") (send! client "* bye") #f)
          ((string=? verb "/nick") (rename! client arg) #t)
          ((string=? verb "/who")
           (send! client "* here: " (string-join (map client-nick (reverse clients)) " "))
           #t)
          (else (send! client "* unknown command " verb) #t))))

(define (reader-loop client)
  (let loop ()
    (let ((line (read-line* (client-port client))))
      (cond ((eof-object? line))
            ((string-prefix? "/" line)
             (when (command! client line) (loop)))
            (else
             (broadcast! client "<" (client-nick client) "> " line)
             ;; let the writers run before the next line, so that a burst of lines is
             ;; written as it comes rather than piling up in the outboxes
             (sleep 0)
             (loop))))))

;;; Joining and leaving

(define (join! port)
  (set! guests (+ guests 1))
  (let ((client (make-client port (string-append "guest" (number->string guests)) (make-q)
                             #f #f #f #f)))
    (set-client-writer! client (spawn (lambda () (writer-loop client))))
    (send! client "* welcome, " (client-nick client)
           "; commands: /nick NAME, /who, /quit")
    (broadcast! client "* " (client-nick client) " joined")
    (set! clients (cons client clients))
    client))

(define (leave! client)
  (set! clients (delq client clients))
  (broadcast! client "* " (client-nick client) " left")
  (set-client-leaving! client #t)
  (wake-writer! client))

(define (serve port)
  (let ((client (join! port)))
    (reader-loop client)
    (leave! client)))

;;; Listening

(define (make-listener port)
  (let ((s (socket PF_INET (logior SOCK_STREAM SOCK_NONBLOCK) 0)))
    (setsockopt s SOL_SOCKET SO_REUSEADDR 1)
    (bind s AF_INET INADDR_LOOPBACK port)
    (listen s 1024)
    s))

(define (accept-loop server)
  (let loop ()
    (let ((port (car (accept server SOCK_NONBLOCK))))
      (spawn (lambda () (serve port)))
      (loop))))

(define port
  (let ((args (command-line)))
    (if (> (length args) 1) (string->number (cadr args)) 7001)))

(sigaction SIGPIPE SIG_IGN)
(define server (make-listener port))
(format #t "chat server listening on 127.0.0.1:~a~%" port)
(force-output)
(spawn (lambda () (accept-loop server)))
(run)

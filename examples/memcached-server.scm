;;; memcached-server.scm --- a memcached server on eports, speaking the text protocol.
;;;
;;; Usage: schemeth examples/memcached-server.scm [PORT]   (default 11211)
;;;
;;; Supports get/gets with several keys, set/add/replace with flags,
;;; exptime and noreply, delete, incr/decr, touch, flush_all, version and
;;; quit -- enough for ordinary client libraries.  Each connection is an
;;; ethread reading its eport; reads and writes suspend when the socket is
;;; not ready.

(use-modules (ice-9 ethreads) (ice-9 eports) (rnrs bytevectors))

;; key (string) -> #(flags expiry data)
(define store (make-hash-table))

(define (now) (current-time))

(define (expiry exptime)
  "Absolute expiry second for a protocol EXPTIME (0 never; over 30 days it is absolute)."
  (cond ((zero? exptime) #f)
        ((< exptime 0) 0)
        ((> exptime (* 30 24 3600)) exptime)
        (else (+ (now) exptime))))

(define (lookup key)
  (let ((item (hash-ref store key)))
    (if (and item (vector-ref item 1) (<= (vector-ref item 1) (now)))
        (begin (hash-remove! store key) #f)
        item)))

(define (reply ep . strings)
  (for-each (lambda (s) (put-latin1-string ep s)) strings))

(define (read-command ep)
  "The next command line split into words, or #f at end of input."
  (call-with-values
      (lambda () (get-latin1-string-delimited ep #\newline #:max-chars 4096))
    (lambda (line delim)
      (and (string? line) (char? delim)
           (string-tokenize (string-trim-right line #\return))))))

(define (handle-get ep keys cas?)
  (for-each
   (lambda (key)
     (let ((item (lookup key)))
       (when item
         (let ((data (vector-ref item 2)))
           (reply ep "VALUE " key " " (number->string (vector-ref item 0)) " "
                  (number->string (bytevector-length data))
                  (if cas? " 0" "") "\r\n")
           (put-bytevector ep data)
           (reply ep "\r\n")))))
   keys)
  (reply ep "END\r\n"))

(define (handle-store ep verb args)
  (let* ((key (list-ref args 0))
         (flags (string->number (list-ref args 1)))
         (exptime (string->number (list-ref args 2)))
         (size (string->number (list-ref args 3)))
         (noreply? (and (> (length args) 4) (string=? (list-ref args 4) "noreply")))
         (data (get-bytevector-n ep (+ size 2)))
         (exists? (lookup key)))
    (cond ((or (eof-object? data) (not (= (bytevector-length data) (+ size 2))))
           (reply ep "CLIENT_ERROR bad data chunk\r\n"))
          ((or (and (string=? verb "add") exists?)
               (and (string=? verb "replace") (not exists?)))
           (unless noreply? (reply ep "NOT_STORED\r\n")))
          (else
           (let ((bytes (make-bytevector size 0)))
             (bytevector-copy! data 0 bytes 0 size)
             (hash-set! store key (vector flags (expiry exptime) bytes))
             (unless noreply? (reply ep "STORED\r\n")))))))

(define (handle-delete ep args)
  (let ((found? (lookup (car args))))
    (hash-remove! store (car args))
    (unless (member "noreply" args)
      (reply ep (if found? "DELETED\r\n" "NOT_FOUND\r\n")))))

(define (handle-arith ep verb args)
  (let ((item (lookup (car args)))
        (delta (string->number (cadr args))))
    (if (not item)
        (reply ep "NOT_FOUND\r\n")
        (let* ((old (or (string->number (utf8->string (vector-ref item 2))) 0))
               (new (if (string=? verb "incr")
                        (modulo (+ old delta) (expt 2 64))
                        (max 0 (- old delta)))))
          (vector-set! item 2 (string->utf8 (number->string new)))
          (unless (member "noreply" args)
            (reply ep (number->string new) "\r\n"))))))

(define (dispatch ep words)
  "Run one command; #f means close the connection."
  (let ((verb (car words)) (args (cdr words)))
    (cond ((member verb '("get" "gets")) (handle-get ep args (string=? verb "gets")) #t)
          ((and (member verb '("set" "add" "replace")) (>= (length args) 4))
           (handle-store ep verb args) #t)
          ((and (string=? verb "delete") (pair? args)) (handle-delete ep args) #t)
          ((and (member verb '("incr" "decr")) (= (length args) 2)) (handle-arith ep verb args) #t)
          ((and (string=? verb "touch") (>= (length args) 2))
           (let ((item (lookup (car args))))
             (when item (vector-set! item 1 (expiry (string->number (cadr args)))))
             (reply ep (if item "TOUCHED\r\n" "NOT_FOUND\r\n")))
           #t)
          ((string=? verb "flush_all") (hash-clear! store) (reply ep "OK\r\n") #t)
          ((string=? verb "version") (reply ep "VERSION schemeth-memcached 1.0\r\n") #t)
          ((string=? verb "quit") #f)
          (else (reply ep "ERROR\r\n") #t))))

(define (serve-client ep)
  (let loop ()
    (let ((words (read-command ep)))
      (when (and words
                 (or (null? words) (dispatch ep words)))
        (drain-output ep)
        (loop))))
  (close-eport ep #:drain-output? #f))

(define (make-listener port)
  (let ((s (socket PF_INET SOCK_STREAM 0)))
    (setsockopt s SOL_SOCKET SO_REUSEADDR 1)
    (bind s AF_INET INADDR_LOOPBACK port)
    (listen s 1024)
    (file-port->eport s)))

(define port
  (let ((args (command-line)))
    (if (> (length args) 1) (string->number (cadr args)) 11211)))

(sigaction SIGPIPE SIG_IGN)
(define listener (make-listener port))
(format #t "memcached server listening on 127.0.0.1:~a~%" port)
(force-output)
(spawn (lambda ()
         (let loop ()
           (call-with-values (lambda () (accept-eport listener))
             (lambda (client addr)
               (spawn (lambda () (serve-client client)))
               (loop))))))
(run)

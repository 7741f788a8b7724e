;;; memcached-client.scm --- a memcached client on eports, run from several ethreads at once.
;;;
;;; Usage: schemeth examples/memcached-client.scm [PORT [THREADS]]   (default 11211, 4)
;;; Try it against: schemeth examples/memcached-server.scm 11211
;;;
;;; Each ethread opens its own connection with a non-blocking socket and
;;; `connect-eport', stores keys with text, binary, empty and large values
;;; (some with noreply), reads them back with one multi-key get, deletes one
;;; and increments a counter they all share.  Connecting, reading and writing
;;; suspend only the calling thread.  The report printed at the end does not
;;; depend on how the threads interleaved.

(use-modules (ice-9 ethreads) (ice-9 eports) (rnrs bytevectors) (srfi srfi-1))

;;; The protocol

(define (connect port)
  "An eport connected to the memcached server on loopback PORT."
  (let ((ep (file-port->eport (socket PF_INET (logior SOCK_STREAM SOCK_NONBLOCK) 0))))
    (connect-eport ep (make-socket-address AF_INET INADDR_LOOPBACK port))
    ep))

(define (send-line ep . strings)
  (for-each (lambda (s) (put-latin1-string ep s)) strings)
  (put-latin1-string ep "\r\n"))

(define (read-reply ep)
  "The next reply line, without its CR LF."
  (call-with-values (lambda () (get-latin1-string-delimited ep #\newline #:max-chars 4096))
    (lambda (line delim)
      (unless (char? delim) (error "memcached connection closed" line))
      (string-trim-right line #\return))))

(define* (mc-set ep key value #:key (flags 0) (exptime 0) noreply?)
  "Store the bytevector VALUE under KEY: #t when stored (always, with NOREPLY?)."
  (send-line ep "set " key " " (number->string flags) " " (number->string exptime) " "
             (number->string (bytevector-length value)) (if noreply? " noreply" ""))
  (put-bytevector ep value)
  (put-latin1-string ep "\r\n")
  (drain-output ep)
  (or noreply? (string=? (read-reply ep) "STORED")))

(define (read-values ep)
  "The VALUE blocks of a get reply up to END, as ((key flags . bytevector) ...)."
  (let lp ((found '()))
    (let ((words (string-tokenize (read-reply ep))))
      (cond ((equal? words '("END")) (reverse found))
            ((and (= (length words) 4) (string=? (car words) "VALUE"))
             (let* ((size (string->number (fourth words)))
                    (data (get-bytevector-n ep (+ size 2))))
               (lp (cons (cons* (second words) (string->number (third words))
                                (bytevector-slice data size))
                         found))))
            (else (error "bad get reply" words))))))

(define (bytevector-slice bv n)
  (let ((out (make-bytevector n 0)))
    (bytevector-copy! bv 0 out 0 n)
    out))

(define (mc-get-many ep keys)
  "The values stored under KEYS that exist, as ((key flags . bytevector) ...)."
  (send-line ep "get " (string-join keys " "))
  (drain-output ep)
  (read-values ep))

(define (mc-delete ep key)
  "Delete KEY: #t when it existed."
  (send-line ep "delete " key)
  (drain-output ep)
  (string=? (read-reply ep) "DELETED"))

(define (mc-incr ep key delta)
  "Add DELTA to the number under KEY: the new value, or #f when KEY is missing."
  (send-line ep "incr " key " " (number->string delta))
  (drain-output ep)
  (string->number (read-reply ep)))

;;; The workload

(define (test-values id)
  "The (key flags . value) triples thread ID stores."
  (define (key name) (string-append "t" (number->string id) "-" name))
  (list (cons* (key "text") 0
               (string->utf8 (string-append "hello from thread " (number->string id))))
        (cons* (key "binary") 7 (u8-list->bytevector (iota 256)))
        (cons* (key "crlf") 0 (string->utf8 "line one\r\nEND\r\nline three"))
        (cons* (key "empty") 0 (make-bytevector 0 0))
        (cons* (key "large") 42 (make-bytevector 20000 (+ 65 id)))))

(define (quiet-values id)
  "The triples thread ID stores with noreply."
  (map (lambda (i)
         (cons* (string-append "t" (number->string id) "-quiet" (number->string i)) 1
                (u8-list->bytevector (list i 0 255 13 10))))
       (iota 3)))

(define (client-thread port id increments report)
  (let ((ep (connect port))
        (loud (test-values id))
        (quiet (quiet-values id)))
    (define (store! triple noreply?)
      (mc-set ep (car triple) (cddr triple) #:flags (cadr triple) #:noreply? noreply?))
    (let* ((stored (count (lambda (t) (store! t #f)) loud))
           (_ (for-each (lambda (t) (store! t #t)) quiet))
           (wanted (append loud quiet))
           (got (mc-get-many ep (append (map car wanted) (list "no-such-key"))))
           (deleted? (mc-delete ep (car (first loud))))
           (after (mc-get-many ep (list (car (first loud)))))
           (counter (last (map (lambda (i) (sleep 0) (mc-incr ep "counter" 1))
                               (iota increments)))))
      (close-eport ep)
      (report id
              (list stored (length got) (equal? got wanted) deleted? (null? after)
                    (<= increments counter))))))

(define (main port threads increments)
  (let ((results '()))
    (define (report id result) (set! results (acons id result results)))
    (let ((ep (connect port)))
      (mc-set ep "counter" (string->utf8 "0"))
      (close-eport ep))
    (for-each (lambda (id) (spawn (lambda () (client-thread port id increments report))))
              (iota threads))
    (run)
    (for-each
     (lambda (id)
       (let ((r (assv-ref results id)))
         (apply format #t (string-append "thread ~a: stored ~a, got ~a back, values equal: ~a, "
                                         "deleted: ~a, gone: ~a, counter ok: ~a~%")
                id r)))
     (iota threads))
    (let ((ep (connect port)))
      (format #t "counter: ~a~%" (utf8->string (cddr (car (mc-get-many ep '("counter"))))))
      (close-eport ep))))

(define (arg n default)
  (let ((args (command-line)))
    (if (> (length args) n) (string->number (list-ref args n)) default)))

(main (arg 1 11211) (arg 2 4) 10)

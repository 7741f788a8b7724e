;;; (ice-9 eports) --- buffered ports that suspend the current ethread instead of blocking

;;; Commentary:
;;;
;;; An eport buffers bytes over a vtable of `read' and `write' procedures
;;; with the (ice-9 nio) contract -- (proc data bv start count) returns a
;;; count, 0 for end of file (read) or "would block" (write), -1 for "would
;;; block" (read) -- and a `close' procedure.  When an operation would
;;; block, the eport calls the current read or write waiter with its
;;; descriptor and tries again; inside `run' of (ice-9 ethreads) the waiter
;;; suspends the thread until epoll reports the descriptor ready, outside it
;;; the default waiter blocks.
;;;
;;; Code:

(define-module (ice-9 eports)
  #:use-module (srfi srfi-9)
  #:use-module (rnrs bytevectors)
  #:use-module (ice-9 nio)
  #:use-module (ice-9 suspendable-ports)
  #:export (eport? make-eport close-eport eport-fd
            get-u8 putback-u8 lookahead-u8
            get-bytevector-some putback-bytevector get-bytevector-n get-bytevector-n!
            get-bytevector-delimited put-u8 put-bytevector
            get-latin1-char putback-latin1-char lookahead-latin1-char
            get-latin1-string-some putback-latin1-string
            get-latin1-string-n get-latin1-string-n! get-latin1-string-delimited
            put-latin1-char put-latin1-string put-utf8-char put-utf8-string
            <file-eport> file-eport? file-eport-fd file-eport-port
            fdes->eport file-port->eport accept-eport connect-eport)
  #:replace (drain-output)
  #:re-export (current-read-waiter current-write-waiter))

(define-record-type <eport>
  (%make-eport data vtable-read vtable-write vtable-close fd file-port
               rbuf rpos rend wbuf wend closed?)
  eport?
  (data eport-data)
  (vtable-read eport-read-proc)
  (vtable-write eport-write-proc)
  (vtable-close eport-close-proc)
  (fd eport-fd)
  (file-port eport-file-port)
  (rbuf eport-rbuf set-eport-rbuf!)
  (rpos eport-rpos set-eport-rpos!)
  (rend eport-rend set-eport-rend!)
  (wbuf eport-wbuf set-eport-wbuf!)
  (wend eport-wend set-eport-wend!)
  (closed? eport-closed? set-eport-closed!))

(define <file-eport> <eport>)

(define (file-eport? x) (and (eport? x) (eport-fd x) #t))
(define (file-eport-fd ep) (eport-fd ep))
(define (file-eport-port ep) (eport-file-port ep))

(define* (make-eport data vtable #:key (read-buffer-size 488) (write-buffer-size 1000)
                     (fd #f) (file-port #f))
  "A buffered eport over DATA; VTABLE is an alist with read, write and close procedures."
  (define (op name) (let ((entry (assq name vtable))) (and entry (cdr entry))))
  (%make-eport data (op 'read) (op 'write) (op 'close) fd file-port
               (make-bytevector (or read-buffer-size 1) 0) 0 0
               (make-bytevector (or write-buffer-size 1) 0) 0 #f))

(define (check-open ep who)
  (when (eport-closed? ep)
    (scm-error 'wrong-type-arg who "Closed eport: ~S" (list ep) (list ep))))

;;; Input

(define (buffered ep) (- (eport-rend ep) (eport-rpos ep)))

(define (wait-to-read ep)
  ((current-read-waiter) (or (eport-fd ep) ep)))

(define (wait-to-write ep)
  ((current-write-waiter) (or (eport-fd ep) ep)))

(define (fill! ep)
  "Read more bytes into EP's buffer; #f at end of file."
  (check-open ep "fill-input")
  (let* ((buf (eport-rbuf ep))
         (pos (eport-rpos ep))
         (end (eport-rend ep)))
    (when (and (positive? pos) (= end (bytevector-length buf)))
      (bytevector-copy! buf pos buf 0 (- end pos))
      (set-eport-rpos! ep 0)
      (set-eport-rend! ep (- end pos)))
    (when (= (eport-rend ep) (bytevector-length buf))
      (let ((bigger (make-vector-of-bytes (* 2 (bytevector-length buf)))))
        (bytevector-copy! buf 0 bigger 0 (eport-rend ep))
        (set-eport-rbuf! ep bigger)))
    (let lp ()
      (let* ((buf (eport-rbuf ep))
             (end (eport-rend ep))
             (n ((eport-read-proc ep) (eport-data ep) buf end (- (bytevector-length buf) end))))
        (cond ((> n 0) (set-eport-rend! ep (+ end n)) #t)
              ((zero? n) #f)
              (else (wait-to-read ep) (lp)))))))

(define (make-vector-of-bytes n) (make-bytevector n 0))

(define (ensure! ep n)
  "Have at least N bytes buffered; #f when end of file comes first."
  (or (>= (buffered ep) n)
      (and (fill! ep) (ensure! ep n))))

(define (get-u8 ep)
  "The next byte of EP, or the end-of-file object."
  (if (ensure! ep 1)
      (let ((b (bytevector-u8-ref (eport-rbuf ep) (eport-rpos ep))))
        (set-eport-rpos! ep (+ 1 (eport-rpos ep)))
        b)
      (eof-object)))

(define (lookahead-u8 ep)
  "The next byte of EP without consuming it, or the end-of-file object."
  (if (ensure! ep 1)
      (bytevector-u8-ref (eport-rbuf ep) (eport-rpos ep))
      (eof-object)))

(define (putback-bytevector ep bv)
  "Push BV back in front of EP's input."
  (let* ((n (bytevector-length bv))
         (rest (buffered ep))
         (buf (make-bytevector (max (bytevector-length (eport-rbuf ep)) (+ n rest)) 0)))
    (bytevector-copy! bv 0 buf 0 n)
    (bytevector-copy! (eport-rbuf ep) (eport-rpos ep) buf n rest)
    (set-eport-rbuf! ep buf)
    (set-eport-rpos! ep 0)
    (set-eport-rend! ep (+ n rest))))

(define (putback-u8 ep b)
  (putback-bytevector ep (u8-list->bytevector (list b))))

(define (take! ep n)
  "Remove N buffered bytes and return them as a bytevector."
  (let ((bv (make-bytevector n 0)))
    (bytevector-copy! (eport-rbuf ep) (eport-rpos ep) bv 0 n)
    (set-eport-rpos! ep (+ n (eport-rpos ep)))
    bv))

(define (get-bytevector-some ep)
  "Whatever bytes are available (reading once if none are), or the end-of-file object."
  (if (ensure! ep 1) (take! ep (buffered ep)) (eof-object)))

(define (get-bytevector-n ep n)
  "N bytes, fewer at end of file, or the end-of-file object when there are none."
  (ensure! ep n)
  (let ((have (min n (buffered ep))))
    (if (and (zero? have) (positive? n)) (eof-object) (take! ep have))))

(define (get-bytevector-n! ep bv start n)
  "Read up to N bytes into BV at START; the count, or the end-of-file object."
  (ensure! ep n)
  (let ((have (min n (buffered ep))))
    (if (and (zero? have) (positive? n))
        (eof-object)
        (begin
          (bytevector-copy! (eport-rbuf ep) (eport-rpos ep) bv start have)
          (set-eport-rpos! ep (+ have (eport-rpos ep)))
          have))))

(define* (get-bytevector-delimited ep delimiter? #:key max-bytes)
  "Two values: the bytes before the first byte satisfying DELIMITER? (which is consumed), and that
byte -- or #f when MAX-BYTES were read first, or the end-of-file object."
  (let lp ((scanned 0))
    (cond ((and max-bytes (>= scanned max-bytes))
           (values (take! ep max-bytes) #f))
          ((< scanned (buffered ep))
           (let ((b (bytevector-u8-ref (eport-rbuf ep) (+ (eport-rpos ep) scanned))))
             (if (delimiter? b)
                 (let ((bytes (take! ep scanned)))
                   (set-eport-rpos! ep (+ 1 (eport-rpos ep)))
                   (values bytes b))
                 (lp (+ scanned 1)))))
          ((fill! ep) (lp scanned))
          ((zero? scanned) (values (eof-object) (eof-object)))
          (else (values (take! ep scanned) (eof-object))))))

(define (get-latin1-char ep)
  (let ((b (get-u8 ep))) (if (eof-object? b) b (integer->char b))))

(define (lookahead-latin1-char ep)
  (let ((b (lookahead-u8 ep))) (if (eof-object? b) b (integer->char b))))

(define (putback-latin1-char ep c) (putback-u8 ep (char->integer c)))

(define (bytes->latin1 bv)
  (list->string (map integer->char (bytevector->u8-list bv))))

(define (get-latin1-string-some ep)
  "Whatever characters are available (reading once if none are), or the end-of-file object."
  (let ((bv (get-bytevector-some ep))) (if (eof-object? bv) bv (bytes->latin1 bv))))

(define (putback-latin1-string ep s)
  "Push the Latin-1 string S back in front of EP's input."
  (putback-bytevector ep (u8-list->bytevector (map char->integer (string->list s)))))

(define (get-latin1-string-n ep n)
  (let ((bv (get-bytevector-n ep n))) (if (eof-object? bv) bv (bytes->latin1 bv))))

(define (get-latin1-string-n! ep s start n)
  (let ((bv (get-bytevector-n ep n)))
    (if (eof-object? bv)
        bv
        (let lp ((i 0))
          (if (< i (bytevector-length bv))
              (begin (string-set! s (+ start i) (integer->char (bytevector-u8-ref bv i)))
                     (lp (+ i 1)))
              i)))))

(define (char-matcher delimiter)
  (cond ((procedure? delimiter) delimiter)
        ((char? delimiter) (lambda (c) (eqv? c delimiter)))
        ((string? delimiter) (lambda (c) (string-index delimiter c)))
        (else (lambda (c) (memv c delimiter)))))

(define* (get-latin1-string-delimited ep delimiter #:key max-chars)
  "Like get-bytevector-delimited, with Latin-1 characters; DELIMITER is a predicate, a char, a
string or a list of chars."
  (let ((match? (char-matcher delimiter)))
    (call-with-values
        (lambda ()
          (get-bytevector-delimited ep (lambda (b) (match? (integer->char b)))
                                    #:max-bytes max-chars))
      (lambda (bytes delim)
        (values (if (eof-object? bytes) bytes (bytes->latin1 bytes))
                (if (integer? delim) (integer->char delim) delim))))))

;;; Output

(define (flush-some! ep)
  "Write what the descriptor accepts now; #t when the buffer is empty."
  (let lp ((pos 0))
    (if (= pos (eport-wend ep))
        (begin (set-eport-wend! ep 0) #t)
        (let ((n ((eport-write-proc ep) (eport-data ep) (eport-wbuf ep) pos (- (eport-wend ep) pos))))
          (if (positive? n)
              (lp (+ pos n))
              (begin
                (bytevector-copy! (eport-wbuf ep) pos (eport-wbuf ep) 0 (- (eport-wend ep) pos))
                (set-eport-wend! ep (- (eport-wend ep) pos))
                #f))))))

(define (drain-output ep)
  "Write out all buffered output, waiting while the descriptor is full."
  (check-open ep "drain-output")
  (unless (flush-some! ep)
    (wait-to-write ep)
    (drain-output ep)))

(define* (put-bytevector ep bv #:optional (start 0) (count (- (bytevector-length bv) start)))
  "Buffer COUNT bytes of BV from START, draining when the buffer is full."
  (check-open ep "put-bytevector")
  (let ((room (- (bytevector-length (eport-wbuf ep)) (eport-wend ep))))
    (if (<= count room)
        (begin
          (bytevector-copy! bv start (eport-wbuf ep) (eport-wend ep) count)
          (set-eport-wend! ep (+ count (eport-wend ep))))
        (begin
          (bytevector-copy! bv start (eport-wbuf ep) (eport-wend ep) room)
          (set-eport-wend! ep (bytevector-length (eport-wbuf ep)))
          (drain-output ep)
          (put-bytevector ep bv (+ start room) (- count room))))))

(define (put-u8 ep b) (put-bytevector ep (u8-list->bytevector (list b))))

(define (put-latin1-string ep s)
  (put-bytevector ep (u8-list->bytevector (map char->integer (string->list s)))))

(define (put-latin1-char ep c) (put-u8 ep (char->integer c)))

(define (put-utf8-string ep s) (put-bytevector ep (string->utf8 s)))

(define (put-utf8-char ep c) (put-utf8-string ep (string c)))

;;; Closing

(define* (close-eport ep #:key (drain-output? #t))
  "Close EP (a second close does nothing), first writing out its buffer unless told not to."
  (unless (eport-closed? ep)
    (when (and drain-output? (eport-write-proc ep) (positive? (eport-wend ep)))
      (drain-output ep))
    (set-eport-closed! ep #t)
    (let ((close (eport-close-proc ep)))
      (when close (close (eport-data ep))))))

;;; Descriptor eports

(define (set-nonblocking! fd)
  (fcntl fd F_SETFL (logior O_NONBLOCK (fcntl fd F_GETFL))))

(define* (fdes->eport fd #:key (readable? #t) (writable? #t) file-port)
  "An eport over descriptor FD, which is made non-blocking."
  (set-nonblocking! fd)
  (make-eport fd
              `((read . ,(and readable? nio-read))
                (write . ,(and writable? nio-write))
                (close . ,(lambda (fd)
                            (if file-port (close-port file-port) (close-fdes fd)))))
              #:fd fd #:file-port file-port))

(define (file-port->eport port)
  "An eport over the descriptor of PORT (closing the eport closes PORT)."
  (fdes->eport (fileno port) #:file-port port))

(define (accept-eport ep)
  "Accept a connection on listening eport EP: two values, the client eport and its address."
  (let lp ()
    (let ((client (nio-accept (eport-fd ep))))
      (if client
          (values (fdes->eport (car client)) (cdr client))
          (begin (wait-to-read ep) (lp))))))

(define (connect-errno ep sockaddr)
  "The outcome of EP's finished non-blocking connect, 0 or an errno: getsockopt needs a port, so
without one, connecting again tells (EISCONN meaning success)."
  (if (eport-file-port ep)
      (getsockopt (eport-file-port ep) SOL_SOCKET SO_ERROR)
      (catch 'system-error
        (lambda () (nio-connect (eport-fd ep) sockaddr) 0)
        (lambda (key subr message args rest)
          (let ((errno (car rest)))
            (if (= errno EISCONN) 0 errno))))))

(define (connect-eport ep sockaddr)
  "Connect EP's socket to SOCKADDR, suspending while the connection is in progress."
  (unless (nio-connect (eport-fd ep) sockaddr)
    (wait-to-write ep)
    (let ((err (connect-errno ep sockaddr)))
      (unless (zero? err)
        (scm-error 'system-error "connect-eport" "~A" (list (strerror err)) (list err)))))
  (values))

;;; eports.scm ends here

;;; 11-memcached.scm --- a memcached server on eports, with its own client.
;;;
;;; Run: schemeth examples/lessons/11-memcached.scm

;;; Commentary:
;;;
;;; Lesson 9 used ordinary ports.  (ice-9 eports) are the ports of the 2012
;;; ethreads branch: byte buffers over a non-blocking descriptor, with
;;; get-/put- operations that suspend the current ethread when the socket
;;; is not ready, and `drain-output' to send what is buffered.
;;;
;;; The server speaks a slice of the memcached text protocol (get, set,
;;; delete, quit; examples/memcached-server.scm has the rest).  A client
;;; thread connects with `connect-eport', runs a session and quits; the
;;; server accepts that one connection, so `run' returns and we end.
;;;
;;; Code:

(use-modules (ice-9 ethreads) (ice-9 eports))

(define store (make-hash-table))          ; key -> value, both strings

(define (read-line* ep)
  "The next line of EP without its CR LF, or #f at end of input."
  (call-with-values (lambda () (get-latin1-string-delimited ep #\newline))
    (lambda (line delimiter) (and (string? line) (string-trim-right line #\return)))))

(define (send ep . strings)
  (for-each (lambda (s) (put-latin1-string ep s)) strings))

(define (handle ep verb args)
  "Answer one command (flags and expiry times are accepted and ignored)."
  (cond ((string=? verb "get")
         (for-each (lambda (key)
                     (let ((value (hash-ref store key)))
                       (when value
                         (send ep "VALUE " key " 0 "
                               (number->string (string-length value)) "\r\n"
                               value "\r\n"))))
                   args)
         (send ep "END\r\n"))
        ((string=? verb "set")            ; set KEY FLAGS EXPTIME BYTES, then the data
         (let* ((size (string->number (list-ref args 3)))
                (data (get-latin1-string-n ep (+ size 2))))   ; may suspend
           (hash-set! store (car args) (substring data 0 size))
           (send ep "STORED\r\n")))
        ((string=? verb "delete")
         (send ep (if (hash-ref store (car args)) "DELETED\r\n" "NOT_FOUND\r\n"))
         (hash-remove! store (car args)))
        (else (send ep "ERROR\r\n"))))

(define (serve-client ep)
  (let loop ()
    (let ((words (string-tokenize (or (read-line* ep) "quit"))))
      (unless (string=? (car words) "quit")
        (handle ep (car words) (cdr words))
        (drain-output ep)                 ; may suspend
        (loop))))
  (close-eport ep)
  (display "server: client quit, connection closed") (newline))

(define (request ep . lines)
  "Send LINES, print them, then print the reply up to its last line."
  (for-each (lambda (line) (send ep line "\r\n") (format #t "> ~a~%" line)) lines)
  (drain-output ep)
  (let loop ()
    (let ((reply (read-line* ep)))        ; may suspend
      (format #t "  < ~a~%" reply)
      (when (string-prefix? "VALUE " reply)
        (format #t "  < ~a~%" (read-line* ep))
        (loop)))))

(define (client port)
  (let ((ep (file-port->eport (socket PF_INET SOCK_STREAM 0))))
    (connect-eport ep (make-socket-address AF_INET INADDR_LOOPBACK port))
    (request ep "set greeting 0 0 5" "hello")
    (request ep "set answer 0 0 2" "42")
    (request ep "get greeting answer missing")
    (request ep "delete greeting")
    (request ep "get greeting")
    (send ep "quit\r\n")
    (close-eport ep)))

(define listening-socket (socket PF_INET SOCK_STREAM 0))
(bind listening-socket AF_INET INADDR_LOOPBACK 0)  ; port 0: the kernel picks one
(listen listening-socket 16)
(define listener (file-port->eport listening-socket))

(spawn (lambda ()
         (call-with-values (lambda () (accept-eport listener))    ; may suspend
           (lambda (ep address)
             (close-eport listener)       ; one client is enough for a lesson
             (serve-client ep)))))
(spawn (lambda () (client (sockaddr:port (getsockname listening-socket)))))
(run)

"""(ice-9 eports): buffered reads and writes, putback, closing, descriptor eports over pipes and
loopback sockets, and a memcached client built on them."""
from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT, free_port, run_scheme, server

# An eport reading BYTES from memory in reads of at most 3 bytes, so that every operation below
# has to refill its buffer several times; and one collecting what is written, in writes of at
# most 5 bytes.
MEMORY = """
(use-modules (ice-9 eports) (rnrs bytevectors) (srfi srfi-1))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define (source bytes)
  (let ((pos 0))
    (make-eport #f `((read . ,(lambda (data bv start count)
                                (let ((n (min 3 count (- (bytevector-length bytes) pos))))
                                  (bytevector-copy! bytes pos bv start n)
                                  (set! pos (+ pos n))
                                  n))))
                #:read-buffer-size 4)))
(define (text s) (source (string->utf8 s)))
(define (bytes->string bv) (if (bytevector? bv) (utf8->string bv) bv))
(define writes '())
(define closes 0)
(define (sink size)
  (make-eport #f `((write . ,(lambda (data bv start count)
                               (let* ((n (min 5 count)) (chunk (make-bytevector n 0)))
                                 (bytevector-copy! bv start chunk 0 n)
                                 (set! writes (cons chunk writes))
                                 n)))
                   (close . ,(lambda (data) (set! closes (+ closes 1)))))
              #:write-buffer-size size))
(define (written)
  (let ((s (utf8->string (apply bytevector-append (reverse writes)))))
    (set! writes '())
    s))
(define (bytevector-append . bvs)
  (u8-list->bytevector (append-map bytevector->u8-list bvs)))
"""


def scheme_output(tmp_path, body: str) -> str:
    r = run_scheme(MEMORY + body, tmp_path)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    return r.stdout


def test_get_bytevector_delimited_with_max_bytes(tmp_path) -> None:
    out = scheme_output(tmp_path, """
(define ep (text "alpha,beta,gammadelta\\nlast"))
(define (comma? b) (= b 44))
(define (newline? b) (= b 10))
(define (next delim? . max)
  (call-with-values
      (lambda () (if (null? max)
                     (get-bytevector-delimited ep delim?)
                     (get-bytevector-delimited ep delim? #:max-bytes (car max))))
    (lambda (bytes delim) (show (bytes->string bytes) delim))))
(next comma?)
(next comma? 3)
(next comma? 10)
(next comma? 5)
(next newline?)
(next newline? 100)
(next newline?)
""")
    assert out.splitlines() == [
        '"alpha" 44 ',
        '"bet" #f ',
        '"a" 44 ',
        '"gamma" #f ',
        '"delta" 10 ',
        '"last" #<eof> ',
        '#<eof> #<eof> ',
    ]


def test_latin1_family(tmp_path) -> None:
    out = scheme_output(tmp_path, """
(define (latin1 s) (map char->integer (string->list s)))
(define ep (source (u8-list->bytevector (append (latin1 "ab;cd,ef gh") (list 233 255 10)
                                                (latin1 "tail")))))
(define (codes s) (if (string? s) (map char->integer (string->list s)) s))
(show (get-latin1-char ep) (lookahead-latin1-char ep) (get-latin1-char ep))
(putback-latin1-char ep #\\B)
(show (get-latin1-string-n ep 2))
(call-with-values (lambda () (get-latin1-string-delimited ep #\\,)) show)
(call-with-values (lambda () (get-latin1-string-delimited ep " ;")) show)
(call-with-values (lambda () (get-latin1-string-delimited ep (list #\\x #\\newline) #:max-chars 1))
  show)
(call-with-values (lambda () (get-latin1-string-delimited ep (lambda (c) (char=? c #\\newline))))
  (lambda (s delim) (show (codes s) delim)))
(putback-latin1-string ep "re")
(define s (make-string 4 #\\-))
(show (get-latin1-string-n! ep s 1 3) s)
(let lp ((acc ""))
  (let ((s (get-latin1-string-some ep)))
    (if (eof-object? s) (show acc) (lp (string-append acc s)))))
(show (get-latin1-char ep) (lookahead-latin1-char ep) (get-latin1-string-n ep 3))
""")
    assert out.splitlines() == [
        '#\\a #\\b #\\b ',
        '"B;" ',
        '"cd" #\\, ',
        '"ef" #\\space ',
        '"g" #f ',
        '(104 233 255) #\\newline ',
        '3 "-ret" ',
        '"ail" ',
        '#<eof> #<eof> #<eof> ',
    ]


def test_putback_lookahead_and_counted_reads(tmp_path) -> None:
    out = scheme_output(tmp_path, """
(define ep (text "0123456789"))
(show (get-u8 ep) (lookahead-u8 ep) (get-u8 ep))
(putback-u8 ep 65)
(putback-bytevector ep (string->utf8 "a long putback, longer than the buffer "))
(show (bytes->string (get-bytevector-n ep 42)))
(define bv (make-bytevector 6 46))
(show (get-bytevector-n! ep bv 1 4) (bytes->string bv))
(show (bytes->string (get-bytevector-some ep)))
(show (bytes->string (get-bytevector-n ep 0)))
(show (bytes->string (get-bytevector-n ep 10)))
(show (get-bytevector-n ep 1) (get-bytevector-some ep) (get-u8 ep) (lookahead-u8 ep)
      (get-bytevector-n! ep bv 0 2))
""")
    assert out.splitlines() == [
        '48 49 49 ',
        '"a long putback, longer than the buffer A23" ',
        '4 ".4567." ',
        '"8" ',
        '"" ',
        '"9" ',
        '#<eof> #<eof> #<eof> #<eof> #<eof> ',
    ]


def test_output_is_buffered_until_drained_and_close_is_idempotent(tmp_path) -> None:
    out = scheme_output(tmp_path, """
(define ep (sink 16))
(put-u8 ep 91)
(put-latin1-char ep #\\x)
(put-latin1-string ep "yz")
(put-utf8-char ep #\\x3bb)
(put-utf8-string ep (string #\\x3bc #\\]))
(show (written))
(drain-output ep)
(show (written))
(put-bytevector ep (string->utf8 "--0123456789abcdefghijklmnopqrstuvwxyz--") 2 36)
(show (written))
(close-eport ep)
(show (written) closes)
(close-eport ep)
(show closes)
(show (catch #t (lambda () (put-u8 ep 1) 'no-error) (lambda (key . args) key)))
(show (catch #t (lambda () (drain-output ep) 'no-error) (lambda (key . args) key)))
(define quiet (sink 16))
(put-latin1-string quiet "never written")
(close-eport quiet #:drain-output? #f)
(show (written) closes)
""")
    assert out.splitlines() == [
        '"" ',
        '"[xyzλμ]" ',
        '"0123456789abcdefghijklmnopqrstuv" ',
        '"wxyz" 1 ',
        '1 ',
        'wrong-type-arg ',
        'wrong-type-arg ',
        '"" 2 ',
    ]


def test_fdes_eports_on_a_pipe_suspend_only_their_thread(tmp_path) -> None:
    r = run_scheme("""
(use-modules (ice-9 ethreads) (ice-9 eports) (rnrs bytevectors))
(define p (pipe))
(define in (fdes->eport (fileno (car p)) #:writable? #f))
(define out (fdes->eport (fileno (cdr p)) #:readable? #f))
(define size 300000)
(define data (make-bytevector size 0))
(let lp ((i 0)) (when (< i size) (bytevector-u8-set! data i (modulo (* i 7) 256)) (lp (+ i 1))))
(define ticks 0)
(define done #f)
(spawn (lambda () (put-bytevector out data) (close-eport out)))
(spawn (lambda ()
         (let lp ((chunks '()))
           (let ((bv (get-bytevector-some in)))
             (if (eof-object? bv)
                 (set! done (apply append (map bytevector->u8-list (reverse chunks))))
                 (lp (cons bv chunks)))))
         (close-eport in)))
;; never waits: the pipe must still be polled between its rounds
(spawn (lambda () (let lp () (unless done (set! ticks (+ ticks 1)) (sleep 0) (lp)))))
(run)
(display (list (length done) (equal? done (bytevector->u8-list data)) (> ticks 0)
               (file-eport? in) (= (file-eport-fd in) (fileno (car p)))))
""", tmp_path)
    assert r.stdout == "(300000 #t #t #t #t)", r.stderr


LOOPBACK = """
(use-modules (ice-9 ethreads) (ice-9 eports) (rnrs bytevectors))
(define (log . xs) (for-each display xs) (newline))
(define listener-socket (socket PF_INET SOCK_STREAM 0))
(setsockopt listener-socket SOL_SOCKET SO_REUSEADDR 1)
(bind listener-socket AF_INET INADDR_LOOPBACK 0)
(listen listener-socket 16)
(define port (sockaddr:port (getsockname listener-socket)))
(define listener (file-port->eport listener-socket))
(define (read-line ep)
  (call-with-values (lambda () (get-latin1-string-delimited ep #\\newline)) (lambda (s d) s)))

(define (serve n)
  (let lp ((i 0))
    (when (< i n)
      (call-with-values (lambda () (accept-eport listener))
        (lambda (client addr)
          (spawn (lambda ()
                   (let ((line (read-line client)))
                     (put-latin1-string client (string-append (string-upcase line) "\\n"))
                     (close-eport client))))
          (lp (+ i 1)))))))

(define (file-port-client)
  (file-port->eport (socket PF_INET (logior SOCK_STREAM SOCK_NONBLOCK) 0)))
(define (descriptor-client)
  (fdes->eport (fileno (socket PF_INET (logior SOCK_STREAM SOCK_NONBLOCK) 0))))

(define (client name make port)
  (let ((ep (make)))
    (catch 'system-error
      (lambda ()
        (connect-eport ep (make-socket-address AF_INET INADDR_LOOPBACK port))
        (put-latin1-string ep (string-append "hello from " name "\\n"))
        (drain-output ep)
        (log name ": " (read-line ep) " " (eof-object? (get-u8 ep))))
      (lambda (key subr message args rest)
        (log name ": " key " " (equal? rest (list ECONNREFUSED)))))
    (close-eport ep)))
"""


def test_connect_and_accept_over_loopback(tmp_path) -> None:
    refused = free_port()
    r = run_scheme(LOOPBACK + f"""
(spawn (lambda () (serve 2)))
(spawn (lambda () (client "port-eport" file-port-client port)))
(spawn (lambda () (client "fd-eport" descriptor-client port)))
(spawn (lambda () (client "refused port-eport" file-port-client {refused})))
(spawn (lambda () (client "refused fd-eport" descriptor-client {refused})))
(run)
""", tmp_path)
    assert sorted(r.stdout.splitlines()) == [
        "fd-eport: HELLO FROM FD-EPORT #t",
        "port-eport: HELLO FROM PORT-EPORT #t",
        "refused fd-eport: system-error #t",
        "refused port-eport: system-error #t",
    ], r.stderr


def test_memcached_client_against_the_memcached_server() -> None:
    port = free_port()
    with server("examples/memcached-server.scm", port) as proc:
        env = dict(os.environ, PYTHONPATH=ROOT)
        r = subprocess.run([sys.executable, "-m", "schemeth", "examples/memcached-client.scm",
                            str(port), "5"], capture_output=True, text=True, timeout=120,
                           env=env, cwd=ROOT)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    lines = r.stdout.splitlines()
    assert lines == [f"thread {i}: stored 5, got 8 back, values equal: #t, deleted: #t, gone: #t, "
                     "counter ok: #t" for i in range(5)] + ["counter: 50"]

"""HTTP messages on the wire: the bytes (web http), (web request) and (web response) write, and
reading them back from real sockets, including data that arrives in pieces and non-blocking
descriptors (the path where a read suspends an ethread).  Expected bytes were checked on Guile 3.0.8.

Everything runs in-process on socketpairs, with bounded waits, and closes what it opens.
"""
from __future__ import annotations

import os
import socket
import threading
import time

import pytest

from schemeth.data.values import MString
from schemeth.interpreter import Interpreter
from schemeth.machine.machine import UncaughtError

PRELUDE = """
(use-modules (web http) (web uri) (web request) (web response)
             (ice-9 binary-ports) (ice-9 rdelim) (rnrs bytevectors))
(define (wire proc)
  (call-with-values (lambda () (open-bytevector-output-port))
    (lambda (port get) (proc port) (utf8->string (get)))))
(define (try thunk) (catch #t thunk (lambda (key . args) (cons key args))))
"""


@pytest.fixture(scope="module")
def scheme() -> Interpreter:
    interp = Interpreter()
    interp.eval(PRELUDE)
    return interp


def text(scheme: Interpreter, source: str) -> str:
    """Evaluate SOURCE, which returns a string, and give its Python text."""
    value = scheme.eval(source)
    assert type(value) is MString, value
    return value.s


def written(scheme: Interpreter, source: str) -> str:
    """The `write` text of what SOURCE returns."""
    return text(scheme, f"(object->string {source})")


@pytest.fixture
def pair():
    """A connected socketpair (Python end, descriptor for Scheme), closed afterwards."""
    a, b = socket.socketpair()
    yield a, b.detach()
    a.close()


def feed(sock: socket.socket, pieces: list[bytes], delay: float = 0.05) -> threading.Thread:
    """Send PIECES on SOCK from a thread, pausing between them; the thread is returned started."""
    def run() -> None:
        for piece in pieces:
            time.sleep(delay)
            sock.sendall(piece)
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


# -- writing -------------------------------------------------------------------------------------------

def test_hello_response_bytes(scheme):
    wire = text(scheme, """(wire (lambda (p) (write-response
       (build-response #:headers '((content-length . 13)
                                   (content-type . (text/plain (charset . "utf-8"))))) p)))""")
    assert wire == "HTTP/1.1 200 OK\r\nContent-Length: 13\r\nContent-Type: text/plain;charset=utf-8\r\n\r\n"


def test_bad_request_reply_bytes(scheme):
    wire = text(scheme, """(wire (lambda (p) (write-response
       (build-response #:version '(1 . 0) #:code 400 #:headers '((content-length . 0))) p)))""")
    assert wire == "HTTP/1.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n"


def test_headers_keep_order_and_spelling(scheme):
    wire = text(scheme, """(wire (lambda (p) (write-headers
       '((x-b . "2") (etag "v" . #f) (www-authenticate (basic (realm . "r")))
         (connection keep-alive) (x-a . "1")) p)))""")
    assert wire == ('X-B: 2\r\nETag: W/"v"\r\nWWW-Authenticate: basic realm=r\r\n'
                    "Connection: Keep-Alive\r\nX-A: 1\r\n")


def test_request_bytes_add_host(scheme):
    wire = text(scheme, """(wire (lambda (p) (write-request
       (build-request (string->uri "http://example.com:8080/a%20b?q=1#frag")
                      #:headers '((accept (text/html) (*/* (q . 500))))) p)))""")
    assert wire == ("GET /a%20b?q=1 HTTP/1.1\r\nHost: example.com:8080\r\n"
                    "Accept: text/html,*/*;q=0.500\r\n\r\n")


def test_scheme_writer_between_python_writers(scheme):
    scheme.eval("""(declare-header! "X-Twice" string->number integer?
                     (lambda (v port) (display (* 2 v) port)))""")
    wire = text(scheme, "(wire (lambda (p) (write-headers '((age . 1) (x-twice . 21) (age . 2)) p)))")
    assert wire == "Age: 1\r\nX-Twice: 42\r\nAge: 2\r\n"


# -- reading from sockets -------------------------------------------------------------------------------

REQUEST = (b"POST /submit?x=1 HTTP/1.1\r\nHost: h:8080\r\nContent-Type: text/plain\r\n"
           b"X-Long: a\r\n b\r\nContent-Length: 5\r\n\r\nhello")


def read_request_from(scheme: Interpreter, fd: int) -> str:
    """Read a request and its body from descriptor FD; the written (method uri headers body)."""
    return written(scheme, f"""
      (let* ((port (fdopen {fd} "r+"))
             (r (read-request port))
             (body (read-request-body r)))
        (close-port port)
        (list (request-method r) (uri->string (request-uri r)) (request-headers r)
              (utf8->string body)))""")


EXPECTED = ('(POST "/submit?x=1" ((host "h" . 8080) (content-type text/plain) (x-long . "a b") '
            '(content-length . 5)) "hello")')


def test_read_request_in_pieces(scheme, pair):
    sock, fd = pair
    cuts = [0, 3, 20, 40, 41, 60, len(REQUEST) - 2, len(REQUEST)]
    thread = feed(sock, [REQUEST[a:b] for a, b in zip(cuts, cuts[1:])])
    assert read_request_from(scheme, fd) == EXPECTED
    thread.join(5)


def test_read_request_nonblocking(scheme, pair):
    sock, fd = pair
    os.set_blocking(fd, False)
    thread = feed(sock, [REQUEST[:10], REQUEST[10:70], REQUEST[70:]])
    assert read_request_from(scheme, fd) == EXPECTED
    thread.join(5)


def test_pipelined_requests(scheme, pair):
    sock, fd = pair
    sock.sendall(b"GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.0\r\n\r\n")
    sock.shutdown(socket.SHUT_WR)
    out = written(scheme, f"""
      (let* ((port (fdopen {fd} "r+"))
             (a (read-request port))
             (b (read-request port)))
        (close-port port)
        (map (lambda (r) (list (uri-path (request-uri r)) (request-version r) (request-headers r)))
             (list a b)))""")
    assert out == '(("/1" (1 . 1) ((host "a" . #f))) ("/2" (1 . 0) ()))'


def test_chunked_body_nonblocking(scheme, pair):
    sock, fd = pair
    os.set_blocking(fd, False)
    thread = feed(sock, [b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r",
                         b"\nwiki\r\n5;x=1\r\npe", b"dia\r\n0\r\n", b"\r\n"])
    out = written(scheme, f"""
      (let* ((port (fdopen {fd} "r+"))
             (r (read-response port))
             (body (read-response-body r)))
        (close-port port)
        (utf8->string body))""")
    assert out == '"wikipedia"'
    thread.join(5)


def test_truncated_message_is_bad_header(scheme, pair):
    sock, fd = pair
    sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
    sock.shutdown(socket.SHUT_WR)
    out = written(scheme, f"""
      (let* ((port (fdopen {fd} "r+"))
             (result (try (lambda () (read-request port)))))
        (close-port port)
        result)""")
    assert out == "(bad-header read-header-line #<eof>)"


# -- the 2012 ethreads server's line reader ------------------------------------------------------------

def test_custom_line_reader_and_continuation(scheme):
    out = written(scheme, r"""
      (let* ((port (open-input-string "GET /x HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n\t2\r\n\r\n"))
             (calls 0)
             (read-http-line
              (lambda (port)
                (set! calls (+ calls 1))
                (let ((line (read-line port)))
                  (if (eof-object? line)
                      (throw 'bad-request "EOF while reading line: ~S" (list line))
                      (string-trim-right line #\return)))))
             (continuation? (lambda (port) (memv (peek-char port) '(#\space #\tab)))))
        (call-with-values (lambda () (read-request-line port read-http-line))
          (lambda (method uri version)
            (list method (uri-path uri) version
                  (read-headers port read-http-line continuation?)
                  calls))))""")
    assert out == r'(GET "/x" (1 . 1) ((host "h" . #f) (x-a . "1\t2")) 5)'


def test_custom_line_reader_errors_pass_through(scheme):
    out = written(scheme, r"""
      (try (lambda ()
             (read-headers (open-input-string "A: b\r\n")
                           (lambda (port)
                             (let ((line (read-line port)))
                               (if (eof-object? line)
                                   (throw 'bad-request "EOF while reading line: ~S" (list line))
                                   line)))
                           (lambda (port) #f))))""")
    assert out == '(bad-request "EOF while reading line: ~S" (#<eof>))'


def test_bad_request_line_raises_bad_request(scheme):
    with pytest.raises(UncaughtError) as info:
        scheme.eval('(read-request (open-input-string "BREW /pot HTTP/1.1\\r\\n\\r\\n"))')
    assert written(scheme, "(try (lambda () (read-request (open-input-string \"x\\r\\n\\r\\n\"))))") \
        == '(bad-request "Bad Request-Line: ~s" ("x"))'
    assert info.value.payload.key.name == "bad-request"

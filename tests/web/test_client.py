"""(web client) against a small Python http.server on loopback: verbs, bodies, chunked and
streamed responses, keep-alive.  The server runs in a thread of the test process and is shut down
after the module; every request is bounded by a socket timeout on the server side.
"""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest

from schemeth.data.values import MString
from schemeth.interpreter import Interpreter


class Handler(BaseHTTPRequestHandler):
    """Answers /text, /bytes, /chunked and /echo (which reports what it received as JSON)."""

    protocol_version = "HTTP/1.1"
    timeout = 10

    def log_message(self, format: str, *args: object) -> None:
        pass

    def reply(self, code: int, body: bytes, ctype: str, extra: dict | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/text":
            self.reply(200, "héllo\n".encode("utf-8"), "text/plain; charset=utf-8")
        elif self.path == "/latin":
            self.reply(200, "café".encode("latin-1"), "text/html")
        elif self.path == "/bytes":
            self.reply(200, bytes(range(5)), "application/octet-stream")
        elif self.path == "/chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for piece in (b"first ", b"second ", b"third"):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        elif self.path == "/redirect":
            self.reply(302, b"", "text/plain", {"Location": "http://example.com/x"})
        else:
            self.echo()

    do_HEAD = do_GET

    def echo(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length).decode("latin-1") if length else ""
        report = {"method": self.command, "path": self.path, "body": body,
                  "headers": {k.lower(): v for k, v in self.headers.items()}}
        self.reply(200, json.dumps(report, sort_keys=True).encode(), "application/json")

    do_POST = do_PUT = do_DELETE = do_OPTIONS = echo


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def scheme() -> Interpreter:
    interp = Interpreter()
    interp.eval("""(use-modules (web client) (web response) (web uri) (ice-9 binary-ports)
                                (ice-9 rdelim) (rnrs bytevectors))""")
    return interp


def result(scheme: Interpreter, source: str) -> str:
    """The `write` text of the list of values SOURCE returns."""
    value = scheme.eval(f"(object->string (call-with-values (lambda () {source}) list))")
    assert type(value) is MString
    return value.s


def echo(scheme: Interpreter, source: str) -> dict:
    """What the /echo handler received for the request SOURCE makes."""
    value = scheme.eval(f"(call-with-values (lambda () {source}) (lambda (r body) body))")
    return json.loads(bytes(value).decode() if isinstance(value, bytearray) else value.s)


def test_get_text_decodes_charset(scheme, base):
    out = result(scheme, f'(let-values (((r body) (http-get "{base}/text"))) '
                         f'(values (response-code r) (response-content-type r) body))')
    assert out == '(200 (text/plain (charset . "utf-8")) "héllo\n")'.replace("\n", "\\n")


def test_text_without_charset_is_latin1(scheme, base):
    out = result(scheme, f'(let-values (((r body) (http-get "{base}/latin"))) body)')
    assert out == '("café")'


def test_binary_body_and_no_decoding(scheme, base):
    assert result(scheme, f'(let-values (((r body) (http-get "{base}/bytes"))) body)') \
        == "(#vu8(0 1 2 3 4))"
    assert result(scheme, f'(let-values (((r body) (http-get "{base}/text" #:decode-body? #f))) body)') \
        == "(#vu8(104 195 169 108 108 111 10))"


def test_head_has_no_body(scheme, base):
    out = result(scheme, f'(let-values (((r body) (http-head "{base}/text"))) '
                         f'(values (response-code r) (response-content-length r) body))')
    assert out == "(200 7 #f)"


def test_chunked_response(scheme, base):
    out = result(scheme, f'(let-values (((r body) (http-get "{base}/chunked"))) body)')
    assert out == '("first second third")'


def test_streaming_chunked_response(scheme, base):
    out = result(scheme, f"""(let-values (((r port) (http-get "{base}/chunked" #:streaming? #t)))
                               (let* ((a (get-bytevector-n port 8)) (rest (get-bytevector-all port)))
                                 (close-port port)
                                 (values (utf8->string a) (utf8->string rest))))""")
    assert out == '("first se" "cond third")'


def test_redirect_location(scheme, base):
    out = result(scheme, f'(let-values (((r body) (http-get "{base}/redirect"))) '
                         f'(values (response-code r) (uri->string (response-location r))))')
    assert out == '(302 "http://example.com/x")'


def test_request_headers(scheme, base):
    got = echo(scheme, f'(http-get "{base}/echo?q=1" #:headers \'((x-token . "abc") (accept (text/html))))')
    assert got["method"] == "GET" and got["path"] == "/echo?q=1"
    assert got["headers"]["host"] == base.removeprefix("http://")
    assert got["headers"]["connection"] == "close"
    assert got["headers"]["x-token"] == "abc"
    assert got["headers"]["accept"] == "text/html"


def test_post_string_body(scheme, base):
    got = echo(scheme, f'(http-post "{base}/echo" #:body "déjà vu")')
    assert got["method"] == "POST"
    assert got["body"] == "déjà vu".encode("utf-8").decode("latin-1")
    assert got["headers"]["content-type"] == "text/plain;charset=utf-8"
    assert got["headers"]["content-length"] == str(len("déjà vu".encode("utf-8")))


def test_put_bytevector_and_procedure_bodies(scheme, base):
    got = echo(scheme, f'(http-put "{base}/echo" #:body (string->utf8 "raw"))')
    assert (got["method"], got["body"], got["headers"]["content-length"]) == ("PUT", "raw", "3")
    assert "content-type" not in got["headers"]
    got = echo(scheme, f"""(http-post "{base}/echo" #:body (lambda (port) (display "made" port))
                                      #:headers '((content-type text/csv (charset . "iso-8859-1"))))""")
    assert got["body"] == "made"
    assert got["headers"]["content-type"] == "text/csv;charset=iso-8859-1"


def test_keep_alive_reuses_the_port(scheme, base):
    host = base.removeprefix("http://")
    out = result(scheme, f"""
      (let* ((port (open-socket-for-uri "{base}/"))
             (codes (map (lambda (path)
                           (let-values (((r body) (http-get (string-append "{base}" path)
                                                            #:port port #:keep-alive? #t)))
                             (response-code r)))
                         '("/text" "/bytes" "/chunked" "/text"))))
        (close-port port)
        codes)""")
    assert out == "((200 200 200 200))", host


def test_content_length_mismatch(scheme, base):
    out = result(scheme, f"""(catch #t (lambda () (http-post "{base}/echo" #:body "abc"
                                                  #:headers '((content-length . 5))))
                              (lambda (key . args) key))""")
    assert out == "(misc-error)"


def test_https_needs_gnutls(scheme):
    out = result(scheme, '(catch #t (lambda () (http-get "https://127.0.0.1:1/")) '
                         '(lambda (key . args) (cons key args)))')
    assert out == '((gnutls-not-available "(gnutls) module not available"))'

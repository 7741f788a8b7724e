"""HTTP behaviour of the ethreads web server: keep-alive, pipelining, HEAD, 404s, request bodies.

Expected bytes were checked against Guile 3.0.8 serving the same handler with its 'http backend.
"""
from __future__ import annotations

import http.client
import socket

from webserver_support import HELLO, app, exchange, read_all

__all__ = ["app"]

MISSING = (b"HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n"
           b"Content-Type: text/plain;charset=utf-8\r\n\r\nnope")


def test_hello_bytes_match_guile(app) -> None:
    assert exchange(app.port, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n") == (HELLO, False)


def test_keep_alive_serves_many_requests_on_one_connection(app) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", app.port, timeout=10)
    for _ in range(20):
        conn.request("GET", "/")
        resp = conn.getresponse()
        assert (resp.status, resp.read()) == (200, b"Hello, World!")
    conn.close()


def test_pipelined_requests_get_responses_in_order(app) -> None:
    two = b"GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /missing HTTP/1.1\r\nHost: x\r\n\r\n"
    assert exchange(app.port, two) == (HELLO + MISSING, False)


def test_many_pipelined_requests_in_one_write(app) -> None:
    echo = b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n"
    batch = b"".join(echo + f"{i:02}".encode() for i in range(30))
    got, closed = exchange(app.port, batch, settle=1)
    assert not closed
    bodies = [part.split(b"\r\n\r\n", 1)[1] for part in got.split(b"HTTP/1.1 ")[1:]]
    assert bodies == [f"#t {i:02}".encode() for i in range(30)]


def test_head_gets_headers_and_no_body(app) -> None:
    got, closed = exchange(app.port, b"HEAD / HTTP/1.1\r\nHost: x\r\n\r\n")
    assert got == HELLO[:-len(b"Hello, World!")] and not closed
    conn = http.client.HTTPConnection("127.0.0.1", app.port, timeout=10)
    conn.request("HEAD", "/")
    resp = conn.getresponse()
    assert resp.status == 200 and resp.getheader("Content-Length") == "13" and resp.read() == b""
    conn.request("GET", "/")
    assert conn.getresponse().read() == b"Hello, World!"
    conn.close()


def test_404_keeps_the_connection_alive(app) -> None:
    with socket.create_connection(("127.0.0.1", app.port), timeout=5) as s:
        s.sendall(b"GET /missing HTTP/1.1\r\nHost: x\r\n\r\n")
        assert read_all(s) == (MISSING, False)
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert read_all(s) == (HELLO, False)


def test_connection_close_and_http_1_0_close_after_the_response(app) -> None:
    got, closed = exchange(app.port, b"GET /close HTTP/1.1\r\nHost: x\r\n\r\n")
    assert closed and got.startswith(b"HTTP/1.1 200 OK\r\n") and got.endswith(b"bye")
    got, closed = exchange(app.port, b"GET / HTTP/1.0\r\n\r\n")
    assert closed and got == HELLO.replace(b"HTTP/1.1", b"HTTP/1.0")
    got, closed = exchange(app.port, b"GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
    assert closed, "Guile decides keep-alive from the response, which has no keep-alive"


def test_post_body_reaches_the_handler_as_a_bytevector(app) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", app.port, timeout=10)
    conn.request("POST", "/echo", body="name=caf\u00e9&n=1".encode(),
                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert conn.getresponse().read() == "#t name=caf\u00e9&n=1".encode()
    conn.request("GET", "/echo")
    assert conn.getresponse().read() == b"#f #f"
    conn.close()


def test_body_arriving_in_pieces(app) -> None:
    with socket.create_connection(("127.0.0.1", app.port), timeout=5) as s:
        s.sendall(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-")
        s.sendall(b"Length: 5\r\n\r\nab")
        s.sendall(b"cde")
        got, closed = read_all(s)
    assert got.endswith(b"\r\n\r\n#t abcde") and not closed

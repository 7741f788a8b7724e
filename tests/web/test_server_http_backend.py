"""The blocking 'http backend gives the bytes Guile 3.0.8's 'http backend gives."""
from __future__ import annotations

from webserver_support import (BAD_REQUEST, HELLO, SERVER_ERROR, app_script, exchange,
                               start_server)

__all__ = ["app_script", "start_server"]


def test_http_backend_wire_bytes(start_server, app_script) -> None:
    with start_server(app_script, "http") as srv:
        assert exchange(srv.port, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n") == (HELLO, False)
        assert exchange(srv.port, b"GARBAGE\r\n\r\n") == (BAD_REQUEST, True)
        assert exchange(srv.port, b"GET /boom HTTP/1.1\r\nHost: x\r\n\r\n") == (SERVER_ERROR, True)
        two = b"GET / HTTP/1.1\r\nHost: x\r\n\r\nHEAD / HTTP/1.1\r\nHost: x\r\n\r\n"
        assert exchange(srv.port, two) == (HELLO + HELLO[:-len(b"Hello, World!")], False)
        long_uri = b"GET /" + b"a" * 600 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
        got, closed = exchange(srv.port, long_uri)
        assert got.startswith(b"HTTP/1.1 404 Not Found") and not closed, "no line limit here"
        assert "boom!" in srv.errors()

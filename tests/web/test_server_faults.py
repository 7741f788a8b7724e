"""Faults on one connection of the ethreads web server never stop it serving everyone else.

One server (tests/web/webserver_support.py APP) serves the whole module; after each fault a fresh
client must still get its page.  Expected bytes were checked against Guile 3.0.8's 'http backend.
"""
from __future__ import annotations

import socket
import struct
import threading
import time

from webserver_support import (BAD_REQUEST, HELLO, SERVER_ERROR, app, app_script, exchange,
                               hello_ok, raise_fd_limit, read_all, start_server)

__all__ = ["app", "app_script", "start_server"]
raise_fd_limit(4096)


def test_malformed_request_line_gets_400_and_close(app) -> None:
    assert exchange(app.port, b"GARBAGE\r\n\r\n") == (BAD_REQUEST, True)
    hello_ok(app.port)


def test_malformed_header_gets_400_and_close(app) -> None:
    assert exchange(app.port, b"GET / HTTP/1.1\r\nHost x\r\n\r\n") == (BAD_REQUEST, True)
    assert exchange(app.port, b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n") == \
        (BAD_REQUEST, True)
    hello_ok(app.port)


def test_line_over_512_bytes_gets_400(app) -> None:
    long_uri = b"GET /" + b"a" * 600 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    assert exchange(app.port, long_uri) == (BAD_REQUEST, True)
    long_header = b"GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + b"b" * 600 + b"\r\n\r\n"
    assert exchange(app.port, long_header) == (BAD_REQUEST, True)
    hello_ok(app.port)


def test_read_errors_are_reported_on_stderr(app) -> None:
    exchange(app.port, b"NOT HTTP AT ALL\r\n\r\n")
    assert "While reading request:" in app.errors()


def test_short_body_then_eof_closes_only_that_connection(app) -> None:
    with socket.create_connection(("127.0.0.1", app.port), timeout=5) as s:
        s.sendall(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten..")
        s.shutdown(socket.SHUT_WR)
        got, closed = read_all(s)
    assert closed and got in (b"", BAD_REQUEST)
    hello_ok(app.port)


def test_client_reset_mid_response_ends_only_that_connection(app) -> None:
    other = socket.create_connection(("127.0.0.1", app.port), timeout=5)
    for _ in range(3):
        s = socket.create_connection(("127.0.0.1", app.port), timeout=5)
        s.sendall(b"GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
        assert s.recv(1000).startswith(b"HTTP/1.1 200 OK")
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
    other.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    assert read_all(other) == (HELLO, False)
    other.close()
    hello_ok(app.port)


def test_handler_error_gives_500_reports_and_continues(app) -> None:
    assert exchange(app.port, b"GET /boom HTTP/1.1\r\nHost: x\r\n\r\n") == (SERVER_ERROR, True)
    deadline = time.monotonic() + 5
    while "boom!" not in app.errors() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "boom!" in app.errors()
    hello_ok(app.port)


def timed_get(port: int) -> float:
    """Seconds for one keep-alive-free GET of / on a new connection."""
    start = time.monotonic()
    got, closed = exchange(port, b"GET / HTTP/1.0\r\n\r\n", settle=5)
    assert closed and got.endswith(b"Hello, World!")
    return time.monotonic() - start


def test_slow_client_never_delays_others(app) -> None:
    request = b"GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: a very slow client\r\n\r\n"
    done = threading.Event()
    slow_reply: list[bytes] = []

    def trickle() -> None:
        with socket.create_connection(("127.0.0.1", app.port), timeout=10) as s:
            for i in range(len(request)):
                s.sendall(request[i:i + 1])
                time.sleep(0.05)
            slow_reply.append(read_all(s)[0])
        done.set()

    baseline = min(timed_get(app.port) for _ in range(3))
    slow = threading.Thread(target=trickle)
    slow.start()
    latencies = []
    while not done.is_set():
        latencies.append(timed_get(app.port))
        time.sleep(0.02)
    slow.join(timeout=30)
    assert slow_reply == [HELLO]
    assert len(latencies) > 20
    # The trickle lasts about 3 s; another client's request must never wait for it.
    assert max(latencies) < baseline + 1.0, (baseline, max(latencies))


def test_a_thousand_concurrent_connections_are_all_served(app) -> None:
    n = 1000
    conns = []
    for _ in range(n):
        conns.append(socket.create_connection(("127.0.0.1", app.port), timeout=60))
    try:
        for s in conns:
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        served = 0
        for s in conns:
            got = b""
            while len(got) < len(HELLO):
                chunk = s.recv(4096)
                if not chunk:
                    break
                got += chunk
            served += got == HELLO
        assert served == n
    finally:
        for s in conns:
            s.close()
    hello_ok(app.port)


def test_a_client_not_reading_its_big_response_never_delays_others(app) -> None:
    stalled = socket.create_connection(("127.0.0.1", app.port), timeout=10)
    stalled.sendall(b"GET /big HTTP/1.1\r\nHost: x\r\n\r\n" * 3)
    try:
        time.sleep(0.3)
        assert max(timed_get(app.port) for _ in range(10)) < 2.0
        got = b""
        while len(got) < 3 * 4 * 1024 * 1024:
            chunk = stalled.recv(1 << 20)
            assert chunk, "the stalled client gets all three responses in the end"
            got += chunk
        assert got.count(b"HTTP/1.1 200 OK\r\n") == 3
    finally:
        stalled.close()
    hello_ok(app.port)


def test_running_out_of_descriptors_is_survived(start_server, app_script) -> None:
    with start_server(app_script, wrap=("prlimit", "--nofile=64")) as srv:
        conns = [socket.create_connection(("127.0.0.1", srv.port), timeout=10) for _ in range(100)]
        time.sleep(1)
        for s in conns:
            s.close()
        deadline = time.monotonic() + 10
        while "Error while accepting client" not in srv.errors() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "Too many open files" in srv.errors()
        time.sleep(1)
        hello_ok(srv.port)

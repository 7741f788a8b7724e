"""Servers built on ethreads, driven by real clients over loopback."""
from __future__ import annotations

import socket
import threading

from conftest import free_port, run_scheme, server

from pymemcache.client.base import Client


def echo_client(port: int, i: int, results: list) -> None:
    """Send three lines and check each comes back."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        f = s.makefile("rwb")
        for j in range(3):
            msg = f"client {i} line {j}\n".encode()
            f.write(msg)
            f.flush()
            assert f.readline() == msg
    results.append(i)


def test_echo_server_200_concurrent_clients() -> None:
    port = free_port()
    with server("examples/echo-server.scm", port):
        results: list = []
        threads = [threading.Thread(target=echo_client, args=(port, i, results)) for i in range(200)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert sorted(results) == list(range(200))


def test_memcached_server_with_pymemcache() -> None:
    port = free_port()
    with server("examples/memcached-server.scm", port):
        client = Client(("127.0.0.1", port), timeout=10)
        values = {f"key{i}": bytes([i % 256]) * (i * 7 % 300 + 1) for i in range(300)}
        values["binary"] = bytes(range(256)) * 4
        for k, v in values.items():
            assert client.set(k, v, noreply=False)
        assert client.set("quiet", b"x", noreply=True)
        got = client.get_many(list(values) + ["missing"])
        assert got == values
        assert client.get("quiet") == b"x"
        assert client.delete("key1", noreply=False) and client.get("key1") is None
        assert client.add("key2", b"no", noreply=False) is False
        client.set("n", b"41")
        assert client.incr("n", 1) == 42
        client.close()


def test_read_line_on_a_socket_suspends_only_its_thread(tmp_path) -> None:
    r = run_scheme("""
(use-modules (ice-9 ethreads) (ice-9 rdelim))
(define pair (socketpair AF_UNIX SOCK_STREAM 0))
(define a (car pair))
(define b (cdr pair))
(fcntl a F_SETFL (logior O_NONBLOCK (fcntl a F_GETFL)))
(spawn (lambda () (display (list 'got (read-line a))) (close-port a)))
(spawn (lambda ()
         (let lp ((i 0))
           (when (< i 3) (display i) (sleep 0.01) (lp (+ i 1))))
         (display "hello\\n" b)
         (force-output b)))
(run)
""", tmp_path)
    assert r.stdout == "012(got hello)", r.stderr


def test_closing_a_descriptor_wakes_its_waiters_with_an_error(tmp_path) -> None:
    r = run_scheme("""
(use-modules (ice-9 ethreads) (ice-9 rdelim))
(define pair (socketpair AF_UNIX SOCK_STREAM 0))
(define a (car pair))
(fcntl a F_SETFL (logior O_NONBLOCK (fcntl a F_GETFL)))
(spawn (lambda ()
         (catch 'system-error
           (lambda () (read-line a))
           (lambda (key . args) (display "woken with system-error")))))
(spawn (lambda () (sleep 0.01) (close-port a)))
(run)
""", tmp_path, timeout=20)
    assert r.stdout == "woken with system-error", r.stderr

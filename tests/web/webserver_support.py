"""Helpers for the web server tests: start schemeth servers on free loopback ports, talk to them.

Not a conftest.py: tests/ethreads imports its own `conftest` by name, which a second conftest.py
would shadow.  Test modules import this one (and its `start_server` fixture) explicitly.

Servers write stdout and stderr to files (a chatty server can never block on a full pipe) and are
always killed at the end of their test.
"""
from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, ContextManager, Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Server:
    """A running server process, the port it listens on and the files holding its output."""

    proc: subprocess.Popen
    port: int
    stdout: Path
    stderr: Path

    def errors(self) -> str:
        """What the server has written to stderr so far."""
        return self.stderr.read_text(errors="replace")


def raise_fd_limit(n: int) -> None:
    """Let this process, and the servers it starts from now on, open N descriptors."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < n:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(n, hard), hard))


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(proc: subprocess.Popen, port: int, errfile: Path, timeout: float = 30) -> None:
    """Return once PORT accepts connections; fail the test if PROC dies or TIMEOUT passes."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"server did not start: {errfile.read_text()[-2000:]}")
            time.sleep(0.1)


def stop(proc: subprocess.Popen) -> None:
    """Kill PROC (and, being a process group leader, any workers it forked) and reap it."""
    try:
        os.killpg(proc.pid, 9)
    except ProcessLookupError:
        pass
    proc.wait(timeout=10)


@contextmanager
def run_server(script: str | Path, tmp_path: Path, *args: str, port: int | None = None,
               wrap: tuple[str, ...] = ()) -> Iterator[Server]:
    """Start `schemeth SCRIPT PORT ARGS...` (after the command WRAP, if any) in its own process
    group; always stop it."""
    port = port or free_port()
    out, err = tmp_path / f"out-{port}.txt", tmp_path / f"err-{port}.txt"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with open(out, "wb") as o, open(err, "wb") as e:
        proc = subprocess.Popen([*wrap, sys.executable, "-m", "schemeth", str(script), str(port),
                                 *args],
                                stdout=o, stderr=e, env=env, cwd=ROOT, start_new_session=True)
    try:
        wait_listening(proc, port, err)
        yield Server(proc, port, out, err)
    finally:
        stop(proc)


@pytest.fixture
def start_server(tmp_path: Path) -> Callable[..., ContextManager[Server]]:
    """`with start_server(script, *args) as srv:` runs a server for the duration of the block."""
    def start(script: str | Path, *args: str, port: int | None = None,
              wrap: tuple[str, ...] = ()) -> ContextManager[Server]:
        return run_server(script, tmp_path, *args, port=port, wrap=wrap)
    return start


def exchange(port: int, data: bytes, settle: float = 0.3, timeout: float = 5) -> tuple[bytes, bool]:
    """Send DATA on a new connection; -> (bytes received, whether the server closed it).

    Reads until the server closes or nothing more arrives for SETTLE seconds.
    """
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        return read_all(s, settle, timeout)


def read_all(s: socket.socket, settle: float = 0.3, timeout: float = 5) -> tuple[bytes, bool]:
    """Everything S receives until EOF (-> closed True) or a quiet SETTLE seconds (-> False)."""
    got = b""
    deadline = time.monotonic() + timeout
    s.settimeout(settle)
    while time.monotonic() < deadline:
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            if got:
                return got, False
            continue
        except ConnectionResetError:
            return got, True
        if not chunk:
            return got, True
        got += chunk
    return got, False


def get(port: int, path: str = "/", timeout: float = 10) -> bytes:
    """One HTTP/1.0 GET of PATH on a new connection; the whole response."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(f"GET {path} HTTP/1.0\r\n\r\n".encode())
        got, closed = read_all(s, settle=timeout, timeout=timeout)
        assert closed, got
        return got


# A handler with one route per behaviour the tests need; `schemeth APP PORT [IMPL [OPEN-PARAMS]]`.
APP = r""";;; test application for tests/web/test_server_*.py
(use-modules (web server) (web request) (web response) (web uri) (rnrs bytevectors))

(define big (make-bytevector (* 4 1024 1024) 120))

(define (handler request body)
  (let ((path (uri-path (request-uri request))))
    (cond
     ((string=? path "/") (values '((content-type . (text/plain))) "Hello, World!"))
     ((string=? path "/boom") (error "boom!" 42))
     ((string=? path "/echo")
      (values '((content-type . (text/plain)))
              (string-append (object->string (bytevector? body)) " "
                             (if body (utf8->string body) "#f"))))
     ((string=? path "/missing") (values (build-response #:code 404) "nope"))
     ((string=? path "/close")
      (values '((content-type . (text/plain)) (connection close)) "bye"))
     ((string=? path "/big") (values '((content-type . (application/octet-stream))) big))
     ((string=? path "/pid") (values '((content-type . (text/plain))) (number->string (getpid))))
     (else (values (build-response #:code 404) "no such page")))))

(define args (command-line))
(run-server handler
            (if (> (length args) 2) (string->symbol (list-ref args 2)) 'ethreads)
            `(#:port ,(string->number (cadr args))
              ,@(if (> (length args) 3) (with-input-from-string (list-ref args 3) read) '())))
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The test application on the ethreads backend, shared by the tests of a module."""
    tmp = tmp_path_factory.mktemp("app")
    script = tmp / "app.scm"
    script.write_text(APP)
    with run_server(script, tmp) as srv:
        yield srv


@pytest.fixture
def app_script(tmp_path: Path) -> Path:
    """The test application written to a file, to start with other arguments."""
    script = tmp_path / "app.scm"
    script.write_text(APP)
    return script


HELLO = (b"HTTP/1.1 200 OK\r\nContent-Length: 13\r\nContent-Type: text/plain;charset=utf-8\r\n\r\n"
         b"Hello, World!")
BAD_REQUEST = b"HTTP/1.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
SERVER_ERROR = b"HTTP/1.1 500 Internal Server Error\r\n\r\n"


def hello_ok(port: int) -> None:
    """Assert that a fresh client still gets the hello page."""
    got, closed = exchange(port, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    assert got == HELLO and not closed

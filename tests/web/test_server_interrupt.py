"""Ctrl-C (SIGINT) makes `run-server` close its socket and return, as in Guile 3.0.8, on every
backend: the script goes on after the call and exits normally."""
from __future__ import annotations

import signal
import socket
from pathlib import Path

import pytest

from webserver_support import APP, hello_ok, start_server

__all__ = ["start_server"]

AFTER = '\n(display "run-server returned\\n")\n'


@pytest.mark.parametrize("impl, params", [("http", "()"), ("ethreads", "()"),
                                          ("ethreads", "(#:workers 2)")])
def test_sigint_returns_from_run_server(start_server, tmp_path: Path, impl: str, params: str) -> None:
    script = tmp_path / "app.scm"
    script.write_text(APP + AFTER)
    with start_server(script, impl, params) as srv:
        hello_ok(srv.port)
        idle = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
        try:
            srv.proc.send_signal(signal.SIGINT)
            assert srv.proc.wait(timeout=15) == 0, srv.errors()
        finally:
            idle.close()
        assert srv.stdout.read_text() == "run-server returned\n"
        assert srv.errors() == ""
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", srv.port), timeout=1).close()

"""Helpers for ethread tests: run schemeth programs, start servers on free loopback ports."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from typing import Iterator

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_scheme(source: str, tmp_path, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run SOURCE as a schemeth script and capture its output."""
    script = tmp_path / "prog.scm"
    script.write_text(source)
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, "-m", "schemeth", str(script)], capture_output=True,
                          text=True, timeout=timeout, env=env)


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(script: str, port: int, *extra: str) -> Iterator[subprocess.Popen]:
    """Start `schemeth SCRIPT PORT` and wait until it accepts connections; always stop it."""
    env = dict(os.environ, PYTHONPATH=ROOT)
    proc = subprocess.Popen([sys.executable, "-m", "schemeth", script, str(port), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out, err = proc.communicate(timeout=5)
                    pytest.fail(f"server did not start: {err.decode()[-2000:]}")
                time.sleep(0.1)
        yield proc
    finally:
        proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()

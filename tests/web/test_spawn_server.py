"""(web server spawn): a background web server sharing the econtext with other ethreads."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_spawned_server_answers_while_other_threads_run(tmp_path) -> None:
    port = free_port()
    script = tmp_path / "bg.scm"
    script.write_text(f"""
(use-modules (ice-9 ethreads) (web server spawn))
(define hits 0)
(define (handler request body)
  (set! hits (+ hits 1))
  (values '((content-type . (text/plain))) (string-append "hit " (number->string hits))))
(spawn-server (lambda (r b) (handler r b)) #:port {port})
(spawn (lambda () (let lp () (display "tick") (newline) (force-output) (sleep 0.1) (lp))))
(run)
""")
    proc = subprocess.Popen([sys.executable, "-m", "schemeth", str(script)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=ROOT))
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as reply:
                    first = reply.read()
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as reply:
            second = reply.read()
        assert first.startswith(b"hit ") and second == b"hit " + str(int(first[4:]) + 1).encode()
        assert proc.stdout.readline().strip() == "tick"
    finally:
        proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()

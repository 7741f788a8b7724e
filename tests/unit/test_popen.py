"""(ice-9 popen) ports are non-blocking fd ports: they cooperate with ethreads, and a read that has to
wait part way through loses nothing when it is retried."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run(code: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "schemeth", "-c", code], env=env, capture_output=True,
                          text=True, timeout=60, check=False)


def test_reading_a_pipe_suspends_only_the_calling_ethread() -> None:
    # The reader waits on `cat`; only the writer, another ethread, can feed it.
    code = """(use-modules (ice-9 ethreads) (ice-9 popen) (ice-9 rdelim))
              (define p (open-pipe "cat" OPEN_BOTH))
              (spawn (lambda () (display (read-line p)) (newline) (close-pipe p)))
              (spawn (lambda () (display "ping\\n" p) (force-output p)))
              (run)"""
    result = run(code)
    assert (result.stdout, result.stderr) == ("ping\n", "")


def test_read_string_that_waits_part_way_loses_nothing() -> None:
    code = """(use-modules (ice-9 popen) (ice-9 rdelim))
              (define p (open-input-pipe "printf ab; sleep 0.2; printf cd"))
              (write (read-string p)) (close-pipe p)"""
    assert run(code).stdout == '"abcd"'


def test_get_string_n_that_waits_part_way_loses_nothing() -> None:
    code = """(use-modules (ice-9 popen) (ice-9 textual-ports))
              (define p (open-input-pipe "printf ab; sleep 0.2; printf cd"))
              (write (get-string-n p 3)) (write (get-string-all p)) (close-pipe p)"""
    assert run(code).stdout == '"abc""d"'

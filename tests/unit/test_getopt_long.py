"""(ice-9 getopt-long) on bad command lines: "PROGRAM: MESSAGE" on stderr and exit status 1.

The messages are the ones Guile 3.0.8 prints for the same arguments and grammar.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

GRAMMAR = """`((verbose (single-char #\\v) (value #f))
               (file (single-char #\\f) (value #t))
               (num (single-char #\\n) (value #t) (predicate ,string->number))
               (must (required? #t) (value #t)))"""


def run_getopt(*args: str) -> subprocess.CompletedProcess[str]:
    """Run getopt-long on ("/usr/bin/prog" ARGS...) in a fresh schemeth."""
    words = " ".join(f'"{a}"' for a in args)
    code = (f"(use-modules (ice-9 getopt-long)) (getopt-long (list \"/usr/bin/prog\" {words}) {GRAMMAR}) "
            "(display \"not reached\")")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "schemeth", "-c", code], env=env, capture_output=True,
                          text=True, timeout=60, check=False)


@pytest.mark.parametrize("args, message", [
    (("--bogus",), "no such option: --bogus"),
    (("-x",), "no such option: -x"),
    (("--must=1", "-verbose"), "no such option: -e"),
    (("--must=1", "---x"), "no such option: ---x"),
    (("--verbose=3",), "option does not support argument: --verbose"),
    (("--file",), "option must be specified with argument: --file"),
    (("-f", "-v"), "option must be specified with argument: --file"),
    (("-f", "--"), "option must be specified with argument: --file"),
    (("--file=-v",), "option must be specified with argument: --file"),
    (("-fF",), "option must be specified with argument: --file"),
    (("--must=1", "-n", "5x"), "option predicate failed: --num"),
    (("-v",), "option must be specified: --must"),
])
def test_bad_command_line(args, message) -> None:
    result = run_getopt(*args)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"/usr/bin/prog: {message}\n")

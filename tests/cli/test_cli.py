"""The command line and the embedding API, as a user meets them."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(args: list[str], cwd: str | None = None, **kw) -> subprocess.CompletedProcess:
    """Run schemeth with ARGS and capture its output."""
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, "-m", "schemeth", *args], capture_output=True, text=True,
                          timeout=60, cwd=cwd, env=env, **kw)


def test_expression_and_exit_status() -> None:
    r = run(["-c", "(display (+ 1 2)) (newline)"])
    assert r.stdout == "3\n" and r.returncode == 0
    assert run(["-c", "(exit 7)"]).returncode == 7
    assert run(["-c", "(exit #f)"]).returncode == 1


def test_script_arguments(tmp_path) -> None:
    script = tmp_path / "args.scm"
    script.write_text("(write (command-line))")
    r = run([str(script), "a", "b c"])
    assert r.stdout == f'("{script}" "a" "b c")'


def test_uncaught_error_has_location_and_backtrace(tmp_path) -> None:
    script = tmp_path / "boom.scm"
    script.write_text("(define (f x)\n  (+ 1 (g x)))\n(define (g x)\n  (car x))\n(f 5)\n")
    r = run([str(script)], cwd=str(tmp_path))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert "boom.scm:4:2: In procedure car: Wrong type argument in position 1 (expecting pair): 5" in r.stderr
    assert "Backtrace:" in r.stderr and "boom.scm:2:2  (+ 1 (g x))" in r.stderr


@pytest.mark.parametrize("source, message", [
    ("(foo 1)", "1:0: Unbound variable: foo"),
    ("(if)", "1:0: Syntax error: if: bad syntax in form (if)"),
    ("(display 1", "unexpected end of input"),
    ('(error "Something bad:" 42)', "1:0: Something bad: 42"),
    ("(throw 'my-key 1 2)", "Throw to key `my-key' with args `(1 2)'."),
])
def test_error_messages(tmp_path, source: str, message: str) -> None:
    script = tmp_path / "bad.scm"
    script.write_text(source)
    r = run([str(script)], cwd=str(tmp_path))
    assert r.returncode == 1 and message in r.stderr and "Traceback" not in r.stderr


def test_load_path_option(tmp_path) -> None:
    (tmp_path / "mylib").mkdir()
    (tmp_path / "mylib" / "greet.scm").write_text(
        "(define-module (mylib greet) #:export (greet))\n(define (greet n) (string-append \"hi \" n))\n")
    r = run(["-L", str(tmp_path), "-c", '(use-modules (mylib greet)) (display (greet "x"))'])
    assert r.stdout == "hi x", r.stderr


def test_version_and_help() -> None:
    assert run(["--version"]).stdout.startswith("schemeth ")
    assert "Usage: schemeth" in run(["--help"]).stdout


def test_sigint_exits_130_without_traceback() -> None:
    env = dict(os.environ, PYTHONPATH=ROOT)
    proc = subprocess.Popen([sys.executable, "-m", "schemeth", "-c",
                             "(display \"go\") (force-output) (let lp () (lp))"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout.read(2) == "go"
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 130 and "Traceback" not in err


def test_python_api() -> None:
    sys.path.insert(0, ROOT)
    from schemeth import Interpreter
    interp = Interpreter()
    interp.eval("(define (square x) (* x x))")
    assert interp.call("square", 12) == 144
    interp.define("py-add", lambda a, b: a + b)
    assert interp.eval("(py-add 2 3)") == 5
    square = interp.procedure("square")
    assert square(5) == 25


def test_srfi_64_reports_failures_with_their_location_and_writes_a_log(tmp_path) -> None:
    """Guile 3.0.8 prints exactly these lines for this file (checked by hand: the path is absolute)."""
    script = tmp_path / "t.scm"
    script.write_text('(use-modules (srfi srfi-64))\n(test-begin "demo")\n(test-assert "ok" #t)\n'
                      '(test-equal "bad sum" 5 (+ 2 2))\n(test-expect-fail 1)\n(test-assert "xp" #t)\n'
                      '(test-end "demo")\n')
    r = run([str(script)], cwd=str(tmp_path))
    assert r.stdout == ('%%%% Starting test demo  (Writing full log to "demo.log")\n'
                        f"{script}:4: FAIL bad sum\n{script}:6: XPASS xp\n"
                        "# of expected passes      1\n# of unexpected successes 1\n"
                        "# of unexpected failures  1\n")
    log = (tmp_path / "demo.log").read_text()
    assert log.startswith("%%%% Starting test demo\nGroup begin: demo\nTest begin:\n")
    assert '  source-form: (test-equal "bad sum" 5 (+ 2 2))\nTest end:\n  result-kind: fail\n' in log


def test_exit_unwinds_and_ends_even_from_an_ethread(tmp_path) -> None:
    """(exit N) throws 'quit: pending dynamic-wind handlers run, the status is N, also from a thread."""
    script = tmp_path / "exit.scm"
    script.write_text('(dynamic-wind (lambda () #t) (lambda () (exit 5)) (lambda () (display "after\\n")))')
    r = run([str(script)])
    assert (r.returncode, r.stdout, r.stderr) == (5, "after\n", "")
    script.write_text("(use-modules (ice-9 ethreads))\n(spawn (lambda () (sleep 0.01) (exit 3)))\n"
                      "(spawn (lambda () (sleep 10)))\n(run)\n(display \"not reached\")\n")
    r = run([str(script)])
    assert (r.returncode, r.stdout, r.stderr) == (3, "", "")
    assert run(["-c", "(primitive-exit 4) (display 1)"]).returncode == 4

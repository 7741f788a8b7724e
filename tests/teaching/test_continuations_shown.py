"""Continuations print as the context they stand for; --trace-control logs control transfers."""
from __future__ import annotations

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(tmp_path, source: str, *opts: str) -> subprocess.CompletedProcess:
    script = tmp_path / "k.scm"
    script.write_text(source)
    return subprocess.run([sys.executable, "-m", "schemeth", *opts, str(script)], capture_output=True,
                          text=True, timeout=60, env=dict(os.environ, PYTHONPATH=ROOT))


def test_written_continuation_shows_its_context(tmp_path) -> None:
    r = run(tmp_path, """
(define tag (make-prompt-tag 'demo))
(define k (call-with-prompt tag (lambda () (* 2 (+ 1 (abort-to-prompt tag)))) (lambda (k) k)))
(write k) (newline)
(write (k 1))
""")
    assert r.stdout == "#<continuation (* 2 (+ 1 []))>\n4", r.stderr


def test_context_crosses_procedures_and_if(tmp_path) -> None:
    r = run(tmp_path, """
(define tag (make-prompt-tag))
(define (g x) (+ 10 (abort-to-prompt tag x)))
(define (f x) (if (> (g x) 3) 'big 'small))
(write (call-with-prompt tag (lambda () (list 'result (f 5))) (lambda (k v) k)))
""")
    assert r.stdout == "#<continuation (list (quote result) (if (> (+ 10 []) 3) (quote big) (quote small)))>"


def test_continuation_frames_as_data(tmp_path) -> None:
    r = run(tmp_path, """
(define tag (make-prompt-tag))
(define k (call-with-prompt tag
  (lambda ()
    (* 2 (+ 1 (abort-to-prompt tag))))
  (lambda (k) k)))
(for-each (lambda (f) (write (list (car f) (caddr f) (cadddr f))) (newline)) (continuation-frames k))
""")
    assert r.stdout == "((+ 1 <>) 5 9)\n((* 2 <>) 5 4)\n", r.stderr


def test_trace_control_logs_prompts_aborts_winds_and_resumes(tmp_path) -> None:
    r = run(tmp_path, """
(define tag (make-prompt-tag 'demo))
(define k (call-with-prompt tag
  (lambda () (dynamic-wind (lambda () #t) (lambda () (+ 1 (abort-to-prompt tag))) (lambda () #f)))
  (lambda (k) k)))
(display (k 1))
""", "--trace-control")
    assert r.stdout == "2"
    events = [line.split()[1] for line in r.stderr.splitlines()]
    assert events == ["call-with-prompt", "dynamic-wind", "abort-to-prompt", "dynamic-wind", "resume",
                      "dynamic-wind", "dynamic-wind"], r.stderr
    assert "#<prompt-tag demo>" in r.stderr and "#<continuation (+ 1 [])>" in r.stderr

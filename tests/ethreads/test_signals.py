"""Scheme signal handlers (sigaction with a procedure) run by the ethreads scheduler."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from typing import Iterator

from conftest import ROOT, free_port


@contextmanager
def scheme(source: str, tmp_path, *args: str) -> Iterator[subprocess.Popen]:
    """Start SOURCE as a schemeth script with text pipes; always stop it."""
    script = tmp_path / "prog.scm"
    script.write_text(source)
    env = dict(os.environ, PYTHONPATH=ROOT)
    proc = subprocess.Popen([sys.executable, "-m", "schemeth", str(script), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()


def expect(proc: subprocess.Popen, line: str) -> None:
    """Read PROC's next output line and check it is LINE."""
    got = proc.stdout.readline().rstrip("\n")
    assert got == line, proc.stderr.read() if not got else got


def finish(proc: subprocess.Popen) -> tuple[str, str]:
    """Wait for PROC to end by itself (status 0); its remaining stdout and stderr."""
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    return out, err


PRELUDE = """
(use-modules (ice-9 ethreads))
(define (log . xs) (for-each display xs) (newline) (force-output))
"""


def test_a_signal_cuts_a_long_wait_short_and_sigterm_ends_cleanly(tmp_path) -> None:
    source = PRELUDE + """
(define sleeper
  (spawn (lambda ()
           (dynamic-wind (lambda () #f)
                         (lambda () (sleep 600))
                         (lambda () (log "sleeper unwound"))))))
(sigaction SIGUSR1 (lambda (sig) (log "SIGUSR1 " (= sig SIGUSR1) " " (ethread? (current-ethread)))))
(sigaction SIGTERM (lambda (sig) (log "SIGTERM") (kill-ethread sleeper)))
(log "ready")
(run)
(log "clean exit")
"""
    with scheme(source, tmp_path) as proc:
        expect(proc, "ready")
        start = time.monotonic()
        proc.send_signal(signal.SIGUSR1)
        expect(proc, "SIGUSR1 #t #t")
        proc.send_signal(signal.SIGUSR1)
        expect(proc, "SIGUSR1 #t #t")
        proc.send_signal(signal.SIGTERM)
        out, err = finish(proc)
        assert time.monotonic() - start < 10
        assert out == "SIGTERM\nsleeper unwound\nclean exit\n"
        assert err == ""


def test_signals_reach_threads_that_never_wait(tmp_path) -> None:
    source = PRELUDE + """
(define stop? #f)
(define switches 0)
(define (spin)
  (let lp ()
    (unless stop?
      (set! switches (+ switches 1))
      (sleep 0)
      (lp))))
(sigaction SIGUSR1 (lambda (sig) (log "SIGUSR1")))
(sigaction SIGTERM (lambda (sig) (set! stop? #t)))
(spawn spin)
(spawn spin)
(spawn (lambda () (log "ready")))
(run)
(log "stopped " (> switches 0))
"""
    with scheme(source, tmp_path) as proc:
        expect(proc, "ready")
        proc.send_signal(signal.SIGUSR1)
        expect(proc, "SIGUSR1")
        proc.send_signal(signal.SIGTERM)
        out, _ = finish(proc)
        assert out == "stopped #t\n"


def test_handlers_may_suspend_and_errors_in_them_are_reported(tmp_path) -> None:
    source = PRELUDE + """
(define stop? #f)
(sigaction SIGUSR1 (lambda (sig) (sleep 0.05) (log "handler slept")))
(sigaction SIGUSR2 (lambda (sig) (car 'not-a-pair)))
(sigaction SIGTERM (lambda (sig) (set! stop? #t)))
(spawn (lambda () (let lp () (unless stop? (sleep 0.01) (lp)))))
(log "ready")
(run)
(log "done")
"""
    with scheme(source, tmp_path) as proc:
        expect(proc, "ready")
        proc.send_signal(signal.SIGUSR2)
        proc.send_signal(signal.SIGUSR1)
        expect(proc, "handler slept")
        proc.send_signal(signal.SIGTERM)
        out, err = finish(proc)
        assert out == "done\n"
        assert "Wrong type argument in position 1 (expecting pair): not-a-pair" in err


def test_sigterm_can_kill_threads_waiting_on_timers_and_descriptors(tmp_path) -> None:
    source = PRELUDE + """
(define pair (socketpair AF_UNIX SOCK_STREAM 0))
(fcntl (car pair) F_SETFL (logior O_NONBLOCK (fcntl (car pair) F_GETFL)))
(define (unwinding name thunk)
  (lambda () (dynamic-wind (lambda () #f) thunk (lambda () (log name " unwound")))))
(define reader (spawn (unwinding "reader" (lambda () (read-char (car pair))))))
(define sleeper (spawn (unwinding "sleeper" (lambda () (sleep 600)))))
(define idler (spawn (unwinding "idler" (lambda () (suspend)))))
(sigaction SIGTERM
  (lambda (sig)
    (for-each kill-ethread (list reader sleeper idler))
    (kill-ethread (spawn (lambda () (log "never runs"))))))
(spawn (lambda () (log "ready")))
(run)
(log (map ethread-state (list reader sleeper idler)))
"""
    with scheme(source, tmp_path) as proc:
        expect(proc, "ready")
        start = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        out, _ = finish(proc)
        assert time.monotonic() - start < 10
        assert sorted(out.splitlines()) == ["(finished finished finished)", "idler unwound",
                                            "reader unwound", "sleeper unwound"]


SERVER = PRELUDE + """
(use-modules (ice-9 rdelim))
(define listener (socket PF_INET (logior SOCK_STREAM SOCK_NONBLOCK) 0))
(setsockopt listener SOL_SOCKET SO_REUSEADDR 1)
(bind listener AF_INET INADDR_LOOPBACK (string->number (cadr (command-line))))
(listen listener 16)
(define served 0)
(define (serve client)
  (let lp ()
    (let ((line (read-line client)))
      (unless (eof-object? line)
        (display (string-append line "\\n") client)
        (force-output client)
        (lp))))
  (set! served (+ served 1))
  (close-port client))
(sigaction SIGPIPE SIG_IGN)
(sigaction SIGHUP (lambda (sig) (log "reloading")))
(sigaction SIGTERM (lambda (sig) (log "stopping") (close-port listener)))
(spawn (lambda ()
         (catch 'system-error
           (lambda ()
             (let lp ()
               (let ((client (car (accept listener SOCK_NONBLOCK))))
                 (spawn (lambda () (serve client)))
                 (lp))))
           (lambda args (log "listener closed")))))
(log "ready")
(run)
(log "served " served ", bye")
"""


def test_a_server_reloads_on_sighup_and_drains_on_sigterm(tmp_path) -> None:
    port = free_port()
    with scheme(SERVER, tmp_path, str(port)) as proc:
        expect(proc, "ready")
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            f = s.makefile("rwb")
            f.write(b"one\n")
            f.flush()
            assert f.readline() == b"one\n"
            proc.send_signal(signal.SIGHUP)
            expect(proc, "reloading")
            f.write(b"two\n")
            f.flush()
            assert f.readline() == b"two\n"
            proc.send_signal(signal.SIGTERM)
            expect(proc, "stopping")
            expect(proc, "listener closed")
            f.write(b"three\n")
            f.flush()
            assert f.readline() == b"three\n"
            f.close()
        out, err = finish(proc)
        assert out == "served 1, bye\n"
        assert err == ""

"""End-to-end test of the terminal REPL in a real terminal: tmux runs `python -m schemeth`, keys are
typed into it and the visible pane is checked.  Skipped when tmux is not installed."""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROMPT = "scheme@(guile-user)> "     # capture-pane drops the trailing space of an empty prompt line

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Pane:
    """A REPL running in a detached tmux session on a private tmux server."""

    def __init__(self, socket: str, home: str) -> None:
        self.socket = socket
        command = (f"cd {shlex.quote(ROOT)} && XDG_DATA_HOME={shlex.quote(home)} "
                   f"exec {shlex.quote(sys.executable)} -m schemeth")
        self.tmux("new-session", "-d", "-s", "repl", "-x", "100", "-y", "40", command)

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                              timeout=10).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "repl")

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "repl", "-l", text)

    def key(self, name: str) -> None:
        self.tmux("send-keys", "-t", "repl", name)

    def enter(self, text: str) -> None:
        self.type(text)
        self.key("Enter")

    def wait_for(self, text: str, count: int = 1, timeout: float = 20) -> str:
        """Poll the visible pane until TEXT shows COUNT times."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if screen.count(text) >= count:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} x{count} never appeared; pane:\n{screen}")
            time.sleep(0.1)

    def close(self) -> None:
        self.tmux("kill-server")


def test_repl_in_a_terminal(tmp_path: object) -> None:
    pane = Pane(f"schemeth-test-{os.getpid()}", str(tmp_path))
    try:
        pane.wait_for(PROMPT.rstrip())
        pane.enter("(define (square x)")
        pane.enter('"Square X."')
        pane.enter("(* x x))")
        screen = pane.wait_for(PROMPT.rstrip(), 2)
        indent = " " * (len(PROMPT) + 2)
        assert f"{PROMPT}(define (square x)\n{indent}\"Square X.\"\n{indent}(* x x))\n" in screen

        pane.type("(squ")
        pane.key("Tab")
        pane.wait_for("(square")
        time.sleep(0.3)
        pane.enter(" 12)")
        pane.wait_for("$1 = 144")

        pane.enter("(car 1)")
        pane.wait_for("In procedure car: Wrong type argument in position 1 (expecting pair): 1")
        pane.enter('(display "no newline")')
        pane.wait_for("no newline\n" + PROMPT.rstrip())   # no type-ahead: a loaded machine echoes it early
        pane.enter("(square 3)")
        screen = pane.wait_for("$2 = 9")
        assert "no newline\n" + PROMPT + "(square 3)" in screen

        pane.enter("(let lp () (lp))")
        time.sleep(0.5)
        pane.key("C-c")
        pane.wait_for("User interrupt")
        pane.enter("(square 4)")
        pane.wait_for("$3 = 16")

        pane.enter(",q")
        deadline = time.monotonic() + 10
        while "repl" in pane.tmux("list-sessions", "-F", "#{session_name}") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "repl" not in pane.tmux("list-sessions", "-F", "#{session_name}")
        history = (tmp_path / "schemeth" / "history").read_text(encoding="utf-8")
        assert "+(square 3)" in history
    finally:
        pane.close()


def test_background_ethreads_tick_while_typing(tmp_path: object) -> None:
    pane = Pane(f"schemeth-ticks-{os.getpid()}", str(tmp_path))
    try:
        pane.wait_for(PROMPT.rstrip())
        pane.enter("(use-modules (ice-9 ethreads))")
        pane.enter('(spawn (lambda () (let lp () (sleep 0.2) (display "tick\\n") (lp))))')
        pane.wait_for("$1 = #<ethread")
        pane.type("(+ 40 2")
        pane.wait_for("tick", count=3)
        screen = pane.wait_for("(+ 40 2")
        assert screen.rstrip().endswith("(+ 40 2"), screen   # the half-typed line stays intact
        pane.type(")")
        pane.key("Enter")
        pane.wait_for("= 42")
    finally:
        pane.close()

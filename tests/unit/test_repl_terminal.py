"""The terminal REPL driven through prompt_toolkit's pipe input: keys in, printed results out.

Keys are typed from a helper thread while the REPL runs in the main thread (where signals arrive).
`\\r` is Enter, `\\x1b\\r` Meta-Enter, `\\t` Tab, `\\x03` Ctrl-C, `\\x04` Ctrl-D.  A watchdog ends a REPL
that is still running after the keys were typed, so a broken Enter fails a test instead of hanging it.
"""
from __future__ import annotations

import io
import os
import select
import signal
import threading
import time
from contextlib import redirect_stdout

import pytest

pytest.importorskip("prompt_toolkit")

from prompt_toolkit.application import create_app_session  # noqa: E402
from prompt_toolkit.data_structures import Size  # noqa: E402
from prompt_toolkit.input import create_pipe_input  # noqa: E402
from prompt_toolkit.output import DummyOutput  # noqa: E402
from prompt_toolkit.output.vt100 import Vt100_Output  # noqa: E402

from schemeth.interpreter import Interpreter  # noqa: E402
from schemeth.repl.terminal import TerminalRepl, history_path  # noqa: E402

PAUSE = "<pause>"     # a key script item: wait a moment (lets a Tab completion finish)


@pytest.fixture(autouse=True)
def private_history(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))


def type_keys(inp: object, keys: list, done: threading.Event) -> None:
    """Send KEYS, then end the REPL if it has not ended within a few seconds."""
    for key in keys:
        if key == PAUSE:
            time.sleep(0.3)
        elif callable(key):
            key()
        else:
            inp.send_text(key)
    if not done.wait(10):
        inp.send_text("\x03\x04")


def run_repl(keys: list, interp: Interpreter | None = None, output: object = None) -> tuple[int, str]:
    """Run the terminal REPL on typed KEYS; return its exit status and everything it printed."""
    out = io.StringIO()
    done = threading.Event()
    with create_pipe_input() as inp, create_app_session(input=inp, output=output or DummyOutput()):
        repl = TerminalRepl(interp or Interpreter())
        typist = threading.Thread(target=type_keys, args=(inp, keys, done), daemon=True)
        with redirect_stdout(out):
            typist.start()
            try:
                status = repl.run()
            finally:
                done.set()
                typist.join(15)
    return status, out.getvalue()


def results(printed: str) -> list[str]:
    """The printed lines without the banner."""
    return printed.splitlines()[1:]


def test_enter_submits_only_complete_data() -> None:
    status, out = run_repl(["(define (f x)\r(* x x))\r", "(f 4)\r", ",q\r"])
    assert status == 0
    assert results(out) == ["$1 = 16"]


def test_meta_enter_inserts_a_newline_in_a_complete_datum() -> None:
    status, out = run_repl(["(list 1\x1b\r2)\r", ",q\r"])
    assert results(out) == ["$1 = (1 2)"]


def test_multi_line_entry_is_indented() -> None:
    interp = Interpreter()
    run_repl(["(define (g x)\r(let ((y x))\ry))\r", "(define src (g 1))\r", ",q\r"], interp)
    history = open(history_path(), encoding="utf-8").read()
    assert "+(define (g x)\n+  (let ((y x))\n+    y))\n" in history


def test_values_display_and_fresh_line() -> None:
    status, out = run_repl(['(values 1 2)\r(display "x")\r(values)\r$2\r', ",q\r"])
    assert results(out) == ["$1 = 1", "$2 = 2", "x", "$3 = 2"]


def test_error_then_state_is_kept() -> None:
    status, out = run_repl(["(define kept 7)\r", "(car 1)\r", "kept\r", ",q\r"])
    lines = results(out)
    assert lines[0].endswith("In procedure car: Wrong type argument in position 1 (expecting pair): 1")
    assert lines[1] == "$1 = 7"


def test_tab_completes_visible_names() -> None:
    status, out = run_repl(["(define (square-it x) (* x x))\r", "(square-i", "\t", PAUSE, " 3)\r", ",q\r"])
    assert results(out) == ["$1 = 9"]


def test_enter_accepts_a_chosen_completion_without_submitting() -> None:
    status, out = run_repl(["(define (sq-a x) (* x x))\r(define (sq-b x) x)\r", "(sq-", "\t", PAUSE, "\t",
                            PAUSE, "\r", " 3)\r", ",q\r"])
    assert results(out) == ["$1 = 9"]


def test_tab_completes_module_names() -> None:
    status, out = run_repl(["(use-modules (ice-9 rece", "\t", PAUSE, "))\r",
                            "(receive (a b) (values 1 2) b)\r", ",q\r"])
    assert results(out) == ["$1 = 2"]


def test_meta_commands_and_module_prompt() -> None:
    interp = Interpreter()
    status, out = run_repl([",t (+ 1 2)\r", ",m (other place)\r", "(define here 1)\r", ",q\r"], interp)
    lines = results(out)
    assert lines[0] == "$1 = 3" and "real time" in lines[1]
    assert interp.module.name == ("other", "place")


def test_ctrl_c_clears_the_line_and_ctrl_d_quits() -> None:
    status, out = run_repl(["(this is abandoned", "\x03", "(+ 2 2)\r", "\x04"])
    assert status == 0
    assert results(out) == ["$1 = 4", ""]


def test_ctrl_c_interrupts_an_endless_loop() -> None:
    interp = Interpreter()
    started = threading.Event()
    interp.define("note-start", lambda: started.set())

    def interrupt() -> None:
        assert started.wait(10)
        time.sleep(0.2)
        os.kill(os.getpid(), signal.SIGINT)

    status, out = run_repl(["(begin (note-start) (let lp () (lp)))\r", interrupt, "(+ 1 1)\r", ",q\r"],
                           interp)
    assert results(out) == ["", "User interrupt", "$1 = 2"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_exit_ends_the_repl_with_its_status() -> None:
    status, out = run_repl(["(exit 4)\r"])
    assert status == 4


def test_reactor_hook_runs_while_waiting_and_its_output_shows() -> None:
    """A stand-in reactor: the inputhook types the entry itself and writes background output."""
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=24, columns=80), term="xterm")
    interp = Interpreter()
    calls = []

    def inputhook(context: object) -> None:
        calls.append(1)
        if len(calls) == 1:
            print("background tick", flush=True)
            inp_holder[0].send_text("(+ 40 2)\r")
        if len(calls) == 2:
            inp_holder[0].send_text(",q\r")
        select.select([context.fileno()], [], [], 1)

    interp.repl_inputhook = inputhook
    inp_holder: list = []
    out = io.StringIO()
    with create_pipe_input() as inp, create_app_session(input=inp, output=output):
        inp_holder.append(inp)
        repl = TerminalRepl(interp)
        with redirect_stdout(out):
            status = repl.run()
    assert status == 0 and len(calls) >= 2
    assert results(out.getvalue()) == ["$1 = 42"]
    assert "background tick" in screen.getvalue()

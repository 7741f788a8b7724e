"""The read-eval-print step shared by the terminal and the plain REPL: an entry's text -> printed results.

An entry is what the user submitted: Scheme data, evaluated one after the other, or a meta-command
(`,help`, see commands.py).  Values print with `write` as Guile's `$N = value` and are bound to `$N`
in the current module; unspecified values print nothing.

Errors: unlike Guile, which enters a nested `[1]>` debug level, the REPL stays at level 0.  It prints
the Guile-style message after a short Scheme backtrace (`,bt` shows the whole one), restores the
machine's dynamic state (stack, parameters, handlers) and keeps every definition made so far.  Ctrl-C
during evaluation does the same with "User interrupt".  Output always goes to the `sys.stdout` of the
moment, so the terminal REPL can route it above the prompt while one is shown.
"""
from __future__ import annotations

import os
import sys
from typing import Callable, TextIO

from ..compiler.compiler import Compiler
from ..data.conditions import SchemeError
from ..data.printer import write_string
from ..data.values import EOF, UNSPECIFIED, Values, sym
from ..machine.machine import Interrupted, SchemeExit, UncaughtError, internal_error
from ..machine.report import backtrace, error_report
from ..primitives.ports import CURRENT_ERROR, CURRENT_OUTPUT
from ..reader.reader import read_one

SHORT_BACKTRACE = 6


class ReplCore:
    """Evaluates entries for one interpreter and prints what Guile's REPL prints."""

    def __init__(self, interp: object, out: TextIO | None = None) -> None:
        self.interp = interp
        self.out = out
        self.counter = 0
        self.line = 1
        self.last_error: tuple | None = None
        self.echoes_interrupt = False     # the terminal shows ^C where the cursor is

    # -- output ---------------------------------------------------------------------------------
    def write(self, text: str) -> None:
        """Write TEXT to the REPL's output (sys.stdout as it is now, unless a stream was given)."""
        (self.out or sys.stdout).write(text)

    def fresh_line(self) -> None:
        """End a line the program left unfinished on the console, so the next output starts clean."""
        for param in (CURRENT_OUTPUT, CURRENT_ERROR):
            port = param.cell[0]
            if port.col:
                port.write("\n")
        self.flush()

    def flush(self) -> None:
        """Push pending console output out."""
        for stream in {sys.stdout, sys.stderr, self.out or sys.stdout}:
            stream.flush()

    def prompt(self) -> str:
        """Guile's prompt naming the current module."""
        return f"scheme@({' '.join(self.interp.module.name)})> "

    # -- entries --------------------------------------------------------------------------------
    def handle(self, text: str) -> int | None:
        """Run one entry; return an exit status when the REPL should end."""
        from .commands import run_command
        try:
            if text.lstrip().startswith(","):
                return run_command(self, text.strip())
            self.eval_text(text)
            return None
        finally:
            self.line += text.count("\n") + (not text.endswith("\n"))
            self.fresh_line()

    def eval_text(self, text: str, printer: Callable[[object], str] = write_string) -> bool:
        """Read and evaluate each datum of TEXT, showing results; False after an error."""
        pos = 0
        while True:
            ok, datum = self.guarded(lambda: self.read_at(text, pos))
            if not ok or datum[0] is EOF:
                return ok
            form, pos, locs = datum
            ok, value = self.guarded(lambda: self.run_form(form, locs))
            if not ok:
                return False
            ok, _ = self.guarded(lambda: self.show(value, printer))
            if not ok:
                return False

    def run_form(self, form: object, locs: dict) -> object:
        """Evaluate FORM in the current module; a `define-module` in it makes its module current."""
        compiler = Compiler(self.interp.machine, self.interp.module)
        compiler.locs = locs
        value = self.interp.run_toplevel(compiler, form)
        self.interp.module = compiler.module
        return value

    def read_at(self, text: str, pos: int) -> tuple:
        """The datum of TEXT after POS, with source lines counted across the session."""
        line = self.line + text.count("\n", 0, pos)
        col = pos - text.rfind("\n", 0, pos) - 1
        return read_one(text, pos, None, line, col)

    def show(self, value: object, printer: Callable[[object], str] = write_string) -> None:
        """Print VALUE's values as `$N = ...` lines, binding each $N."""
        items = value.items if type(value) is Values else (value,)
        for v in items:
            if v is UNSPECIFIED:
                continue
            self.fresh_line()
            self.counter += 1
            name = f"${self.counter}"
            self.interp.module.define(sym(name), v)
            self.write(f"{name} = {printer(v)}\n")

    # -- errors ---------------------------------------------------------------------------------
    def guarded(self, action: Callable[[], object]) -> tuple[bool, object]:
        """Run ACTION; on a Scheme error or Ctrl-C report it, restore the machine, return (False, None)."""
        regs = self.interp.machine.regs
        height, params, handlers = len(regs.stack), regs.params, regs.handlers
        try:
            return True, action()
        except (UncaughtError, SchemeError) as exc:
            self.report(exc)
        except SchemeExit:
            raise
        except (Interrupted, KeyboardInterrupt):
            self.fresh_line()
            self.write("\nUser interrupt\n" if self.echoes_interrupt else "User interrupt\n")
        except Exception as exc:
            if os.environ.get("SCHEMETH_DEBUG"):
                raise
            self.report(internal_error(exc))
        del regs.stack[height:]
        regs.params, regs.handlers = params, handlers
        return False, None

    def report(self, exc: UncaughtError | SchemeError) -> None:
        """Print an error as Guile words it, after a short backtrace."""
        stack = exc.stack if isinstance(exc, UncaughtError) else []
        loc = exc.loc if isinstance(exc, UncaughtError) else getattr(exc, "scheme_loc", None)
        self.last_error = (exc.payload, stack, loc)
        self.fresh_line()
        trace = backtrace(stack, limit=SHORT_BACKTRACE)
        if trace:
            if trace[-1].strip() == "...":
                trace[-1] = "  ... (,bt shows the whole backtrace)"
            self.write("Backtrace:\n" + "".join(line + "\n" for line in trace))
        self.write(error_report(exc.payload, [], loc))

    def full_backtrace(self) -> str:
        """Every Scheme frame of the last error, then its message."""
        if self.last_error is None:
            return "No error yet.\n"
        payload, stack, loc = self.last_error
        trace = backtrace(stack, limit=len(stack) + 1)
        head = "Backtrace:\n" + "".join(line + "\n" for line in trace) if trace else ""
        return head + error_report(payload, [], loc)

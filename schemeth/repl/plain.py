"""A line-oriented REPL for piped input: Guile's `$N = value` output, no terminal features."""
from __future__ import annotations

from typing import TextIO

from ..data.conditions import SchemeError
from ..data.printer import write_string
from ..data.values import EOF, UNSPECIFIED, Values, sym
from ..machine.machine import Interrupted, SchemeExit, UncaughtError
from ..machine.report import error_report
from ..reader.reader import IncompleteInput, read_one


class PlainRepl:
    """Reads data from a text stream, evaluates them, prints results as Guile does."""

    def __init__(self, interp: object, inp: TextIO, out: TextIO) -> None:
        self.interp = interp
        self.inp = inp
        self.out = out
        self.counter = 0

    def prompt(self) -> str:
        """Guile's prompt naming the current module."""
        return f"scheme@({' '.join(self.interp.module.name)})> "

    def run(self) -> int:
        """Loop until end of input or (exit)."""
        pending = ""
        while True:
            try:
                datum, pending = self.next_datum(pending)
            except SchemeError as exc:
                self.out.write(error_report(exc.payload, [], getattr(exc, "scheme_loc", None)))
                pending = ""
                continue
            if datum is EOF:
                self.out.write("\n")
                return 0
            try:
                self.show(self.interp.eval_datum(datum))
            except SchemeExit as exc:
                return exc.code
            except (UncaughtError, SchemeError) as exc:
                self.out.flush()
                stack = exc.stack if isinstance(exc, UncaughtError) else []
                loc = exc.loc if isinstance(exc, UncaughtError) else getattr(exc, "scheme_loc", None)
                self.out.write(error_report(exc.payload, stack, loc))
            except Interrupted:
                self.out.write("\nUser interrupt\n")

    def next_datum(self, pending: str) -> tuple[object, str]:
        """Read the next complete datum, pulling more lines as needed."""
        while True:
            try:
                datum, end, _ = read_one(pending, 0, None)
            except IncompleteInput:
                datum, end = None, -1
            if end >= 0 and datum is not EOF:
                return datum, pending[end:]
            line = self.inp.readline()
            if not line:
                if end < 0 and pending.strip():
                    read_one(pending, 0, None)
                return EOF, ""
            pending += line

    def show(self, value: object) -> None:
        """Print VALUE as `$N = ...` lines and bind $N."""
        items = value.items if type(value) is Values else (value,)
        for v in items:
            if v is UNSPECIFIED:
                continue
            self.counter += 1
            name = f"${self.counter}"
            self.interp.module.define(sym(name), v)
            self.out.write(f"{name} = {write_string(v)}\n")
        self.out.flush()

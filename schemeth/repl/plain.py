"""The REPL for piped input: lines of a text stream -> Guile's `$N = value` output, no terminal features.

Lines are gathered into entries exactly as the terminal REPL's Enter key would submit them (a line
that leaves a datum unfinished pulls in the next one), so a transcript piped in behaves like the same
text typed.  Unlike Guile, which prints its banner and a prompt even on a pipe, only the results,
errors and program output appear, which keeps transcripts easy to compare; a line the program left
unfinished is ended before the next result, where Guile would glue them together.
"""
from __future__ import annotations

from typing import TextIO

from ..machine.machine import SchemeExit
from .core import ReplCore
from .indent import entry_complete


class PlainRepl:
    """Reads entries from a text stream and evaluates them."""

    def __init__(self, interp: object, inp: TextIO, out: TextIO | None = None) -> None:
        self.core = ReplCore(interp, out)
        self.inp = inp

    def run(self) -> int:
        """Loop until end of input, `,q` or (exit); return the exit status."""
        while True:
            entry = self.next_entry()
            if entry is None:
                return 0
            try:
                status = self.core.handle(entry)
            except SchemeExit as exc:
                return exc.code
            if status is not None:
                return status

    def next_entry(self) -> str | None:
        """The next complete entry (or what is left at end of input); None when input is exhausted."""
        entry = ""
        while True:
            line = self.inp.readline()
            if not line:
                return entry if entry.strip() else None
            entry += line
            if entry_complete(entry):
                return entry

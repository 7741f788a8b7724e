"""The REPL: prompt_toolkit on a terminal, a plain read-eval-print loop on pipes."""
from __future__ import annotations

import sys


def start_repl(interp: object) -> int:
    """Run the REPL that suits stdin and stdout; return the exit status.

    Like Guile's REPL, it has the full (ice-9 format) `format` rather than simple-format."""
    interp.eval("(use-modules (ice-9 format))")
    if sys.stdin.isatty() and sys.stdout.isatty():
        from .reactor import make_inputhook
        from .terminal import TerminalRepl
        interp.repl_inputhook = make_inputhook(interp)
        return TerminalRepl(interp).run()
    from .plain import PlainRepl
    return PlainRepl(interp, sys.stdin).run()

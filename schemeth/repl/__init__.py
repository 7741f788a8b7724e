"""The REPL: prompt_toolkit on a terminal, a plain read-eval-print loop on pipes."""
from __future__ import annotations

import sys


def start_repl(interp: object) -> int:
    """Run the REPL that suits stdin; return the exit status."""
    from .plain import PlainRepl
    return PlainRepl(interp, sys.stdin, sys.stdout).run()

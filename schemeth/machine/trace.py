"""--trace-control: log control transfers to stderr, indented by the depth of the Scheme stack."""
from __future__ import annotations

import sys

from ..data.printer import write_string


def enable_tracing(machine: object) -> None:
    """Install a trace hook on MACHINE's registers."""
    regs = machine.regs

    def trace(event: str, detail: object) -> None:
        depth = min(len(regs.stack), 30)
        sys.stderr.write(f";; {'  ' * depth}{event} {write_string(detail)}\n")
        sys.stderr.flush()
    regs.trace = trace

"""The REPL's input hook: keep the current econtext's ethreads running while the prompt waits."""
from __future__ import annotations

from typing import Callable

from ..data.values import Symbol


def make_inputhook(interp: object) -> Callable:
    """A prompt_toolkit input hook that runs ethreads until the terminal has input.

    It does nothing until (ice-9 ethreads) has been loaded; then each wait for input runs
    `run-until-readable` on the terminal's descriptor, so background threads (tickers, servers
    started with `spawn`) make progress and their output appears above the prompt.
    """
    def hook(context: object) -> None:
        module = interp.modules.get(("ice-9", "ethreads"))
        if module is None:
            return
        var = module.lookup(Symbol("run-until-readable"))
        if var is None:
            return
        try:
            interp.machine.call(var.value, (context.fileno(),))
        except Exception as exc:  # an error here must not kill the prompt
            import sys
            sys.stderr.write(f";; error in background ethreads: {exc}\n")
    return hook

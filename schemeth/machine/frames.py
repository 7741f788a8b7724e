"""The machine's register file and the protocol every compiled node follows.

A node is `code(env) -> value | (code, env)`: it returns a Scheme value, or a *jump* (a Python tuple,
which is never a Scheme value) asking the driver loop to run `code` in `env` in its place.  Pending work
lives on `Registers.stack` as immutable frames `(k, env, data)`; when a value is produced the driver pops a
frame and calls `k(value, env, data)`.  Because frames only hold values, a slice of the stack *is* a
continuation: copying it captures, extending the stack with it reinstates, any number of times.
"""
from __future__ import annotations

from typing import Callable

Frame = tuple  # (k: Callable[[object, list, object], object], env: list | None, data: object)


class Registers:
    """Mutable machine state shared by the driver, the compiled code and the control primitives.

    `params` maps parameter objects to their current cells (copy-on-write dicts) and `handlers` is the
    stack of exception handlers as a linked tuple chain `(handler, rest)`; both are part of the dynamic
    environment that continuations capture and prompts restore.
    """

    __slots__ = ("stack", "params", "handlers", "interrupt", "trace")

    def __init__(self) -> None:
        self.stack: list[Frame] = []
        self.params: dict = {}
        self.handlers: tuple | None = None
        self.interrupt = False
        self.trace: Callable | None = None


def frame_location(frame: Frame) -> tuple | None:
    """Return the source location a stack frame resumes at, when the compiler recorded one."""
    return getattr(frame[0], "loc", None)


class Active:
    """The registers of the machine that is running now (primitives read parameters through it)."""

    regs: Registers | None = None

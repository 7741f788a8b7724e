"""Signal dispositions as Guile's `sigaction` reports them, and Scheme handlers run by the scheduler.

A primitive may never call Scheme, and Python runs signal handlers only as Python code, so a signal
whose handler is a Scheme procedure is only recorded: CPython's C-level handler writes the signal
number to a wake-up pipe (`signal.set_wakeup_fd`).  Every `Epoll` watches that pipe, so a signal ends
a wait early; the scheduler then calls `take_pending()` (Scheme: `%pending-signal-handlers`) to get
the (handler . signum) pairs that are due and applies them.

Dispositions are reported as Guile sees them: every signal starts as (SIG_DFL . 0), whatever CPython
installed at start-up (it ignores SIGPIPE and catches SIGINT), and an installed action reports its
flags with SA_RESTORER added, as glibc does on Linux.
"""
from __future__ import annotations

import _signal as signal
import os
import sys

SIG_DFL = 0
SIG_IGN = 1
SA_RESTORER = 0x04000000 if sys.platform.startswith("linux") else 0

# signum -> Scheme procedure installed with sigaction; read by the scheduler.
SIGNAL_HANDLERS: dict[int, object] = {}
# Signals delivered but not yet handed to the scheduler, oldest first.
PENDING: list[int] = []

_ACTIONS: dict[int, tuple[object, int]] = {}
_ORIGINAL: dict[int, object] = {}
_WAKE: list[int] = []  # [read end, write end] of the wake-up pipe, once a Scheme handler exists


def current(signum: int) -> tuple[object, int]:
    """The (handler . flags) that sigaction reports for SIGNUM."""
    return _ACTIONS.get(signum, (SIG_DFL, 0))


# Set by the Python-level handler, so that the scheduler can skip draining the pipe between signals.
ARRIVED = [False]


def _note(signum: int, frame: object) -> None:
    """Python-level handler for signals with a Scheme handler: the wake-up pipe already has the
    signal number; this only says that it is worth draining."""
    ARRIVED[0] = True


def _python_handler(handler: object) -> object:
    """What to install with signal.signal for a Guile handler value."""
    if handler == SIG_DFL:
        return signal.SIG_DFL
    if handler == SIG_IGN:
        return signal.SIG_IGN
    _ensure_wake_pipe()
    return _note


def _ensure_wake_pipe() -> None:
    """Create the wake-up pipe and hand its write end to CPython's C-level signal handler."""
    if _WAKE:
        return
    r, w = os.pipe()
    os.set_blocking(r, False)
    os.set_blocking(w, False)
    signal.set_wakeup_fd(w, warn_on_full_buffer=False)
    _WAKE.extend((r, w))


def _own_pipe_after_fork() -> None:
    """Give a forked child its own wake-up pipe: sharing the parent's would let either process drain
    (and so lose) the signals meant for the other."""
    if not _WAKE:
        return
    for fd in _WAKE:
        os.close(fd)
    _WAKE.clear()
    PENDING.clear()
    _ensure_wake_pipe()


os.register_at_fork(after_in_child=_own_pipe_after_fork)


def install(signum: int, handler: object, flags: int) -> tuple[object, int]:
    """Install HANDLER (SIG_DFL, SIG_IGN or a Scheme procedure) for SIGNUM; return the old action.

    Raises OSError (e.g. EINVAL for SIGKILL) or ValueError (not the main thread).
    """
    old = current(signum)
    previous = signal.signal(signum, _python_handler(handler))
    _ORIGINAL.setdefault(signum, previous)
    _ACTIONS[signum] = (handler, flags | SA_RESTORER)
    if callable_handler(handler):
        SIGNAL_HANDLERS[signum] = handler
    else:
        SIGNAL_HANDLERS.pop(signum, None)
    return old


def restore(signum: int) -> tuple[object, int]:
    """Give SIGNUM back the action it had at start-up; return the old action."""
    old = current(signum)
    if signum in _ORIGINAL:
        signal.signal(signum, _ORIGINAL.pop(signum))
    _ACTIONS.pop(signum, None)
    SIGNAL_HANDLERS.pop(signum, None)
    return old


def restore_all() -> None:
    """Guile's restore-signals: every signal back to its start-up action."""
    for signum in list(_ORIGINAL):
        restore(signum)


def callable_handler(handler: object) -> bool:
    """True when HANDLER is a Scheme procedure rather than SIG_DFL/SIG_IGN."""
    return type(handler) is not int


def wake_fd() -> int | None:
    """The descriptor that becomes readable when a signal arrives (None until a handler exists)."""
    return _WAKE[0] if _WAKE else None


def drain() -> None:
    """Move the signal numbers waiting in the wake-up pipe to PENDING."""
    if not _WAKE:
        return
    ARRIVED[0] = False
    while True:
        try:
            data = os.read(_WAKE[0], 512)
        except (BlockingIOError, InterruptedError):
            return
        if not data:
            return
        PENDING.extend(data)


def maybe_pending() -> bool:
    """False only when no signal for a Scheme handler can be waiting: none in PENDING, and none
    arrived since the pipe was last drained (CPython runs `_note` soon after the signal)."""
    return ARRIVED[0] or bool(PENDING)


def take_pending() -> list[tuple[object, int]]:
    """The (Scheme handler, signum) calls now due, oldest first; clears them."""
    drain()
    due = [(SIGNAL_HANDLERS[s], s) for s in PENDING if s in SIGNAL_HANDLERS]
    PENDING.clear()
    return due


"""Process-level primitives: exit, command line, environment, time."""
from __future__ import annotations

import os
import time

from ..data.conditions import Condition, SchemeError, quit_status, wrong_type
from ..data.values import UNSPECIFIED, MString, Symbol, from_list
from ..machine.machine import SchemeExit
from .registry import define, primitive

ARGV: list[str] = []
START = time.perf_counter_ns()


NO_CODE = object()


@primitive("exit", "quit")
def exit_(code: object = NO_CODE) -> object:
    """Leave the program by throwing 'quit: dynamic-wind handlers run on the way out and a catch can
    stop it, as in Guile.  #t or no argument means success, #f failure, an integer is the status."""
    args = [] if code is NO_CODE else [checked_code(code, "exit")]
    raise SchemeError(Condition(Symbol("quit"), from_list(args)))


@primitive("primitive-exit", "primitive-_exit")
def primitive_exit(code: object = True) -> object:
    """End the process now, running nothing on the way."""
    raise SchemeExit(quit_status(checked_code(code, "primitive-exit")))


def checked_code(code: object, who: str) -> object:
    """CODE, checked to be an exit status Guile accepts (an integer or a boolean)."""
    if type(code) is not int and type(code) is not bool:
        raise wrong_type(who, 1, code, "integer")
    return code


@primitive("command-line", "program-arguments")
def command_line() -> object:
    """The script name followed by its arguments."""
    return from_list([MString(a) for a in ARGV])


@primitive("getenv")
def getenv(name: object) -> object:
    """An environment variable's value, or #f."""
    if type(name) is not MString:
        raise wrong_type("getenv", 1, name, "string")
    value = os.environ.get(name.s)
    return MString(value) if value is not None else False


@primitive("setenv")
def setenv(name: object, value: object) -> object:
    """Set (or with #f, unset) an environment variable."""
    if value is False:
        os.environ.pop(name.s, None)
    else:
        os.environ[name.s] = value.s
    return UNSPECIFIED


@primitive("current-time")
def current_time() -> int:
    """Seconds since the epoch."""
    return int(time.time())


@primitive("get-internal-real-time")
def get_internal_real_time() -> int:
    """Nanoseconds of wall time since start-up."""
    return time.perf_counter_ns() - START


@primitive("get-internal-run-time")
def get_internal_run_time() -> int:
    """Nanoseconds of CPU time used by this process."""
    return time.process_time_ns()


define("internal-time-units-per-second", 1_000_000_000)
define("WAIT_ANY", -1)
define("WAIT_MYPGRP", 0)


@primitive("%monotonic-seconds")
def monotonic_seconds() -> float:
    """Seconds on a monotonic clock, for timers."""
    return time.monotonic()


@primitive("sleep")
def sleep(seconds: object) -> int:
    """Block the whole process for SECONDS (ethreads replace this with a sleep that only suspends)."""
    if type(seconds) not in (int, float) or seconds < 0:
        raise wrong_type("sleep", 1, seconds, "non-negative real")
    time.sleep(seconds)
    return 0


@primitive("%sleep-seconds")
def sleep_seconds(seconds: object) -> object:
    """Block for a fractional number of seconds (the scheduler's idle wait when no descriptor waits)."""
    if seconds > 0:
        time.sleep(seconds)
    return UNSPECIFIED

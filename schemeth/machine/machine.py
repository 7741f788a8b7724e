"""The driver loop and procedure application.

`Machine.execute(code, env)` runs compiled code to a value without growing the Python stack: non-tail
calls push frames on `regs.stack`, tail calls return jumps.  Python errors raised by primitives become
Scheme raises here, at one place, so `with-exception-handler`, `guard` and `catch` see them.
"""
from __future__ import annotations

import os
from typing import Callable

from ..data.conditions import Condition, SchemeError, guile_error, quit_request, wrong_num_args
from ..data.procedures import CaseLambda, Closure, ControlPrimitive, Primitive
from ..data.values import NIL, UNSPECIFIED, MString, Pair, Values, make_values
from .frames import Active, Registers
from .procs import Continuation, EscapeContinuation, Parameter


class SchemeExit(BaseException):
    """Raised by `exit` to end the program with a status code."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class UncaughtError(Exception):
    """A Scheme raise that no handler took; `stack` is the Scheme stack at the raise point."""

    def __init__(self, payload: object, stack: list, loc: tuple | None) -> None:
        super().__init__(payload)
        self.payload = payload
        self.stack = stack
        self.loc = loc


class WouldBlock(BaseException):
    """A port operation needs its descriptor to become ready; `retry()` performs it again.

    Raised only by procedures the driver loop runs itself (control primitives), so the top of the
    stack is exactly the operation's continuation: the machine calls the port's waiter, then retries.
    """

    def __init__(self, port: object, direction: str, retry: Callable[[], object]) -> None:
        super().__init__(direction)
        self.port = port
        self.direction = direction
        self.retry = retry


class Interrupted(BaseException):
    """Ctrl-C reached the Scheme program."""


def internal_error(exc: Exception) -> SchemeError:
    """A Python error that escaped the runtime, reported as a Scheme error rather than a traceback."""
    message = MString(f"internal error: {type(exc).__name__}: {exc}", False)
    return guile_error("misc-error", None, "~A", [message], None)


def k_return(v: object, env: object, data: object) -> object:
    """Frame that ignores the incoming value and produces DATA instead."""
    return data


def k_then(v: object, env: object, thunk: Callable) -> object:
    """Frame that ignores the incoming value and continues with a Python step."""
    return thunk()


def k_restore_dynamic(v: object, env: object, data: tuple) -> object:
    """Frame ending a dynamic extent: (regs, outer-params, outer-handlers, kind, payload).

    KIND says what the extent installed, so a continuation can be rebased onto another dynamic
    context: "handler" pushed PAYLOAD on the handler stack, "params" added the PAYLOAD bindings,
    "unhandle" popped one handler (a handler runs outside itself).
    """
    regs = data[0]
    regs.params, regs.handlers = data[1], data[2]
    return v


def k_prompt(v: object, env: object, data: tuple) -> object:
    """Frame marking an active prompt: (tag, handler, outer-params, outer-handlers)."""
    return v


def rebase(frames: list, params: dict, handlers: object) -> tuple[list, dict, object]:
    """Re-root the dynamic state recorded in FRAMES on (PARAMS, HANDLERS); return the new frames
    and the state in force at their top.  Delimited continuations use this so that parameters and
    handlers bound inside them stack on whatever is bound where they are resumed."""
    out = []
    for frame in frames:
        k, data = frame[0], frame[2]
        if k is k_restore_dynamic:
            frame = (k, None, (data[0], params, handlers, data[3], data[4]))
            if data[3] == "handler":
                handlers = (data[4], handlers)
            elif data[3] == "params":
                params = {**params, **data[4]}
            elif data[3] == "unhandle" and handlers is not None:
                handlers = handlers[1]
        elif k is k_prompt:
            frame = (k, None, (data[0], data[1], params, handlers))
        elif k is k_wind_exit:
            frame = (k, None, (data[0], params, handlers, data[3], data[4]))
        out.append(frame)
    return out, params, handlers


class Machine:
    """Owns the registers and everything that transfers control."""

    def __init__(self) -> None:
        self.regs = Registers()
        self.error_hook: Callable | None = None   # set by control.py: routes a payload to handlers
        self.registry: object = None              # the module registry, for compile-time imports
        self.autoload: Callable | None = None     # loads the file behind an Autoload binding
        self.block_hook: Callable | None = None   # (machine, WouldBlock) -> waits via the port waiters
        self.interrupt_hook: Callable = self.end_run  # (base) -> where Ctrl-C goes; set by control.py
        self.module: object = None                # module of the toplevel form being run
        self.next_module: object = None           # set by set-current-module for the next forms
        self.last_continuation: object = None     # for the REPL's ,k

    # -- the driver ---------------------------------------------------------------------------
    def execute(self, code: Callable, env: list | None) -> object:
        """Run CODE in ENV until the stack is back to its current height; return the value."""
        stack = self.regs.stack
        base = len(stack)
        Active.regs = self.regs
        v: object = (code, env)
        while True:
            try:
                while True:
                    while type(v) is tuple:
                        v = v[0](v[1])
                    if len(stack) <= base:
                        return v
                    k, kenv, data = stack.pop()
                    v = k(v, kenv, data)
            except WouldBlock as wb:
                v = self.block_hook(self, wb)
            except SchemeError as exc:
                v = self.raise_from_python(exc, base)
            except RecursionError:
                v = self.raise_from_python(guile_error(
                    "stack-overflow", None, "Stack overflow", None, None), base)
            except KeyboardInterrupt:
                v = self.interrupt_hook(base)
            except Exception as exc:
                if os.environ.get("SCHEMETH_DEBUG"):
                    raise
                v = self.raise_from_python(internal_error(exc), base)

    def end_run(self, base: int) -> object:
        """Drop this run's frames and stop the program (Ctrl-C with nothing to catch it)."""
        del self.regs.stack[base:]
        raise Interrupted() from None

    def raise_from_python(self, exc: SchemeError, base: int) -> object:
        """Hand a primitive's error to the Scheme handlers, or end this run with UncaughtError."""
        loc = getattr(exc, "scheme_loc", None)
        if type(exc.payload) is Condition and exc.payload.loc is None:
            exc.payload.loc = loc
        if self.regs.handlers is None:
            status = quit_request(exc.payload)
            if status is not None:          # (exit): leave through every dynamic-wind handler
                return self.unwind_to(base, lambda: self.end_program(status))
            stack = self.regs.stack
            snapshot = stack[base:]
            del stack[base:]
            raise UncaughtError(exc.payload, snapshot, loc) from None
        return self.error_hook(exc.payload, exc.continuable)

    @staticmethod
    def end_program(status: int) -> object:
        """Stop the program with STATUS (what an uncaught 'quit asks for)."""
        raise SchemeExit(status)

    def take_next_module(self, module: object) -> object:
        """The module the next toplevel form compiles in: MODULE, unless set-current-module ran."""
        chosen, self.next_module = self.next_module, None
        return chosen if chosen is not None else module

    def current_module(self) -> object:
        """The module of the toplevel form being run (what `current-module` returns)."""
        return self.module

    # -- application --------------------------------------------------------------------------
    def apply(self, f: object, args: tuple) -> object:
        """Apply F to ARGS in tail position: a value or a jump."""
        t = type(f)
        if t is Closure:
            return f.lam.enter(f, args)
        if t is Primitive:
            return f.fn(*args)
        if t is ControlPrimitive:
            return f.fn(self, args)
        return self.apply_other(f, args)

    def apply_other(self, f: object, args: tuple) -> object:
        """Apply the less common applicable objects."""
        t = type(f)
        if t is Continuation:
            return self.invoke_continuation(f, args)
        if t is EscapeContinuation:
            return self.invoke_escape(f, args)
        if t is Parameter:
            cell = self.regs.params.get(f)
            if cell is None:
                cell = f.cell
            if not args:
                return cell[0]
            if len(args) > 1:
                raise wrong_num_args(f)
            cell[0] = args[0]           # Guile lets (p value) set the innermost binding
            return UNSPECIFIED
        if t is CaseLambda:
            n = len(args)
            for clause in f.clauses:
                lam = clause.lam
                if n == lam.nreq or (n > lam.nreq and (lam.rest or n <= lam.nreq + lam.nopt)):
                    return lam.enter(clause, args)
            raise wrong_num_args(f)
        applicable = getattr(f, "scheme_apply", None)
        if applicable is not None:
            return applicable(self, args)
        raise guile_error("wrong-type-arg", None, "Wrong type to apply: ~S", [f], [f])

    def call(self, f: object, args: tuple) -> object:
        """Run F on ARGS to completion from Python (a nested run, used by the embedding API)."""
        return self.execute(lambda env: self.apply(f, args), None)

    # -- continuations ------------------------------------------------------------------------
    def capture(self, start: int, composable: bool, rewinds: bool = True,
                base: tuple | None = None) -> Continuation:
        """Capture the frames above index START as a continuation; BASE is the dynamic state
        below them (a prompt's), when known."""
        regs = self.regs
        k = Continuation(regs.stack[start:], regs.params, regs.handlers, composable, rewinds, base)
        self.last_continuation = k
        return k

    def invoke_continuation(self, k: Continuation, args: tuple) -> object:
        """Return to K with ARGS as its values."""
        value = make_values(args)
        regs = self.regs
        if regs.trace:
            regs.trace("resume continuation", k)
        if k.composable:
            # Rebased frames restore the caller's state when they return, so no extra frame is needed
            # (one per resume would make a loop of resumes grow its continuation).
            base = k.base
            if base is not None and base[0] is regs.params and base[1] is regs.handlers:
                frames, params, handlers = k.frames, k.params, k.handlers
            else:
                frames, params, handlers = rebase(k.frames, regs.params, regs.handlers)
            if not k.rewinds:
                regs.stack.extend(frames)
                return self.resume_in(params, handlers, value)
            return self.wind_in(frames, 0, lambda: self.resume_in(params, handlers, value))
        stack = regs.stack
        common = common_prefix(stack, k.frames)
        return self.unwind_to(common, lambda: self.wind_in(
            k.frames, common, lambda: self.resume_with(k, value)))

    def resume_with(self, k: Continuation, value: object) -> object:
        """Finish reinstating K: its dynamic state becomes current and VALUE flows into its top frame."""
        return self.resume_in(k.params, k.handlers, value)

    def resume_in(self, params: dict, handlers: object, value: object) -> object:
        """Make (PARAMS, HANDLERS) current and deliver VALUE to the top frame."""
        self.regs.params, self.regs.handlers = params, handlers
        return value

    def invoke_escape(self, k: EscapeContinuation, args: tuple) -> object:
        """Unwind to the frame that call/ec left, then deliver ARGS there."""
        stack = self.regs.stack
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][2] is k.marker:
                return self.unwind_to(i, lambda: make_values(args))
        raise guile_error("misc-error", None, "continuation no longer valid: ~S", [k], None)

    def unwind_to(self, height: int, then: Callable) -> object:
        """Drop frames down to HEIGHT, running the after-thunks of dynamic-winds on the way, then THEN()."""
        stack = self.regs.stack
        for i in range(len(stack) - 1, height - 1, -1):
            frame = stack[i]
            if frame[0] is k_wind_exit:
                del stack[i:]
                params, handlers, after = frame[2][1], frame[2][2], frame[2][3]
                if self.regs.trace:
                    self.regs.trace("dynamic-wind exit (unwinding)", after)
                self.regs.params, self.regs.handlers = params, handlers
                stack.append((k_then, None, lambda: self.unwind_to(height, then)))
                return self.apply(after, ())
        del stack[height:]
        return then()

    def wind_in(self, frames: list, start: int, then: Callable) -> object:
        """Push FRAMES[start:] on the stack, running before-thunks of dynamic-winds first, then THEN()."""
        stack = self.regs.stack
        for i in range(start, len(frames)):
            frame = frames[i]
            if frame[0] is k_wind_exit:
                stack.extend(frames[start:i])
                before, params, handlers = frame[2][0], frame[2][1], frame[2][2]
                self.regs.params, self.regs.handlers = params, handlers
                if self.regs.trace:
                    self.regs.trace("dynamic-wind enter (rewinding)", before)

                def installed() -> object:
                    stack.append(frame)
                    return self.wind_in(frames, i + 1, then)
                stack.append((k_then, None, installed))
                return self.apply(before, ())
        stack.extend(frames[start:])
        return then()


def k_wind_exit(v: object, env: object, data: tuple) -> object:
    """Frame of an active dynamic-wind: on normal return run the after-thunk, then yield V."""
    machine = data[4]
    if machine.regs.trace:
        machine.regs.trace("dynamic-wind exit", data[3])
    machine.regs.stack.append((k_return, None, v))
    return machine.apply(data[3], ())


def common_prefix(a: list, b: list) -> int:
    """Length of the longest common prefix of two stacks, comparing frames by identity."""
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] is b[i]:
        i += 1
    return i


def list_to_tuple(lst: object) -> tuple:
    """Spread a Scheme list into a Python tuple of arguments."""
    out = []
    while type(lst) is Pair:
        out.append(lst.car)
        lst = lst.cdr
    if lst is not NIL:
        raise guile_error("wrong-type-arg", "apply", "Apply to non-list: ~S", [lst], [lst])
    return tuple(out)


__all__ = ["Machine", "SchemeExit", "UncaughtError", "Interrupted", "k_return", "k_then",
           "k_wind_exit", "k_restore_dynamic", "k_prompt", "list_to_tuple", "Values", "Condition"]

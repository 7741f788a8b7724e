"""Procedures that transfer control: apply, values, prompts, continuations, dynamic-wind, raise.

Each is a ControlPrimitive `fn(machine, args)`, returning a value or a jump, and may push frames; none of
them calls Scheme code on the Python stack, so continuations can be captured anywhere.
"""
from __future__ import annotations

from typing import Callable

from ..data.conditions import Condition, SchemeError, guile_error, wrong_num_args, wrong_type
from ..data.procedures import ControlPrimitive, Primitive, Procedure
from ..data.values import NIL, Keyword, MString, Pair, Symbol, UNSPECIFIED, Values, from_list, make_values
from ..machine.machine import (Machine, k_prompt, k_restore_dynamic, k_return, k_wind_exit,
                               list_to_tuple)
from ..machine.procs import EscapeContinuation, Parameter, PromptTag
from .equality import is_eq
from .registry import control, primitive


def arity(nreq: int, nopt: int = 0, rest: bool = False) -> Callable:
    """Declare a control primitive's Scheme arity."""
    def mark(fn: Callable) -> Callable:
        fn.arity = (nreq, nopt, rest)
        return fn
    return mark


def check_arity(name: str, args: tuple, nreq: int, nopt: int = 0, rest: bool = False) -> None:
    """Raise Guile's wrong-number-of-args when ARGS does not fit."""
    if len(args) < nreq or (not rest and len(args) > nreq + nopt):
        raise wrong_num_args(Symbol(name))


def is_procedure(x: object) -> bool:
    """Scheme's procedure?."""
    return isinstance(x, Procedure)


@control("apply")
@arity(1, 0, True)
def apply_(m: Machine, args: tuple) -> object:
    """(apply f a ... lst)"""
    check_arity("apply", args, 1, 0, True)
    if len(args) == 1:
        return m.apply(args[0], ())
    return m.apply(args[0], args[1:-1] + list_to_tuple(args[-1]))


@control("values")
@arity(0, 0, True)
def values(m: Machine, args: tuple) -> object:
    """Return several values (a control primitive, so single-value contexts can truncate them)."""
    return make_values(args)


def k_call_receiver(v: object, env: object, receiver: object) -> object:
    """Frame of call-with-values: spread the producer's values into the receiver."""
    if type(v) is Values:
        return env.apply(receiver, v.items)
    return env.apply(receiver, (v,))


@control("call-with-values")
@arity(2)
def call_with_values(m: Machine, args: tuple) -> object:
    """(call-with-values producer receiver)"""
    check_arity("call-with-values", args, 2)
    m.regs.stack.append((k_call_receiver, m, args[1]))
    return m.apply(args[0], ())


# -- prompts ------------------------------------------------------------------------------------

@primitive("make-prompt-tag")
def make_prompt_tag(stem: object = "prompt") -> PromptTag:
    """Return a fresh prompt tag."""
    return PromptTag(stem)


DEFAULT_PROMPT_TAG = PromptTag("default")


@primitive("default-prompt-tag")
def default_prompt_tag() -> PromptTag:
    """Return the tag that call/cc and the REPL delimit with."""
    return DEFAULT_PROMPT_TAG


@control("call-with-prompt")
@arity(3)
def call_with_prompt(m: Machine, args: tuple) -> object:
    """(call-with-prompt tag thunk handler)"""
    check_arity("call-with-prompt", args, 3)
    tag, thunk, handler = args
    regs = m.regs
    regs.stack.append((k_prompt, None, (tag, handler, regs.params, regs.handlers)))
    if regs.trace:
        regs.trace("call-with-prompt", tag)
    return m.apply(thunk, ())


@control("%resume-under-prompt")
@arity(4)
def resume_under_prompt(m: Machine, args: tuple) -> object:
    """(%resume-under-prompt tag k thunk handler): under a prompt for TAG with HANDLER, resume K,
    a continuation from %suspend-to-prompt, with THUNK, or call THUNK when K is #f.  Ethreads run
    a thread with it: one step instead of call-with-prompt, a closure and a continuation call."""
    if len(args) != 4:
        raise wrong_num_args(Symbol("%resume-under-prompt"))
    tag, k, thunk, handler = args
    regs = m.regs
    params, handlers = regs.params, regs.handlers
    regs.stack.append((k_prompt, None, (tag, handler, params, handlers)))
    if regs.trace:
        regs.trace("call-with-prompt", tag)
    if k is False:
        return m.apply(thunk, ())
    base = getattr(k, "base", None)
    if base is None or base[0] is not params or base[1] is not handlers or k.rewinds:
        return m.apply(k, (thunk,))
    # the common case, resumed where it was suspended: invoke_continuation's fast path, inline
    if regs.trace:
        regs.trace("resume continuation", k)
    regs.stack.extend(k.frames)
    regs.params, regs.handlers = k.params, k.handlers
    return thunk


def find_prompt(m: Machine, tag: object) -> int:
    """Index of the innermost prompt frame for TAG, or -1."""
    stack = m.regs.stack
    for i in range(len(stack) - 1, -1, -1):
        frame = stack[i]
        if frame[0] is k_prompt and frame[2][0] is tag:
            return i
    return -1


INTERRUPT_TAG = PromptTag("interrupt")


@primitive("%interrupt-prompt-tag")
def interrupt_prompt_tag() -> PromptTag:
    """Return the tag of prompts that Ctrl-C aborts to (`run-server` returns through one)."""
    return INTERRUPT_TAG


def interrupted(m: Machine, base: int) -> object:
    """Ctrl-C: abort to the innermost interrupt prompt above stack index BASE, as Guile's SIGINT
    handlers do for `run-server`; with none, end the program."""
    i = find_prompt(m, INTERRUPT_TAG)
    if i < base:
        return m.end_run(base)
    return abort_to_prompt(m, (INTERRUPT_TAG,))


@control("abort-to-prompt")
@arity(1, 0, True)
def abort_to_prompt(m: Machine, args: tuple) -> object:
    """(abort-to-prompt tag val ...): unwind to TAG's prompt and call its handler with k and the vals."""
    check_arity("abort-to-prompt", args, 1, 0, True)
    tag = args[0]
    i = find_prompt(m, tag)
    if i < 0:
        raise guile_error("misc-error", "abort", "Abort to unknown prompt", [tag], None)
    _, handler, params, handlers = m.regs.stack[i][2]
    k = m.capture(i + 1, True, base=(params, handlers))
    if m.regs.trace:
        m.regs.trace("abort-to-prompt", tag)

    def call_handler() -> object:
        m.regs.params, m.regs.handlers = params, handlers
        return m.apply(handler, (k,) + args[1:])
    return m.unwind_to(i, call_handler)


def k_call_thunk(v: object, m: Machine, data: object) -> object:
    """Top frame of a suspended thread: call the thunk it is resumed with, inside the thread."""
    if type(v) is Primitive:            # the scheduler's thunks are
        return v.fn()
    return m.apply(v, ())


@control("%suspend-to-prompt")
@arity(1, 0, True)
def suspend_to_prompt(m: Machine, args: tuple) -> object:
    """Like abort-to-prompt, but a switch rather than an exit: no dynamic-wind handler runs now, and
    none runs again when the continuation is resumed (ethreads suspend with this).  The
    continuation takes a thunk and returns its values, so whoever resumes a thread can also make it
    raise or unwind."""
    tag = args[0]
    i = find_prompt(m, tag)
    if i < 0:
        raise guile_error("misc-error", "suspend", "not inside an ethread: ~S", [tag], None)
    stack = m.regs.stack
    _, handler, params, handlers = stack[i][2]
    stack.append((k_call_thunk, m, None))
    k = m.capture(i + 1, True, rewinds=False, base=(params, handlers))
    if m.regs.trace:
        m.regs.trace("suspend", tag)
    del stack[i:]
    m.regs.params, m.regs.handlers = params, handlers
    if type(handler) is Primitive and len(args) == 2:
        return handler.fn(k, args[1])
    return m.apply(handler, (k,) + args[1:])


@control("call-with-current-continuation", "call/cc")
@arity(1)
def call_cc(m: Machine, args: tuple) -> object:
    """Capture the whole stack as an undelimited continuation and pass it to the procedure."""
    check_arity("call-with-current-continuation", args, 1)
    return m.apply(args[0], (m.capture(0, False),))


def k_escape_marker(v: object, env: object, marker: object) -> object:
    """Frame marking the return point of a call/ec."""
    return v


@control("call-with-escape-continuation", "call/ec")
@arity(1)
def call_ec(m: Machine, args: tuple) -> object:
    """Call the procedure with a one-shot escape to this point."""
    check_arity("call-with-escape-continuation", args, 1)
    k = EscapeContinuation()
    m.regs.stack.append((k_escape_marker, None, k.marker))
    return m.apply(args[0], (k,))


# -- dynamic-wind --------------------------------------------------------------------------------

@control("dynamic-wind")
@arity(3)
def dynamic_wind(m: Machine, args: tuple) -> object:
    """(dynamic-wind before thunk after)"""
    check_arity("dynamic-wind", args, 3)
    before, thunk, after = args
    regs = m.regs

    def enter() -> object:
        regs.stack.append((k_wind_exit, None, (before, regs.params, regs.handlers, after, m)))
        return m.apply(thunk, ())
    if regs.trace:
        regs.trace("dynamic-wind enter", before)
    regs.stack.append((k_then_call, None, enter))
    return m.apply(before, ())


def k_then_call(v: object, env: object, step: Callable) -> object:
    """Frame that continues with a Python step once a value arrives."""
    return step()


# -- parameters ----------------------------------------------------------------------------------

@control("make-parameter")
@arity(1, 1)
def make_parameter(m: Machine, args: tuple) -> object:
    """(make-parameter value [converter]): the converter is applied to the initial value too."""
    check_arity("make-parameter", args, 1, 1)
    if len(args) == 1:
        return Parameter(args[0], False)
    p = Parameter(None, args[1])

    def store(v: object, env: object, data: object) -> object:
        p.cell[0] = v
        return p
    m.regs.stack.append((store, None, None))
    return m.apply(args[1], (args[0],))


@control("%parameterize")
@arity(3)
def parameterize(m: Machine, args: tuple) -> object:
    """(%parameterize params values thunk): the expansion target of `parameterize`."""
    params, vals, thunk = list_to_tuple(args[0]), list_to_tuple(args[1]), args[2]
    for p in params:
        if type(p) is not Parameter:
            raise wrong_type("parameterize", 1, p, "parameter")
    return convert_parameters(m, (params, vals, thunk, []))


def convert_parameters(m: Machine, state: tuple) -> object:
    """Run the converters of the parameters of a `parameterize` that have none converted yet (in
    STATE: params, values, thunk, converted values so far), then the thunk with them bound.  The
    state goes through frames, not a closure over itself, which would be cyclic garbage."""
    params, vals, thunk, converted = state
    regs = m.regs
    while len(converted) < len(params):
        p = params[len(converted)]
        if p.converter is False:
            converted.append(vals[len(converted)])
            continue
        regs.stack.append((k_converted, m, state))
        return m.apply(p.converter, (vals[len(converted)],))
    added = {p: [v] for p, v in zip(params, converted)}
    regs.stack.append((k_restore_dynamic, None, (regs, regs.params, regs.handlers, "params", added)))
    regs.params = {**regs.params, **added}
    return m.apply(thunk, ())


def k_converted(v: object, m: Machine, state: tuple) -> object:
    """Frame under a parameter's converter: keep its value, go on with the next parameter."""
    state[3].append(v)
    return convert_parameters(m, state)


# -- exceptions ----------------------------------------------------------------------------------

@control("with-exception-handler")
@arity(2, 0, True)
def with_exception_handler(m: Machine, args: tuple) -> object:
    """(with-exception-handler handler thunk [#:unwind? bool] [#:unwind-for-type type])"""
    if len(args) > 2:
        return with_unwinding_handler(m, args)
    check_arity("with-exception-handler", args, 2)
    handler, thunk = args
    regs = m.regs
    if not is_procedure(handler):
        raise wrong_type("with-exception-handler", 1, handler, "procedure")
    regs.stack.append((k_restore_dynamic, None, (regs, regs.params, regs.handlers, "handler", handler)))
    regs.handlers = (handler, regs.handlers)
    return m.apply(thunk, ())


def with_unwinding_handler(m: Machine, args: tuple) -> object:
    """Guile's keyword form: with #:unwind? true, an exception (of #:unwind-for-type, a throw key,
    when given) first unwinds to the with-exception-handler call, whose value is the handler's."""
    handler, thunk, options = args[0], args[1], keyword_options(args[2:], ("unwind?", "unwind-for-type"))
    if options.get("unwind?", False) is False:
        return with_exception_handler(m, (handler, thunk))
    kind = options.get("unwind-for-type", True)
    tag = PromptTag("with-exception-handler")

    def catch(m: Machine, a: tuple) -> object:
        payload = a[0]
        if kind is not True and not (type(payload) is Condition and payload.key is kind):
            return signal(m, payload, False)    # not ours: on to the handlers outside
        return abort_to_prompt(m, (tag, payload))

    def body(m: Machine, a: tuple) -> object:
        return with_exception_handler(m, (ControlPrimitive("with-exception-handler", catch, 1), thunk))

    def unwound(m: Machine, a: tuple) -> object:
        return m.apply(handler, (a[1],))
    return call_with_prompt(m, (tag, ControlPrimitive("thunk", body), ControlPrimitive("handler", unwound, 2)))


@control("catch")
@arity(3, 1)
def catch(m: Machine, args: tuple) -> object:
    """(catch key thunk handler [pre-unwind-handler]): call THUNK; when it throws KEY (anything,
    for #t), unwind to here and return HANDLER applied to the key and arguments.  The
    PRE-UNWIND-HANDLER, given, sees them first, where the throw happened.  A prompt and an
    exception handler, as in Guile, set up in one step."""
    check_arity("catch", args, 3, 1)
    key, thunk, handler = args[0], args[1], args[2]
    pre = args[3] if len(args) == 4 else None
    tag = PromptTag("catch")

    def intercept(m: Machine, a: tuple) -> object:
        c = a[0]
        if key is not True and not is_eq(key, condition_key(c)):
            return signal(m, c, True)           # not ours: on to the handlers outside
        if pre is None:
            return abort_to_prompt(m, (tag, c))
        m.regs.stack.append((k_abort, m, (tag, c)))
        return m.apply(pre, throw_args(c))

    def unwound(m: Machine, a: tuple) -> object:
        return m.apply(handler, throw_args(a[1]))
    regs = m.regs
    regs.stack.append((k_prompt, None, (tag, ControlPrimitive("catch-handler", unwound, 2),
                                        regs.params, regs.handlers)))
    return with_exception_handler(m, (ControlPrimitive("catch", intercept, 1), thunk))


def k_abort(v: object, m: Machine, data: tuple) -> object:
    """Frame under a pre-unwind handler: once it returns, abort to the catch's prompt."""
    return abort_to_prompt(m, data)


def throw_args(c: object) -> tuple:
    """The key and arguments a catch handler is applied to, for the raised object C."""
    return (condition_key(c), *list_to_tuple(condition_args(c)))


def keyword_options(items: tuple, allowed: tuple) -> dict:
    """#:key value pairs as a dict by keyword name (Guile's error for anything else)."""
    if len(items) % 2:
        raise guile_error("keyword-argument-error", None, "Odd length of keyword argument list", [], None)
    options = {}
    for key, value in zip(items[::2], items[1::2]):
        if type(key) is not Keyword or key.name not in allowed:
            raise guile_error("keyword-argument-error", None, "Unrecognized keyword", [], [key])
        options[key.name] = value
    return options


def k_after_handler(v: object, env: object, payload: object) -> object:
    """Frame after a handler of a non-continuable raise returned: Guile raises a &non-continuable."""
    from .exceptions import non_continuable
    raise SchemeError(non_continuable())


def signal(m: Machine, payload: object, continuable: bool) -> object:
    """Call the current handler with PAYLOAD in the dynamic context of the raise."""
    regs = m.regs
    if regs.handlers is None:
        raise SchemeError(payload, continuable)
    handler, outer = regs.handlers
    regs.stack.append((k_restore_dynamic, None, (regs, regs.params, regs.handlers, "unhandle", None)))
    if not continuable:
        regs.stack.append((k_after_handler, None, payload))
    regs.handlers = outer
    return m.apply(handler, (payload,))


@control("raise", "raise-exception")
@arity(1)
def raise_(m: Machine, args: tuple) -> object:
    """(raise obj): non-continuable."""
    check_arity("raise", args, 1)
    return signal(m, args[0], False)


@control("raise-continuable")
@arity(1)
def raise_continuable(m: Machine, args: tuple) -> object:
    """(raise-continuable obj): the handler's value is returned to the raise point."""
    check_arity("raise-continuable", args, 1)
    return signal(m, args[0], True)


@primitive("throw")
def throw(key: object, *args: object) -> object:
    """(throw key arg ...): raise a Guile-style (key . args) condition."""
    raise SchemeError(Condition(key, from_list(args)))


@primitive("scm-error")
def scm_error(key: object, subr: object, message: object, fmt_args: object, rest: object) -> object:
    """(scm-error key subr message args rest)"""
    raise SchemeError(Condition(key, from_list([subr, message, fmt_args, rest])))


@primitive("error")
def error(message: object = None, *irritants: object) -> object:
    """Guile's error: a misc-error formatting the message with ~A and each irritant with ~S."""
    text = "~A" + " ~S" * len(irritants)
    args = from_list([False, MString(text, False), from_list([message, *irritants]), False])
    raise SchemeError(Condition(Symbol("misc-error"), args))


@primitive("%condition?")
def condition_p(x: object) -> bool:
    """True for Guile-style (key . args) conditions."""
    return type(x) is Condition


@primitive("%condition-key")
def condition_key(x: object) -> object:
    """The key of a Guile-style condition."""
    return x.key if type(x) is Condition else Symbol("%exception")


@primitive("%condition-args")
def condition_args(x: object) -> object:
    """The argument list of a Guile-style condition (a raised non-condition becomes its only arg)."""
    return x.args if type(x) is Condition else Pair(x, NIL)


@primitive("%make-condition")
def make_condition(key: object, args: object) -> Condition:
    """Build a (key . args) condition."""
    return Condition(key, args)


@primitive("procedure?")
def procedure_p(x: object) -> bool:
    """Scheme's procedure?"""
    return is_procedure(x)


@primitive("parameter?")
def parameter_p(x: object) -> bool:
    """True for parameter objects."""
    return type(x) is Parameter


@control("%trace-event")
@arity(2)
def trace_event(m: Machine, args: tuple) -> object:
    """Log an event (e.g. an ethread switch) when --trace-control is on."""
    if m.regs.trace:
        m.regs.trace(args[0].name if type(args[0]) is Symbol else str(args[0]), args[1])
    return UNSPECIFIED


@primitive("continuation-frames")
def continuation_frames(k: object) -> object:
    """The frames of continuation K as data, innermost first: (form-with-hole file line column)."""
    from ..machine.inspect import continuation_frames as frames_of
    from ..machine.procs import Continuation
    if type(k) is not Continuation:
        raise wrong_type("continuation-frames", 1, k, "continuation")
    return frames_of(k)


@primitive("%report-error")
def report_error(payload: object, port: object) -> object:
    """Print PAYLOAD as an uncaught error with the Scheme backtrace of the current stack."""
    from ..machine.frames import Active
    from ..machine.report import error_report
    loc = payload.loc if type(payload) is Condition else None
    port.write(error_report(payload, list(Active.regs.stack), loc))
    return UNSPECIFIED


def install(m: Machine) -> None:
    """Connect the machine's error and Ctrl-C routing to Scheme handlers."""
    m.error_hook = lambda payload, continuable: signal(m, payload, continuable)
    m.interrupt_hook = lambda base: interrupted(m, base)


__all__ = ["install", "k_prompt", "DEFAULT_PROMPT_TAG", "UNSPECIFIED", "k_return"]

"""Errors as Scheme sees them: Guile's (key . args) throws.

Primitives raise `SchemeError`; the machine turns it into a Scheme `raise` so that `catch`, `guard` and
`with-exception-handler` see it.  A Guile-style error is a `Condition` with a key symbol and an argument
list shaped like Guile's: (subr message format-args rest).
"""
from __future__ import annotations

from .values import NIL, MString, Pair, Symbol, from_list


class Condition:
    """A thrown (key . args) pair; what Guile's `catch` handlers receive."""

    __slots__ = ("key", "args", "loc")

    def __init__(self, key: Symbol, args: object) -> None:
        self.key = key
        self.args = args
        self.loc: tuple | None = None     # where it was raised, when known


class SchemeError(Exception):
    """A Scheme object raised from Python; `payload` is the object (often a Condition)."""

    def __init__(self, payload: object, continuable: bool = False) -> None:
        super().__init__(payload)
        self.payload = payload
        self.continuable = continuable


def guile_error(key: str, subr: str | None, message: str, fmt_args: list | None,
                rest: list | None = None) -> SchemeError:
    """Build Guile's standard error shape: (KEY SUBR MESSAGE FMT-ARGS REST)."""
    args = from_list([
        MString(subr, False) if subr is not None else False,
        MString(message, False),
        from_list(fmt_args) if fmt_args is not None else False,
        from_list(rest) if rest is not None else False,
    ])
    return SchemeError(Condition(Symbol(key), args))


def wrong_type(subr: str, pos: int, obj: object, expected: str | None = None) -> SchemeError:
    """Guile's wrong-type-arg error for argument POS of SUBR."""
    if expected is None:
        return guile_error("wrong-type-arg", subr, "Wrong type argument in position ~A: ~S",
                           [pos, obj], [obj])
    return guile_error("wrong-type-arg", subr, "Wrong type argument in position ~A (expecting ~A): ~S",
                       [pos, MString(expected, False), obj], [obj])


def out_of_range(subr: str, pos: int, obj: object) -> SchemeError:
    """Guile's out-of-range error for argument POS of SUBR."""
    return guile_error("out-of-range", subr, "Argument ~A out of range: ~S", [pos, obj], [obj])


def misc_error(subr: str | None, message: str, fmt_args: list | None = None) -> SchemeError:
    """Guile's misc-error; MESSAGE uses ~A/~S directives filled from FMT_ARGS."""
    return guile_error("misc-error", subr, message, fmt_args or [], None)


def unbound_variable(name: Symbol) -> SchemeError:
    """Guile's unbound-variable error."""
    return guile_error("unbound-variable", None, "Unbound variable: ~S", [name], None)


def wrong_num_args(proc: object) -> SchemeError:
    """Guile's wrong-number-of-args error for a call of PROC."""
    return guile_error("wrong-number-of-args", None, "Wrong number of arguments to ~A", [proc], None)


def quit_status(code: object) -> int:
    """The process status for an exit code: #t (or none) 0, #f 1, an integer its low byte."""
    if code is True:
        return 0
    if code is False:
        return 1
    return int(code) & 0xFF if type(code) is int else 0


def quit_request(payload: object) -> int | None:
    """The status a raised (quit [code]) condition asks the program to exit with; None for others."""
    if type(payload) is not Condition or payload.key is not Symbol("quit"):
        return None
    args = payload.args
    return quit_status(args.car) if type(args) is Pair else 0


def syntax_error(who: str | None, message: str, form: object, subform: object = False) -> SchemeError:
    """A syntax-error raised by the expander, in Guile's shape: (who message source form subform),
    SOURCE being source properties Guile may have and we do not."""
    args = from_list([Symbol(who) if who else False, MString(message, False), False, form, subform])
    return SchemeError(Condition(Symbol("syntax-error"), args))


__all__ = ["Condition", "SchemeError", "guile_error", "wrong_type", "out_of_range", "misc_error",
           "unbound_variable", "wrong_num_args", "syntax_error", "NIL"]

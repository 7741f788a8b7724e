"""Guile 3 exception objects: exception types are record types, and exceptions are records.

A primitive's error is raised as a `Condition` (a Guile throw: key and args).  Guile 3 turns every throw
into a compound exception (an &assertion-failure or &error, &origin, &message, &irritants, and an
&exception-with-kind-and-args holding the key and args); here the Condition stays as raised and the
exception procedures see it through `exception_parts`, which builds those components on demand.
Conversely `exception-kind` and `exception-args` give a compound exception the throw shape `catch` uses.
"""
from __future__ import annotations

from ..data.conditions import Condition, SchemeError, guile_error
from ..data.printer import display_string, write_string
from ..data.procedures import Primitive
from ..data.values import NIL, UNSPECIFIED, MString, Pair, Symbol, from_list, to_list
from .ports import output_port
from .records import Record, RecordType, field_index, record_type_arg
from .registry import define, primitive

_SCHEME_BASE = ("scheme", "base")
TYPES: dict[str, RecordType] = {}


def exception_type(name: str, parent: RecordType | None, fields: tuple = (), extensible: bool = True
                   ) -> RecordType:
    """Create one of Guile's standard exception types."""
    rtd = RecordType(Symbol(name), [Symbol(f) for f in fields], [False] * len(fields), parent, extensible)
    TYPES[name] = rtd
    return rtd


EXCEPTION = exception_type("&exception", None)
COMPOUND = exception_type("&compound-exception", None, ("components",), False)
KIND_AND_ARGS = exception_type("&exception-with-kind-and-args", EXCEPTION, ("kind", "args"), False)
QUIT = exception_type("&quit-exception", EXCEPTION, ("code",), False)
ERROR = exception_type("&error", EXCEPTION)
PROGRAMMING = exception_type("&programming-error", ERROR)
NON_CONTINUABLE = exception_type("&non-continuable", PROGRAMMING)
ASSERTION = exception_type("&assertion-failure", PROGRAMMING)
MESSAGE = exception_type("&message", EXCEPTION, ("message",))
WARNING = exception_type("&warning", EXCEPTION)
EXTERNAL = exception_type("&external-error", ERROR)
IRRITANTS = exception_type("&irritants", EXCEPTION, ("irritants",))
ORIGIN = exception_type("&origin", EXCEPTION, ("origin",))
RESTRICTION = exception_type("&implementation-restriction", PROGRAMMING)
LEXICAL = exception_type("&lexical", PROGRAMMING)
SYNTAX = exception_type("&syntax", PROGRAMMING, ("form", "subform"))
UNDEFINED = exception_type("&undefined-variable", PROGRAMMING)

for _name in ("&exception", "&compound-exception", "&exception-with-kind-and-args", "&quit-exception",
              "&error", "&programming-error", "&non-continuable"):
    define(_name, TYPES[_name])

# Which kind of error each standard throw key stands for (keys not listed are plain &error).
KEY_TYPES: dict[str, RecordType] = {
    **dict.fromkeys(("wrong-number-of-args", "wrong-type-arg", "keyword-argument-error", "out-of-range",
                     "regular-expression-syntax", "program-error", "goops-error", "null-pointer-error"),
                    ASSERTION),
    **dict.fromkeys(("system-error", "host-not-found", "getaddrinfo-error", "no-data", "no-recovery",
                     "try-again"), EXTERNAL),
    **dict.fromkeys(("stack-overflow", "numerical-overflow", "memory-allocation-error"), RESTRICTION),
    "read-error": LEXICAL,
    "unbound-variable": UNDEFINED,
}


def simple(rtd: RecordType, *values: object) -> Record:
    """An instance of a standard exception type."""
    return Record(rtd, list(values))


def common_parts(args: list) -> list[Record]:
    """Origin, message and irritants of a (subr message fmt-args . rest) throw; else its args as irritants."""
    if len(args) >= 3:
        return [simple(ORIGIN, args[0]), simple(MESSAGE, args[1]), simple(IRRITANTS, args[2])]
    return [simple(IRRITANTS, from_list(args))]


def quit_code(args: list) -> object:
    """The exit code a (quit . args) throw asks for."""
    if not args:
        return 0
    first = args[0]
    if type(first) is int or (type(first) is float and first.is_integer()):
        return first
    return 1 if first is False else 0


def condition_parts(c: Condition) -> list[Record]:
    """The simple exceptions Guile 3 makes of the throw C."""
    key = c.key.name if type(c.key) is Symbol else ""
    args = to_list(c.args) if type(c.args) is Pair else []
    if key == "syntax-error" and len(args) >= 5:
        parts = [simple(SYNTAX, args[3], args[4]), simple(ORIGIN, args[0]), simple(MESSAGE, args[1])]
    elif key == "quit":
        parts = [simple(QUIT, quit_code(args))] + common_parts(args)
    else:
        parts = [simple(KEY_TYPES.get(key, ERROR))] + common_parts(args)
    return parts + [simple(KIND_AND_ARGS, c.key, c.args)]


def exception_parts(obj: object) -> list | None:
    """The simple exceptions making up OBJ, or None if OBJ is no exception."""
    t = type(obj)
    if t is Record:
        if obj.rtd is COMPOUND:
            return to_list(obj.values[0])
        if obj.rtd.is_a(EXCEPTION):
            return [obj]
        return None
    if t is Condition:
        return condition_parts(obj)
    return None


def find_part(obj: object, rtd: RecordType) -> Record | None:
    """The first component of exception OBJ that is an instance of RTD."""
    for part in exception_parts(obj) or ():
        if part.rtd.is_a(rtd):
            return part
    return None


def compound(parts: list) -> object:
    """One exception object made of PARTS: the part itself when there is exactly one."""
    if len(parts) == 1:
        return parts[0]
    return Record(COMPOUND, [from_list(parts)])


# -- the default environment --------------------------------------------------------------------

@primitive("make-exception")
def make_exception(*exceptions: object) -> object:
    """An exception composed of the simple exceptions of each argument."""
    parts: list = []
    for exn in exceptions:
        found = exception_parts(exn)
        if found is None:
            raise guile_error("misc-error", None, "not a exception ~S", [exn], None)
        parts.extend(found)
    return compound(parts)


@primitive("exception?")
def exception_p(obj: object) -> bool:
    """Is OBJ an exception object (a Guile throw counts)?"""
    return exception_parts(obj) is not None


@primitive("exception-type?")
def exception_type_p(obj: object) -> bool:
    """Is OBJ a record type descending from &exception?"""
    return type(obj) is RecordType and obj.is_a(EXCEPTION)


@primitive("make-exception-type")
def make_exception_type(name: object, parent: object, fields: object) -> RecordType:
    """A new exception type inheriting from PARENT with the given field names."""
    if not exception_type_p(parent):
        raise guile_error("misc-error", None, "parent is not a exception type ~S", [parent], None)
    names = to_list(fields)
    if not all(type(f) is Symbol for f in names):
        raise guile_error("misc-error", None, "field names should be a list of symbols ~S", [fields], None)
    return RecordType(name, names, [True] * len(names), parent, True)


@primitive("simple-exceptions")
def simple_exceptions(obj: object) -> object:
    """The list of simple exceptions composing OBJ."""
    parts = exception_parts(obj)
    if parts is None:
        raise guile_error("misc-error", None, "not a exception ~S", [obj], None)
    return from_list(parts)


@primitive("%exception-components")
def exception_components(obj: object) -> object:
    """The simple exceptions composing OBJ, or () if it is no exception (for exception-accessor)."""
    return from_list(exception_parts(obj) or [])


@primitive("exception-predicate")
def exception_predicate(rtd: object) -> Primitive:
    """A predicate true of instances of RTD and of compound exceptions with such a component."""
    rtd = record_type_arg(rtd)
    def test(obj: object) -> bool:
        if type(obj) is Record and obj.rtd.is_a(rtd):
            return True
        return find_part(obj, rtd) is not None
    return Primitive("exception-predicate", test, 1)


@primitive("exception-kind")
def exception_kind(obj: object) -> object:
    """The throw key of OBJ: its kind-and-args component's kind, else %exception."""
    if type(obj) is Condition:
        return obj.key
    part = find_part(obj, KIND_AND_ARGS)
    return part.values[0] if part is not None else Symbol("%exception")


@primitive("exception-args")
def exception_args(obj: object) -> object:
    """The throw arguments of OBJ: its kind-and-args component's args, else (OBJ)."""
    if type(obj) is Condition:
        return obj.args
    part = find_part(obj, KIND_AND_ARGS)
    return part.values[1] if part is not None else Pair(obj, NIL)


@primitive("%exception-type")
def standard_exception_type(name: object) -> RecordType:
    """One of Guile's standard exception types by name, for (ice-9 exceptions)."""
    return TYPES[name.name]


@primitive("%exception-field")
def exception_field(obj: object, rtd: object, field: object) -> object:
    """FIELD of the component of OBJ that is an RTD, or #f when there is none."""
    part = find_part(obj, rtd)
    return part.values[field_index(rtd, field)] if part is not None else False


def non_continuable() -> Record:
    """What a handler returning from a non-continuable raise raises (Guile: a &non-continuable)."""
    return simple(NON_CONTINUABLE)


# -- print-exception -----------------------------------------------------------------------------

SCM_ERROR_KEYS = frozenset((
    "goops-error", "host-not-found", "misc-error", "no-data", "no-recovery", "null-pointer-error",
    "out-of-memory", "out-of-range", "program-error", "read-error", "regular-expression-syntax", "signal",
    "stack-overflow", "system-error", "try-again", "unbound-variable", "wrong-number-of-args",
    "wrong-type-arg"))


class PrintError(Exception):
    """The exception could not be printed in its key's format; TEXT is what was printed before."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def simple_format(message: object, args: object) -> str:
    """Fill ~A/~S/~%/~~ in MESSAGE from the list ARGS as Guile's simple-format does.

    On a bad directive, a missing or a leftover argument, raise PrintError carrying the text written
    so far: each literal stretch is written only once the directive after it has succeeded.
    """
    if type(message) is not MString or not (args is NIL or type(args) is Pair):
        raise PrintError("")
    text, items = message.s, to_list(args)
    out: list[str] = []
    pos = 0
    while (i := text.find("~", pos)) >= 0 and i + 1 < len(text):
        d = text[i + 1].lower()
        if d in "as":
            if not items:
                raise PrintError("".join(out))
            value = items.pop(0)
            piece = display_string(value) if d == "a" else write_string(value)
        elif d in "%~":
            piece = "\n" if d == "%" else "~"
        else:
            raise PrintError("".join(out))
        out.append(text[pos:i] + piece)
        pos = i + 2
    out.append(text[pos:])
    if items:
        raise PrintError("".join(out))
    return "".join(out)


def describe_simple(part: Record) -> str:
    """One component of an exception, as Guile's exception printer lists it."""
    name = display_string(part.rtd.name)
    fields = part.rtd.fields
    if not fields:
        return name
    if len(fields) == 1:
        return f"{name}: {write_string(part.values[0])}"
    lines = [f"      {display_string(f)}: {write_string(v)}" for f, v in zip(fields, part.values)]
    return f"{name}:\n" + "\n".join(lines)


def exception_text(key: object, args: object) -> str:
    """What print-exception prints for the throw KEY ARGS, without the final newline."""
    items = to_list(args) if type(args) is Pair else []
    name = key.name if type(key) is Symbol else None
    prefix = ""
    try:
        if name in SCM_ERROR_KEYS and len(items) >= 3:
            prefix = f"In procedure {display_string(items[0])}: " if items[0] is not False else ""
            return prefix + simple_format(items[1], items[2] if items[2] is not False else NIL)
        if name == "%exception" and len(items) == 1 and exception_parts(items[0]) is not None:
            parts = exception_parts(items[0])
            if not parts:
                return "ERROR:\nEmpty exception object"
            return "ERROR:\n" + "\n".join(f"  {i}. {describe_simple(p)}" for i, p in enumerate(parts, 1))
        if name == "keyword-argument-error" and len(items) >= 4 and type(items[3]) is Pair:
            return f"{display_string(items[1])}: {write_string(items[3].car)}"
    except PrintError as exc:
        return prefix + exc.text + "Error while printing exception."
    return f"Throw to key `{display_string(key)}' with args `{write_string(args)}'."


@primitive("print-exception")
def print_exception(port: object, frame: object, key: object, args: object) -> object:
    """Print the throw KEY ARGS to PORT the way Guile reports errors."""
    out = output_port(port, "print-exception", 1)
    out.write(exception_text(key, args) + "\n")
    return UNSPECIFIED


# -- R7RS error objects, as (scheme base) has them ------------------------------------------------

@primitive("error-object?", module=_SCHEME_BASE)
def error_object_p(obj: object) -> bool:
    """R7RS error-object?: any exception object."""
    return exception_parts(obj) is not None


@primitive("error-object-message", module=_SCHEME_BASE)
def error_object_message(obj: object) -> object:
    """The message of OBJ, or #f when it has none."""
    part = find_part(obj, MESSAGE)
    return part.values[0] if part is not None else False


@primitive("error-object-irritants", module=_SCHEME_BASE)
def error_object_irritants(obj: object) -> object:
    """The irritants of OBJ, or #f when it has none."""
    part = find_part(obj, IRRITANTS)
    return part.values[0] if part is not None else False


@primitive("file-error?", module=_SCHEME_BASE)
def file_error_p(obj: object) -> bool:
    """R7RS file-error?: Guile 3.0.8 classifies no exception as a file error."""
    return False


@primitive("read-error?", module=_SCHEME_BASE)
def read_error_p(obj: object) -> bool:
    """R7RS read-error?: a lexical error."""
    return find_part(obj, LEXICAL) is not None


@primitive("error", module=_SCHEME_BASE)
def r7rs_error(message: object, *irritants: object) -> object:
    """R7RS error: raise an exception with MESSAGE and, if any, IRRITANTS."""
    parts = [simple(MESSAGE, message)]
    if irritants:
        parts.append(simple(IRRITANTS, from_list(irritants)))
    raise SchemeError(compound(parts))

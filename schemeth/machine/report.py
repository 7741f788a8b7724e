"""Guile-style error messages and Scheme backtraces for errors nobody caught."""
from __future__ import annotations

from ..data.conditions import Condition
from ..data.printer import display_string, write_string
from ..data.values import MString, Pair, to_list
from .frames import frame_location


def format_message(message: str, args: list) -> str:
    """Fill ~A (display) and ~S (write) directives, as Guile's error messages do."""
    out = []
    i = 0
    it = iter(args)
    while i < len(message):
        ch = message[i]
        if ch == "~" and i + 1 < len(message):
            d = message[i + 1]
            if d in "aA":
                out.append(display_string(next(it, "")))
            elif d in "sS":
                out.append(write_string(next(it, "")))
            elif d == "%":
                out.append("\n")
            else:
                out.append(d)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def describe_error(payload: object) -> str:
    """One-line description of a raised object, worded like Guile's."""
    if type(payload) is not Condition:
        return "Throw to key `%exception' with args `(" + write_string(payload) + ")'."
    key = payload.key.name
    args = to_list(payload.args)
    if key == "syntax-error" and len(args) >= 5:
        who = f"{display_string(args[0])}: " if args[0] is not False else ""
        return f"Syntax error: {who}{display_string(args[1])} in form {abbreviate(args[3])}"
    if len(args) == 4 and type(args[1]) is MString:
        subr, message, fmt = args[0], args[1].s, args[2]
        text = format_message(message, to_list(fmt) if type(fmt) is Pair else [])
        if type(subr) is MString:
            return f"In procedure {subr.s}: {text}"
        if subr is not False and subr is not None:
            return f"In procedure {display_string(subr)}: {text}"
        return text
    return f"Throw to key `{key}' with args `{write_string(payload.args)}'."


def abbreviate(form: object, width: int = 60) -> str:
    """A source form written on one line, cut to WIDTH characters."""
    from ..syntax.scope import strip
    text = write_string(strip(form))
    return text if len(text) <= width else text[:width - 3] + "..."


def format_location(loc: tuple | None) -> str:
    """FILE:LINE:COL as Guile prints it."""
    if loc is None:
        return ""
    file, line, col = loc[0], loc[1], loc[2]
    return f"{file or '<unknown>'}:{line}:{col}"


def backtrace(stack: list, limit: int = 20) -> list[str]:
    """Lines describing the Scheme frames of STACK, innermost first."""
    lines = []
    for frame in reversed(stack):
        loc = frame_location(frame)
        if loc is None:
            continue
        text = f"  {format_location(loc)}"
        if len(loc) > 3 and loc[3] is not None:
            text += f"  {abbreviate(loc[3])}"
        lines.append(text)
        if len(lines) >= limit:
            lines.append("  ...")
            break
    return lines


def error_report(payload: object, stack: list, loc: tuple | None) -> str:
    """The full text printed for an uncaught error: backtrace, then location and message."""
    lines = []
    trace = backtrace(stack)
    if trace:
        lines.append("Backtrace:")
        lines.extend(trace)
    where = format_location(loc)
    message = describe_error(payload)
    lines.append(f"{where}: {message}" if where else message)
    return "\n".join(lines) + "\n"

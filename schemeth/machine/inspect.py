"""Continuations shown as what they stand for: the pending computation, with the hole as [].

Resume frames that the compiler builds for call operands and `if` tests carry the source form they
belong to (`loc[3]`) and the position of the value they wait for (`hole`).  Walking a continuation's
frames from the innermost out and plugging each context into the next gives the expression that
the continuation will finish, e.g. `(* 2 (+ 1 []))`.
"""
from __future__ import annotations

from ..data.printer import write_string
from ..data.values import NIL, MString, Pair, Symbol, from_list

HOLE = Symbol("<>")            # the hole in frames returned as data (SRFI-26's slot name)
MAX_WIDTH = 72
MAX_DEPTH = 8


def frame_context(frame: tuple) -> tuple | None:
    """(form, hole position, loc) for a frame that knows its source, else None."""
    fn = frame[0]
    hole = getattr(fn, "hole", None)
    loc = getattr(fn, "loc", None)
    if hole is None or loc is None or len(loc) < 4 or type(loc[3]) is not Pair:
        return None
    return loc[3], hole, loc


def contexts(frames: list) -> list[tuple]:
    """The source contexts of FRAMES, innermost first."""
    return [c for c in (frame_context(f) for f in reversed(frames)) if c is not None]


def plug(form: object, hole: int, inner: str, width: int) -> str:
    """FORM written with element HOLE replaced by the text INNER; long siblings become `...`."""
    from ..syntax.scope import strip
    items = []
    x = strip(form)
    while type(x) is Pair:
        items.append(x.car)
        x = x.cdr
    parts = []
    for i, item in enumerate(items):
        if i == hole:
            parts.append(inner)
        else:
            text = write_string(item)
            parts.append(text if len(text) <= width else "...")
    return "(" + " ".join(parts) + ")"


def render(frames: list) -> str:
    """The pending computation of FRAMES as source text with the hole shown as []."""
    text = "[]"
    for depth, (form, hole, _) in enumerate(contexts(frames)):
        if depth >= MAX_DEPTH:
            text = "(... " + text + " ...)"
            break
        text = plug(form, hole, text, 16 if depth else 24)
    if len(text) > MAX_WIDTH * 2:
        text = text[:MAX_WIDTH] + " ... " + text[-MAX_WIDTH // 2:]
    return text


def describe_continuation(k: object) -> str:
    """The printed form of a continuation object."""
    return f"#<continuation {render(k.frames)}>"


def frame_lines(k: object) -> list[str]:
    """One line per frame of K, innermost first: location and the frame's form with its hole."""
    lines = []
    for form, hole, loc in contexts(k.frames):
        lines.append(f"{loc[0] or '<unknown>'}:{loc[1]}:{loc[2]}  {plug(form, hole, '[]', 40)}")
    return lines


def continuation_frames(k: object) -> object:
    """The frames of K as data, innermost first: (form-with-hole file line column) each."""
    from ..syntax.scope import strip
    out = []
    for form, hole, loc in contexts(k.frames):
        items = []
        x = form
        while type(x) is Pair:
            items.append(x.car)
            x = x.cdr
        items[hole] = HOLE
        out.append(from_list([strip(from_list(items)), MString(loc[0] or "<unknown>"), loc[1], loc[2]]))
    return from_list(out) if out else NIL

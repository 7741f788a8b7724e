"""A small pretty printer for the REPL's ,pp and ,expand: a datum -> text no wider than WIDTH when possible.

A list that fits on the rest of the line is written flat.  Otherwise it is broken the way Guile's
(ice-9 pretty-print) breaks code: body forms (`define`, `let`, `lambda`...) keep their distinguished
operands on the first line and indent the body by two; calls align their arguments under the first
one; other lists put one element per line.  Quote forms print abbreviated (`'x`).
"""
from __future__ import annotations

from ..data.printer import write_string
from ..data.values import NIL, Pair, Symbol

ABBREVIATIONS = {"quote": "'", "quasiquote": "`", "unquote": ",", "unquote-splicing": ",@"}

# Number of operands kept on the first line before the body, per form.
BODY_OPERANDS = {
    "define": 1, "define*": 1, "define-public": 1, "define-syntax": 1, "define-syntax-rule": 1,
    "define-module": 1, "lambda": 1, "lambda*": 1, "let": 1, "let*": 1, "letrec": 1, "letrec*": 1,
    "let-values": 1, "let*-values": 1, "let-syntax": 1, "letrec-syntax": 1, "syntax-rules": 1,
    "when": 1, "unless": 1, "if": 1, "case": 1, "do": 2, "receive": 2, "parameterize": 1,
    "with-exception-handler": 1, "guard": 1, "begin": 0, "case-lambda": 0, "dynamic-wind": 0,
}


def pretty(x: object, width: int = 79) -> str:
    """Render X for reading, breaking lines so it stays within WIDTH columns where it can."""
    return Layout(width).layout(x, 0)


def list_items(x: object) -> list | None:
    """The elements of a proper list, or None for an improper one."""
    items = []
    while type(x) is Pair:
        items.append(x.car)
        x = x.cdr
    return items if x is NIL else None


class Layout:
    """Lays out data starting at a given column."""

    def __init__(self, width: int) -> None:
        self.width = width

    def layout(self, x: object, col: int) -> str:
        """X written at column COL."""
        abbrev = self.abbreviation(x)
        if abbrev is not None:
            return abbrev[0] + self.layout(abbrev[1], col + len(abbrev[0]))
        flat = write_string(x)
        if col + len(flat) <= self.width:
            return flat
        if type(x) is list:
            return "#(" + self.column(x, col + 2) + ")"
        items = list_items(x) if type(x) is Pair else None
        if not items:
            return flat
        return "(" + self.broken(items, col) + ")"

    def abbreviation(self, x: object) -> tuple[str, object] | None:
        """('prefix', datum) when X is a two-element quote form."""
        if type(x) is Pair and type(x.car) is Symbol and type(x.cdr) is Pair and x.cdr.cdr is NIL:
            prefix = ABBREVIATIONS.get(x.car.name)
            if prefix is not None:
                return prefix, x.cdr.car
        return None

    def broken(self, items: list, col: int) -> str:
        """The inside of a list that does not fit, the open paren being at COL."""
        head = items[0]
        if type(head) is not Symbol:
            return self.column(items, col + 1)
        name = head.name
        special = BODY_OPERANDS.get(name)
        if special is not None:
            if name == "let" and len(items) > 2 and type(items[1]) is Symbol:
                special = 2
            return self.body_form(items, special, col)
        start = col + 2 + len(name)
        if len(items) == 1 or start > col + self.width // 3:
            return self.column(items, col + 1)
        return name + " " + self.column(items[1:], start)

    def body_form(self, items: list, special: int, col: int) -> str:
        """A form whose first SPECIAL operands stay on the first line; the body is indented by two."""
        line = write_string(items[0])
        for operand in items[1:1 + special]:
            line += " " + self.layout(operand, self.last_column(line, col) + 1)
        rest = items[1 + special:]
        if not rest:
            return line
        indent = col + 2
        return line + "".join("\n" + " " * indent + self.layout(item, indent) for item in rest)

    def last_column(self, text: str, col: int) -> int:
        """The column just after TEXT when it started at COL + 1."""
        nl = text.rfind("\n")
        return col + 1 + len(text) if nl < 0 else len(text) - nl - 1

    def column(self, items: list, col: int) -> str:
        """ITEMS starting at COL: one per line, or as many per line as fit when all are atoms."""
        if any(type(item) in (Pair, list) for item in items):
            return ("\n" + " " * col).join(self.layout(item, col) for item in items)
        return self.fill([write_string(item) for item in items], col)

    def fill(self, words: list[str], col: int) -> str:
        """WORDS separated by spaces, wrapped to lines starting at COL."""
        lines = [words[0]]
        for word in words[1:]:
            if col + len(lines[-1]) + 1 + len(word) <= self.width:
                lines[-1] += " " + word
            else:
                lines.append(word)
        return ("\n" + " " * col).join(lines)

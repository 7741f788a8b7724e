"""The layout engine of (ice-9 pretty-print): Guile's generic-write algorithm (after Marc Feeley's pp).

A pair or vector is written on one line when its flat text is shorter than both the room left on the
line and the maximum expression width; otherwise it is split.  Forms headed by a known symbol are split
in that form's style (`define`, `let`, `if`, `cond`...), calls with a short head align their arguments
after the head, and everything else puts one element per line under the first.
"""
from __future__ import annotations

from typing import Callable

from ..data.printer import display_string, write_string
from ..data.values import NIL, UNSPECIFIED, MString, Pair, Symbol
from .ports import output_port
from .registry import primitive

READ_MACROS = {"quote": "'", "quasiquote": "`", "unquote": ",", "unquote-splicing": ",@"}
INDENT_GENERAL = 2
MAX_CALL_HEAD_WIDTH = 5


def read_macro(x: object) -> str | None:
    """The prefix of X when it is a two-element quote form, such as (quote d) => "'"."""
    if type(x) is Pair and type(x.car) is Symbol and type(x.cdr) is Pair and x.cdr.cdr is NIL:
        return READ_MACROS.get(x.car.name)
    return None


def is_proper(x: Pair) -> bool:
    """Is the list starting at pair X proper?"""
    while type(x) is Pair:
        x = x.cdr
    return x is NIL


class GenericWrite:
    """One pretty-printing job; methods take and return the current column, as in genwrite."""

    def __init__(self, display: bool, width: int, max_expr_width: int, prefix: str) -> None:
        self.text = display_string if display else write_string
        self.width = width
        self.max_expr_width = max_expr_width
        self.prefix = prefix
        self.pieces: list[str] = []

    def out(self, s: str, col: int) -> int:
        self.pieces.append(s)
        return col + len(s)

    def flat(self, obj: object) -> str:
        """OBJ on one line; quote forms inside proper lists are abbreviated."""
        prefix = read_macro(obj)
        if prefix is not None:
            return prefix + self.flat(obj.cdr.car)
        if type(obj) is Pair and is_proper(obj):
            items = []
            while obj is not NIL:
                items.append(self.flat(obj.car))
                obj = obj.cdr
            return "(" + " ".join(items) + ")"
        return self.text(obj)

    def indent(self, to: int, col: int) -> int:
        """Move to column TO, starting a new line if already past it."""
        if to < col:
            self.out("\n" + self.prefix, 0)
            col = 0
        return self.out(" " * (to - col), col)

    def pr(self, obj: object, col: int, extra: int, pp_pair: Callable) -> int:
        """Print OBJ at COL with EXTRA columns reserved after it (its closing parentheses)."""
        if type(obj) is not Pair and type(obj) is not list:
            return self.out(self.flat(obj), col)
        text = self.flat(obj)
        if len(text) < min(self.width - col - extra + 1, self.max_expr_width):
            return self.out(text, col)
        if type(obj) is Pair:
            return pp_pair(obj, col, extra)
        items = NIL
        for item in reversed(obj):
            items = Pair(item, items)
        return self.pp_list(items, self.out("#", col), extra, self.pp_expr)

    def pp_expr(self, expr: Pair, col: int, extra: int) -> int:
        """Split a pair that does not fit, in the style its head calls for."""
        prefix = read_macro(expr)
        if prefix is not None:
            return self.pr(expr.cdr.car, self.out(prefix, col), extra, self.pp_expr)
        head = expr.car
        if type(head) is not Symbol:
            return self.pp_list(expr, col, extra, self.pp_expr)
        style = STYLES.get(head.name)
        if style is not None:
            return style(self, expr, col, extra)
        if len(head.name) > MAX_CALL_HEAD_WIDTH:
            return self.pp_general(expr, col, extra, False, None, None, self.pp_expr)
        return self.pp_call(expr, col, extra, self.pp_expr)

    def pp_expr_list(self, expr: Pair, col: int, extra: int) -> int:
        """A list of expressions, one per line."""
        return self.pp_list(expr, col, extra, self.pp_expr)

    def pp_call(self, expr: Pair, col: int, extra: int, pp_item: Callable) -> int:
        """(head item1
                 item2)"""
        col = self.out(self.flat(expr.car), self.out("(", col))
        return self.pp_down(expr.cdr, col, col + 1, extra, pp_item)

    def pp_list(self, items: object, col: int, extra: int, pp_item: Callable) -> int:
        """(item1
            item2)"""
        col = self.out("(", col)
        return self.pp_down(items, col, col, extra, pp_item)

    def pp_down(self, items: object, col: int, col2: int, extra: int, pp_item: Callable) -> int:
        """The remaining ITEMS, each on its own line at column COL2, then the closing parenthesis."""
        while type(items) is Pair:
            rest = items.cdr
            col = self.pr(items.car, self.indent(col2, col), extra + 1 if rest is NIL else 0, pp_item)
            items = rest
        if items is NIL:
            return self.out(")", col)
        col = self.indent(col2, self.out(".", self.indent(col2, col)))
        return self.out(")", self.pr(items, col, extra + 1, pp_item))

    def pp_general(self, expr: Pair, col: int, extra: int, named: bool, pp1: Callable | None,
                   pp2: Callable | None, pp3: Callable) -> int:
        """A special form: head (and name), up to two operands on the head's line, then a body at COL+2."""
        body_col = col + INDENT_GENERAL
        col = self.out(self.flat(expr.car), self.out("(", col))
        rest = expr.cdr
        if named and type(rest) is Pair:
            col = self.out(self.flat(rest.car), self.out(" ", col))
            rest = rest.cdr
        operand_col = col + 1
        for pp in (pp1, pp2):
            if pp is not None and type(rest) is Pair:
                item, rest = rest.car, rest.cdr
                col = self.pr(item, self.indent(operand_col, col), extra + 1 if rest is NIL else 0, pp)
        return self.pp_down(rest, col, body_col, extra, pp3)

    def run(self, obj: object) -> str:
        """The whole pretty-printed text of OBJ, newline included."""
        self.out(self.prefix, 0)
        self.pr(obj, 0, 0, self.pp_expr)
        self.out("\n", 0)
        return "".join(self.pieces)


def _lambda_style(g: GenericWrite, e: Pair, col: int, extra: int) -> int:
    return g.pp_general(e, col, extra, False, g.pp_expr_list, None, g.pp_expr)


def _if_style(g: GenericWrite, e: Pair, col: int, extra: int) -> int:
    return g.pp_general(e, col, extra, False, g.pp_expr, None, g.pp_expr)


def _case_style(g: GenericWrite, e: Pair, col: int, extra: int) -> int:
    return g.pp_general(e, col, extra, False, g.pp_expr, None, g.pp_expr_list)


def _let_style(g: GenericWrite, e: Pair, col: int, extra: int) -> int:
    named = type(e.cdr) is Pair and type(e.cdr.car) is Symbol
    return g.pp_general(e, col, extra, named, g.pp_expr_list, None, g.pp_expr)


def _begin_style(g: GenericWrite, e: Pair, col: int, extra: int) -> int:
    return g.pp_general(e, col, extra, False, None, None, g.pp_expr)


def _do_style(g: GenericWrite, e: Pair, col: int, extra: int) -> int:
    return g.pp_general(e, col, extra, False, g.pp_expr_list, g.pp_expr_list, g.pp_expr)


def _syntax_case_style(g: GenericWrite, e: Pair, col: int, extra: int) -> int:
    return g.pp_general(e, col, extra, True, g.pp_expr_list, None, g.pp_expr)


STYLES: dict[str, Callable] = {
    **dict.fromkeys(("lambda", "lambda*", "let*", "letrec", "define", "define*", "define-public",
                     "define-syntax", "let-syntax", "letrec-syntax", "with-syntax", "syntax-rules"),
                    _lambda_style),
    "if": _if_style, "set!": _if_style,
    "cond": lambda g, e, col, extra: g.pp_call(e, col, extra, g.pp_expr_list),
    "case": _case_style,
    "and": lambda g, e, col, extra: g.pp_call(e, col, extra, g.pp_expr),
    "or": lambda g, e, col, extra: g.pp_call(e, col, extra, g.pp_expr),
    "let": _let_style,
    "begin": _begin_style,
    "do": _do_style,
    "syntax-case": _syntax_case_style,
}


@primitive("%pretty-print")
def pretty_print(obj: object, port: object, width: object, max_expr_width: object, display: object,
                 prefix: object) -> object:
    """Write OBJ to PORT laid out within WIDTH columns, each line starting with PREFIX."""
    out = output_port(port, "pretty-print", 2)
    text = prefix.s if type(prefix) is MString else ""
    g = GenericWrite(display is not False, width - len(text), max_expr_width, text)
    out.write(g.run(obj))
    return UNSPECIFIED

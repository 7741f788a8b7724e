"""LALR(1) run time for scheme.lark: text -> tokens -> one callback per reduced rule alternative.

The tables come from lark's LALR(1) analysis of scheme.lark (see build_tables.py); running them here
instead of importing lark keeps startup cheap.  `tokens` lexes with one regexp made of the terminals,
which scheme.lark keeps mutually exclusive, so no contextual lexer is needed; `Parser` runs the table.
"""
from __future__ import annotations

import re
from typing import Callable, Iterator

from . import tables

END = "$END"

# Whitespace before a token is absorbed by the token's own match (a WHITESPACE token remains only at the end).
_WHITESPACE = re.compile(dict(tables.TERMINALS)["WHITESPACE"])
_LEXER = re.compile(f"(?:{_WHITESPACE.pattern})?(?:"
                    + "|".join(f"(?P<{name}>{regexp})" for name, regexp in tables.TERMINALS) + ")")
_IGNORED = frozenset(tables.IGNORED)


class Token:
    """A terminal: its kind, text and [start, end) offsets; `line` is counted only for located kinds."""

    __slots__ = ("kind", "text", "start", "end", "line")

    def __init__(self, kind: str, text: str, start: int, end: int, line: int = 0) -> None:
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end
        self.line = line

    def __repr__(self) -> str:
        return f"Token({self.kind}, {self.text!r}, {self.start})"


class LexError(Exception):
    """No terminal matches the text at `pos`."""

    def __init__(self, pos: int) -> None:
        super().__init__(pos)
        self.pos = pos


class ParseError(Exception):
    """The parse table has no action for `token` in the parser's current state."""

    def __init__(self, token: Token, parser: "Parser") -> None:
        super().__init__(token.kind)
        self.token = token
        self.parser = parser


def tokens(text: str, pos: int, located: frozenset,
           on_ignored: Callable[[str, str], None]) -> Iterator[Token]:
    """Yield the tokens of TEXT from POS; kinds in LOCATED get 0-based line numbers relative to POS.

    Ignored tokens (comments, directives) are passed to ON_IGNORED as (kind, text) instead.
    """
    match = _LEXER.match
    end = len(text)
    line = 0
    counted = pos
    while pos < end:
        m = match(text, pos)
        if m is None:
            raise LexError(_skip_whitespace(text, pos))
        kind = m.lastgroup
        start, pos = m.span(kind)
        if kind in _IGNORED:
            on_ignored(kind, m.group(kind))
        elif kind in located:
            line += text.count("\n", counted, start)
            counted = start
            yield Token(kind, m.group(kind), start, pos, line)
        else:
            yield Token(kind, m.group(kind), start, pos)


def _skip_whitespace(text: str, pos: int) -> int:
    """Offset of the first non-whitespace character at or after POS."""
    m = _WHITESPACE.match(text, pos)
    return m.end() if m else pos


class Parser:
    """An LALR(1) parse in progress.

    BUILDER has one method per rule alternative, named as in scheme.lark; each reduction calls
    `builder.<name>(children)` and its result becomes the value of the reduced symbol.
    """

    _reducers: dict[type, list] = {}     # builder class -> [(method, rhs length, lhs)] by rule number

    def __init__(self, start: str, builder: object) -> None:
        self.states = [tables.START[start]]
        self.values: list = []
        self.accept = tables.ACCEPT[start]
        self.builder = builder
        cls = type(builder)
        if cls not in self._reducers:
            self._reducers[cls] = [(getattr(cls, name), size, origin) for name, size, origin in tables.RULES]
        self.reducers = self._reducers[cls]

    def feed(self, token: Token) -> None:
        """Shift TOKEN (or accept, for the END token), first making the reductions its kind calls for."""
        kind = token.kind
        actions = tables.ACTIONS
        states, values, reducers, builder = self.states, self.values, self.reducers, self.builder
        while True:
            action = actions[states[-1]].get(kind)
            if action is None:
                if kind == END and states[-1] == self.accept:
                    return
                raise ParseError(token, self)
            if action >= 0:
                states.append(action)
                values.append(token)
                return
            callback, size, origin = reducers[~action]
            if size:
                children = values[-size:]
                del values[-size:]
                del states[-size:]
            else:
                children = []
            values.append(callback(builder, children))
            states.append(actions[states[-1]][origin])

    def finish(self, offset: int) -> object:
        """Reduce at the end of input (at OFFSET) and return the start symbol's value."""
        self.feed(Token(END, "", offset, offset))
        return self.values[-1]

    def symbols(self) -> list[str]:
        """The grammar symbol of each entry of the value stack, innermost last."""
        return [tables.ACCESSING[state] for state in self.states[1:]]

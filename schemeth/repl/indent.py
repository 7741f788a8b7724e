"""What the REPL editor needs to know about unfinished Scheme text: text -> open lists, indentation,
whether Enter should submit.

The scan uses the reader's own lexer, so strings, comments, `#\\(` and friends are seen exactly as the
reader sees them.  `open_lists(text)` returns the lists still open at the end of TEXT, innermost last,
each with the first token of every element it has so far.
"""
from __future__ import annotations

from ..reader.lalr import LexError, tokens
from ..reader.reader import datum_complete

OPENERS = frozenset({"LPAREN", "LBRACKET", "VECTOR_OPEN", "BYTEVECTOR_OPEN"})
CLOSERS = frozenset({"RPAREN", "RBRACKET"})
PREFIXES = frozenset({"ABBREVIATION", "KEYWORD_PREFIX", "DATUM_COMMENT"})

# Heads whose body is indented by two columns, as Emacs' scheme-mode does.
BODY_HEADS = frozenset({
    "lambda", "lambda*", "case-lambda", "let", "let*", "letrec", "letrec*", "let-values",
    "let*-values", "let-syntax", "letrec-syntax", "syntax-rules", "when", "unless", "do", "case",
    "begin", "receive", "parameterize", "guard", "dynamic-wind", "catch", "with-throw-handler",
    "with-exception-handler", "match", "eval-when", "library", "module",
})


class Element:
    """An element of an open list: where it starts and the text of its first token(s)."""

    __slots__ = ("start", "kind", "text")

    def __init__(self, start: int, kind: str, text: str) -> None:
        self.start = start
        self.kind = kind
        self.text = text


class OpenList:
    """A list whose closing bracket has not been typed yet."""

    __slots__ = ("start", "items")

    def __init__(self, start: int) -> None:
        self.start = start
        self.items: list[Element] = []

    def head(self) -> str | None:
        """The head symbol's text, when the list starts with a plain atom."""
        if self.items and self.items[0].kind == "ATOM":
            return self.items[0].text
        return None


def open_lists(text: str) -> list[OpenList] | None:
    """The lists open at the end of TEXT, outermost first; None inside a string or block comment."""
    stack: list[OpenList] = []
    prefixed: Element | None = None
    try:
        for tok in tokens(text, 0, frozenset(), lambda kind, s: None):
            if tok.kind in CLOSERS:
                if stack:
                    stack.pop()
                prefixed = None
                continue
            if prefixed is not None:
                prefixed.text += tok.text
            elif stack:
                stack[-1].items.append(Element(tok.start, tok.kind, tok.text))
            prefixed = stack[-1].items[-1] if tok.kind in PREFIXES and stack else None
            if tok.kind in OPENERS:
                stack.append(OpenList(tok.start))
    except LexError:
        return None
    return stack


def column(text: str, offset: int) -> int:
    """The column of OFFSET within its line."""
    return offset - text.rfind("\n", 0, offset) - 1


def same_line(text: str, a: int, b: int) -> bool:
    """True when offsets A and B are on one line."""
    return "\n" not in text[a:b]


def indentation(text: str) -> int:
    """Columns of indentation for a new line typed after TEXT, Lisp style."""
    lists = open_lists(text)
    if not lists:
        return 0
    inner = lists[-1]
    col = column(text, inner.start) + (2 if text[inner.start] == "#" else 1)
    if not inner.items:
        return col
    head = inner.head()
    if head is not None and (head in BODY_HEADS or head.startswith(("def", "with-", "call-with-"))):
        return col + 1
    first = inner.items[0]
    if head is None:
        return column(text, first.start)
    if len(inner.items) > 1 and same_line(text, first.start, inner.items[1].start):
        return column(text, inner.items[1].start)
    return col


def only_comments(text: str) -> bool:
    """True when TEXT has no datum at all, only whitespace and finished comments."""
    try:
        return next(tokens(text, 0, frozenset(), lambda kind, s: None), None) is None
    except LexError:
        return False


def entry_complete(text: str) -> bool:
    """Should Enter submit TEXT?  Yes for complete data, meta-commands with their argument, blank text."""
    stripped = text.strip()
    if not stripped or only_comments(stripped):
        return True
    if stripped.startswith(","):
        parts = stripped.split(None, 1)
        return len(parts) == 1 or datum_complete(parts[1]) or only_comments(parts[1])
    return datum_complete(text)

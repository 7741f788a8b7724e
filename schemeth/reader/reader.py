"""The reader: Guile 3.0.8 source text -> data, plus the source location of every list.

`read_all` and `read_one` run the LALR tables of scheme.lark (lalr.py) and build data in the
`_Builder` callbacks; `datum_complete` (for the REPL) runs the lexer alone.  Bad input raises
Guile's read-error condition; `IncompleteInput` (a read-error too) says the text ends inside a datum,
so a port may fetch more text and retry.

Locations are (filename, line, column): line 1-based, column 0-based with tabs advancing to the next
multiple of 8, as Guile counts them.  Strings read as mutable MStrings (the compiler marks literals
immutable), vectors as lists, bytevectors as bytearrays.
"""
from __future__ import annotations

import re

from ..data.conditions import SchemeError, guile_error, wrong_type
from ..data.printer import CHAR_NAMES
from ..data.values import EOF, NIL, Char, Keyword, MString, Pair, Symbol, U8Vector
from .lalr import END, LexError, Parser, ParseError, Token, tokens
from .numbers import parse_number

Locations = dict[int, tuple]

_LOCATED = frozenset({"LPAREN", "LBRACKET", "ABBREVIATION"})
_OPENERS = frozenset({"LPAREN", "LBRACKET", "VECTOR_OPEN", "BYTEVECTOR_OPEN"})
_CLOSERS = frozenset({"RPAREN", "RBRACKET"})
_PREFIXES = frozenset({"ABBREVIATION", "KEYWORD_PREFIX", "DATUM_COMMENT"})
_ROLES = dict.fromkeys(_OPENERS, "open") | dict.fromkeys(_CLOSERS, "close") | {p: p for p in _PREFIXES}
_SELF_DELIMITED = frozenset({"STRING", "BRACED_SYMBOL"}) | _CLOSERS
_CONTEXTS = _OPENERS | _PREFIXES | {"DOT"}
_DATUM_SYMBOLS = frozenset({"datum", "tail", "ATOM", "HASH_NUMBER", "BOOLEAN", "CHARACTER", "STRING",
                            "BRACED_SYMBOL"})
_NUMBER_START = frozenset("0123456789+-.")

_DOT = Symbol(".")
_ABBREVIATIONS = {"'": Symbol("quote"), "`": Symbol("quasiquote"), ",": Symbol("unquote"),
                  ",@": Symbol("unquote-splicing"), "#'": Symbol("syntax"), "#`": Symbol("quasisyntax"),
                  "#,": Symbol("unsyntax"), "#,@": Symbol("unsyntax-splicing")}
_ABBREVIATION_NAMES = {"'": "quoted expression", "`": "quasiquoted expression", ",": "unquoted expression",
                       ",@": "subexpression of ,@", "#'": "syntax expression", "#`": "quasisyntax expression",
                       "#,": "unsyntax expression", "#,@": "unsyntax-splicing expression"}
_CLOSING = {"LPAREN": ")", "VECTOR_OPEN": ")", "BYTEVECTOR_OPEN": ")", "LBRACKET": "]"}
_CHAR_BY_NAME = {name: chr(code) for code, name in CHAR_NAMES.items()} | {
    "null": "\0", "bel": "\a", "bs": "\b", "ht": "\t", "lf": "\n", "nl": "\n", "linefeed": "\n",
    "vt": "\v", "ff": "\f", "np": "\f", "cr": "\r", "escape": "\x1b", "sp": " ", "del": "\x7f"}
_STRING_ESCAPES = {"a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "0": "\0",
                   "\\": "\\", '"': '"', "|": "|", "(": "(", "\n": ""}
_HEX_ESCAPE_DIGITS = {"x": 2, "u": 4, "U": 6}
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_BRACED_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]+);|([\s\S]))")


class IncompleteInput(SchemeError):
    """The text ends inside a datum; the payload is the read-error to report if no more text comes."""


def read_all(text: str, filename: str | None = None) -> tuple[list, Locations]:
    """Read every datum in TEXT; return them and the location of each list's first pair."""
    start = _skip_bom(text, 0)
    builder = _Builder(text, start, filename, 1, 0)
    parser = Parser("start", builder)
    try:
        for token in tokens(text, start, _LOCATED, builder.ignored):
            parser.feed(token)
            builder.last_end = token.end
        return parser.finish(len(text)), builder.locations
    except (LexError, ParseError) as exc:
        raise builder.error_for(exc) from None


def read_file(path: str) -> tuple[list, Locations]:
    """The forms of the source file at PATH and their locations, or Guile's open-file error."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as exc:
        raise guile_error("system-error", "open-file", "~A: ~S",
                          [MString(exc.strerror or str(exc), False), MString(path, False)],
                          [exc.errno or 0]) from None
    return read_all(text, path)


def read_one(text: str, pos: int = 0, filename: str | None = None, line: int = 1, col: int = 0,
             *, partial: bool = False) -> tuple[object, int, Locations]:
    """Read the datum after POS; return it, the offset just after it, and its locations.

    LINE and COL are the source coordinates of TEXT[POS].  Returns EOF when only whitespace and
    comments remain.  With PARTIAL, TEXT may continue later, so an atom touching its end is
    incomplete too.
    """
    pos = _skip_bom(text, pos)
    builder = _Builder(text, pos, filename, line, col)
    parser = Parser("one", builder)
    top = _TopLevel()
    try:
        for token in tokens(text, pos, _LOCATED, builder.ignored):
            parser.feed(token)
            builder.last_end = token.end
            if top.step(_ROLES.get(token.kind, "datum")):
                if partial and token.end == len(text) and token.kind not in _SELF_DELIMITED:
                    raise builder.incomplete("unexpected end of input", [], token.end)
                return parser.finish(token.end), token.end, builder.locations
        if not top.pending():
            return EOF, len(text), {}
        parser.finish(len(text))    # the datum is unfinished: the parser reports where
    except (LexError, ParseError) as exc:
        raise builder.error_for(exc) from None
    raise builder.incomplete("unexpected end of input", [], len(text))


class _TopLevel:
    """Follows tokens by role (open, close, datum, or a prefix kind) to see when a top-level datum ends."""

    def __init__(self) -> None:
        self.depth = 0
        self.prefixes: list[str] = []   # prefixes at top level still waiting for their datum

    def step(self, role: str) -> bool:
        """Account for one token; True when it completes a datum at top level."""
        if role == "open":
            self.depth += 1
            return False
        if role == "close":
            self.depth -= 1
            if self.depth:
                return False
        elif self.depth:
            return False
        elif role in _PREFIXES:
            self.prefixes.append(role)
            return False
        while self.prefixes:               # the datum finishes the prefixes before it...
            if self.prefixes.pop() == "DATUM_COMMENT":
                return False               # ...unless a #; swallows it
        return True

    def pending(self) -> bool:
        """True inside a list or after a prefix."""
        return bool(self.depth or self.prefixes)


def _skip_bom(text: str, pos: int) -> int:
    """Skip a byte-order mark at the very start of the text, as Guile's ports do."""
    return 1 if pos == 0 and text.startswith("\ufeff") else pos


def _advance_column(col: int, segment: str) -> int:
    """The column after SEGMENT when starting at COL: a tab moves to the next multiple of 8, a return to 0."""
    if "\t" not in segment and "\r" not in segment:
        return col + len(segment)
    for ch in segment:
        col = (col // 8 + 1) * 8 if ch == "\t" else 0 if ch == "\r" else col + 1
    return col


class _Builder:
    """Builds data from one parse of TEXT starting at POS (which is at LINE, COL in the source)."""

    def __init__(self, text: str, pos: int, filename: str | None, line: int, col: int) -> None:
        self.text = text
        self.pos = pos
        self.filename = filename
        self.line = line
        self.col = col
        self.locations: Locations = {}
        self.fold_case = False
        self.last_end = pos     # end of the last token shifted: where a datum being reduced ends

    def ignored(self, kind: str, text: str) -> None:
        """Obey #!fold-case and #!no-fold-case; comments and other directives need nothing."""
        if kind == "DIRECTIVE" and text.endswith("fold-case"):
            self.fold_case = text == "#!fold-case"

    # ---- positions and errors

    def column(self, offset: int) -> int:
        """Guile's column of OFFSET."""
        newline = self.text.rfind("\n", self.pos, offset)
        if newline < 0:
            return _advance_column(self.col, self.text[self.pos:offset])
        return _advance_column(0, self.text[newline + 1:offset])

    def locate(self, pair: Pair, token: Token) -> Pair:
        """Record that PAIR was read from the form opened by TOKEN."""
        self.locations[id(pair)] = (self.filename, self.line + token.line, self.column(token.start))
        return pair

    def read_error(self, message: str, args: list, offset: int) -> SchemeError:
        """Guile's read-error, its message prefixed with file:line:col of OFFSET (1-based column)."""
        line = self.line + self.text.count("\n", self.pos, offset)
        where = self.filename if self.filename is not None else "#<unknown port>"
        return guile_error("read-error", None, f"{where}:{line}:{self.column(offset) + 1}: {message}", args)

    def incomplete(self, message: str, args: list, offset: int) -> IncompleteInput:
        """A read-error saying the input ended inside a datum."""
        return IncompleteInput(self.read_error(message, args, offset).payload)

    def error_for(self, exc: LexError | ParseError) -> SchemeError:
        """Translate a lexer or parser failure into Guile's read-error."""
        if isinstance(exc, LexError):
            return self.lex_error(exc.pos)
        return self.parse_error(exc.token, exc.parser.symbols(), exc.parser.values)

    def lex_error(self, pos: int) -> SchemeError:
        """No token starts at POS: an unterminated string or comment, or an unknown # syntax."""
        text, end = self.text, len(self.text)
        head = text[pos:pos + 2]
        if head[:1] == '"':
            return self.incomplete("unexpected end of input while reading string", [], end)
        if head == "#|":
            if _block_comment_end(text, pos) < 0:
                return self.incomplete("unterminated `#| ... |#' comment", [], end)
            return self.read_error("`#| ... |#' comments nested too deeply", [], pos + 2)
        if head == "#!":
            return self.incomplete("unterminated `#! ... !#' comment", [], end)
        if head == "#{":
            return self.incomplete("end of input while reading symbol", [], end)
        if head == "#\\":
            return self.incomplete("unexpected end of input after #\\", [], end)
        if head == "#":
            return self.incomplete("unexpected end of input after #", [], end)
        return self.read_error("Unknown # object: ~S", [MString(head, False)], pos + 2)

    def parse_error(self, token: Token, symbols: list[str], values: list) -> SchemeError:
        """The parser cannot take TOKEN: say what Guile says in the innermost open context."""
        context, index = _innermost_context(symbols)
        after_dot = context == "DOT" and not _DATUM_SYMBOLS.isdisjoint(symbols[index + 1:])
        if token.kind == END:
            return self.end_of_input_error(context, values[index] if context else None, after_dot)
        if after_dot:
            return self.read_error("missing close paren: ~A", [Char(token.text[0])], token.start + 1)
        if token.kind in _CLOSERS and context in _OPENERS:
            return self.read_error("mismatched close paren: ~A", [Char(token.text)], token.end)
        return self.read_error(f'unexpected "{token.text}"', [], token.end)

    def end_of_input_error(self, context: str | None, opener: Token | None,
                           after_dot: bool) -> IncompleteInput:
        """The text ended inside CONTEXT (opened by the token OPENER)."""
        end = len(self.text)
        if context in _CLOSING:
            return self.incomplete("unexpected end of input while searching for: ~A",
                                   [Char(_CLOSING[context])], end)
        if context == "DOT":
            if after_dot:
                return self.incomplete("missing close paren: ~A", [EOF], end)
            return self.incomplete("unexpected end of input while reading tail of improper list", [], end)
        if context == "ABBREVIATION":
            what = _ABBREVIATION_NAMES[opener.text]
            return self.incomplete(f"unexpected end of input while reading {what}", [], end)
        if context == "DATUM_COMMENT":
            return self.incomplete("unexpected end of input while reading #; comment", [], end)
        if context == "KEYWORD_PREFIX":
            return self.incomplete("unexpected end of input while reading keyword", [], end)
        return self.incomplete("unexpected end of input", [], end)

    # ---- callbacks, one per rule alternative of scheme.lark

    def read_all(self, c: list) -> list:
        return c[0]

    def read_one(self, c: list) -> object:
        return c[1]

    def read_one_dot(self, c: list) -> Symbol:
        return _DOT

    def sequence(self, c: list) -> list:
        return []

    def sequence_add(self, c: list) -> list:
        c[0].append(c[1])
        return c[0]

    def sequence_keep(self, c: list) -> list:
        return c[0]

    def sequence_add_dot(self, c: list) -> list:
        c[0].append(_DOT)
        return c[0]

    def tail(self, c: list) -> object:
        return c[1]

    def skip(self, c: list) -> None:
        """#; datum: drop it, and its locations, whose ids later pairs may reuse."""
        if self.locations:
            self.forget(c[2])

    def atom(self, c: list) -> object:
        """A number, or else a symbol (lowercased under #!fold-case)."""
        text = c[0].text
        if text[0] in _NUMBER_START:
            number = parse_number(text)
            if number is not None:
                return number
        return Symbol(text.lower() if self.fold_case else text)

    def hash_number(self, c: list) -> object:
        """#x, #b, #o, #d, #e, #i numbers."""
        token = c[0]
        number = parse_number(token.text)
        if number is None:
            raise self.read_error("unknown # object: ~S", [MString(token.text, False)], token.end)
        return number

    def boolean(self, c: list) -> bool:
        return c[0].text[1] in "tT"

    def character(self, c: list) -> Char:
        """#\\a, #\\space, #\\x41, #\\101 (octal)."""
        token = c[0]
        name = token.text[2:]
        char = _char_named(name)
        if char is None:
            raise self.read_error("unknown character name ~a", [MString(name, False)], token.end)
        return char

    def string(self, c: list) -> MString:
        """A string with its escapes decoded: mutable, as `read` gives it (the compiler freezes literals)."""
        return MString(self.decode_string(c[0]))

    def braced_symbol(self, c: list) -> Symbol:
        """#{...}# with \\xN; and backslash escapes; never case-folded."""
        body = c[0].text[2:-2]
        return Symbol(_BRACED_ESCAPE.sub(_braced_escape, body) if "\\" in body else body)

    def keyword(self, c: list) -> Keyword:
        token, datum = c
        if type(datum) is not Symbol:
            raise self.read_error("keyword prefix #: not followed by a symbol: ~a", [datum], self.last_end)
        return Keyword(datum.name)

    def abbreviation(self, c: list) -> Pair:
        """'x `x ,x ,@x #'x #`x #,x #,@x -> (quote x) and so on."""
        token = c[0]
        return self.locate(Pair(_ABBREVIATIONS[token.text], Pair(c[2], NIL)), token)

    def proper_list(self, c: list) -> object:
        return self.build_list(c[0], c[1], NIL)

    def dotted_list(self, c: list) -> object:
        return self.build_list(c[0], c[1], c[3])

    def vector(self, c: list) -> list:
        return c[1]

    def bytevector(self, c: list) -> bytearray:
        """#vu8(...) or #u8(...): every element must be an octet."""
        for item in c[1]:
            if type(item) is not int:
                raise wrong_type("bytevector-u8-set!", 3, item)
            if not 0 <= item <= 255:
                raise guile_error("out-of-range", "bytevector-u8-set!", "Value out of range: ~S",
                                  [item], [item])
        return (U8Vector if c[0].text.startswith("#u8") else bytearray)(c[1])

    # ---- helpers for the callbacks

    def forget(self, datum: object) -> None:
        """Remove the locations recorded for the pairs inside DATUM."""
        pending = [datum]
        while pending:
            x = pending.pop()
            if type(x) is Pair:
                self.locations.pop(id(x), None)
                pending += (x.car, x.cdr)
            elif type(x) is list:
                pending += x

    def build_list(self, opener: Token, items: list, tail: object) -> object:
        """Chain ITEMS in front of TAIL and locate the first pair at OPENER."""
        result = tail
        for item in reversed(items):
            result = Pair(item, result)
        return self.locate(result, opener) if items else result

    def decode_string(self, token: Token) -> str:
        """The text of a string literal; bad escapes are read-errors at the offending character."""
        body = token.text[1:-1]
        if "\\" not in body:
            return body
        base = token.start + 1
        out = []
        i = 0
        while (j := body.find("\\", i)) >= 0:
            out.append(body[i:j])
            escape = body[j + 1]
            if escape in _STRING_ESCAPES:
                out.append(_STRING_ESCAPES[escape])
                i = j + 2
            elif escape in _HEX_ESCAPE_DIGITS:
                i = j + 2 + _HEX_ESCAPE_DIGITS[escape]
                out.append(self.hex_escape(body, j + 2, i, base))
            else:
                raise self.read_error("invalid character in escape sequence: ~S", [Char(escape)],
                                      base + j + 2)
        out.append(body[i:])
        return "".join(out)

    def hex_escape(self, body: str, start: int, stop: int, base: int) -> str:
        """The character whose hex digits are BODY[START:STOP]."""
        for k in range(start, stop):
            if k >= len(body) or body[k] not in _HEX_DIGITS:
                bad = body[k] if k < len(body) else '"'
                raise self.read_error("invalid character in escape sequence: ~S", [Char(bad)], base + k + 1)
        return _code_char(int(body[start:stop], 16)).ch


def _innermost_context(symbols: list[str]) -> tuple[str | None, int]:
    """The innermost open list, prefix or dot on the parser's stack, and its index."""
    for index in range(len(symbols) - 1, -1, -1):
        if symbols[index] in _CONTEXTS:
            return symbols[index], index
    return None, -1


def _braced_escape(m: re.Match) -> str:
    """Decode one escape inside #{...}#."""
    return chr(int(m.group(1), 16)) if m.group(1) is not None else m.group(2)


def _code_char(code: int) -> Char:
    """The character with scalar value CODE, or integer->char's out-of-range error."""
    if 0 <= code < 0xD800 or 0xE000 <= code <= 0x10FFFF:
        return Char(chr(code))
    message = "Value out of range: ~S" if code < 0 else "Argument 1 out of range: ~S"
    raise guile_error("out-of-range", "integer->char", message, [code], [code])


def _char_named(name: str) -> Char | None:
    """The character after #\\: itself, a name, xHEX, or octal digits; None when unknown."""
    if len(name) == 1:
        return Char(name)
    named = _CHAR_BY_NAME.get(name.lower())
    if named is not None:
        return Char(named)
    if name[0] == "x":
        code = parse_number(name[1:], 16)
        if type(code) is int:
            return _code_char(code)
    if all(ch in "01234567" for ch in name):
        return _code_char(int(name, 8))
    return None


def _block_comment_end(text: str, pos: int) -> int:
    """Offset after the #| ... |# comment opened at POS (nesting allowed), or -1 if unterminated."""
    depth = 0
    i = pos
    while True:
        bar = text.find("|", i)
        if bar < 0:
            return -1
        if text.startswith("#|", bar - 1) and bar - 1 >= i:
            depth += 1
            i = bar + 1
        elif text.startswith("|#", bar):
            depth -= 1
            i = bar + 2
            if depth == 0:
                return i
        else:
            i = bar + 1


# ---------------------------------------------------------------- completeness for the REPL

def datum_complete(text: str) -> bool:
    """True when TEXT holds at least one complete datum and nothing unfinished.

    Only the lexer runs (no parser, no data built): strings, comments of all kinds, #\\( and the
    like are therefore recognised exactly as the reader recognises them.
    """
    top = _TopLevel()
    seen = False
    try:
        for token in tokens(text, _skip_bom(text, 0), frozenset(), _ignore):
            role = _ROLES.get(token.kind, "datum")
            if role == "close" and top.depth == 0:
                return True          # a stray close paren: let the reader report it
            seen = top.step(role) or seen
    except LexError as exc:
        return not isinstance(_Builder(text, 0, None, 1, 0).lex_error(exc.pos), IncompleteInput)
    return seen and not top.pending()


def _ignore(kind: str, text: str) -> None:
    """Comments and directives do not matter for completeness."""

"""Guile's core regular expressions: make-regexp, regexp-exec, regexp? and the regexp/ flags.

Guile hands POSIX regular expressions to the C library.  Here a pattern is translated to Python's
syntax (bracket expressions, [:classes:], anchors, GNU escapes, basic and extended syntax, glibc's
error messages) and run by the `regex` module in its POSIX mode, which gives the leftmost-longest
match as glibc does; where only the standard `re` module exists the match is Python's leftmost-first
(alternatives tried in order, so (a|ab) matches "a" of "abc", not "ab").  A match is Guile's vector
#(string (start . end) ...), with (-1 . -1) for a group that took no part.
"""
from __future__ import annotations

import functools
import re
import sys
import unicodedata

from ..data.conditions import guile_error, wrong_type
from ..data.values import MString, Pair
from .lists import exact_int, index_in
from .registry import define, primitive

BASIC, EXTENDED, ICASE, NEWLINE = 0, 1, 2, 4   # compile flags, glibc's values
NOTBOL, NOTEOL = 1, 2                          # execution flags
DUP_MAX = 0x7FFF                               # glibc's RE_DUP_MAX

for _name, _value in (("regexp/basic", BASIC), ("regexp/extended", EXTENDED), ("regexp/icase", ICASE),
                      ("regexp/newline", NEWLINE), ("regexp/notbol", NOTBOL), ("regexp/noteol", NOTEOL)):
    define(_name, _value)


class RegexSyntax(Exception):
    """A pattern glibc would reject; the message is glibc's."""


# ---------------------------------------------------------------------------------------------------
# Character classes


def _ranges(pred) -> str:
    """Python set content for every code point satisfying PRED, as ranges."""
    out, start, prev = [], None, None
    for cp in range(sys.maxunicode + 1):
        if pred(chr(cp)):
            if start is None:
                start = cp
            prev = cp
        elif start is not None:
            out.append(_set_range(start, prev))
            start = None
    if start is not None:
        out.append(_set_range(start, prev))
    return "".join(out)


def _set_range(lo: int, hi: int) -> str:
    """One range of set content."""
    if lo == hi:
        return _set_char(chr(lo))
    return f"{_set_char(chr(lo))}-{_set_char(chr(hi))}"


def _set_char(c: str) -> str:
    """C escaped for use inside a Python character set."""
    return "\\" + c if c in "\\]^-[" else c


NO_BREAK = "\xa0\u2007\u202f"


def _is_punct(c: str) -> bool:
    """glibc's punct: printable, not a letter, digit or space."""
    return c.isprintable() and not c.isalnum() and not c.isspace()


_COMPUTED = {
    "upper": str.isupper,
    "lower": str.islower,
    "punct": _is_punct,
    "print": lambda c: c.isprintable(),
    "graph": lambda c: c.isprintable() and not c.isspace(),
    "space": lambda c: c.isspace() and c not in NO_BREAK,
    "blank": lambda c: c == "\t" or (unicodedata.category(c) == "Zs" and c not in NO_BREAK),
}
_FIXED = {"digit": "0-9", "xdigit": "0-9A-Fa-f", "cntrl": "\\x00-\\x1f\\x7f-\\x9f"}
_FRAGMENTS = {"alpha": r"[^\W\d_]", "alnum": r"[^\W_]"}   # cheaper than listing every letter


@functools.cache
def _class_content(name: str) -> str:
    """Set content for the named class, computed once per process."""
    return _FIXED.get(name) or _ranges(_COMPUTED[name])


# ---------------------------------------------------------------------------------------------------
# Translation of POSIX syntax to Python syntax


class _Translator:
    """Recursive-descent translation of one POSIX pattern (basic or extended) into Python syntax."""

    def __init__(self, pattern: str, extended: bool, newline: bool, notbol: bool, noteol: bool) -> None:
        self.p = pattern
        self.i = 0
        self.extended = extended
        self.newline = newline
        self.notbol = notbol
        self.noteol = noteol
        self.groups = 0
        self.closed: set[int] = set()

    # -- token classification, which differs between the two syntaxes

    def peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.p[j] if j < len(self.p) else ""

    def at_alt(self) -> bool:
        return self.peek() == "|" if self.extended else self.p.startswith("\\|", self.i)

    def at_close(self) -> bool:
        return self.peek() == ")" if self.extended else self.p.startswith("\\)", self.i)

    def quantifier_len(self) -> int:
        """Length of the quantifier token at the cursor (0 if none)."""
        c = self.peek()
        if c == "*":
            return 1
        if self.extended:
            return 1 if c != "" and c in "+?{" else 0
        return 2 if c == "\\" and self.peek(1) != "" and self.peek(1) in "+?{" else 0

    # -- grammar

    def translate(self) -> str:
        return self.alternation(0)

    def alternation(self, depth: int) -> str:
        branches = [self.branch(depth)]
        while self.at_alt():
            self.i += 1 if self.extended else 2
            branches.append(self.branch(depth))
        return "|".join(branches)

    def branch(self, depth: int) -> str:
        parts: list[str] = []
        first = True
        while self.i < len(self.p) and not self.at_alt() and not (depth and self.at_close()):
            if not self.extended and first and self.peek() == "*":
                self.i += 1
                parts.append(re.escape("*"))
                first = False
                continue
            if self.quantifier_len():
                raise RegexSyntax("Invalid preceding regular expression")
            atom, quantifiable = self.atom(first)
            first = first and not self.extended and atom == self.bol()   # basic: * after ^ is literal
            if first:
                parts.append(atom)
                continue
            while self.quantifier_len():
                if not quantifiable:
                    raise RegexSyntax("Invalid preceding regular expression")
                atom = self.quantify(atom)
            parts.append(atom)
        return "".join(parts)

    def quantify(self, atom: str) -> str:
        """Apply the quantifier at the cursor to ATOM (a single unit), giving a single unit."""
        c = self.peek()
        if c == "\\":
            self.i += 1
            c = self.peek()
        self.i += 1
        if c == "{":
            return f"(?:{atom}){self.interval()}"
        return f"(?:{atom}){c}"

    def interval(self) -> str:
        """Parse the body of {m,n} after its brace."""
        close = "}" if self.extended else "\\}"
        m = re.compile(r"(\d*)(,?)(\d*)").match(self.p, self.i)
        lo, comma, hi = m.groups()
        self.i = m.end()
        if not self.p.startswith(close, self.i) or (not lo and not comma):
            raise RegexSyntax("Unmatched \\{")
        self.i += len(close)
        low = int(lo) if lo else 0
        high = int(hi) if hi else None
        if (high is not None and high < low) or (not comma and not lo):
            raise RegexSyntax("Invalid content of \\{\\}")
        if low > DUP_MAX or (high or 0) > DUP_MAX:
            raise RegexSyntax("Regular expression too big")
        if not comma:
            return f"{{{low}}}"
        return f"{{{low},{'' if high is None else high}}}"

    def atom(self, first: bool) -> tuple[str, bool]:
        """Translate one atom; return (python, may-be-quantified)."""
        c = self.peek()
        self.i += 1
        if c == "\\":
            return self.escape()
        if c == "[":
            return self.bracket(), True
        if c == ".":
            return ("[^\\n]" if self.newline else "[\\s\\S]"), True
        if c == "^" and (self.extended or first):
            return self.bol(), False
        if c == "$" and (self.extended or self.at_end_of_branch()):
            return self.eol(), False
        if self.extended and c == "(":
            return self.group(")"), True
        if self.extended and c == "{":
            raise RegexSyntax("Invalid preceding regular expression")
        return re.escape(c), True

    def at_end_of_branch(self) -> bool:
        """In basic syntax $ is an anchor only at the end of a branch."""
        return self.i >= len(self.p) or self.at_alt() or self.at_close()

    def bol(self) -> str:
        if self.newline:
            return "(?<=\\n)" if self.notbol else "(?:\\A|(?<=\\n))"
        return "(?!)" if self.notbol else "\\A"

    def eol(self) -> str:
        if self.newline:
            return "(?=\\n)" if self.noteol else "(?=\\n|\\Z)"
        return "(?!)" if self.noteol else "\\Z"

    def group(self, close: str) -> str:
        self.groups += 1
        n = self.groups
        inner = self.alternation(1)
        if not self.p.startswith(close, self.i):
            raise RegexSyntax("Unmatched ( or \\(")
        self.i += len(close)
        self.closed.add(n)
        return f"({inner})"

    _ESCAPES = {"w": (r"\w", True), "W": (r"\W", True), "s": (r"\s", True), "S": (r"\S", True),
                "b": (r"(?:\b)", False), "B": (r"(?:\B)", False), "<": (r"(?:\b(?=\w))", False),
                ">": (r"(?:\b(?<=\w))", False), "`": (r"(?:\A)", False), "'": (r"(?:\Z)", False)}

    def escape(self) -> tuple[str, bool]:
        """Translate the escape after a backslash."""
        if self.i >= len(self.p):
            raise RegexSyntax("Trailing backslash")
        c = self.p[self.i]
        self.i += 1
        if c in "123456789":
            if int(c) not in self.closed:
                raise RegexSyntax("Invalid back reference")
            return f"(?:\\{c})", True
        if c in self._ESCAPES:
            return self._ESCAPES[c]
        if not self.extended:
            if c == "(":
                return self.group("\\)"), True
            if c == ")":
                raise RegexSyntax("Unmatched ( or \\(")
        return re.escape(c), True

    # -- bracket expressions

    def bracket(self) -> str:
        negate = self.peek() == "^"
        if negate:
            self.i += 1
        chars: list[str] = []
        fragments: list[str] = []
        first = True
        while True:
            if self.i >= len(self.p):
                raise RegexSyntax("Unmatched [, [^, [:, [., or [=")
            c = self.p[self.i]
            if c == "]" and not first:
                self.i += 1
                break
            first = False
            if c == "[" and self.peek(1) == ":":
                name = self.bracket_word(":")
                if name in _FRAGMENTS:
                    fragments.append(_FRAGMENTS[name])
                elif name in _FIXED or name in _COMPUTED:
                    chars.append(_class_content(name))
                else:
                    raise RegexSyntax("Invalid character class name")
                if self.peek() == "-" and self.peek(1) != "]":
                    raise RegexSyntax("Invalid range end")
                continue
            lo = self.bracket_char()
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.i += 1
                if self.peek() == "[" and self.peek(1) == ":":
                    raise RegexSyntax("Invalid range end")
                hi = self.bracket_char()
                if ord(hi) < ord(lo):
                    raise RegexSyntax("Invalid range end")
                chars.append(_set_range(ord(lo), ord(hi)))
            else:
                chars.append(_set_char(lo))
        return self.bracket_python(negate, "".join(chars), fragments)

    def bracket_char(self) -> str:
        """One character of a bracket expression: plain, [.c.] or [=c=]."""
        if self.peek() == "[" and self.peek(1) in (".", "="):
            word = self.bracket_word(self.peek(1))
            if len(word) != 1:
                raise RegexSyntax("Invalid collation character")
            return word
        c = self.p[self.i]
        self.i += 1
        return c

    def bracket_word(self, delim: str) -> str:
        """The name inside [:name:], [.name.] or [=name=]; the cursor is on its '['."""
        end = self.p.find(delim + "]", self.i + 2)
        if end < 0:
            raise RegexSyntax("Unmatched [, [^, [:, [., or [=")
        word = self.p[self.i + 2:end]
        self.i = end + 2
        return word

    def bracket_python(self, negate: bool, content: str, fragments: list[str]) -> str:
        if negate and self.newline:
            content += "\\n"
        if not fragments:
            return f"[^{content}]" if negate else f"[{content}]"
        alternatives = "|".join(fragments)
        if negate:
            rest = f"[^{content}]" if content else "[\\s\\S]"
            return f"(?:(?!{alternatives}){rest})"
        return f"(?:[{content}]|{alternatives})" if content else f"(?:{alternatives})"


@functools.cache
def engine() -> tuple[object, int]:
    """The matching module and its base flags, imported on first use (it costs 15 ms)."""
    try:
        import regex
    except ImportError:  # pragma: no cover - depends on the installation
        return re, 0
    return regex, regex.POSIX | regex.VERSION0


@functools.lru_cache(maxsize=512)
def compile_posix(pattern: str, cflags: int, notbol: bool, noteol: bool) -> tuple[object, int]:
    """Translate and compile PATTERN; return (compiled, number of groups).  Raises RegexSyntax."""
    tr = _Translator(pattern, bool(cflags & EXTENDED), bool(cflags & NEWLINE), notbol, noteol)
    python = tr.translate()
    module, base = engine()
    flags = base | (module.IGNORECASE if cflags & ICASE else 0)
    try:
        return module.compile(python, flags), tr.groups
    except Exception as exc:   # noqa: BLE001 - a translation gap is still the pattern's error
        raise RegexSyntax(str(exc)) from None


# ---------------------------------------------------------------------------------------------------
# Scheme procedures


class Regexp:
    """A compiled regular expression, as make-regexp returns."""

    __slots__ = ("pattern", "cflags", "groups")

    def __init__(self, pattern: str, cflags: int, groups: int) -> None:
        self.pattern = pattern
        self.cflags = cflags
        self.groups = groups

    def scheme_repr(self, write: bool) -> str:
        return f"#<regexp {id(self):x}>"


def _syntax_error(message: str, pattern: MString) -> Exception:
    return guile_error("regular-expression-syntax", "make-regexp", message, None, [pattern])


@primitive("make-regexp")
def make_regexp(pattern: object, *flags: object) -> Regexp:
    """Compile PATTERN (POSIX extended syntax unless regexp/basic is given)."""
    if type(pattern) is not MString:
        raise wrong_type("make-regexp", 1, pattern, "string")
    cflags = EXTENDED
    for f in flags:
        if exact_int(f) == BASIC:
            cflags &= ~EXTENDED
        else:
            cflags |= f
    try:
        _, groups = compile_posix(pattern.s, cflags, False, False)
    except RegexSyntax as exc:
        raise _syntax_error(str(exc), pattern) from None
    return Regexp(pattern.s, cflags, groups)


@primitive("regexp?")
def regexp_p(x: object) -> bool:
    """Return #t for a compiled regular expression."""
    return type(x) is Regexp


@primitive("regexp-exec")
def regexp_exec(rx: object, s: object, start: object = 0, flags: object = 0) -> object:
    """Match RX against S from START; return Guile's match vector or #f."""
    if type(rx) is not Regexp:
        raise wrong_type("regexp-exec", 1, rx, "regexp")
    if type(s) is not MString:
        raise wrong_type("regexp-exec", 2, s, "string")
    text = s.s
    offset = index_in(start, 0, len(text))
    eflags = exact_int(flags)
    compiled, groups = compile_posix(rx.pattern, rx.cflags, bool(eflags & NOTBOL), bool(eflags & NOTEOL))
    m = compiled.search(text[offset:] if offset else text)
    if m is None:
        return False
    return [s] + [_span(m.span(g), offset) for g in range(groups + 1)]


def _span(span: tuple[int, int], offset: int) -> Pair:
    """A (start . end) pair in the whole string's coordinates."""
    lo, hi = span
    return Pair(-1, -1) if lo < 0 else Pair(lo + offset, hi + offset)

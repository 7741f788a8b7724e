"""The printer: Scheme value -> the exact text Guile 3.0.8 produces with `write` or `display`.

Printing is iterative (an explicit work stack), so long and deeply nested structures never reach Python's
recursion limit.  Shared structure that loops back is written with Guile's `#N#` back-references.
Objects with a `scheme_repr(write: bool) -> str` method print themselves.
"""
from __future__ import annotations

import math
import re
import sys
import unicodedata
from fractions import Fraction

from .conditions import SchemeError, guile_error
from .procedures import CaseLambda, Closure, ControlPrimitive, Lambda, Primitive
from .values import NIL, Char, Keyword, MString, Pair, Symbol, UninternedSymbol, Values, _Singleton

sys.set_int_max_str_digits(0)   # Scheme integers have no size limit; neither has their text

# Write names of characters; everything else is the character itself or its octal code.
CHAR_NAMES: dict[int, str] = dict(enumerate(
    "nul soh stx etx eot enq ack alarm backspace tab newline vtab page return so si dle dc1 dc2 dc3 dc4 "
    "nak syn etb can em sub esc fs gs rs us space".split()))
CHAR_NAMES[0x7F] = "delete"

_GRAPHIC = frozenset("LMNPS")      # general-category classes that `write` shows as themselves
_SYMBOL_INITIAL = frozenset("Lu Ll Lt Lm Lo Mn Nl No Pd Pc Po Sc Sm Sk So Co".split())
_SYMBOL_SUBSEQUENT = _SYMBOL_INITIAL | {"Nd", "Mc", "Me"}
_SYMBOL_BAD_INITIAL = frozenset("'`,\";#")
_SYMBOL_BAD_SUBSEQUENT = frozenset("\";#")
_STRING_ESCAPES = {'"': '\\"', "\\": "\\\\", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n",
                   "\v": "\\v", "\f": "\\f", "\r": "\\r"}
_DIGIT_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz"
_SYMBOL_TEXT: dict[str, str] = {}   # symbol name -> its written form (symbols are interned, so is this)
_PLAIN_SYMBOL = re.compile(r"[A-Za-z!$%&*/:<=>?@^_~|\\+\-.][A-Za-z0-9!$%&*/:<=>?@^_~|\\+\-.'`,]*\Z")


def write_string(obj: object) -> str:
    """Return the text `write` prints for OBJ."""
    return _render(obj, True)


def display_string(obj: object) -> str:
    """Return the text `display` prints for OBJ."""
    return _render(obj, False)


# ---------------------------------------------------------------- numbers

def format_number(n: object, radix: int = 10) -> str:
    """Return Guile's text for the number N in RADIX (2..36), as number->string does."""
    if not 2 <= radix <= 36:
        raise guile_error("out-of-range", None, "Value out of range ~S to< ~S: ~S", [2, 36, radix], [radix])
    t = type(n)
    if t is int:
        return _format_int(n, radix)
    if t is float:
        return _format_float(n, radix)
    if t is Fraction:
        return _format_int(n.numerator, radix) + "/" + _format_int(n.denominator, radix)
    return _format_complex(n, radix)


def _format_int(n: int, radix: int) -> str:
    """Digits of N in RADIX, lowercase, with a leading minus sign when negative."""
    if radix == 10:
        return str(n)
    if radix == 16:
        return format(n, "x")
    if radix == 8:
        return format(n, "o")
    if radix == 2:
        return format(n, "b")
    sign, n = ("-", -n) if n < 0 else ("", n)
    digits = []
    while True:
        n, d = divmod(n, radix)
        digits.append(_DIGIT_CHARS[d])
        if n == 0:
            return sign + "".join(reversed(digits))


def _format_complex(z: complex, radix: int) -> str:
    """Guile's a+bi notation; the imaginary part always carries a sign."""
    imag = _format_float(z.imag, radix)
    if imag[0] not in "+-":
        imag = "+" + imag
    return _format_float(z.real, radix) + imag + "i"


def _format_float(x: float, radix: int) -> str:
    """Shortest text that reads back as X, positional or in e-notation as Guile chooses."""
    if x != x:
        return "+nan.0"
    if x in (math.inf, -math.inf):
        return "+inf.0" if x > 0 else "-inf.0"
    sign = "-" if math.copysign(1.0, x) < 0 else ""
    if x == 0:
        return sign + "0.0"
    digits, point = _repr_digits(abs(x)) if radix == 10 else _shortest_digits(abs(x), radix)
    return sign + _layout(digits, point, radix)


def _layout(digits: str, point: int, radix: int) -> str:
    """Place the decimal point: the value is 0.DIGITS * RADIX**POINT."""
    n = len(digits)
    exponent = point - 1
    if point <= -3 or (exponent >= 7 and point - n >= 4):
        return f"{digits[0]}.{digits[1:] or '0'}e{_format_int(exponent, radix)}"
    if point <= 0:
        return "0." + "0" * -point + digits
    if point >= n:
        return digits + "0" * (point - n) + ".0"
    return digits[:point] + "." + digits[point:]


def _repr_digits(x: float) -> tuple[str, int]:
    """Shortest round-trip decimal digits of positive X and the point position, taken from repr()."""
    mantissa, _, exp = repr(x).partition("e")
    int_part, _, frac = mantissa.partition(".")
    digits = (int_part + frac).rstrip("0")
    point = len(int_part) + (int(exp) if exp else 0)
    stripped = digits.lstrip("0")
    return stripped, point - (len(digits) - len(stripped))


def _shortest_digits(x: float, radix: int) -> tuple[str, int]:
    """Shortest digits of positive X in RADIX that read back as X (free-format, Burger & Dybvig)."""
    mant, e = math.frexp(x)
    f, e = int(mant * (1 << 53)), e - 53
    if e < -1074:                       # subnormal: the exponent is pinned, precision shrinks
        f, e = f >> (-1074 - e), -1074
    even = f % 2 == 0
    unequal_gaps = f == 1 << 52 and e > -1074
    if e >= 0:
        r, s, m_plus, m_minus = f << (e + 1), 2, 1 << e, 1 << e
    else:
        r, s, m_plus, m_minus = f << 1, 1 << (1 - e), 1, 1
    if unequal_gaps:
        r, s, m_plus = r << 1, s << 1, m_plus << 1
    point = 0
    while r + m_plus > s or (even and r + m_plus == s):
        s *= radix
        point += 1
    while (r + m_plus) * radix < s or (not even and (r + m_plus) * radix == s):
        r, m_plus, m_minus = r * radix, m_plus * radix, m_minus * radix
        point -= 1
    return _generate_digits(r, s, m_plus, m_minus, even, radix), point


def _generate_digits(r: int, s: int, m_plus: int, m_minus: int, even: bool, radix: int) -> str:
    """Emit digits until the remainder lies within the rounding gap; round the last one to nearest."""
    out = []
    while True:
        d, r = divmod(r * radix, s)
        m_plus *= radix
        m_minus *= radix
        low = r < m_minus or (even and r == m_minus)
        high = r + m_plus > s or (even and r + m_plus == s)
        if low or high:
            if high and (not low or 2 * r > s or (2 * r == s and d % 2 == 1)):
                d += 1
            out.append(_DIGIT_CHARS[d])
            return "".join(out)
        out.append(_DIGIT_CHARS[d])


# ---------------------------------------------------------------- characters, strings, symbols

def write_char(ch: str) -> str:
    """Guile's #\\ notation for the character CH."""
    code = ord(ch)
    name = CHAR_NAMES.get(code)
    if name is not None:
        return "#\\" + name
    if unicodedata.category(ch)[0] in _GRAPHIC:
        return ("#\\\u25cc" if unicodedata.combining(ch) else "#\\") + ch
    return "#\\" + format(code, "o")


def _escape_string_char(ch: str) -> str:
    """How `write` shows CH inside a string literal."""
    esc = _STRING_ESCAPES.get(ch)
    if esc is not None:
        return esc
    if ch == " " or unicodedata.category(ch)[0] in _GRAPHIC:
        return ch
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:06x}"


def write_string_literal(s: str) -> str:
    """Guile's double-quoted, escaped notation for the text S."""
    if s.isascii() and s.isprintable() and '"' not in s and "\\" not in s:
        return '"' + s + '"'
    return '"' + "".join(map(_escape_string_char, s)) + '"'


def write_symbol_name(name: str) -> str:
    """NAME as a symbol reads back: bare, or in #{...}# with \\xN; escapes when it needs them."""
    text = _SYMBOL_TEXT.get(name)
    if text is None:
        text = "#{" + "".join(map(_escape_symbol_char, name)) + "}#" if _needs_braces(name) else name
        _SYMBOL_TEXT[name] = text
    return text


def _needs_braces(name: str) -> bool:
    """True when NAME would not read back as this symbol without #{...}#."""
    if not name or name == "." or name[0] in _SYMBOL_BAD_INITIAL:
        return True
    first = name[0]
    if first in "+-." and _looks_like_number(name):
        return True
    if _PLAIN_SYMBOL.match(name):
        return False
    if unicodedata.category(first) not in _SYMBOL_INITIAL:
        return True
    return any(ch in _SYMBOL_BAD_SUBSEQUENT or unicodedata.category(ch) not in _SYMBOL_SUBSEQUENT
               for ch in name[1:])


def _looks_like_number(name: str) -> bool:
    """True when NAME reads as a number (or as a number whose exponent is out of range)."""
    from ..reader.numbers import parse_number   # the number syntax lives with the reader, a layer up
    try:
        return parse_number(name) is not None
    except SchemeError:
        return True


def _escape_symbol_char(ch: str) -> str:
    """How CH appears inside #{...}#."""
    cat = unicodedata.category(ch)
    if cat in _SYMBOL_SUBSEQUENT or cat == "Zs":
        return ch
    return f"\\x{ord(ch):x};"


# ---------------------------------------------------------------- procedures

def _parameter_list(req: list, opt: list, rest: object, keys: list) -> str:
    """Guile's shape for a parameter list: (a #:optional b #:key c . r), or a bare rest name."""
    if not req and not opt and not keys and rest is not None:
        return str(rest)
    parts = list(req)
    if opt:
        parts += ["#:optional", *opt]
    if keys:
        parts += ["#:key", *keys]
    tail = f" . {rest}" if rest is not None else ""
    return "(" + " ".join(parts) + tail + ")"


def _lambda_params(lam: Lambda) -> str:
    """The parameter list of a compiled lambda, from its parameter names."""
    names = [write_symbol_name(p.name) if isinstance(p, Symbol) else str(p) for p in lam.params]
    req = names[:lam.nreq]
    opt = names[lam.nreq:lam.nreq + lam.nopt]
    rest = names[lam.nreq + lam.nopt] if lam.rest else None
    keys = [write_symbol_name(k.name) for k in _keywords(lam.kwinfo)]
    return _parameter_list(req, opt, rest, keys)


def _keywords(kwinfo: object) -> list:
    """The keywords of a lambda*: KWINFO is a list of keywords or the compiler's parameter spec."""
    if hasattr(kwinfo, "keys"):
        return [kw for _, kw, _ in kwinfo.keys]
    return [k for k in kwinfo or () if isinstance(k, (Symbol, Keyword))]


def _procedure_label(name: object, obj: object, lam: Lambda | None) -> str:
    """NAME, or Guile's address-and-location label for an anonymous procedure."""
    if isinstance(name, Symbol):
        return write_symbol_name(name.name)
    if isinstance(name, str):
        return name
    label = format(id(obj), "x")
    if lam is not None and lam.loc:
        filename, line, col = lam.loc
        label += f" at {filename if filename is not None else '<unknown port>'}:{line}:{col}"
    return label


def _write_procedure(proc: object) -> str:
    """Guile's #<procedure NAME PARAMS> for every kind of procedure."""
    if isinstance(proc, (Primitive, ControlPrimitive)):
        params = _parameter_list(["_"] * proc.nreq, ["_"] * proc.nopt, "_" if proc.rest else None, [])
        return f"#<procedure {_procedure_label(proc.name, proc, None)} {params}>"
    if isinstance(proc, Closure):
        return f"#<procedure {_procedure_label(proc.name, proc, proc.lam)} {_lambda_params(proc.lam)}>"
    clauses = " | ".join(_lambda_params(c.lam) for c in proc.clauses)
    first = proc.clauses[0].lam if proc.clauses else None
    return f"#<procedure {_procedure_label(proc.name, proc, first)} {clauses}>"


# ---------------------------------------------------------------- the walk

def _atom_text(obj: object, write: bool) -> str:
    """Text of any object that is not a pair or a vector."""
    t = type(obj)
    if t is Symbol:
        return write_symbol_name(obj.name)
    if t is int:
        return str(obj)
    if t is MString:
        return write_string_literal(obj.s) if write else obj.s
    if t is bool:
        return "#t" if obj else "#f"
    if t is float or t is Fraction or t is complex:
        return format_number(obj)
    if t is Char:
        return write_char(obj.ch) if write else obj.ch
    if t is Keyword:
        return "#:" + write_symbol_name(obj.name)
    if t is bytearray:
        return "#vu8(" + " ".join(map(str, obj)) + ")"
    if isinstance(obj, _Singleton):
        return obj.name
    scheme_repr = getattr(obj, "scheme_repr", None)
    if scheme_repr is not None:
        return scheme_repr(write)
    if t is UninternedSymbol:
        return f"#<uninterned-symbol {obj.name} {id(obj):x}>"
    if isinstance(obj, (Primitive, ControlPrimitive, Closure, CaseLambda)):
        return _write_procedure(obj)
    return f"#<python {t.__name__}>"


class _Text(str):
    """Work item: text to output as it is (a plain str in the data would be a foreign object)."""


_CLOSE = _Text(")")
_SPACE = _Text(" ")


class _Unnest:
    """Work item: the compound opened at this depth of the open-objects stack is finished."""

    __slots__ = ("depth",)

    def __init__(self, depth: int) -> None:
        self.depth = depth


class _ListTail:
    """Work item: continue a list after the element held in PAIR."""

    __slots__ = ("pair",)

    def __init__(self, pair: Pair) -> None:
        self.pair = pair


class _Walk:
    """One printing job: output pieces, pending work, and the compounds currently open.

    Guile marks every pair and vector while it prints it, and writes a reference back to one still
    open as #N#, N counting back from the innermost; `opened`/`open_index` mirror that.
    """

    def __init__(self, write: bool) -> None:
        self.write = write
        self.out: list[str] = []
        self.work: list[object] = []
        self.opened: list[object] = []         # pairs and vectors being printed, outermost first
        self.open_index: dict[int, int] = {}   # id(object) -> its index in self.opened

    def run(self, obj: object) -> str:
        """Print OBJ and return the text."""
        work = self.work
        work.append(obj)
        while work:
            item = work.pop()
            t = type(item)
            if t is _Text:
                self.out.append(item)
            elif t is Pair:
                self.open_pair(item)
            elif t is _ListTail:
                self.list_tail(item.pair)
            elif t is list:
                self.open_vector(item)
            elif t is _Unnest:
                self.close_to(item.depth)
            elif t is Values:
                work.extend(reversed(_interleave(item.items)))
            else:
                self.out.append(_atom_text(item, self.write))
        return "".join(self.out)

    def open(self, obj: object) -> str | None:
        """Mark OBJ as being printed; if it already is, return Guile's #N# back-reference instead."""
        index = self.open_index.get(id(obj))
        if index is not None:
            return f"#{index - (len(self.opened) - 1)}#"
        self.open_index[id(obj)] = len(self.opened)
        self.opened.append(obj)
        return None

    def close_to(self, depth: int) -> None:
        """Forget the open objects above DEPTH."""
        if depth == 0:
            self.opened.clear()
            self.open_index.clear()
        while len(self.opened) > depth:
            del self.open_index[id(self.opened.pop())]

    def open_pair(self, pair: Pair) -> None:
        """Start a list: '(' then its elements, the rest of the list following via list_tail."""
        depth = len(self.opened)
        ref = self.open(pair)
        if ref is not None:
            self.out.append(ref)
            return
        self.work.append(_Unnest(depth))
        self.out.append("(")
        self.element(pair)

    def element(self, pair: Pair) -> None:
        """Print PAIR's element and go on with the rest; a compound element is printed first."""
        item = pair.car
        t = type(item)
        if t is Pair or t is list:
            self.work.append(_ListTail(pair))
            self.work.append(item)
        else:
            self.out.append(_atom_text(item, self.write))
            self.list_tail(pair)

    def list_tail(self, pair: Pair) -> None:
        """Continue after PAIR's element: print simple elements in a loop until the list ends."""
        out, write = self.out, self.write
        while True:
            rest = pair.cdr
            if rest is NIL:
                out.append(")")
                return
            if type(rest) is not Pair:
                out.append(" . ")
                self.work.append(_CLOSE)
                self.work.append(rest)
                return
            ref = self.open(rest)
            if ref is not None:
                out.append(f" . {ref})")
                return
            out.append(" ")
            item = rest.car
            t = type(item)
            if t is Pair or t is list:
                self.work.append(_ListTail(rest))
                self.work.append(item)
                return
            out.append(_atom_text(item, write))
            pair = rest

    def open_vector(self, vec: list) -> None:
        """Print #( elements ) with the vector marked open while its elements print."""
        depth = len(self.opened)
        ref = self.open(vec)
        if ref is not None:
            self.out.append(ref)
            return
        self.work.append(_Unnest(depth))
        self.out.append("#(")
        self.work.append(_CLOSE)
        self.work.extend(reversed(_interleave(vec)))


def _interleave(items: list | tuple) -> list:
    """ITEMS with a space between neighbours, as work items."""
    out: list = []
    for i, item in enumerate(items):
        if i:
            out.append(_SPACE)
        out.append(item)
    return out


def _render(obj: object, write: bool) -> str:
    """Print OBJ with write (True) or display (False) rules."""
    t = type(obj)
    if t is not Pair and t is not list and t is not Values:
        return _atom_text(obj, write)
    return _Walk(write).run(obj)

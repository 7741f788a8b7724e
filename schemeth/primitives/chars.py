"""Characters: predicates, comparisons, case mapping and Unicode properties, as in Guile 3.0.8.

Contract: primitives take `Char` values (interned, one code point in `.ch`) and raise Guile's wrong-type-arg,
expecting "character", for anything else.  Case mappings are Unicode's simple (one-to-one) mappings;
char-ci comparisons compare upcased characters like Guile.  Guile's char-set:upper-case and lower-case come from
an older Unicode table: here they are the categories Lu and Ll, which agree on Latin, Greek and Cyrillic.
"""
from __future__ import annotations

import operator
import unicodedata
from typing import Callable

from ..data.conditions import guile_error, misc_error, wrong_type
from ..data.values import Char, Symbol
from .numbers import range_error, untyped_error
from .registry import primitive

_NO = object()  # an optional argument that was not supplied
_LETTER = frozenset(("Lu", "Ll", "Lt", "Lm", "Lo"))
_SPACE = frozenset(("Zs", "Zl", "Zp"))
_SCHEME_CHAR = ("scheme", "char")


def _check(name: str, pos: int, c: object) -> None:
    """Raise wrong-type-arg (expecting a character) unless C is a Char."""
    if type(c) is not Char:
        raise wrong_type(name, pos, c, "character")


def upcase(ch: str) -> str:
    """Simple uppercase mapping of one code point."""
    u = ch.upper()
    if len(u) == 1:
        return u
    t = ch.title()
    return t if len(t) == 1 else ch


def downcase(ch: str) -> str:
    """Simple lowercase mapping of one code point (U+0130 maps to i)."""
    return ch.lower()[0]


def titlecase(ch: str) -> str:
    """Simple titlecase mapping of one code point."""
    t = ch.title()
    return t if len(t) == 1 else ch


def is_upper(ch: str) -> bool:
    """Guile's char-upper-case? on a code point."""
    return unicodedata.category(ch) == "Lu"


def is_lower(ch: str) -> bool:
    """Guile's char-lower-case? on a code point."""
    return unicodedata.category(ch) == "Ll"


@primitive("char?")
def is_char(x: object) -> bool:
    """Is X a character?"""
    return type(x) is Char


@primitive("char->integer")
def char_to_integer(c: object) -> int:
    """Code point of C."""
    _check("char->integer", 1, c)
    return ord(c.ch)


@primitive("integer->char")
def integer_to_char(n: object) -> Char:
    """Character with code point N (not a surrogate)."""
    if type(n) is not int:
        raise untyped_error("exact integer", n)
    if n < -1 or n > 0x10FFFF:
        raise range_error(-1, 0x10FFFF, n)
    if n == -1 or 0xD800 <= n < 0xE000:
        raise guile_error("out-of-range", "integer->char", "Value out of range: ~S", [n], [n])
    return Char(chr(n))


def _compare(name: str, op: Callable, key: Callable, a: object, b: object, rest: tuple) -> bool:
    """Chain OP over KEY of the supplied characters, checking each pair just before comparing it."""
    if b is _NO:
        return True
    args = (a, b) + rest
    for i in range(len(args) - 1):
        x, y = args[i], args[i + 1]
        _check(name, 1, x)
        _check(name, 2, y)
        if not op(key(x.ch), key(y.ch)):
            return False
    return True


def _define_comparison(name: str, op: Callable, key: Callable) -> None:
    """Register an n-ary character comparison NAME."""
    def compare(a: object = _NO, b: object = _NO, *rest: object) -> bool:
        if type(a) is Char and type(b) is Char and not rest:
            return op(key(a.ch), key(b.ch))
        return _compare(name, op, key, a, b, rest)
    compare.__doc__ = f"Are the characters in {name} order?"
    primitive(name)(compare)


for _suffix, _op in (("=?", operator.eq), ("<?", operator.lt), (">?", operator.gt), ("<=?", operator.le),
                     (">=?", operator.ge)):
    _define_comparison("char" + _suffix, _op, ord)
    _define_comparison("char-ci" + _suffix, _op, lambda ch: ord(upcase(ch)))


def _define_property(name: str, test: Callable) -> None:
    """Register a character predicate; Guile reports bad arguments from char-set-contains?."""
    def predicate(c: object) -> bool:
        if type(c) is not Char:
            raise wrong_type("char-set-contains?", 2, c, "character")
        return test(c.ch)
    predicate.__doc__ = f"Is C {name[5:-1]}?"
    primitive(name)(predicate)


_define_property("char-alphabetic?", lambda ch: unicodedata.category(ch) in _LETTER)
_define_property("char-numeric?", lambda ch: unicodedata.category(ch) == "Nd")
_define_property("char-whitespace?", lambda ch: ch in "\t\n\v\f\r" or unicodedata.category(ch) in _SPACE)
_define_property("char-upper-case?", is_upper)
_define_property("char-lower-case?", is_lower)
_define_property("char-is-both?", lambda ch: is_upper(ch) or is_lower(ch))


def _define_mapping(name: str, mapping: Callable) -> None:
    """Register a case-mapping primitive."""
    def convert(c: object) -> Char:
        _check(name, 1, c)
        return Char(mapping(c.ch))
    convert.__doc__ = f"Apply the {name[5:]} mapping to C."
    primitive(name)(convert)


_define_mapping("char-upcase", upcase)
_define_mapping("char-downcase", downcase)
_define_mapping("char-titlecase", titlecase)


@primitive("char-general-category")
def char_general_category(c: object) -> Symbol:
    """Unicode general category of C as a symbol such as Lu."""
    _check("char-general-category", 1, c)
    return Symbol(unicodedata.category(c.ch))


@primitive("char-foldcase", module=_SCHEME_CHAR)
def char_foldcase(c: object) -> Char:
    """Case-fold C: downcase of upcase, leaving the Turkish dotted and dotless i alone (R7RS)."""
    _check("char-upcase", 1, c)
    if c.ch in "\u0130\u0131":
        return c
    return Char(downcase(upcase(c.ch)))


@primitive("digit-value", module=_SCHEME_CHAR)
def digit_value(c: object) -> object:
    """Value of a decimal digit character, or #f."""
    if type(c) is not Char:
        raise misc_error(None, "Expected a char ~S", [c])
    if unicodedata.category(c.ch) != "Nd":
        return False
    return unicodedata.decimal(c.ch)

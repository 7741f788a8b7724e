"""Equivalence, character, symbol, keyword and boolean primitives; expectations checked on Guile 3.0.8."""
from __future__ import annotations

from fractions import Fraction

import pytest

from schemeth.data.conditions import SchemeError
from schemeth.data.values import (EOF, NIL, UNSPECIFIED, Char, Keyword, MString, Pair, Symbol, UninternedSymbol,
                                  from_list)
from schemeth.primitives import chars, equality, symbols  # noqa: F401  (registers the primitives)
from schemeth.primitives.equality import is_eq, is_equal, is_eqv
from schemeth.primitives.registry import TABLES

PRIMS = TABLES[("guile",)]
C = Char


def call(name: str, *args: object, module: tuple = ("guile",)) -> object:
    """Apply the primitive registered as NAME."""
    return TABLES[module][name].fn(*args)


def plain(v: object) -> object:
    """Scheme data as comparable Python data."""
    if type(v) is Pair:
        out = []
        while type(v) is Pair:
            out.append(plain(v.car))
            v = v.cdr
        return out
    if type(v) is MString:
        return v.s
    return v


def err(name: str, *args: object, module: tuple = ("guile",)) -> tuple:
    """Call NAME expecting a Guile error; return (key subr message fmt-args rest) as plain data."""
    with pytest.raises(SchemeError) as info:
        call(name, *args, module=module)
    cond = info.value.payload
    return (cond.key.name,) + tuple(plain(cond.args))


def wta(subr: str | bool, pos: int, obj: object, expected: str) -> tuple:
    """Guile's wrong-type-arg error naming the expected type."""
    return ("wrong-type-arg", subr, "Wrong type argument in position ~A (expecting ~A): ~S",
            [pos, expected, plain(obj)], [plain(obj)])


# ---------------------------------------------------------------- equivalence

def test_eq() -> None:
    assert is_eq(1, 1)
    assert is_eq(2 ** 61 - 1, 2 ** 61 - 1 + 0 * 7)
    assert is_eq(-(2 ** 61), int("-2305843009213693952"))
    assert not is_eq(2 ** 61, int("2305843009213693952"))
    assert not is_eq(-(2 ** 61) - 1, int("-2305843009213693953"))
    assert not is_eq(1.0, float("1.0") + 0.0 * 3)
    assert not is_eq(Fraction(1, 2), Fraction(1, 2))
    assert is_eq(Char("a"), Char("a"))
    assert is_eq(Symbol("abc"), Symbol("abc"))
    assert is_eq(Keyword("a"), Keyword("a"))
    assert is_eq(NIL, NIL)
    assert not is_eq(MString(""), MString(""))
    assert not is_eq([], [])
    assert not is_eq(False, NIL)
    assert not is_eq(True, 1)
    assert not is_eq(UninternedSymbol("a"), Symbol("a"))


def test_eqv() -> None:
    assert is_eqv(1.0, 1.0)
    assert not is_eqv(0.0, -0.0)
    assert is_eqv(float("nan"), -float("nan"))
    assert not is_eqv(1, 1.0)
    assert is_eqv(Fraction(1, 2), Fraction(1, 2))
    assert is_eqv(10 ** 20, 10 ** 20)
    assert is_eqv(1 + 2j, 1 + 2j)
    assert not is_eqv(MString("a"), MString("a"))
    assert not is_eqv(bytearray(), bytearray())


def test_equal() -> None:
    tree = from_list([1, from_list([2, [3, MString("x")]])])
    assert is_equal(tree, from_list([1, from_list([2, [3, MString("x")]])]))
    assert not is_equal(tree, from_list([1, from_list([2, [3, MString("y")]])]))
    assert not is_equal(1, 1.0)
    assert not is_equal(0.0, -0.0)
    assert is_equal(float("nan"), float("nan"))
    assert is_equal(bytearray(b"\x01\x02"), bytearray(b"\x01\x02"))
    assert not is_equal([1, 2], from_list([1, 2]))
    assert is_equal(Pair(1, 2), Pair(1, 2))
    assert not is_equal(from_list([1, 2]), from_list([1, 2, 3]))
    assert not is_equal(MString("abc"), Symbol("abc"))
    assert not is_equal(False, NIL)


def test_equal_is_iterative() -> None:
    n = 200_000
    long_a, long_b = from_list(range(n)), from_list(range(n))
    assert is_equal(long_a, long_b)
    deep_a = deep_b = NIL
    for i in range(n):
        deep_a, deep_b = Pair(deep_a, i), Pair(deep_b, i)
    assert is_equal(deep_a, deep_b)


def test_equal_parts_protocol() -> None:
    class Point:
        def __init__(self, *fields: object) -> None:
            self.fields = fields

        def equal_parts(self) -> tuple:
            return self.fields
    assert is_equal(Point(1, MString("a")), Point(1, MString("a")))
    assert not is_equal(Point(1, 2), Point(1, 3))


def test_equivalence_primitives_are_nary() -> None:
    a = Symbol("a")
    assert call("eq?") is True and call("eq?", a) is True
    assert call("eq?", a, a, a) is True
    assert call("eq?", a, a, Symbol("b")) is False
    assert call("eqv?", 1, 1, 2) is False
    assert call("equal?", from_list([1]), from_list([1]), from_list([1])) is True
    assert call("equal?", 1) is True


# ---------------------------------------------------------------- characters

def test_char_basics() -> None:
    assert call("char?", C("a")) is True and call("char?", MString("a")) is False
    assert call("char->integer", C("a")) == 97
    assert call("char->integer", C("\U0010ffff")) == 0x10FFFF
    assert call("integer->char", 97) is C("a")
    assert call("integer->char", 0xE000) is C("\ue000")


def test_char_conversion_errors() -> None:
    assert err("char->integer", MString("a")) == wta("char->integer", 1, MString("a"), "character")
    for n in (-1, 0xD800, 0xDFFF):
        assert err("integer->char", n) == ("out-of-range", "integer->char", "Value out of range: ~S", [n], [n])
    for n in (-5, 0x110000, 2 ** 40):
        assert err("integer->char", n) == ("out-of-range", False, "Value out of range ~S to< ~S: ~S",
                                           [-1, 1114111, n], [n])
    assert err("integer->char", 1.0) == ("wrong-type-arg", False, "Wrong type (expecting ~A): ~S",
                                         ["exact integer", 1.0], [1.0])


@pytest.mark.parametrize("name, args, expected", [
    ("char=?", (C("a"), C("a"), C("a")), True), ("char=?", (C("a"),), True), ("char=?", (), True),
    ("char=?", (C("a"), C("b"), MString("c")), False), ("char<?", (C("a"), C("b"), C("c")), True),
    ("char<?", (C("a"), C("b"), C("b")), False), ("char>?", (C("b"), C("a")), True),
    ("char<=?", (C("a"), C("a")), True),
    ("char>=?", (C("a"), C("b")), False), ("char<?", (1,), True), ("char-ci=?", (C("a"), C("A")), True),
    ("char-ci<?", (C("a"), C("B")), True), ("char-ci<?", (C("_"), C("a")), False),
    ("char-ci<?", (C("a"), C("_")), True), ("char-ci=?", (C("\u212a"), C("k")), False),
    ("char-ci=?", (C("\u1e9e"), C("\xdf")), False), ("char-ci=?", (C("\u03c3"), C("\u03c2")), True),
    ("char-ci>=?", (C("b"), C("B"), C("a")), True), ("char-ci<?", (C("b"), C("A"), C("c")), False),
])
def test_char_comparisons(name: str, args: tuple, expected: bool) -> None:
    assert call(name, *args) is expected


def test_char_comparison_errors() -> None:
    assert err("char=?", C("a"), MString("b")) == wta("char=?", 2, MString("b"), "character")
    assert err("char=?", MString("b"), C("a")) == wta("char=?", 1, MString("b"), "character")
    assert err("char=?", C("a"), C("a"), MString("c")) == wta("char=?", 2, MString("c"), "character")
    assert err("char-ci=?", 1, C("a")) == wta("char-ci=?", 1, 1, "character")


@pytest.mark.parametrize("name, ch, expected", [
    ("char-alphabetic?", "a", True), ("char-alphabetic?", "1", False), ("char-alphabetic?", "\u03bb", True),
    ("char-alphabetic?", "\u0345", False), ("char-alphabetic?", "\u2160", False), ("char-alphabetic?", "_", False),
    ("char-alphabetic?", "\u02b0", True), ("char-numeric?", "1", True), ("char-numeric?", "\u0664", True),
    ("char-numeric?", "\xbd", False), ("char-whitespace?", " ", True), ("char-whitespace?", "\xa0", True),
    ("char-whitespace?", "\u200b", False), ("char-whitespace?", "\x85", False), ("char-whitespace?", "\v", True),
    ("char-whitespace?", "\x1c", False), ("char-whitespace?", "\u2028", True), ("char-upper-case?", "A", True),
    ("char-upper-case?", "\u01c5", False), ("char-lower-case?", "a", True), ("char-lower-case?", "\xaa", False),
    ("char-is-both?", "a", True), ("char-is-both?", "1", False), ("char-is-both?", "\u01c5", False),
])
def test_char_properties(name: str, ch: str, expected: bool) -> None:
    assert call(name, C(ch)) is expected


def test_char_property_errors() -> None:
    for name in ("char-alphabetic?", "char-numeric?", "char-whitespace?", "char-upper-case?", "char-lower-case?"):
        assert err(name, 1) == wta("char-set-contains?", 2, 1, "character")


@pytest.mark.parametrize("name, ch, expected", [
    ("char-upcase", "a", "A"), ("char-upcase", "\xdf", "\xdf"), ("char-upcase", "\xff", "\u0178"),
    ("char-upcase", "\u0149", "\u0149"), ("char-upcase", "\u01c5", "\u01c4"), ("char-upcase", "\u1f80", "\u1f88"),
    ("char-upcase", "\u03c2", "\u03a3"), ("char-upcase", "\u0131", "I"), ("char-upcase", "\u0345", "\u0399"),
    ("char-downcase", "A", "a"), ("char-downcase", "\u0130", "i"), ("char-downcase", "\u1e9e", "\xdf"),
    ("char-downcase", "\u212a", "k"), ("char-downcase", "\u03f4", "\u03b8"), ("char-titlecase", "a", "A"),
    ("char-titlecase", "\u01c6", "\u01c5"), ("char-titlecase", "\u01c4", "\u01c5"), ("char-titlecase", "\xdf", "\xdf"),
    ("char-titlecase", "\u1f80", "\u1f88"),
])
def test_case_mapping(name: str, ch: str, expected: str) -> None:
    assert call(name, C(ch)) is C(expected)


def test_case_mapping_errors() -> None:
    for name in ("char-upcase", "char-downcase", "char-titlecase", "char-general-category"):
        assert err(name, MString("a")) == wta(name, 1, MString("a"), "character")


def test_general_category() -> None:
    assert call("char-general-category", C("a")) is Symbol("Ll")
    assert call("char-general-category", C("1")) is Symbol("Nd")
    assert call("char-general-category", C("\0")) is Symbol("Cc")
    assert call("char-general-category", C("\u0378")) is Symbol("Cn")
    assert call("char-general-category", C("\U0001F600")) is Symbol("So")


def test_scheme_char_module() -> None:
    sc = ("scheme", "char")
    assert call("char-foldcase", C("A"), module=sc) is C("a")
    assert call("char-foldcase", C("\u03a3"), module=sc) is C("\u03c3")
    assert call("char-foldcase", C("\u03c2"), module=sc) is C("\u03c3")
    assert call("char-foldcase", C("\u0130"), module=sc) is C("\u0130")
    assert call("char-foldcase", C("\u1e9e"), module=sc) is C("\xdf")
    assert err("char-foldcase", MString("a"), module=sc) == wta("char-upcase", 1, MString("a"), "character")
    assert call("digit-value", C("5"), module=sc) == 5
    assert call("digit-value", C("a"), module=sc) is False
    assert call("digit-value", C("\u0664"), module=sc) == 4
    assert call("digit-value", C("\xbd"), module=sc) is False
    assert err("digit-value", MString("a"), module=sc) == ("misc-error", False, "Expected a char ~S", ["a"], False)


# ---------------------------------------------------------------- symbols and keywords

def test_symbols() -> None:
    assert call("symbol?", Symbol("a")) is True
    assert call("symbol?", MString("a")) is False
    assert call("symbol?", Keyword("a")) is False
    assert call("symbol?", UninternedSymbol("a")) is True
    s = call("symbol->string", Symbol("abc"))
    assert s.s == "abc" and s.mutable is False
    assert call("string->symbol", MString("hello world")) is Symbol("hello world")
    assert call("string->symbol", MString("")) is Symbol("")
    assert call("symbol-append", Symbol("foo"), Symbol("bar")) is Symbol("foobar")
    assert call("symbol-append") is Symbol("")
    assert call("symbol-interned?", Symbol("a")) is True


def test_symbol_errors() -> None:
    assert err("symbol->string", MString("abc")) == wta("symbol->string", 1, MString("abc"), "symbol")
    assert err("string->symbol", Symbol("a")) == wta("string->symbol", 1, Symbol("a"), "string")
    assert err("symbol-append", Symbol("foo"), MString("bar")) == wta("symbol->string", 1, MString("bar"), "symbol")
    assert err("symbol-interned?", MString("a")) == wta("symbol-interned?", 1, MString("a"), "symbol")
    assert err("make-symbol", Symbol("foo")) == wta("make-symbol", 1, Symbol("foo"), "string")


def test_gensym_and_make_symbol() -> None:
    g1, g2 = call("gensym"), call("gensym")
    assert type(g1) is Symbol and g1 is not g2
    assert g1.name.startswith(" g") and g1.name[2:].isdigit()
    assert call("symbol-interned?", g1) is True
    gx = call("gensym", MString("x"))
    assert gx.name.startswith("x") and gx is not Symbol("x")
    assert err("gensym", Symbol("x")) == ("wrong-type-arg", "string-append", "Wrong type (expecting ~A): ~S",
                                          ["string", Symbol("x")], [Symbol("x")])
    m = call("make-symbol", MString("foo"))
    assert type(m) is UninternedSymbol and m.name == "foo" and m is not Symbol("foo")
    assert call("symbol-interned?", m) is False
    assert call("symbol->string", m).s == "foo"


def test_keywords() -> None:
    assert call("keyword?", Keyword("a")) is True
    assert call("keyword?", Symbol("a")) is False
    assert call("symbol->keyword", Symbol("foo")) is Keyword("foo")
    assert call("keyword->symbol", Keyword("foo")) is Symbol("foo")
    assert err("symbol->keyword", MString("foo")) == ("wrong-type-arg", False, "Wrong type (expecting ~A): ~S",
                                                      ["symbol", "foo"], ["foo"])
    assert err("keyword->symbol", Symbol("foo")) == wta("keyword->symbol", 1, Symbol("foo"), "keyword")


def test_booleans_and_singletons() -> None:
    assert call("not", False) is True
    assert call("not", 1) is False
    assert call("not", NIL) is False
    assert call("boolean?", False) is True
    assert call("boolean?", NIL) is False
    assert call("boolean?", 0) is False
    assert call("eof-object?", EOF) is True
    assert call("eof-object?", 1) is False
    assert call("unspecified?", UNSPECIFIED) is True
    assert call("unspecified?", 1) is False


def test_scheme_base_module() -> None:
    sb = ("scheme", "base")
    assert call("eof-object", module=sb) is EOF
    assert call("boolean=?", True, True, True, module=sb) is True
    assert call("boolean=?", True, False, 1, module=sb) is False
    assert err("boolean=?", True, 1, module=sb) == ("misc-error", False, "not a boolean ~S", [1], False)
    assert err("boolean=?", 1, True, module=sb) == ("misc-error", False, "not a boolean ~S", [1], False)
    assert call("symbol=?", Symbol("a"), Symbol("a"), Symbol("a"), module=sb) is True
    assert call("symbol=?", Symbol("a"), Symbol("b"), 1, module=sb) is False
    assert err("symbol=?", Symbol("a"), Symbol("a"), MString("a"), module=sb) == (
        "misc-error", False, "not a symbol ~S", ["a"], False)

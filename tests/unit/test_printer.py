"""write/display output against Guile 3.0.8 (every expected string was printed by `guile`)."""
from __future__ import annotations

import math
from fractions import Fraction

import pytest

from schemeth.data.conditions import SchemeError
from schemeth.data.printer import display_string, format_number, write_string
from schemeth.data.procedures import CaseLambda, Closure, Lambda, Primitive
from schemeth.data.values import (EOF, NIL, UNSPECIFIED, Char, Keyword, MString, Pair, Symbol,
                                  UninternedSymbol, Values, from_list)


# ---------------------------------------------------------------- numbers

@pytest.mark.parametrize("value, expected", [
    (0, "0"), (-17, "-17"), (2 ** 100, "1267650600228229401496703205376"), (10 ** 5000, "1" + "0" * 5000),
    (Fraction(1, 3), "1/3"), (Fraction(-7, 2), "-7/2"),
    (1.0, "1.0"), (0.1, "0.1"), (-0.0, "-0.0"), (0.0, "0.0"), (math.inf, "+inf.0"), (-math.inf, "-inf.0"),
    (math.nan, "+nan.0"), (1e21, "1.0e21"), (1e20, "1.0e20"), (1e-7, "1.0e-7"), (1e-4, "1.0e-4"), (0.001, "0.001"),
    (1.23e-4, "1.23e-4"), (100.0, "100.0"), (1234567.0, "1234567.0"), (12345678901.0, "12345678901.0"),
    (1e7, "1.0e7"), (1e10, "1.0e10"), (1000000.0, "1000000.0"), (1230000.0, "1230000.0"), (1.234e7, "1.234e7"),
    (12345000.0, "12345000.0"), (1234567890123000.0, "1234567890123000.0"), (1.234567890123e16, "1.234567890123e16"),
    (1.2345678901234568e20, "1.2345678901234568e20"), (123456789012345678901234.0, "1.2345678901234569e23"),
    (5e-324, "5.0e-324"), (1.7976931348623157e308, "1.7976931348623157e308"), (1 / 3, "0.3333333333333333"),
    (0.1 + 0.2, "0.30000000000000004"), (-1.5e-7, "-1.5e-7"), (0.0012345678900000012, "0.0012345678900000012"),
    (complex(1, 2), "1.0+2.0i"), (complex(0, -1), "0.0-1.0i"), (complex(math.inf, math.nan), "+inf.0+nan.0i"),
    (complex(1, math.inf), "1.0+inf.0i"), (complex(-1.5, -0.0), "-1.5-0.0i"),
])
def test_numbers(value: object, expected: str) -> None:
    assert write_string(value) == expected == display_string(value)


@pytest.mark.parametrize("bits, expected", [
    ("0x1.4b9eb9bf5555ep+269", ["1.2287672049558077e81",
                                "1.010010111001111010111001101111110101010101010101111e100001101",
                                "2.973d737eaaabce43", "2.21201100200102220211012020210201e20021", "1.g8t3sa4c44e1g"]),
    ("0x1.c7c0c5a3a701cp-449", ["1.2246769181455043e-135",
                                "1.11000111110000001100010110100011101001110000000111e-111000001",
                                "e.3e062d1d380ee-71", "1.022001101011210012002012110020222e-101111",
                                "3.2bejyowt6me-2f"]),
    ("-0x1.c9dc07478ef97p+19", ["-937696.2274851677", "-11100100111011100000.001110100011110001110111110010111",
                                "-e4ee0.3a3c77cb8", "-1202122021111.02001021112022111122", "-k3j4.86tjq6p"]),
    ("0x1.aaeff58005d9dp-706", ["4.9539e-213", "1.1010101011101111111101011000000000000101110110011101e-1011000010",
                                "6.abbfd60017674e-b1", "1.0002122011021100100100102102110102e-121111",
                                "8.3jasc4bafse-3t"]),
])
def test_float_radixes(bits: str, expected: list[str]) -> None:
    x = float.fromhex(bits)
    assert [format_number(x, radix) for radix in (10, 2, 16, 3, 36)] == expected


@pytest.mark.parametrize("value, radix, expected", [
    (0.5, 2, "0.1"), (0.1, 2, "1.100110011001100110011001100110011001100110011001101e-100"), (255.0, 16, "ff.0"),
    (1e20, 16, "5.6bc75e2d631e10"), (268435456.0, 16, "1.0e7"), (-0.0, 2, "-0.0"), (math.nan, 16, "+nan.0"),
    (Fraction(1, 3), 2, "1/11"), (-255, 16, "-ff"), (255, 36, "73"), (-35, 36, "-z"), (100.0, 2, "1100100.0"),
    (complex(1, 2), 2, "1.0+10.0i"),
])
def test_number_to_string_radix(value: object, radix: int, expected: str) -> None:
    assert format_number(value, radix) == expected


def test_radix_out_of_range() -> None:
    with pytest.raises(SchemeError) as info:
        format_number(10, 37)
    condition = info.value.payload
    assert write_string(Pair(condition.key, condition.args)) == \
        '(out-of-range #f "Value out of range ~S to< ~S: ~S" (2 36 37) (37))'


# ---------------------------------------------------------------- characters, strings, symbols

@pytest.mark.parametrize("code, expected", [
    (0, "#\\nul"), (1, "#\\soh"), (7, "#\\alarm"), (8, "#\\backspace"), (9, "#\\tab"), (10, "#\\newline"),
    (11, "#\\vtab"), (12, "#\\page"), (13, "#\\return"), (27, "#\\esc"), (31, "#\\us"), (32, "#\\space"),
    (127, "#\\delete"), (0x80, "#\\200"), (0xA0, "#\\240"), (0xAD, "#\\255"), (0xA1, "#\\\u00a1"), (ord("a"), "#\\a"),
    (ord("("), "#\\("), (ord("\\"), "#\\\\"), (0x3BB, "#\\\u03bb"), (0x300, "#\\\u25cc\u0300"), (0x34F, "#\\\u034f"),
    (0x903, "#\\\u0903"), (0x2028, "#\\20050"), (0x3000, "#\\30000"), (0xFEFF, "#\\177377"), (0xE000, "#\\160000"),
    (0x378, "#\\1570"), (0x1F600, "#\\\U0001f600"), (0x10FFFF, "#\\4177777"),
])
def test_write_char(code: int, expected: str) -> None:
    assert write_string(Char(chr(code))) == expected
    assert display_string(Char(chr(code))) == chr(code)


@pytest.mark.parametrize("text, expected", [
    ("hello", '"hello"'), ("", '""'), ('tab\there "quoted" back\\slash', '"tab\\there \\"quoted\\" back\\\\slash"'),
    ("\a\b\v\f\r\x00\x01\x7f", '"\\a\\b\\v\\f\\r\\x00\\x01\\x7f"'), ("a\nb", '"a\\nb"'), ("\x1b\x1f", '"\\x1b\\x1f"'),
    ("\x80\xa0\xad\xe9", '"\\x80\\xa0\\xad\xe9"'), ("\u0300\u2028\U0001f600", '"\u0300\\u2028\U0001f600"'),
    ("\u3000\ufeff\ue000", '"\\u3000\\ufeff\\ue000"'), ("\U000e0001", '"\\U0e0001"'), ("|(", '"|("'),
])
def test_write_string(text: str, expected: str) -> None:
    assert write_string(MString(text)) == expected
    assert display_string(MString(text)) == text


@pytest.mark.parametrize("name, expected", [
    ("abc", "abc"), ("Hello", "Hello"), ("", "#{}#"), ("a b", "#{a b}#"), ("1", "#{1}#"), ("1.5", "#{1.5}#"),
    ("+", "+"), ("-", "-"), ("...", "..."), (".", "#{.}#"), ("..", ".."), ("1+", "#{1+}#"), ("1a", "#{1a}#"),
    ("-x", "-x"), ("+a", "+a"), (".a", ".a"), ("+i", "#{+i}#"), ("1/0", "#{1/0}#"), ("+inf.0", "#{+inf.0}#"),
    ("-nan.0", "#{-nan.0}#"), ("1e5", "#{1e5}#"), ("+5", "#{+5}#"), ("+1e400", "#{+1e400}#"),
    ("#foo", "#{#foo}#"), ("a#", "#{a#}#"), ("#", "#{#}#"), ("a(b", "#{a\\x28;b}#"), ("a)b", "#{a\\x29;b}#"),
    ("a[b", "#{a\\x5b;b}#"), ("a{b", "#{a\\x7b;b}#"), ("a}b", "#{a\\x7d;b}#"), ("a;b", "#{a;b}#"),
    ('a"b', '#{a"b}#'), ("a|b", "a|b"), ("|", "|"), ("a\\b", "a\\b"), ("a'b", "a'b"), ("'a", "#{'a}#"),
    ("a`b", "a`b"), ("`a", "#{`a}#"), ("a,b", "a,b"), (",a", "#{,a}#"), (",@", "#{,@}#"), (":foo", ":foo"),
    ("foo:", "foo:"), ("#:foo", "#{#:foo}#"), ("\u03bb", "\u03bb"), ("a\tb", "#{a\\x9;b}#"), ("a\nb", "#{a\\xa;b}#"),
    ("\x00", "#{\\x0;}#"), ("a\x7f", "#{a\\x7f;}#"), ("a\xa0b", "#{a\xa0b}#"), ("a\u2028", "#{a\\x2028;}#"),
    ("\xab", "#{\\xab;}#"), ("\ue000", "\ue000"), ("\u0660", "#{\u0660}#"), ("a\u0660", "a\u0660"),
    ("\u00b2", "\u00b2"), ("\u0300a", "\u0300a"), ("a b\\c", "#{a b\\c}#"), ("->x", "->x"),
    ("!$%&*/:<=>?^_~", "!$%&*/:<=>?^_~"),
])
def test_write_symbol(name: str, expected: str) -> None:
    assert write_string(Symbol(name)) == expected
    assert display_string(Symbol(name)) == expected     # Guile's display escapes symbols too


def test_keywords_and_uninterned_symbols() -> None:
    assert write_string(Keyword("key")) == "#:key"
    assert display_string(Keyword("a b")) == "#:#{a b}#"
    gensym = UninternedSymbol("foo")
    assert write_string(gensym) == f"#<uninterned-symbol foo {id(gensym):x}>" == display_string(gensym)


# ---------------------------------------------------------------- compound data

def test_lists_vectors_and_special_objects() -> None:
    data = from_list([1, from_list([2, from_list([3])]), NIL, Pair(1, 2), from_list([1, 2], 3),
                      from_list([Symbol("quote"), Symbol("x")]), [1, MString("two"), Char("3"), Symbol("four")], [],
                      [[1], Pair(2, 3)], bytearray([0, 1, 255]), bytearray(), True, False, UNSPECIFIED, EOF])
    assert write_string(data) == ('(1 (2 (3)) () (1 . 2) (1 2 . 3) (quote x) #(1 "two" #\\3 four) #() '
                                  '#(#(1) (2 . 3)) #vu8(0 1 255) #vu8() #t #f #<unspecified> #<eof>)')
    assert display_string(data) == ('(1 (2 (3)) () (1 . 2) (1 2 . 3) (quote x) #(1 two 3 four) #() '
                                    '#(#(1) (2 . 3)) #vu8(0 1 255) #vu8() #t #f #<unspecified> #<eof>)')
    assert write_string(from_list([MString("s"), Char(" "), Char("\n")])) == '("s" #\\space #\\newline)'
    assert display_string(from_list([MString("s"), Char(" "), Char("\n")])) == "(s   \n)"


def test_multiple_values() -> None:
    assert write_string(Values((1, MString("a")))) == '1 "a"'
    assert display_string(Values((1, MString("a")))) == "1 a"
    assert write_string(Values(())) == ""


def cyclic(items: list, back: int) -> Pair:
    """A list of ITEMS whose last cdr points back to the pair at index BACK."""
    head = from_list(items)
    pairs = []
    p = head
    while type(p) is Pair:
        pairs.append(p)
        p = p.cdr
    pairs[-1].cdr = pairs[back]
    return head


def test_cycles_use_guile_back_references() -> None:
    assert write_string(cyclic([1, 2], 0)) == "(1 2 . #-1#)"
    assert write_string(cyclic([1, 2, 3], 1)) == "(1 2 3 . #-1#)"
    assert write_string(cyclic([1, 2, 3, 4, 5], 2)) == "(1 2 3 4 5 . #-2#)"
    self_car = from_list([1])
    self_car.car = self_car
    assert write_string(self_car) == "(#0#)"
    second = from_list([1, 2])
    second.cdr.car = second
    assert write_string(second) == "(1 #-1#)"
    vector = [1, 2]
    vector[1] = vector
    assert write_string(vector) == "#(1 #0#)"
    nested = from_list([1, from_list([2, 3])])
    nested.cdr.car.cdr.car = nested
    assert write_string(nested) == "(1 (2 #-3#))"
    loop = cyclic([1, 2], 0)
    assert write_string(from_list([loop, loop])) == "((1 2 . #-1#) (1 2 . #-1#))"
    shared = from_list([1])
    assert write_string(from_list([shared, shared])) == "((1) (1))"
    assert display_string(cyclic([1, 2], 0)) == "(1 2 . #-1#)"


def test_long_and_deep_structures_do_not_recurse() -> None:
    assert write_string(from_list(range(100000))) == "(" + " ".join(map(str, range(100000))) + ")"
    deep = NIL
    for _ in range(100000):
        deep = Pair(deep, NIL)
    assert write_string(deep) == "(" * 100000 + "()" + ")" * 100000
    vectors: list = []
    for _ in range(50000):
        vectors = [vectors]
    assert write_string(vectors) == "#(" * 50000 + "#()" + ")" * 50000
    tail = 0
    for _ in range(50000):
        tail = Pair(1, Pair(tail, NIL))
    assert write_string(tail).startswith("(1 (1 (1 ")


# ---------------------------------------------------------------- procedures and other objects

def closure(name: str | None, params: list[str], nreq: int, nopt: int = 0, rest: bool = False,
            loc: tuple | None = None, keys: list | None = None) -> Closure:
    """A closure over a Lambda with the given parameter shape."""
    lam = Lambda(Symbol(name) if name else None, nreq, nopt, rest, len(params), lambda: None,
                 [Symbol(p) for p in params], loc, None, keys)
    return Closure(lam, None)


@pytest.mark.parametrize("proc, expected", [
    (Primitive("car", len, 1), "#<procedure car (_)>"),
    (Primitive("vector-ref", len, 2), "#<procedure vector-ref (_ _)>"),
    (Primitive("+", len, 0, 2, True), "#<procedure + (#:optional _ _ . _)>"),
    (Primitive("list", len, 0, 0, True), "#<procedure list _>"),
    (Primitive("cons*", len, 1, 0, True), "#<procedure cons* (_ . _)>"),
    (Primitive("newline", len, 0, 1), "#<procedure newline (#:optional _)>"),
    (Primitive("display", len, 1, 1), "#<procedure display (_ #:optional _)>"),
    (closure("f", ["a", "b"], 2), "#<procedure f (a b)>"),
    (closure("g", ["a", "b", "c"], 1, 2), "#<procedure g (a #:optional b c)>"),
    (closure("h", ["a", "rest"], 1, rest=True), "#<procedure h (a . rest)>"),
    (closure("k", ["rest"], 0, rest=True), "#<procedure k rest>"),
    (closure("o", ["b", "r"], 0, 1, rest=True), "#<procedure o (#:optional b . r)>"),
    (closure("m", ["a", "b"], 1, 1, keys=[Keyword("c"), Keyword("d")]), "#<procedure m (a #:optional b #:key c d)>"),
    (closure("kk", [], 0, keys=[Keyword("a"), Keyword("b")]), "#<procedure kk (#:key a b)>"),
    (closure("thunk", [], 0), "#<procedure thunk ()>"),
])
def test_named_procedures(proc: object, expected: str) -> None:
    assert write_string(proc) == expected == display_string(proc)


def test_anonymous_procedures_show_address_and_location() -> None:
    anonymous = closure(None, ["x", "y"], 2, loc=("/tmp/p2.scm", 10, 23))
    assert write_string(anonymous) == f"#<procedure {id(anonymous):x} at /tmp/p2.scm:10:23 (x y)>"
    repl = closure(None, ["x"], 1, loc=(None, 1, 7))
    assert write_string(repl) == f"#<procedure {id(repl):x} at <unknown port>:1:7 (x)>"
    bare = closure(None, [], 0)
    assert write_string(bare) == f"#<procedure {id(bare):x} ()>"


def test_case_lambda() -> None:
    clauses = [closure("p", ["x"], 1), closure("p", ["x", "y"], 2), closure("p", ["x", "r"], 1, rest=True)]
    assert write_string(CaseLambda(clauses, Symbol("p"))) == "#<procedure p (x) | (x y) | (x . r)>"


def test_scheme_repr_and_foreign_objects() -> None:
    class Record:
        def scheme_repr(self, write: bool) -> str:
            return "#<point 1 2>" if write else "point"

    assert write_string(from_list([Record(), object(), "raw"])) == "(#<point 1 2> #<python object> #<python str>)"
    assert display_string(Record()) == "point"

"""Pair/list and string primitives; expected values and error shapes checked on Guile 3.0.8."""
from __future__ import annotations

from fractions import Fraction

import pytest

from schemeth.data.conditions import SchemeError
from schemeth.data.values import NIL, UNSPECIFIED, Char, MString, Pair, Symbol, from_list
from schemeth.primitives import lists, strings  # noqa: F401  (registers the primitives)
from schemeth.primitives.registry import TABLES
from schemedata import plain

PRIMS = TABLES[("guile",)]


def call(name: str, *args: object) -> object:
    """Apply the primitive registered as NAME."""
    return PRIMS[name].fn(*args)


def err(name: str, *args: object) -> tuple:
    """Call NAME expecting a Guile error; return (key subr message fmt-args rest) as plain data."""
    with pytest.raises(SchemeError) as info:
        call(name, *args)
    cond = info.value.payload
    return (cond.key.name,) + tuple(plain(x) for x in plain_args(cond.args))


def plain_args(args: object) -> list:
    """The elements of a condition's argument list."""
    out = []
    while type(args) is Pair:
        out.append(args.car)
        args = args.cdr
    return out


def L(*items: object) -> object:
    """Build a Scheme list."""
    return from_list(items)


def S(s: str) -> MString:
    """A fresh mutable string."""
    return MString(s)


a, b, c, x = Symbol("a"), Symbol("b"), Symbol("c"), Symbol("x")
WTA, OOR = "wrong-type-arg", "out-of-range"
POS_EXPECT = "Wrong type argument in position ~A (expecting ~A): ~S"
POS_ONLY = "Wrong type argument in position ~A: ~S"
NO_POS = "Wrong type (expecting ~A): ~S"
RANGE = "Value out of range ~S to< ~S: ~S"


# ------------------------------------------------------------------------------------------ pairs


def test_car_cdr_errors_have_inline_position():
    assert err("car", 1) == (WTA, "car", "Wrong type argument in position 1 (expecting pair): ~S", [1], [1])
    assert err("cdr", NIL) == (WTA, "cdr", "Wrong type argument in position 1 (expecting pair): ~S", [[]], [[]])


def test_set_car_wants_mutable_pair():
    assert err("set-car!", 1, 2) == (WTA, "set-car!", POS_EXPECT, [1, "mutable pair", 1], [1])
    p = Pair(1, 2)
    assert call("set-cdr!", p, 3) is UNSPECIFIED and p.cdr == 3


def test_cxr_family():
    assert call("caddr", L(1, 2, 3)) == 3
    assert plain(call("cdadr", L(1, L(2, 3)))) == [3]
    assert err("cadr", L(1)) == (WTA, "cadr", NO_POS, ["pair", []], [[]])
    assert err("cadddr", from_list([1, 2, 3], 4)) == (WTA, "cadddr", NO_POS, ["pair", 4], [4])
    assert err("caar", 1) == (WTA, "caar", NO_POS, ["pair", 1], [1])
    assert all(f"c{p}r" in PRIMS for p in ("aaaa", "dddd", "adda", "daa"))


# ------------------------------------------------------------------------------------------ building


def test_cons_star_and_make_list():
    assert call("cons*", 1) == 1
    assert plain(call("cons*", 1, 2, 3)) == (".", [1, 2], 3)
    assert plain(call("make-list", 2, x)) == [x, x]
    assert plain(call("make-list", 2)) == [[], []]
    assert err("make-list", -1) == (OOR, False, RANGE, [0, 4294967295, -1], [-1])
    assert err("make-list", 1.0) == (WTA, False, NO_POS, ["exact integer", 1.0], [1.0])


def test_length_rejects_improper_and_circular_lists():
    assert call("length", L(1, 2, 3)) == 3
    improper = from_list([1, 2], 3)
    assert err("length", improper) == (WTA, "length", POS_ONLY, [1, plain(improper)], [plain(improper)])
    circ = L(1, 2)
    circ.cdr.cdr = circ
    with pytest.raises(SchemeError):
        call("length", circ)
    assert call("list?", circ) is False


def test_million_element_lists_do_not_recurse():
    big = from_list(range(1_000_000))
    assert call("length", big) == 1_000_000
    assert call("list?", big) is True
    assert call("last-pair", big).car == 999_999
    assert call("list-ref", big, 999_999) == 999_999
    assert call("length", call("reverse!", big)) == 1_000_000
    medium = from_list(range(100_000))
    assert call("length", call("list-copy", medium)) == 100_000
    assert call("length", call("append", medium, L(1))) == 100_001
    assert call("memv", -1, medium) is False


def test_append_shares_last_argument_and_reports_positions():
    tail = L(3)
    result = call("append", L(1), L(2), tail)
    assert plain(result) == [1, 2, 3] and result.cdr.cdr is tail
    assert plain(call("append", L(1), 2)) == (".", [1], 2)
    assert call("append") is NIL and call("append", 1) == 1
    assert err("append", 1, L(2)) == (WTA, "append", POS_EXPECT, [1, "empty list", 1], [1])
    assert err("append", L(1), L(2), from_list([3], 4), 5) == (WTA, "append", POS_EXPECT,
                                                               [3, "empty list", 4], [4])


def test_append_bang():
    assert plain(call("append!", L(1, 2), NIL, L(3))) == [1, 2, 3]
    assert plain(call("append!", L(1), NIL, L(2), 5)) == (".", [1, 2], 5)
    assert err("append!", L(1), 5, L(3)) == (WTA, "append!", POS_EXPECT, [2, "pair", 5], [5])
    assert err("append!", L(1), Pair(2, 3), L(4)) == (WTA, "append!", POS_EXPECT, [2, "empty list", 3], [3])


def test_reverse_and_reverse_bang():
    assert plain(call("reverse", L(1, 2, 3))) == [3, 2, 1]
    assert err("reverse", 1) == (WTA, "reverse", POS_ONLY, [1, 1], [1])
    assert plain(call("reverse!", L(1, 2), L(9))) == [2, 1, 9]
    assert call("reverse!", NIL, 5) == 5


def test_list_tail_head_ref_set():
    assert plain(call("list-tail", L(1, 2), 1)) == [2]
    assert err("list-tail", L(1, 2), 3) == (WTA, "list-tail", POS_EXPECT, [1, "pair", []], [[]])
    assert plain(call("list-head", L(1, 2), 1)) == [1]
    assert err("list-head", Pair(1, 2), 2) == (WTA, "list-head", POS_EXPECT, [1, "pair", 2], [2])
    assert call("list-ref", L(1, 2), 1) == 2
    assert err("list-ref", L(1, 2), 2) == (OOR, "list-ref", "Argument ~A out of range: ~S", [2, 2], [2])
    improper = from_list([1, 2], 3)
    assert err("list-ref", improper, 2)[1:3] == ("list-ref", POS_ONLY)
    assert err("list-ref", L(1), 1.0) == (WTA, False, NO_POS, ["exact integer", 1.0], [1.0])
    lst = L(1, 2)
    call("list-set!", lst, 1, x)
    assert plain(lst) == [1, x]
    assert err("list-set!", L(1, 2), 2, x)[1] == "list-set!"


def test_last_pair_and_list_copy():
    assert call("last-pair", NIL) is NIL
    assert plain(call("last-pair", from_list([1, 2], 3))) == (".", [2], 3)
    assert err("last-pair", 5) == (WTA, "last-pair", POS_EXPECT, [1, "pair", 5], [5])
    assert err("list-copy", 5) == (WTA, "list-copy", POS_ONLY, [1, 5], [5])


def test_iota():
    assert plain(call("iota", 5)) == [0, 1, 2, 3, 4]
    assert plain(call("iota", 3, 0, 0.5)) == [0.0, 0.5, 1.0]
    assert plain(call("iota", 3, Fraction(1, 2), Fraction(1, 2))) == [Fraction(1, 2), 1, Fraction(3, 2)]
    assert type(plain(call("iota", 3, Fraction(1, 2), Fraction(1, 2)))[1]) is int
    assert plain(call("iota", 1.0)) == [0.0]
    assert plain(call("iota", 2.0, 1, 1)) == [1.0, 2.0]
    assert call("iota", 0, a) is NIL
    assert err("iota", -1) == (WTA, -1)
    assert err("iota", 3, a) == (WTA, "+", POS_ONLY, [1, a], [a])
    assert err("iota", 3, 1, b) == (WTA, "*", POS_ONLY, [2, b], [b])


# ------------------------------------------------------------------------------------------ searching


def test_memq_memv_member():
    assert plain(call("memq", c, L(a, b, c))) == [c]
    assert plain(call("memq", b, Pair(b, c))) == (".", [b], c)
    assert err("memq", c, Pair(b, c)) == (WTA, "memq", POS_EXPECT, [2, "list", (".", [b], c)],
                                          [(".", [b], c)])
    assert plain(call("memv", 1.0, L(1, 1.0))) == [1.0]
    assert plain(call("member", L(1), L(2, L(1), 3))) == [[1], 3]
    assert err("member", 1, Pair(1, 3)) == (WTA, "member", POS_ONLY, [2, (".", [1], 3)], [(".", [1], 3)])
    assert call("memq", 1000, L(999 + 1)) is not False


def test_assq_assv_assoc_name_the_procedure_guile_delegates_to():
    alist = L(Pair(b, 1))
    alist.cdr = 5
    shape = (WTA, "assq", POS_EXPECT, [2, "association list", plain(alist)], [plain(alist)])
    assert err("assv", a, alist) == shape
    assert err("assoc", 1, alist) == shape
    assert err("assoc", Char("a"), alist) == shape
    assert err("assv", 1.0, alist)[1] == "assv"
    assert err("assv", 1 << 61, alist)[1] == "assv"
    assert err("assv", (1 << 61) - 1, alist)[1] == "assq"
    assert err("assoc", S("s"), alist)[1] == "assoc"
    assert plain(call("assoc", S("a"), L(Pair(S("a"), 1)))) == (".", ["a"], 1)
    assert err("assq", a, L(Pair(b, 1), 5)) == (WTA, "assq", POS_EXPECT,
                                                [2, "association list", [(".", [b], 1), 5]],
                                                [[(".", [b], 1), 5]])


def test_delete_family():
    assert plain(call("delq", a, L(a, b, a, c))) == [b, c]
    assert err("delq", a, 5) == (WTA, "list-copy", POS_ONLY, [1, 5], [5])
    assert plain(call("delete", L(1), L(L(1), 2, L(1)))) == [2]
    assert call("delete!", 1, 5) == 5
    assert call("delv!", 1, Pair(1, 2)) == 2
    assert plain(call("delq1!", a, L(b, a, a))) == [b, a]
    assert plain(call("delete1!", 1, L(1, 2, 1))) == [2, 1]


def test_alist_accessors_are_sloppy():
    assert call("assq-ref", L(5, Pair(b, 2)), b) == 2
    assert call("assq-ref", 5, b) is False
    assert call("assoc-ref", L(Pair(S("a"), 1)), S("a")) == 1
    assert plain(call("assq-set!", 5, a, 1)) == (".", [(".", [a], 1)], 5)
    alist = L(Pair(a, 1))
    assert call("assq-set!", alist, a, 2) is alist and alist.car.cdr == 2
    assert plain(call("assv-remove!", L(Pair(1, 1), Pair(1, 2)), 1)) == [(".", [1], 2)]
    assert plain(call("acons", 1, 2, 3)) == (".", [(".", [1], 2)], 3)


# ------------------------------------------------------------------------------------------ strings


def test_string_ref_and_set_errors():
    assert call("string-ref", S("abc"), 1) is Char("b")
    assert err("string-ref", S("abc"), 3) == (OOR, False, RANGE, [0, 2, 3], [3])
    assert err("string-ref", S(""), 0) == (OOR, False, "Value out of range: ~S", [0], [0])
    assert err("string-ref", 1, 0) == (WTA, "string-ref", POS_EXPECT, [1, "string", 1], [1])
    assert err("string-length", 1) == (WTA, "string-length",
                                       "Wrong type argument in position 1 (expecting string): ~S", [1], [1])
    s = S("ab")
    call("string-set!", s, 1, Char("x"))
    assert s.s == "ax"
    assert err("string-set!", S("a"), 0, 1) == (WTA, "string-set!", POS_EXPECT, [3, "character", 1], [1])
    assert err("string-set!", MString("abc", False), 0, Char("x")) == (
        "misc-error", False, "string is read-only: ~s", ["abc"], False)


def test_constructors():
    assert call("make-string", 2, Char("a")).s == "aa"
    assert call("make-string", 2).s == "\0\0"
    assert err("make-string", 1, 1) == (WTA, False, NO_POS, ["character", 1], [1])
    assert err("string", Char("a"), 1) == (WTA, "string", NO_POS, ["character", 1], [1])
    assert err("list->string", 5) == (WTA, "string", POS_ONLY, [1, 5], [5])
    assert call("reverse-list->string", L(Char("a"), Char("b"))).s == "ba"


def test_string_append_and_substring():
    result = call("string-append", MString("a", False), S("bc"))
    assert result.s == "abc" and result.mutable
    assert err("string-append", S("a"), 1) == (WTA, "string-append", NO_POS, ["string", 1], [1])
    assert call("substring", S("hello"), 1, 3).s == "el"
    assert err("substring", S("hello"), 3, 2) == (OOR, False, RANGE, [3, 5, 2], [2])
    assert err("substring", S("hello"), 6) == (OOR, False, RANGE, [0, 5, 6], [6])
    assert err("substring", 1, 0) == (WTA, "substring", POS_EXPECT, [1, "string", 1], [1])
    assert call("substring/read-only", S("abc"), 1).mutable is False
    assert call("substring/shared", MString("abc", False), 1).mutable is False


def test_string_copy_bang_and_fill():
    s = S("-----")
    call("string-copy!", s, 1, S("abc"), 1)
    assert s.s == "-bc--"
    assert err("string-copy!", S("  "), 1, S("abc")) == (OOR, "string-copy!", "Argument ~A out of range: ~S",
                                                         [3, "abc"], ["abc"])
    s = S("hello")
    call("string-fill!", s, Char("x"), 1, 3)
    assert s.s == "hxxlo"


def test_string_join_and_split():
    parts = L(S("a"), S("b"))
    assert call("string-join", parts).s == "a b"
    assert call("string-join", parts, S("-"), Symbol("prefix")).s == "-a-b"
    assert call("string-join", parts, S("-"), Symbol("suffix")).s == "a-b-"
    assert err("string-join", NIL, S("-"), Symbol("strict-infix")) == (
        "misc-error", "string-join", "strict-infix grammar requires non-empty list", [], False)
    assert err("string-join", L(S("a")), S("-"), Symbol("foo")) == (WTA, "string-join", POS_ONLY,
                                                                    [3, Symbol("foo")], [Symbol("foo")])
    assert plain(call("string-split", S("a,b,,c"), Char(","))) == ["a", "b", "", "c"]
    assert plain(call("string-split", S(""), Char(","))) == [""]


def test_nary_comparisons_report_the_two_string_subr():
    assert call("string=?") is True and call("string=?", 1) is True
    assert call("string<?", S("a"), S("b"), S("c")) is True
    assert call("string=?", S("a"), S("b"), 1) is False
    assert err("string>?", S("b"), S("a"), 1) == (WTA, "string>", POS_EXPECT, [2, "string", 1], [1])
    assert err("string-ci<?", 1, S("a")) == (WTA, "string-ci<", POS_EXPECT, [1, "string", 1], [1])
    assert call("string=", S("abc"), S("xbc"), 1, 3, 1, 3) is True
    assert call("string-ci=?", S("Straße"), S("STRASSE")) is False
    assert call("string-ci=?", S("ς"), S("σ")) is True
    assert call("string-ci<?", S("A"), S("_")) is False


def test_case_conversion_uses_simple_mappings():
    assert call("string-upcase", S("straße")).s == "STRAßE"
    assert call("string-downcase", S("İ")).s == "i"
    assert call("string-upcase", S("ﬁ ŉ ᾀ")).s == "ﬁ ŉ ᾈ"
    assert call("string-titlecase", S("hello wORLD foo-bar 3x")).s == "Hello World Foo-Bar 3X"
    assert call("string-titlecase", S("it's ǆa")).s == "It'S ǅa"
    assert call("string-titlecase", S("hELLO wOrld"), 2).s == "hELlo World"
    assert call("string-upcase", S("hello"), 1, 3).s == "hELlo"
    s = S("abc")
    assert call("string-upcase!", s) is s and s.s == "ABC"


def test_searching():
    assert call("string-index", S("hello"), Char("l")) == 2
    assert call("string-index", S("hello"), Char("l"), 0, 2) is False
    assert call("string-rindex", S("hello"), Char("l")) == 3
    assert err("string-index", S("hello"), 5) == (WTA, "string-index", POS_ONLY, [2, 5], [5])
    assert err("string-index", S("abc"), 1, 9) == (OOR, False, RANGE, [0, 3, 9], [9])
    assert call("string-contains", S("hello"), S("xll"), 0, 5, 1) == 2
    assert call("string-contains-ci", S("HELLO"), S("ll")) == 2
    assert err("string-contains", S("abc"), S("b"), 0, 3, 2, 1) == (OOR, False, RANGE, [0, 1, 2], [2])
    assert call("string-prefix?", S("he"), S("hello")) is True
    assert call("string-suffix?", S("bc"), S("abc"), 0, 2, 0, 2) is False
    assert call("string-prefix-length", S("abc"), S("abd"), 1) == 0
    assert call("string-suffix-length", S("xbc"), S("abc")) == 2
    assert call("string-count", S("hello"), Char("l"), 3) == 1
    assert call("string-skip", S("  ab"), Char(" ")) == 2


def test_trim_pad_take():
    assert call("string-trim", S("  a b  ")).s == "a b  "
    assert call("string-trim-right", S("a\xa0\u2003\x85\v\f")).s == "a\xa0\u2003\x85"
    assert call("string-trim-both", S("xxaxx"), Char("x")).s == "a"
    assert call("string-pad", S("abc"), 5).s == "  abc"
    assert call("string-pad", S("abc"), 2).s == "bc"
    assert call("string-pad-right", S("abc"), 5, Char("x"), 1).s == "bcxxx"
    assert err("string-pad", S("abc"), 5, 1) == (WTA, "string-pad", POS_EXPECT, [3, "character", 1], [1])
    assert call("string-take-right", S("hello"), 2).s == "lo"
    assert err("string-take-right", S("hello"), 6) == (OOR, False, RANGE, [0, 5, -1], [-1])
    assert err("string-take-right", 1, 1) == (WTA, "string-length", POS_EXPECT, [1, "string", 1], [1])
    assert err("string-take", 1, 1)[1] == "substring"


def test_reverse_and_concatenate():
    assert call("string-reverse", S("abcde"), 1, 3).s == "acbde"
    s = S("abc")
    assert call("string-reverse!", s) is UNSPECIFIED and s.s == "cba"
    assert call("string-concatenate", L(S("a"), S("b"))).s == "ab"
    assert call("string-concatenate-reverse", L(S("a"), S("b")), S("cde"), 1).s == "bac"
    assert err("string-concatenate-reverse", 5) == (WTA, "reverse", POS_ONLY, [1, 5], [5])
    assert call("string-replace", S("abcde"), S("XY"), 1, 3).s == "aXYde"
    assert call("string-utf8-length", S("hé")) == 3

"""Numeric primitives; expected values and error shapes checked on Guile 3.0.8."""
from __future__ import annotations

import math
from fractions import Fraction

import pytest

from schemeth.data.conditions import SchemeError
from schemeth.data.values import MString, Pair, Values
from schemeth.primitives import numbers  # noqa: F401  (registers the primitives)
from schemeth.primitives.registry import TABLES

PRIMS = TABLES[("guile",)]
F = Fraction
INF = math.inf
NAN = math.nan


def call(name: str, *args: object) -> object:
    """Apply the primitive registered as NAME."""
    return PRIMS[name].fn(*args)


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
    if type(v) is Values:
        return tuple(v.items)
    return v


def err(name: str, *args: object) -> tuple:
    """Call NAME expecting a Guile error; return (key subr message fmt-args rest) as plain data."""
    with pytest.raises(SchemeError) as info:
        call(name, *args)
    cond = info.value.payload
    return (cond.key.name,) + tuple(plain(cond.args))


def same(a: object, b: object) -> bool:
    """Equal with the same Python type; floats compare NaN and the sign of zero too."""
    if type(a) is not type(b):
        return False
    if type(a) is float:
        return (a != a and b != b) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if type(a) is complex:
        return same(a.real, b.real) and same(a.imag, b.imag)
    if type(a) is tuple:
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def check(name: str, args: tuple, expected: object) -> None:
    """Assert that NAME applied to ARGS gives EXPECTED (type included)."""
    got = plain(call(name, *args))
    assert same(got, expected), f"({name} {args}) -> {got!r}, expected {expected!r}"


def wta(subr: str, pos: int, obj: object) -> tuple:
    """Guile's wrong-type-arg error for argument POS of SUBR."""
    return ("wrong-type-arg", subr, "Wrong type argument in position ~A: ~S", [pos, plain(obj)], [plain(obj)])


def overflow(subr: str) -> tuple:
    """Guile's numerical-overflow error."""
    return ("numerical-overflow", subr, "Numerical overflow", False, False)


S = MString("a", False)


@pytest.mark.parametrize("name, args, expected", [
    ("+", (), 0), ("*", (), 1), ("+", (1, 2), 3), ("+", (1.5, 2.5), 4.0), ("+", (F(1, 2), F(1, 2)), 1),
    ("+", (1, 2, 3), 6), ("+", (-0.0,), -0.0), ("+", (-0.0, 0), 0.0), ("+", (0.5, 10 ** 400), INF),
    ("-", (5,), -5), ("-", (0.0,), -0.0), ("-", (0, 0.0), -0.0), ("-", (F(1, 3), F(1, 3)), 0), ("-", (10, 1, 2), 7),
    ("*", (1.0, 0), 0.0), ("*", (0, 1.5), 0.0), ("*", (0, INF), NAN), ("*", (F(2, 3), F(3, 2)), 1),
    ("*", (1, S), S.s), ("*", (S, 1), S.s), ("*", (1, 1, S), S.s), ("*", (1.0, 10 ** 400), INF),
    ("/", (6, 4), F(3, 2)), ("/", (6, 3), 2), ("/", (6, 3.0), 2.0), ("/", (5,), F(1, 5)), ("/", (1, 2, 3), F(1, 6)),
    ("/", (1, 0.0), INF), ("/", (-1.0, 0.0), -INF), ("/", (0, 0.0), NAN), ("/", (0.0,), INF), ("/", (2.0,), 0.5),
    ("/", (F(2, 3), F(2, 3)), 1), ("1+", (F(1, 2),), F(3, 2)), ("1-", (0,), -1), ("1+", (1.5,), 2.5),
    ("+", (1, 1 + 1j), 2 + 1j), ("-", (1 + 2j, 1), 2j), ("*", (2, 1 + 1j), 2 + 2j), ("/", (1 + 1j, 2), 0.5 + 0.5j),
])
def test_arithmetic(name: str, args: tuple, expected: object) -> None:
    check(name, args, expected)


@pytest.mark.parametrize("name, args, expected", [
    ("+", (1, S), wta("+", 2, S)), ("+", (S, 1), wta("+", 1, S)), ("+", (1, 2, S), wta("+", 2, S)),
    ("+", (S,), wta("+", 1, S)), ("-", (S,), wta("-", 1, S)), ("-", (1, S), wta("-", 2, S)),
    ("-", (), ("wrong-number-of-args", False, "Wrong number of arguments to ~A", ["-"], False)),
    ("*", (2, S), wta("*", 2, S)), ("*", (1, S, 2), wta("*", 1, S)), ("*", (S,), wta("*", 1, S)),
    ("/", (1, S), wta("/", 2, S)), ("/", (S,), wta("/", 1, S)),
    ("/", (1, 0), overflow("divide")), ("/", (1.0, 0), overflow("divide")), ("/", (0,), overflow("divide")),
    ("/", (1, 2, 0), overflow("divide")), ("1+", (S,), wta("+", 1, S)), ("1-", (S,), wta("-", 1, S)),
    ("+", (True, 1), wta("+", 1, True)),
])
def test_arithmetic_errors(name: str, args: tuple, expected: tuple) -> None:
    assert err(name, *args) == expected


@pytest.mark.parametrize("name, args, expected", [
    ("<", (), True), ("=", (), True), ("<", (S,), True), ("=", (S,), True), ("<", (1, 2), True),
    ("<", (1, 2.5, 3), True), ("<", (1, NAN), False), ("=", (NAN, NAN), False), ("=", (1, 1.0), True),
    ("=", (F(1, 3), 0.3333333333333333), False), ("=", (F(1, 2), 0.5), True), ("=", (1, 1j), False),
    ("=", (9007199254740993, 9007199254740992.0), False), ("<", (9007199254740992.0, 9007199254740993), True),
    ("<", (10 ** 400, INF), True), ("=", (10 ** 400, INF), False), ("<", (1, 3, 2, S), False), ("=", (1, 2, S), False),
    (">", (3, 2, 1), True), ("<=", (1, 1, 2), True), (">=", (1, 2), False), ("<", (1.5, 2.5), True),
])
def test_comparisons(name: str, args: tuple, expected: bool) -> None:
    check(name, args, expected)


@pytest.mark.parametrize("name, args, expected", [
    ("<", (1, S), wta("<", 2, S)), ("<", (S, 1), wta("<", 1, S)), ("<", (1, S, 3), wta("<", 2, S)),
    ("<", (1, 2, S), wta("<", 2, S)), (">", (1, S), wta(">", 2, S)), ("<=", (1, S), wta("<=", 2, S)),
    (">=", (1, S), wta(">=", 2, S)), ("<", (1, 1j), wta("<", 2, 1j)),
    ("=", (1, S), wta("=", 1, S)), ("=", (S, 1), wta("=", 1, S)), ("=", (1, 1, S), wta("=", 1, S)),
])
def test_comparison_errors(name: str, args: tuple, expected: tuple) -> None:
    assert err(name, *args) == expected


@pytest.mark.parametrize("name, args, expected", [
    ("max", (1, 2.0), 2.0), ("min", (1, 2.0), 1.0), ("max", (3, 2.0), 3.0), ("max", (F(1, 2), 0.3), 0.5),
    ("min", (F(1, 3), 0.5), 0.3333333333333333), ("max", (NAN, 1), NAN), ("min", (1, NAN), NAN),
    ("max", (-0.0, 0.0), 0.0), ("max", (0.0, -0.0), 0.0), ("min", (-0.0, 0.0), -0.0), ("min", (0.0, -0.0), -0.0),
    ("max", (1,), 1), ("max", (1, 2, 3), 3), ("max", (9007199254740993, 1.0), 9007199254740992.0),
    ("abs", (F(-1, 2),), F(1, 2)), ("abs", (-0.0,), 0.0), ("magnitude", (3 + 4j,), 5.0), ("magnitude", (-5,), 5),
])
def test_max_min_abs(name: str, args: tuple, expected: object) -> None:
    check(name, args, expected)


def test_max_min_errors() -> None:
    assert err("max", 1, S) == wta("max", 2, S)
    assert err("max", S) == wta("max", 1, S)
    assert err("max", 1, 2, 3, S) == wta("max", 2, S)
    assert err("min", S, 1) == wta("min", 1, S)
    assert err("max", 1j, 2) == wta("max", 1, 1j)
    assert err("max") == ("wrong-number-of-args", False, "Wrong number of arguments to ~A", ["max"], False)
    assert err("abs", 1j) == wta("abs", 1, 1j)


@pytest.mark.parametrize("name, args, expected", [
    ("quotient", (7, 2), 3), ("quotient", (-7, 2), -3), ("quotient", (7.0, 2), 3.0), ("quotient", (-1.0, 2), -0.0),
    ("quotient", (1e300, 3), 3.3333333333333335e299), ("quotient", (10 ** 30, 7.0), 1.4285714285714285e29),
    ("remainder", (-7, 2), -1), ("remainder", (13, -4), 1), ("remainder", (-4.0, 2), 0.0),
    ("remainder", (1e17, 3.0), 0.0), ("modulo", (-7, 2), 1), ("modulo", (13, -4), -3), ("modulo", (-7.0, 2), 1.0),
    ("modulo", (13, 4.0), 1.0), ("modulo", (-0.0, 2), 0.0), ("modulo", (0.0, -2), 0.0),
    ("floor/", (7, -2), (-4, -1)), ("truncate/", (7, -2), (-3, 1)), ("floor/", (7.5, 2), (3.0, 1.5)),
    ("floor/", (F(7, 2), F(1, 3)), (10, F(1, 6))), ("floor/", (7, INF), (0.0, NAN)),
    ("floor/", (-7.0, -0.5), (14.0, 0.0)), ("euclidean/", (7, -2), (-3, 1)), ("euclidean/", (-7, -2), (4, 1)),
    ("euclidean/", (7.5, -2), (-3.0, 1.5)), ("centered/", (7, -2), (-4, -1)), ("centered/", (5, 2), (3, -1)),
    ("centered/", (-5, 2), (-2, -1)), ("centered/", (7.5, 2), (4.0, -0.5)), ("round/", (5, 2), (2, 1)),
    ("round/", (7, 2), (4, -1)), ("round/", (-5, 2), (-2, -1)), ("round/", (7.5, 2), (4.0, -0.5)),
    ("round/", (0.0, -7), (-0.0, 0.0)), ("floor-quotient", (7, -2), -4), ("floor-remainder", (7, -2), -1),
    ("truncate-quotient", (7, -2), -3), ("truncate-remainder", (-7.5, 2), -1.5),
    ("euclidean-quotient", (7, 2), 3), ("centered-remainder", (7, 2), -1), ("round-quotient", (7, 2), 4),
])
def test_integer_division(name: str, args: tuple, expected: object) -> None:
    check(name, args, expected)


@pytest.mark.parametrize("name, args, expected", [
    ("quotient", (7, 0), overflow("truncate-quotient")), ("quotient", (7.0, 0.0), overflow("truncate-quotient")),
    ("remainder", (7, 0), overflow("truncate-remainder")), ("modulo", (7, 0), overflow("floor-remainder")),
    ("modulo", (13, 0.0), overflow("floor-remainder")), ("floor/", (7, 0), overflow("floor-divide")),
    ("floor/", (7, 0.0), overflow("floor/")), ("floor/", (7.0, 0), overflow("floor/")),
    ("truncate/", (7, 0), overflow("truncate-divide")), ("truncate/", (7.0, 0.0), overflow("truncate/")),
    ("euclidean/", (7, 0), overflow("floor-divide")), ("euclidean/", (7, 0.0), overflow("floor/")),
    ("euclidean-quotient", (7, 0), overflow("floor-quotient")), ("centered/", (7, 0), overflow("centered-divide")),
    ("centered/", (7.0, 0), overflow("centered/")), ("round/", (7, 0), overflow("round-divide")),
    ("round-remainder", (7, 0), overflow("round-remainder")),
    ("floor-quotient", (7.0, 0.0), overflow("floor-quotient")),
    ("quotient", (7.5, 2), wta("quotient", 1, 7.5)), ("quotient", (S, 0), wta("quotient", 1, S)),
    ("quotient", (7, S), wta("quotient", 2, S)), ("modulo", (F(1, 2), 1), wta("modulo", 1, F(1, 2))),
    ("floor/", (S, 2), wta("floor/", 1, S)), ("floor/", (7, S), wta("floor/", 2, S)),
    ("floor-quotient", (S, 2), wta("floor-quotient", 1, S)),
])
def test_integer_division_errors(name: str, args: tuple, expected: tuple) -> None:
    assert err(name, *args) == expected


@pytest.mark.parametrize("name, args, expected", [
    ("gcd", (), 0), ("lcm", (), 1), ("gcd", (12, 18), 6), ("gcd", (12.0, 18), 6.0), ("gcd", (-12, 18), 6),
    ("gcd", (0, 5), 5), ("gcd", (-5,), 5), ("gcd", (1.5,), 1.5), ("gcd", (2 ** 100, 6), 2), ("lcm", (4, 6), 12),
    ("lcm", (4.0, 6), 12.0), ("lcm", (-4, 6), 12), ("lcm", (0, 5), 0), ("lcm", (-3,), 3), ("gcd", (12, 18, 8), 2),
])
def test_gcd_lcm(name: str, args: tuple, expected: object) -> None:
    check(name, args, expected)


def test_gcd_lcm_errors() -> None:
    assert err("gcd", S) == wta("abs", 1, S)
    assert err("lcm", S) == wta("abs", 1, S)
    assert err("gcd", F(1, 2), 3) == wta("gcd", 1, F(1, 2))
    assert err("gcd", 4, 6, S) == wta("gcd", 2, S)
    assert err("lcm", 4.0, 6.5) == wta("lcm", 2, 6.5)


@pytest.mark.parametrize("name, args, expected", [
    ("floor", (2.5,), 2.0), ("floor", (F(5, 2),), 2), ("floor", (F(-5, 2),), -3), ("floor", (-0.0,), -0.0),
    ("ceiling", (F(5, 2),), 3), ("ceiling", (-2.5,), -2.0), ("ceiling", (-0.5,), -0.0), ("truncate", (-2.7,), -2.0),
    ("truncate", (F(-5, 2),), -2), ("truncate", (-0.5,), -0.0), ("round", (F(5, 2),), 2), ("round", (F(7, 2),), 4),
    ("round", (2.5,), 2.0), ("round", (-2.5,), -2.0), ("round", (3.5,), 4.0), ("round", (0.5,), 0.0),
    ("round", (-0.5,), 0.0), ("round", (-0.4,), 0.0), ("round", (-0.0,), -0.0), ("round", (F(-1, 2),), 0),
    ("round", (F(-3, 2),), -2), ("round", (5,), 5), ("round", (INF,), INF), ("floor", (NAN,), NAN),
    ("round", (4503599627370497.0,), 4503599627370497.0), ("round", (0.49999999999999994,), 0.0),
    ("numerator", (F(6, 4),), 3), ("numerator", (0.5,), 1.0), ("denominator", (0.5,), 2.0), ("denominator", (3,), 1),
    ("numerator", (0.1,), 3602879701896397.0), ("denominator", (0.1,), 36028797018963968.0),
    ("numerator", (INF,), INF), ("denominator", (INF,), 1.0), ("numerator", (-0.0,), -0.0),
    ("numerator", (1e-300,), 6032057205060441.0), ("denominator", (1e-300,), INF),
])
def test_rounding_and_parts(name: str, args: tuple, expected: object) -> None:
    check(name, args, expected)


def test_rounding_errors() -> None:
    assert err("round", S) == wta("round", 1, S)
    assert err("floor", 1 + 1j) == wta("floor", 1, 1 + 1j)
    assert err("numerator", S) == wta("numerator", 1, S)
    key, subr, message, fmt_args, rest = err("numerator", NAN)
    assert (key, subr, message, fmt_args[0]) == ("out-of-range", "inexact->exact", "Argument ~A out of range: ~S", 1)


@pytest.mark.parametrize("name, args, expected", [
    ("inexact->exact", (0.1,), F(3602879701896397, 36028797018963968)), ("inexact->exact", (2.0,), 2),
    ("inexact->exact", (1e20,), 10 ** 20), ("inexact->exact", (-0.0,), 0), ("inexact->exact", (1 + 0j,), 1),
    ("exact->inexact", (F(1, 3),), 0.3333333333333333), ("exact->inexact", (10 ** 400,), INF),
    ("exact->inexact", (-(10 ** 400),), -INF), ("exact->inexact", (F(10 ** 400, 3),), INF),
    ("exact->inexact", (F(1, 10 ** 400),), 0.0), ("exact->inexact", (1 + 2j,), 1 + 2j),
    ("rationalize", (F(1, 3), F(1, 100)), F(1, 3)), ("rationalize", (0.3, F(1, 10)), 0.3333333333333333),
])
def test_exactness(name: str, args: tuple, expected: object) -> None:
    check(name, args, expected)


def test_exactness_errors() -> None:
    assert err("inexact->exact", INF) == ("out-of-range", "inexact->exact", "Argument ~A out of range: ~S",
                                          [1, INF], [INF])
    assert err("inexact->exact", S) == wta("inexact->exact", 1, S)
    assert err("inexact->exact", 1 + 2j) == wta("inexact->exact", 1, 1 + 2j)
    assert err("exact->inexact", S) == wta("exact->inexact", 1, S)


@pytest.mark.parametrize("name, arg, expected", [
    ("number?", 1, True), ("number?", S, False), ("number?", True, False), ("complex?", 1, True),
    ("real?", 1 + 2j, False), ("real?", 1.5, True), ("rational?", 1.5, True), ("rational?", INF, False),
    ("rational?", NAN, False), ("integer?", 2.0, True), ("integer?", 2.5, False), ("integer?", S, False),
    ("integer?", INF, False), ("integer?", 1 + 0j, False), ("exact?", 1, True), ("exact?", 1.0, False),
    ("exact?", 1 + 2j, False), ("inexact?", 1.0, True), ("exact-integer?", 5, True), ("exact-integer?", 5.0, False),
    ("exact-integer?", S, False), ("nan?", NAN, True), ("nan?", 1, False), ("inf?", -INF, True),
    ("finite?", 1, True), ("finite?", INF, False), ("zero?", 0.0, True), ("zero?", -0.0, True), ("zero?", 1j, False),
    ("positive?", NAN, False), ("negative?", -1, True), ("odd?", 1.0, True), ("odd?", -3, True), ("even?", 0, True),
    ("even?", 2.0, True),
])
def test_predicates(name: str, arg: object, expected: bool) -> None:
    check(name, (arg,), expected)


@pytest.mark.parametrize("name, arg", [
    ("exact?", S), ("inexact?", S), ("nan?", S), ("inf?", S), ("finite?", S), ("finite?", 1 + 2j), ("nan?", 1 + 2j),
    ("zero?", S), ("positive?", S), ("positive?", 1j), ("negative?", S), ("odd?", S), ("odd?", 1.5),
    ("odd?", INF), ("even?", NAN),
])
def test_predicate_errors(name: str, arg: object) -> None:
    assert err(name, arg) == wta(name, 1, arg)


@pytest.mark.parametrize("name, args, expected", [
    ("exp", (0,), 1.0), ("exp", (1,), 2.718281828459045), ("exp", (1000,), INF), ("exp", (-1000,), 0.0),
    ("exp", (F(1, 2),), 1.6487212707001282), ("exp", (1 + 1j,), 1.4686939399158851 + 2.2873552871788423j),
    ("log", (1,), 0.0), ("log", (0.0,), -INF), ("log", (-1,), complex(0.0, math.pi)),
    ("log", (-0.0,), complex(-INF, math.pi)), ("log", (10 ** 400,), 921.0340371976182),
    ("log", (-(10 ** 400),), complex(921.0340371976182, math.pi)), ("log", (F(1, 3),), -1.0986122886681096),
    ("log", (F(-1, 3),), complex(-1.0986122886681098, math.pi)), ("log", (F(7, 2),), 1.252762968495368),
    ("log", (3 ** 700,), 769.0286020676768), ("log", (1 + 1j,), 0.34657359027997264 + 0.7853981633974483j),
    ("log10", (100,), 2.0), ("log10", (1000,), 3.0), ("log10", (F(1, 3),), -0.4771212547196624),
    ("log10", (3 ** 100,), 47.71212547196624), ("log10", (-1,), complex(0.0, 1.3643763538418412)),
    ("sin", (0,), 0), ("sin", (0.0,), 0.0), ("cos", (0,), 1), ("tan", (0,), 0), ("asin", (0,), 0), ("acos", (1,), 0),
    ("atan", (0,), 0), ("sin", (INF,), NAN), ("sinh", (0,), 0), ("cosh", (0,), 1), ("sinh", (1000,), INF),
    ("asin", (2,), 1.5707963267948966 - 1.3169578969248166j),
    ("asin", (-2,), -1.5707963267948966 - 1.3169578969248166j),
    ("acos", (2,), 1.3169578969248166j), ("acos", (-2,), 3.141592653589793 + 1.3169578969248166j),
    ("acosh", (0,), 1.5707963267948966j), ("atanh", (1,), INF),
    ("atanh", (2,), 0.5493061443340549 + 1.5707963267948966j),
    ("atanh", (10 ** 20,), 1e-20 + 1.5707963267948966j),
    ("atan", (1, 1), 0.7853981633974483), ("atan", (0, 0), 0.0), ("atan", (0, -1), math.pi),
    ("atan", (1j,), complex(NAN, INF)),
])
def test_transcendental(name: str, args: tuple, expected: object) -> None:
    check(name, args, expected)


def test_transcendental_errors() -> None:
    assert err("log", 0) == overflow("log")
    assert err("log10", 0) == overflow("log10")
    assert err("exp", S) == wta("exp", 1, S)
    assert err("sin", S) == wta("sin", 1, S)
    assert err("atan", S, 1) == wta("atan", 1, S)
    assert err("atan", 1, S) == wta("atan", 2, S)
    assert err("atan", 1 + 1j, 1) == wta("atan", 1, 1 + 1j)


@pytest.mark.parametrize("name, args, expected", [
    ("sqrt", (16,), 4), ("sqrt", (15,), 3.872983346207417), ("sqrt", (-4,), 2j), ("sqrt", (-2.0,), 1.4142135623730951j),
    ("sqrt", (F(1, 4),), F(1, 2)), ("sqrt", (F(2, 9),), 0.4714045207910317), ("sqrt", (16.0,), 4.0),
    ("sqrt", (-0.0,), -0.0), ("sqrt", (10 ** 400,), 10 ** 200), ("sqrt", (10 ** 400 + 1,), 1e200),
    ("sqrt", (F(-1, 4),), 0.5j), ("sqrt", (INF,), INF), ("sqrt", (-INF,), complex(0.0, INF)),
    ("sqrt", (1 + 1j,), 1.09868411346781 + 0.45508986056222733j),
    ("exact-integer-sqrt", (17,), (4, 1)), ("exact-integer-sqrt", (0,), (0, 0)),
    ("exact-integer-sqrt", (10 ** 41,), (316227766016837933199, 562477137586013626399)),
])
def test_sqrt(name: str, args: tuple, expected: object) -> None:
    check(name, args, expected)


def test_sqrt_errors() -> None:
    assert err("sqrt", S) == wta("sqrt", 1, S)
    for bad in (-1, 4.0, S):
        assert err("exact-integer-sqrt", bad) == (
            "wrong-type-arg", "exact-integer-sqrt", "Wrong type argument in position ~A (expecting ~A): ~S",
            [1, "exact non-negative integer", plain(bad)], [plain(bad)])


@pytest.mark.parametrize("args, expected", [
    ((2, 10), 1024), ((2, -2), F(1, 4)), ((F(2, 3), 3), F(8, 27)), ((2.0, 3), 8.0), ((2, 0.5), 1.4142135623730951),
    ((0, 0), 1), ((0.0, 0), 1), ((0, 0.0), 1.0), ((0, -1), NAN), ((0.0, -1), NAN), ((0, -2.0), NAN),
    ((-8, F(1, 3)), 1.0 + 1.732050807568877j), ((4, F(1, 2)), 2.0), ((-1, 0.5), 6.123233995736766e-17 + 1j),
    ((2, 100), 2 ** 100), ((1.1, 1000), 2.469932918005993e41), ((S, 0), 1), ((S, 1), S.s), ((F(1, 2), -2), 4),
    ((-2, 3), -8), ((10, -3), F(1, 1000)), ((0, 5), 0), ((0, 2.5), 0.0), ((0, -1.5), INF), ((-1, 2.0), 1.0),
    ((-8, 2.0), 64.0), ((10.0, 400), INF), ((10, 400.0), INF), ((10.0, -400), 0.0), ((2, INF), INF),
    ((1, NAN), 1.0), ((INF, 0), 1), ((-0.0, 3), -0.0), ((1.5, -3), 0.2962962962962963), ((1 + 0j, 2), 1 + 0j),
    ((-INF, F(1, 2)), complex(INF, INF)), ((NAN, 0.5), NAN),
])
def test_expt(args: tuple, expected: object) -> None:
    check("expt", args, expected)


def test_expt_errors() -> None:
    assert err("expt", S, 2) == wta("*", 1, S)
    assert err("expt", S, -1) == wta("/", 1, S)
    assert err("expt", S, 2.5) == wta("expt", 1, S)
    assert err("expt", 2, S) == wta("expt", 2, S)
    assert err("integer-expt", 2, 0.5) == wta("integer-expt", 2, 0.5)
    check("integer-expt", (2, -1), F(1, 2))


@pytest.mark.parametrize("name, args, expected", [
    ("logand", (), -1), ("logior", (), 0), ("logxor", (), 0), ("logand", (12, 10), 8), ("logand", (12, 10, 8), 8),
    ("logior", (12, 10), 14), ("logxor", (12, 10), 6), ("lognot", (5,), -6), ("ash", (1, 10), 1024),
    ("ash", (-8, -1), -4), ("ash", (-1, -10), -1), ("logbit?", (2, 4), True), ("logbit?", (0, 4), False),
    ("logcount", (7,), 3), ("logcount", (-7,), 2), ("integer-length", (8,), 4), ("integer-length", (-8,), 3),
    ("integer-length", (0,), 0), ("bit-extract", (13, 1, 3), 2), ("bit-extract", (-1, 0, 4), 15),
    ("logtest", (1, 2), False), ("logtest", (3, 5), True),
])
def test_bitwise(name: str, args: tuple, expected: object) -> None:
    check(name, args, expected)


def test_bitwise_errors() -> None:
    untyped = ("wrong-type-arg", False, "Wrong type (expecting ~A): ~S", ["exact integer", "a"], ["a"])
    assert err("logand", 1.0, 2) == wta("logand", 1, 1.0)
    assert err("logand", 2, S) == wta("logand", 2, S)
    assert err("logand", 2, 3, S) == wta("logand", 2, S)
    assert err("logand", S) == wta("logand", 1, S)
    assert err("lognot", 1.0) == wta("lognot", 1, 1.0)
    assert err("ash", 1, S) == wta("ash", 2, S)
    assert err("ash", 1.0, 1) == wta("ash", 1, 1.0)
    assert err("logbit?", S, 4) == untyped
    assert err("logbit?", 1, S) == wta("logbit?", 2, S)
    assert err("bit-extract", S, 0, 4) == wta("bit-extract", 1, S)
    assert err("bit-extract", 13, 1, S) == untyped
    assert err("bit-extract", 13, 3, 1) == ("out-of-range", "bit-extract", "Argument ~A out of range: ~S", [3, 1], [1])


def test_random() -> None:
    for _ in range(50):
        n = call("random", 10)
        assert type(n) is int and 0 <= n < 10
        x = call("random", 1.0)
        assert type(x) is float and 0.0 <= x < 1.0
    assert 0 <= call("random", 10 ** 30) < 10 ** 30
    assert call("random", 0.0) == 0.0
    assert call("random", 5, object()) < 5
    assert err("random", 0) == ("out-of-range", "random", "Argument ~A out of range: ~S", [1, 0], [0])
    assert err("random", -1) == ("out-of-range", "random", "Argument ~A out of range: ~S", [1, -1], [-1])
    assert err("random", F(1, 2)) == wta("random", 1, F(1, 2))
    assert err("random", S) == wta("random", 1, S)


@pytest.mark.parametrize("args, expected", [
    ((255, 16), "ff"), ((255, 2), "11111111"), ((F(1, 3), 2), "1/11"), ((1.5, 2), "1.1"), ((-255, 16), "-ff"),
    ((10, 36), "a"), ((123.0, 16), "7b.0"), ((F(1, 3),), "1/3"), ((1e21,), "1.0e21"), ((-2.5, 16), "-2.8"),
])
def test_number_to_string(args: tuple, expected: str) -> None:
    check("number->string", args, expected)


@pytest.mark.parametrize("args, expected", [
    ((MString("ff"), 16), 255), ((MString("abc"),), False), ((MString("1e3"),), 1000.0), ((MString("#xff"),), 255),
    ((MString("#b101"),), 5), ((MString(""),), False), ((MString("+"),), False), ((MString("1/2"),), F(1, 2)),
])
def test_string_to_number(args: tuple, expected: object) -> None:
    check("string->number", args, expected)


def test_text_conversion_errors() -> None:
    assert err("number->string", S) == wta("number->string", 1, S)
    assert err("number->string", 255, 37) == ("out-of-range", False, "Value out of range ~S to< ~S: ~S",
                                             [2, 36, 37], [37])
    assert err("number->string", 10, 10.0) == ("wrong-type-arg", False, "Wrong type (expecting ~A): ~S",
                                              ["exact integer", 10.0], [10.0])
    assert err("string->number", 5) == ("wrong-type-arg", "string->number",
                                        "Wrong type argument in position ~A (expecting ~A): ~S", [1, "string", 5], [5])
    assert err("string->number", MString("1"), 1) == ("out-of-range", False, "Value out of range ~S to< ~S: ~S",
                                                      [2, 2147483647, 1], [1])


def test_scheme_base_names() -> None:
    base = TABLES[("scheme", "base")]
    assert base["exact"] is PRIMS["inexact->exact"]
    assert base["inexact"] is PRIMS["exact->inexact"]
    assert base["square"].fn(F(1, 2)) == F(1, 4)
    assert base["square"].fn(1.5) == 2.25
    with pytest.raises(SchemeError):
        base["square"].fn(S)

"""Guile's numeric tower: exact int/Fraction, inexact float/complex.

Contract: primitives take Scheme numbers (Python int, Fraction, float, complex; never bool) and return one,
turning a whole Fraction into an int.  A bad argument raises Guile's wrong-type-arg with Guile's subr name and
argument position; division by an exact zero raises numerical-overflow.  `+ - * / < = >` have a fast path for two
ints or two floats; everything unusual goes through the slow path.
"""
from __future__ import annotations

import cmath
import math
import operator
import random as _random
from fractions import Fraction
from typing import Callable

from ..data.conditions import SchemeError, guile_error, out_of_range, wrong_num_args, wrong_type
from ..data.printer import format_number
from ..data.values import MString, make_values
from ..reader.numbers import parse_number
from .registry import GUILE, TABLES, define, primitive

NUMBER = frozenset((int, Fraction, float, complex))
REAL = frozenset((int, Fraction, float))
EXACT = frozenset((int, Fraction))
INF = math.inf
NAN = math.nan
_NO = object()  # an optional argument that was not supplied
_RNG = _random.Random()
_SCHEME_BASE = ("scheme", "base")


# ---------------------------------------------------------------- helpers

def numerical_overflow(subr: str) -> SchemeError:
    """Guile's error for a division by zero."""
    return guile_error("numerical-overflow", subr, "Numerical overflow", None, None)


def untyped_error(expected: str, obj: object) -> SchemeError:
    """Guile's wrong-type-arg without subr or position, as raised by its C conversion helpers."""
    return guile_error("wrong-type-arg", None, "Wrong type (expecting ~A): ~S", [MString(expected, False), obj],
                       [obj])


def range_error(low: int, high: int, obj: object) -> SchemeError:
    """Guile's out-of-range without subr: OBJ not in [LOW, HIGH]."""
    return guile_error("out-of-range", None, "Value out of range ~S to< ~S: ~S", [low, high, obj], [obj])


def norm(x: object) -> object:
    """Turn a whole Fraction into an int."""
    if type(x) is Fraction and x.denominator == 1:
        return x.numerator
    return x


def to_float(x: object) -> float:
    """Convert a real to float, saturating to +-inf where Python would raise."""
    try:
        return float(x)
    except OverflowError:
        return INF if x > 0 else -INF


def inexact(x: object) -> object:
    """Convert a number to its inexact counterpart."""
    return x if type(x) is complex else to_float(x)


def is_integer(x: object) -> bool:
    """True for exact integers and finite integral floats."""
    t = type(x)
    return t is int or (t is float and x.is_integer())


def _check(name: str, pos: int, x: object, kinds: frozenset = NUMBER) -> None:
    """Raise wrong-type-arg unless X's type is in KINDS."""
    if type(x) not in kinds:
        raise wrong_type(name, pos, x)


def _check_int(name: str, pos: int, x: object) -> None:
    """Raise wrong-type-arg unless X is an integer (exact or integral float)."""
    if not is_integer(x):
        raise wrong_type(name, pos, x)


def _check_exact_int(name: str, pos: int, x: object) -> None:
    """Raise wrong-type-arg unless X is an exact integer."""
    if type(x) is not int:
        raise wrong_type(name, pos, x)


def _fround(f: Callable, x: float) -> float:
    """Apply the integer-valued F (math.floor ...) to float X like C: keep inf, nan and the sign of zero."""
    if math.isfinite(x):
        return math.copysign(float(f(x)), x)
    return x


def _given(a: object, b: object, rest: tuple) -> tuple:
    """The arguments actually supplied to a primitive declared (#:optional a b . rest)."""
    if a is _NO:
        return ()
    if b is _NO:
        return (a,)
    return (a, b) + rest


def _need_one(name: str, a: object) -> None:
    """Raise Guile's wrong-number-of-args (naming the subr) when no argument was given."""
    if a is _NO:
        raise wrong_num_args(MString(name, False))


def _int_or_float(r: int, inexact_result: bool) -> object:
    """Return R, as a float when the operation was inexact."""
    return to_float(r) if inexact_result else r


# ---------------------------------------------------------------- + - * /

def _mixed_complex(op: Callable, a: object, b: object) -> object:
    """OP on a complex and a real the way C does it: the real never gains a zero imaginary part."""
    if type(a) is complex:
        r = to_float(b)
        if op is operator.add or op is operator.sub:
            return complex(op(a.real, r), a.imag)
        if op is operator.mul or op is operator.truediv:
            return complex(op(a.real, r), op(a.imag, r))
        return op(a, r)
    r = to_float(a)
    if op is operator.add:
        return complex(r + b.real, b.imag)
    if op is operator.sub:
        return complex(r - b.real, -b.imag)
    if op is operator.mul:
        return complex(r * b.real, r * b.imag)
    return op(r, b)


def _arith(op: Callable, name: str, a: object, b: object) -> object:
    """Apply OP to two numbers after Guile's type checks."""
    if type(a) not in NUMBER:
        raise wrong_type(name, 1, a)
    if type(b) not in NUMBER:
        raise wrong_type(name, 2, b)
    if (type(a) is complex) is not (type(b) is complex):
        return _mixed_complex(op, a, b)
    try:
        r = op(a, b)
    except OverflowError:
        r = op(inexact(a), inexact(b))
    return norm(r) if type(r) is Fraction else r


def _fold(op: Callable, name: str, unit: int, a: object, b: object, rest: tuple) -> object:
    """Left-fold OP over the arguments; a lone argument is only type-checked."""
    if a is _NO:
        return unit
    if b is _NO:
        _check(name, 1, a)
        return a
    r = op(a, b)
    for x in rest:
        r = op(r, x)
    return r


def _add(a: object, b: object) -> object:
    """Two-argument +."""
    if type(a) is int and type(b) is int:
        return a + b
    return _arith(operator.add, "+", a, b)


def _sub(a: object, b: object) -> object:
    """Two-argument -."""
    if type(a) is int and type(b) is int:
        return a - b
    return _arith(operator.sub, "-", a, b)


def _mul(a: object, b: object) -> object:
    """Two-argument *; like Guile, an exact 1 returns the other argument unchecked."""
    if type(a) is int and type(b) is int:
        return a * b
    if type(a) is int and a == 1 and type(b) not in NUMBER:
        return b
    if type(b) is int and b == 1 and type(a) not in NUMBER:
        return a
    return _arith(operator.mul, "*", a, b)


def _float_div0(a: object, b: float) -> object:
    """Divide A by a float zero following IEEE rules."""
    if type(a) is complex:
        return complex(_float_div0(a.real, b), _float_div0(a.imag, b))
    if a == 0 or a != a:
        return NAN
    return math.copysign(INF, a) * math.copysign(1.0, b)


def _div(a: object, b: object) -> object:
    """Two-argument /: exact division gives rationals."""
    _check("/", 1, a)
    _check("/", 2, b)
    tb = type(b)
    if b == 0:
        if tb is int or tb is Fraction:
            raise numerical_overflow("divide")
        if tb is float:
            return _float_div0(a, b)
        return complex(NAN, NAN)
    if type(a) is int and tb is int:
        return a // b if a % b == 0 else Fraction(a, b)
    return _arith(operator.truediv, "/", a, b)


@primitive("+")
def add(a: object = _NO, b: object = _NO, *rest: object) -> object:
    """Sum of the arguments."""
    if type(a) is int and type(b) is int and not rest:
        return a + b
    if type(a) is float and type(b) is float and not rest:
        return a + b
    return _fold(_add, "+", 0, a, b, rest)


@primitive("-")
def sub(a: object = _NO, b: object = _NO, *rest: object) -> object:
    """Difference of the arguments, or negation of a lone one."""
    if type(a) is int and type(b) is int and not rest:
        return a - b
    if type(a) is float and type(b) is float and not rest:
        return a - b
    _need_one("-", a)
    if b is _NO:
        _check("-", 1, a)
        return -a
    if type(a) is int and a == 0 and type(b) in NUMBER and not rest:
        return -b
    return _fold(_sub, "-", 0, a, b, rest)


@primitive("*")
def mul(a: object = _NO, b: object = _NO, *rest: object) -> object:
    """Product of the arguments."""
    if type(a) is int and type(b) is int and not rest:
        return a * b
    if type(a) is float and type(b) is float and not rest:
        return a * b
    return _fold(_mul, "*", 1, a, b, rest)


@primitive("/")
def div(a: object = _NO, b: object = _NO, *rest: object) -> object:
    """Quotient of the arguments, or reciprocal of a lone one."""
    if type(a) is float and type(b) is float and b and not rest:
        return a / b
    _need_one("/", a)
    if b is _NO:
        _check("/", 1, a)
        return _div(1, a)
    return _fold(_div, "/", 1, a, b, rest)


@primitive("1+")
def one_plus(x: object) -> object:
    """X plus one."""
    if type(x) is int:
        return x + 1
    return _add(x, 1)


@primitive("1-")
def one_minus(x: object) -> object:
    """X minus one."""
    if type(x) is int:
        return x - 1
    return _sub(x, 1)


# ---------------------------------------------------------------- comparisons

def _compare(op: Callable, name: str, kinds: frozenset, a: object, b: object, rest: tuple) -> bool:
    """Chain OP over the arguments, type-checking each pair just before comparing it, like Guile."""
    if b is _NO:
        return True
    args = (a, b) + rest
    for i in range(len(args) - 1):
        x, y = args[i], args[i + 1]
        if type(x) not in kinds:
            raise wrong_type(name, 1, x)
        if type(y) not in kinds:
            raise wrong_type(name, 1 if name == "=" else 2, y)
        if not op(x, y):
            return False
    return True


@primitive("=")
def num_eq(a: object = _NO, b: object = _NO, *rest: object) -> bool:
    """Numeric equality (Guile reports any bad argument as position 1)."""
    if type(a) is int and type(b) is int and not rest:
        return a == b
    return _compare(operator.eq, "=", NUMBER, a, b, rest)


@primitive("<")
def num_lt(a: object = _NO, b: object = _NO, *rest: object) -> bool:
    """Strictly increasing?"""
    if type(a) is int and type(b) is int and not rest:
        return a < b
    if type(a) is float and type(b) is float and not rest:
        return a < b
    return _compare(operator.lt, "<", REAL, a, b, rest)


@primitive(">")
def num_gt(a: object = _NO, b: object = _NO, *rest: object) -> bool:
    """Strictly decreasing?"""
    if type(a) is int and type(b) is int and not rest:
        return a > b
    if type(a) is float and type(b) is float and not rest:
        return a > b
    return _compare(operator.gt, ">", REAL, a, b, rest)


@primitive("<=")
def num_le(a: object = _NO, b: object = _NO, *rest: object) -> bool:
    """Non-decreasing?"""
    if type(a) is int and type(b) is int and not rest:
        return a <= b
    return _compare(operator.le, "<=", REAL, a, b, rest)


@primitive(">=")
def num_ge(a: object = _NO, b: object = _NO, *rest: object) -> bool:
    """Non-increasing?"""
    if type(a) is int and type(b) is int and not rest:
        return a >= b
    return _compare(operator.ge, ">=", REAL, a, b, rest)


def _extremum(name: str, bigger: bool, a: object, rest: tuple) -> object:
    """max/min with NaN propagation, signed zeros and inexact contagion like Guile."""
    _need_one(name, a)
    _check(name, 1, a, REAL)
    r, contagion = a, type(a) is float
    for x in rest:
        _check(name, 2, x, REAL)
        contagion = contagion or type(x) is float
        if r != r or x != x:
            r = NAN
        elif x != r:
            r = x if (x > r) == bigger else r
        elif type(x) is float and type(r) is float and (math.copysign(1.0, x) > 0) == bigger:
            r = x
    return to_float(r) if contagion else r


@primitive("max")
def num_max(a: object = _NO, b: object = _NO, *rest: object) -> object:
    """Largest argument."""
    return _extremum("max", True, a, _given(a, b, rest)[1:])


@primitive("min")
def num_min(a: object = _NO, b: object = _NO, *rest: object) -> object:
    """Smallest argument."""
    return _extremum("min", False, a, _given(a, b, rest)[1:])


# ---------------------------------------------------------------- predicates

@primitive("number?")
def is_number(x: object) -> bool:
    """Any number?"""
    return type(x) in NUMBER


@primitive("complex?")
def is_complex(x: object) -> bool:
    """Any number (all of Guile's numbers are complex)?"""
    return type(x) in NUMBER


@primitive("real?")
def is_real(x: object) -> bool:
    """A number with no imaginary part?"""
    return type(x) in REAL


@primitive("rational?")
def is_rational(x: object) -> bool:
    """An exact number or a finite float?"""
    t = type(x)
    return t is int or t is Fraction or (t is float and math.isfinite(x))


@primitive("integer?")
def is_integer_p(x: object) -> bool:
    """An exact integer or an integral float?"""
    return is_integer(x)


@primitive("exact-integer?")
def is_exact_integer(x: object) -> bool:
    """An exact integer?"""
    return type(x) is int


@primitive("exact?")
def is_exact(x: object) -> bool:
    """Exact number?"""
    _check("exact?", 1, x)
    return type(x) in EXACT


@primitive("inexact?")
def is_inexact(x: object) -> bool:
    """Inexact number?"""
    _check("inexact?", 1, x)
    return type(x) not in EXACT


@primitive("nan?")
def is_nan(x: object) -> bool:
    """Not-a-number?"""
    _check("nan?", 1, x, REAL)
    return x != x


@primitive("inf?")
def is_inf(x: object) -> bool:
    """Infinite float?"""
    _check("inf?", 1, x, REAL)
    return type(x) is float and math.isinf(x)


@primitive("finite?")
def is_finite(x: object) -> bool:
    """Neither infinite nor NaN?"""
    _check("finite?", 1, x, REAL)
    return type(x) is not float or math.isfinite(x)


@primitive("zero?")
def is_zero(x: object) -> bool:
    """Equal to zero?"""
    if type(x) is int:
        return x == 0
    _check("zero?", 1, x)
    return x == 0


@primitive("positive?")
def is_positive(x: object) -> bool:
    """Greater than zero?"""
    _check("positive?", 1, x, REAL)
    return x > 0


@primitive("negative?")
def is_negative(x: object) -> bool:
    """Less than zero?"""
    _check("negative?", 1, x, REAL)
    return x < 0


@primitive("odd?")
def is_odd(x: object) -> bool:
    """Odd integer?"""
    _check_int("odd?", 1, x)
    return x % 2 == 1


@primitive("even?")
def is_even(x: object) -> bool:
    """Even integer?"""
    _check_int("even?", 1, x)
    return x % 2 == 0


# ---------------------------------------------------------------- integer division

def _trunc_div(a: object, b: object) -> tuple:
    """Quotient rounded toward zero and its remainder."""
    if type(a) is float or type(b) is float:
        x, y = to_float(a), to_float(b)
        q = _fround(math.trunc, x / y)
        return q, x - y * q
    if type(a) is int and type(b) is int:
        q = a // b
        if q < 0 and q * b != a:
            q += 1
        return q, a - b * q
    q = math.trunc(Fraction(a) / b)
    return q, norm(a - b * q)


def _floor_div(a: object, b: object) -> tuple:
    """Quotient rounded toward negative infinity and its remainder."""
    if type(a) is float or type(b) is float:
        x, y = to_float(a), to_float(b)
        q = _fround(math.floor, x / y)
        return q, x - y * q
    q = a // b
    return q, norm(a - b * q)


def _ceiling_div(a: object, b: object) -> tuple:
    """Quotient rounded toward positive infinity and its remainder."""
    if type(a) is float or type(b) is float:
        x, y = to_float(a), to_float(b)
        q = _fround(math.ceil, x / y)
        return q, x - y * q
    q = -(-a // b)
    return q, norm(a - b * q)


def _euclidean_div(a: object, b: object) -> tuple:
    """Quotient whose remainder is never negative."""
    return _floor_div(a, b) if b > 0 else _ceiling_div(a, b)


def _round_div(a: object, b: object) -> tuple:
    """Quotient rounded to nearest, ties to even."""
    if type(a) is float or type(b) is float:
        x, y = to_float(a), to_float(b)
        q = _float_round(x / y)
        return q, x - y * q
    q = round(Fraction(a) / b)
    return q, norm(a - b * q)


def _centered_div(a: object, b: object) -> tuple:
    """Quotient whose remainder lies in [-|b|/2, |b|/2)."""
    if type(a) is float or type(b) is float:
        x, y = to_float(a), to_float(b)
        q = _fround(math.floor, x / y + 0.5) if y > 0 else _fround(math.ceil, x / y - 0.5)
        return q, x - y * q
    half = Fraction(1, 2)
    q = math.floor(Fraction(a) / b + half) if b > 0 else math.ceil(Fraction(a) / b - half)
    return q, norm(a - b * q)


def _divide(name: str, zero_names: tuple, method: Callable, a: object, b: object, integers: bool) -> tuple:
    """Check the operands of an integer division, then run METHOD; ZERO_NAMES is (exact, inexact) subr."""
    check = _check_int if integers else (lambda n, p, x: _check(n, p, x, REAL))
    check(name, 1, a)
    check(name, 2, b)
    if b == 0:
        inexact_args = type(a) is float or type(b) is float
        raise numerical_overflow(zero_names[inexact_args])
    return method(a, b)


def _define_division(family: str, method: Callable, zero_family: str | None = None) -> None:
    """Register FAMILY/, FAMILY-quotient and FAMILY-remainder."""
    zf = zero_family or family
    both = f"{family}/"

    def two(a: object, b: object) -> object:
        return make_values(_divide(both, (f"{zf}-divide", f"{zf}/"), method, a, b, False))

    def quo(a: object, b: object) -> object:
        name = f"{zf}-quotient"
        return _divide(f"{family}-quotient", (name, name), method, a, b, False)[0]

    def rem(a: object, b: object) -> object:
        name = f"{zf}-remainder"
        return _divide(f"{family}-remainder", (name, name), method, a, b, False)[1]

    for fn, suffix, doc in ((two, "/", "Quotient and remainder"), (quo, "-quotient", "Quotient"),
                            (rem, "-remainder", "Remainder")):
        fn.__doc__ = f"{doc} of {family} division."
        primitive(family + suffix)(fn)


_define_division("floor", _floor_div)
_define_division("truncate", _trunc_div)
_define_division("euclidean", _euclidean_div, "floor")
_define_division("centered", _centered_div)
_define_division("round", _round_div)


@primitive("quotient")
def quotient(a: object, b: object) -> object:
    """Integer quotient rounded toward zero."""
    if type(a) is int and type(b) is int and b > 0 and a >= 0:
        return a // b
    return _divide("quotient", ("truncate-quotient",) * 2, _trunc_div, a, b, True)[0]


@primitive("remainder")
def remainder(a: object, b: object) -> object:
    """Remainder with the sign of the dividend."""
    if type(a) is int and type(b) is int and b > 0 and a >= 0:
        return a % b
    return _divide("remainder", ("truncate-remainder",) * 2, _trunc_div, a, b, True)[1]


@primitive("modulo")
def modulo(a: object, b: object) -> object:
    """Remainder with the sign of the divisor."""
    if type(a) is int and type(b) is int and b:
        return a % b
    return _divide("modulo", ("floor-remainder",) * 2, _floor_div, a, b, True)[1]


@primitive("modulo-expt")
def modulo_expt(n: object, k: object, m: object) -> int:
    """N to the power K, modulo M (K may be negative when N is invertible modulo M)."""
    for i, x in enumerate((n, k, m), 1):
        if type(x) is not int:
            raise wrong_type("modulo-expt", i, x)
    try:
        return pow(n, k, m)
    except (ValueError, ZeroDivisionError):
        raise guile_error("numerical-overflow", "modulo-expt", "Numerical overflow", None, None) from None


def _gcd2(a: object, b: object) -> object:
    """Greatest common divisor of two integers."""
    _check_int("gcd", 1, a)
    _check_int("gcd", 2, b)
    return _int_or_float(math.gcd(int(a), int(b)), type(a) is float or type(b) is float)


def _lcm2(a: object, b: object) -> object:
    """Least common multiple of two integers."""
    _check_int("lcm", 1, a)
    _check_int("lcm", 2, b)
    return _int_or_float(math.lcm(int(a), int(b)), type(a) is float or type(b) is float)


@primitive("gcd")
def gcd(a: object = _NO, b: object = _NO, *rest: object) -> object:
    """Greatest common divisor (0 for no arguments)."""
    args = _given(a, b, rest)
    if len(args) == 1:
        return num_abs(args[0])
    r = 0 if not args else args[0]
    for x in args[1:]:
        r = _gcd2(r, x)
    return r


@primitive("lcm")
def lcm(a: object = _NO, b: object = _NO, *rest: object) -> object:
    """Least common multiple (1 for no arguments)."""
    args = _given(a, b, rest)
    if len(args) == 1:
        return num_abs(args[0])
    r = 1 if not args else args[0]
    for x in args[1:]:
        r = _lcm2(r, x)
    return r


# ---------------------------------------------------------------- parts and rounding

@primitive("abs")
def num_abs(x: object) -> object:
    """Absolute value of a real."""
    _check("abs", 1, x, REAL)
    return abs(x)


@primitive("magnitude")
def magnitude(z: object) -> object:
    """Absolute value of any number."""
    _check("magnitude", 1, z)
    return abs(z)


def _parts(name: str, x: object) -> tuple:
    """Numerator and denominator of a real, as floats for a float."""
    _check(name, 1, x, REAL)
    if type(x) is float:
        if math.isinf(x) or x == 0:
            return x, 1.0
        q = Fraction(inexact_to_exact(x))
        return to_float(q.numerator), to_float(q.denominator)
    q = Fraction(x)
    return q.numerator, q.denominator


@primitive("numerator")
def numerator(x: object) -> object:
    """Numerator of X in lowest terms."""
    return _parts("numerator", x)[0]


@primitive("denominator")
def denominator(x: object) -> object:
    """Denominator of X in lowest terms."""
    return _parts("denominator", x)[1]


def _rounder(name: str, exact_fn: Callable, float_fn: Callable) -> None:
    """Make a rounding primitive: exact results for exact input, float for float."""
    def fn(x: object) -> object:
        t = type(x)
        if t is int:
            return x
        if t is Fraction:
            return exact_fn(x)
        if t is float:
            return float_fn(x)
        raise wrong_type(name, 1, x)
    fn.__doc__ = f"Round X ({name})."
    primitive(name)(fn)


def _float_round(x: float) -> float:
    """Round to nearest, ties to even, keeping -0.0 like Guile."""
    if x == 0 or not math.isfinite(x):
        return x
    return float(round(x))


_rounder("floor", math.floor, lambda x: _fround(math.floor, x))
_rounder("ceiling", math.ceil, lambda x: _fround(math.ceil, x))
_rounder("truncate", math.trunc, lambda x: _fround(math.trunc, x))
_rounder("round", round, _float_round)


@primitive("real-part")
def real_part(z: object) -> object:
    """Real part of Z."""
    _check("real-part", 1, z)
    return z.real if type(z) is complex else z


@primitive("imag-part")
def imag_part(z: object) -> object:
    """Imaginary part of Z (exact 0 for reals)."""
    _check("imag-part", 1, z)
    return z.imag if type(z) is complex else 0


@primitive("angle")
def angle(z: object) -> object:
    """Argument of Z."""
    _check("angle", 1, z)
    if type(z) is complex:
        return cmath.phase(z)
    return math.pi if z < 0 or (z == 0 and math.copysign(1.0, z) < 0) else 0.0


@primitive("make-rectangular")
def make_rectangular(re: object, im: object) -> object:
    """Complex number from parts (a real when IM is exact 0)."""
    _check("make-rectangular", 1, re, REAL)
    _check("make-rectangular", 2, im, REAL)
    if type(im) is not float and im == 0:
        return re
    return complex(to_float(re), to_float(im))


@primitive("make-polar")
def make_polar(mag: object, ang: object) -> object:
    """Complex number from magnitude and angle (a real when ANG is exact 0)."""
    _check("make-polar", 1, mag, REAL)
    _check("make-polar", 2, ang, REAL)
    if type(ang) is not float and ang == 0:
        return mag
    return cmath.rect(to_float(mag), to_float(ang))


# ---------------------------------------------------------------- exactness

@primitive("inexact->exact")
def inexact_to_exact(z: object) -> object:
    """Exact number equal to Z (floats convert exactly, e.g. 0.1 to 3602879701896397/36028797018963968)."""
    t = type(z)
    if t is int or t is Fraction:
        return z
    if t is complex and z.imag == 0:
        z, t = z.real, float
    if t is not float:
        raise wrong_type("inexact->exact", 1, z)
    if not math.isfinite(z):
        raise out_of_range("inexact->exact", 1, z)
    return norm(Fraction(z))


@primitive("exact->inexact")
def exact_to_inexact(z: object) -> object:
    """Inexact number nearest to Z."""
    _check("exact->inexact", 1, z)
    return inexact(z)


@primitive("rationalize")
def rationalize(x: object, y: object) -> object:
    """Simplest rational within Y of X (inexact if either is)."""
    _check("rationalize", 1, x, REAL)
    _check("rationalize", 2, y, REAL)
    if type(x) is float or type(y) is float:
        fx, fy = to_float(x), to_float(y)
        if math.isfinite(fx) and math.isfinite(fy):
            return float(_simplest(Fraction(fx), Fraction(fy)))
        return fx if math.isfinite(fy) else (0.0 if math.isfinite(fx) else NAN)
    return norm(_simplest(Fraction(x), Fraction(y)))


def _simplest(x: Fraction, y: Fraction) -> Fraction:
    """Simplest rational in [x-|y|, x+|y|]."""
    lo, hi = x - abs(y), x + abs(y)
    if lo <= 0 <= hi:
        return Fraction(0)
    if hi < 0:
        return -_simplest_between(-hi, -lo)
    return _simplest_between(lo, hi)


def _simplest_between(lo: Fraction, hi: Fraction) -> Fraction:
    """Simplest rational in [lo, hi] for 0 < lo <= hi, by continued fractions."""
    fl = math.floor(lo)
    if fl == lo:
        return Fraction(fl)
    if fl < math.floor(hi):
        return Fraction(fl + 1)
    return fl + 1 / _simplest_between(1 / (hi - fl), 1 / (lo - fl))


# ---------------------------------------------------------------- transcendental

def _exact_zero(x: object) -> bool:
    """True for the exact integer 0, which several functions map to exact results."""
    return type(x) is int and x == 0


def _flo(fn: Callable, x: float) -> float:
    """Apply the math function FN like C does: overflow gives +-inf, a domain error NaN."""
    try:
        return fn(x)
    except OverflowError:
        return math.copysign(INF, x) if fn is math.sinh else INF
    except ValueError:
        return NAN


def _atanh_real(x: float) -> float:
    """atanh on [-1, 1], infinite at the ends."""
    return math.copysign(INF, x) if abs(x) == 1 else math.atanh(x)


def _cexp(z: complex) -> complex:
    """Complex exponential in polar form, as Guile computes it."""
    r = _flo(math.exp, z.real)
    return complex(r * _flo(math.cos, z.imag), r * _flo(math.sin, z.imag))


def _exp(z: object) -> object:
    """Exponential of any number."""
    return _cexp(z) if type(z) is complex else _flo(math.exp, to_float(z))


def _asinh_formula(z: object) -> object:
    """asinh(z) = log(z + sqrt(z^2 + 1)), Guile's definition off the reals."""
    return log(_add(z, sqrt(_add(_mul(z, z), 1))))


def _asin_formula(z: object) -> object:
    """asin(z) = -i asinh(iz), Guile's definition off [-1, 1]."""
    iz = complex(0.0, to_float(z)) if type(z) is not complex else _mul(1j, z)
    return _mul(-1j, _asinh_formula(iz))


def _acos_formula(z: object) -> object:
    """acos(z) = pi/2 - asin(z), Guile's definition off [-1, 1]."""
    return _sub(math.pi / 2, _asin_formula(z))


def _acosh_formula(z: object) -> object:
    """acosh(z) = log(z + sqrt(z^2 - 1)), Guile's definition below 1."""
    return log(_add(z, sqrt(_sub(_mul(z, z), 1))))


def _atanh_formula(z: object) -> object:
    """atanh(z) = log((1 + z) / (1 - z)) / 2, Guile's definition off [-1, 1]."""
    return _div(log(_div(_add(1, z), _sub(1, z))), 2)


def _atan_formula(z: object) -> object:
    """atan(z) = log((i + z) / (i - z)) / 2i, Guile's definition for complex z (nan+-inf i at the poles)."""
    if z == 1j or z == -1j:
        return complex(NAN, math.copysign(INF, z.imag))
    return _div(log(_div(_add(1j, z), _sub(1j, z))), 2j)


def _unary(name: str, real_fn: Callable, other_fn: Callable, exact_at: tuple | None = None,
           domain: Callable | None = None) -> None:
    """Register NAME: REAL_FN on reals inside DOMAIN, OTHER_FN (given the argument as is) elsewhere.

    EXACT_AT = (arg, result) makes exact ARG give exact RESULT, as Guile does for (sin 0) or (cos 0).
    """
    def fn(z: object) -> object:
        if exact_at is not None and type(z) is int and z == exact_at[0]:
            return exact_at[1]
        _check(name, 1, z)
        if type(z) is not complex:
            x = to_float(z)
            if domain is None or domain(x):
                return _flo(real_fn, x)
        return other_fn(z)
    fn.__doc__ = f"The {name} function."
    primitive(name)(fn)


def _unit_interval(x: float) -> bool:
    """Is X in [-1, 1]?"""
    return -1.0 <= x <= 1.0


_unary("exp", math.exp, _cexp)
_unary("sin", math.sin, cmath.sin, (0, 0))
_unary("cos", math.cos, cmath.cos, (0, 1))
_unary("tan", math.tan, cmath.tan, (0, 0))
_unary("asin", math.asin, _asin_formula, (0, 0), _unit_interval)
_unary("acos", math.acos, _acos_formula, (1, 0), _unit_interval)
_unary("sinh", math.sinh, cmath.sinh, (0, 0))
_unary("cosh", math.cosh, cmath.cosh, (0, 1))
_unary("tanh", math.tanh, cmath.tanh, (0, 0))
_unary("asinh", math.asinh, _asinh_formula, (0, 0))
_unary("acosh", math.acosh, _acosh_formula, (1, 0), lambda x: x >= 1.0)
_unary("atanh", _atanh_real, _atanh_formula, (0, 0), _unit_interval)


_LOG10E = 0.4342944819032518
_FIXNUM_LIMIT = 1 << 61


def _log_int(n: int) -> float:
    """Log of a positive integer; bignums via a truncated 53-bit significand, as Guile does."""
    if n < _FIXNUM_LIMIT:
        return math.log(n)
    e = n.bit_length()
    top = n >> (e - 53)
    return math.log(top / (1 << 53)) + e * math.log(2)


def _log_fraction(q: Fraction) -> float:
    """Log of |Q|: a difference of logs when the integer-lengths of its parts differ by more than one, else
    log1p, as Guile does."""
    n, d = q.numerator, q.denominator
    if abs((n if n >= 0 else ~n).bit_length() - d.bit_length()) > 1:
        return _log_int(abs(n)) - _log_int(d)
    return math.log1p(to_float(Fraction(abs(n) - d, d)))


def _log_magnitude(x: object, base10: bool) -> float:
    """Log (natural or base 10) of |X| for a non-zero real X."""
    t = type(x)
    if t is float or t is int and -_FIXNUM_LIMIT <= x < _FIXNUM_LIMIT:
        return (math.log10 if base10 else math.log)(abs(to_float(x)))
    r = _log_int(abs(x)) if t is int else _log_fraction(x)
    return r * _LOG10E if base10 else r


def _log_real(name: str, x: object) -> object:
    """Log of a real (base 10 when NAME is log10), complex for negatives; exact 0 overflows."""
    base10 = name == "log10"
    if x == 0:
        if type(x) is int:
            raise numerical_overflow(name)
        if math.copysign(1.0, x) > 0:
            return -INF
        return complex(-INF, math.pi * _LOG10E if base10 else math.pi)
    if x != x:
        return x
    r = _log_magnitude(x, base10)
    if x < 0:
        return complex(r, math.pi * _LOG10E if base10 else math.pi)
    return r


@primitive("log")
def log(z: object) -> object:
    """Natural logarithm (Guile 3.0.8's log takes one argument)."""
    _check("log", 1, z)
    if type(z) is complex:
        return cmath.log(z)
    return _log_real("log", z)


@primitive("log10")
def log10(z: object) -> object:
    """Base-10 logarithm."""
    _check("log10", 1, z)
    if type(z) is complex:
        r = cmath.log(z)
        return complex(r.real * _LOG10E, r.imag * _LOG10E)
    return _log_real("log10", z)


@primitive("atan")
def atan(y: object, x: object = _NO) -> object:
    """Arctangent of Y, or of Y/X using the signs of both."""
    if x is _NO:
        if _exact_zero(y):
            return 0
        _check("atan", 1, y)
        return _atan_formula(y) if type(y) is complex else math.atan(to_float(y))
    _check("atan", 1, y, REAL)
    _check("atan", 2, x, REAL)
    return math.atan2(to_float(y), to_float(x))


def _sqrt_int(n: int) -> float:
    """Float square root of a non-negative integer of any size."""
    try:
        return math.sqrt(n)
    except OverflowError:
        return float(math.isqrt(n))


def _sqrt_exact(q: object) -> object:
    """Square root of a non-negative exact number: exact when both parts are perfect squares."""
    q = Fraction(q)
    rn, rd = math.isqrt(q.numerator), math.isqrt(q.denominator)
    if rn * rn == q.numerator and rd * rd == q.denominator:
        return norm(Fraction(rn, rd))
    f = to_float(q)
    if 0 < f < INF:
        return math.sqrt(f)
    return _sqrt_int(q.numerator) / _sqrt_int(q.denominator)


@primitive("sqrt")
def sqrt(z: object) -> object:
    """Square root: exact for exact perfect squares, complex for negatives."""
    t = type(z)
    if t is int or t is Fraction:
        if z >= 0:
            return _sqrt_exact(z)
        r = _sqrt_exact(-z)
        return complex(0.0, to_float(r))
    if t is float:
        if z >= 0 or z != z or z == 0:
            return math.sqrt(z)
        return complex(0.0, math.sqrt(-z))
    if t is complex:
        return cmath.sqrt(z)
    raise wrong_type("sqrt", 1, z)


@primitive("exact-integer-sqrt")
def exact_integer_sqrt(n: object) -> object:
    """Two values: the integer square root of N and the remainder."""
    if type(n) is not int or n < 0:
        raise wrong_type("exact-integer-sqrt", 1, n, "exact non-negative integer")
    s = math.isqrt(n)
    return make_values((s, n - s * s))


def _integer_expt(x: object, k: int) -> object:
    """X to the exact integer power K, by repeated squaring for inexact X as Guile does."""
    if k == 0:
        return 1
    tx = type(x)
    if (tx is int or tx is Fraction or tx is float or tx is complex) and x == 0 and k < 0:
        return NAN
    if tx is int or tx is Fraction:
        return norm(Fraction(x) ** k) if k < 0 else x ** k
    if k < 0:
        _check("/", 1, x)
        x, k = _div(1, x), -k
    acc: object = 1
    while True:
        if k & 1:
            acc = _mul(acc, x)
        k >>= 1
        if not k:
            return acc
        x = _mul(x, x)


@primitive("integer-expt")
def integer_expt(x: object, k: object) -> object:
    """X to the power of the exact integer K."""
    _check_exact_int("integer-expt", 2, k)
    return _integer_expt(x, k)


def _real_pow(x: float, y: float) -> float:
    """C's pow for a non-negative base: overflow gives inf, 0 to a negative power gives inf."""
    try:
        return math.pow(x, y)
    except OverflowError:
        return INF
    except ValueError:
        return INF


@primitive("expt")
def expt(x: object, y: object) -> object:
    """X to the power Y, exact when X is exact and Y an exact integer."""
    if type(y) is int:
        return _integer_expt(x, y)
    if type(y) is float and y.is_integer():
        _check("expt", 1, x)
        return inexact(_integer_expt(inexact(x), int(y)))
    _check("expt", 2, y)
    _check("expt", 1, x)
    if type(x) in REAL and type(y) in REAL and x >= 0:
        return _real_pow(to_float(x), to_float(y))
    return _exp(_mul(log(x), y))


# ---------------------------------------------------------------- bitwise

def _bitwise(name: str, op: Callable, unit: int, args: tuple) -> int:
    """Fold a bitwise OP over exact integers, reporting positions like Guile."""
    if not args:
        return unit
    _check_exact_int(name, 1, args[0])
    r = args[0]
    for x in args[1:]:
        _check_exact_int(name, 2, x)
        r = op(r, x)
    return r


@primitive("logand")
def logand(a: object = _NO, b: object = _NO, *rest: object) -> int:
    """Bitwise and."""
    return _bitwise("logand", operator.and_, -1, _given(a, b, rest))


@primitive("logior")
def logior(a: object = _NO, b: object = _NO, *rest: object) -> int:
    """Bitwise inclusive or."""
    return _bitwise("logior", operator.or_, 0, _given(a, b, rest))


@primitive("logxor")
def logxor(a: object = _NO, b: object = _NO, *rest: object) -> int:
    """Bitwise exclusive or."""
    return _bitwise("logxor", operator.xor, 0, _given(a, b, rest))


@primitive("lognot")
def lognot(n: object) -> int:
    """Bitwise complement."""
    _check_exact_int("lognot", 1, n)
    return ~n


@primitive("logtest")
def logtest(a: object, b: object) -> bool:
    """Do A and B share a set bit?"""
    _check_exact_int("logtest", 1, a)
    _check_exact_int("logtest", 2, b)
    return a & b != 0


@primitive("logbit?")
def logbit(index: object, n: object) -> bool:
    """Is bit INDEX of N set?"""
    if type(index) is not int:
        raise untyped_error("exact integer", index)
    if index < 0:
        raise out_of_range("logbit?", 1, index)
    _check_exact_int("logbit?", 2, n)
    return (n >> index) & 1 == 1


@primitive("ash")
def ash(n: object, count: object) -> int:
    """Arithmetic shift left by COUNT (right when negative)."""
    _check_exact_int("ash", 1, n)
    _check_exact_int("ash", 2, count)
    return n << count if count >= 0 else n >> -count


@primitive("logcount")
def logcount(n: object) -> int:
    """Number of 1 bits (of 0 bits for negatives)."""
    _check_exact_int("logcount", 1, n)
    return bin(n if n >= 0 else ~n).count("1")


@primitive("integer-length")
def integer_length(n: object) -> int:
    """Number of bits needed to represent N."""
    _check_exact_int("integer-length", 1, n)
    return (n if n >= 0 else ~n).bit_length()


@primitive("bit-extract")
def bit_extract(n: object, start: object, end: object) -> int:
    """Bits START (inclusive) to END (exclusive) of N."""
    _check_exact_int("bit-extract", 1, n)
    for x in (start, end):
        if type(x) is not int:
            raise untyped_error("exact integer", x)
    if start < 0:
        raise out_of_range("bit-extract", 2, start)
    if end < start:
        raise out_of_range("bit-extract", 3, end)
    return (n >> start) & ((1 << (end - start)) - 1)


# ---------------------------------------------------------------- random

@primitive("random")
def random(n: object, state: object = _NO) -> object:
    """Random integer in [0, N) or float in [0, N); the STATE argument is accepted and ignored."""
    if type(n) is int:
        if n <= 0:
            raise out_of_range("random", 1, n)
        return _RNG.randrange(n)
    if type(n) is float:
        return n * _RNG.random()
    raise wrong_type("random", 1, n)


# ---------------------------------------------------------------- text conversion

def _check_radix(radix: object, high: int) -> int:
    """Validate a radix argument the way Guile's C helpers do."""
    if type(radix) is not int:
        raise untyped_error("exact integer", radix)
    if not 2 <= radix <= high:
        raise range_error(2, high, radix)
    return radix


@primitive("number->string")
def number_to_string(z: object, radix: object = 10) -> MString:
    """Text of Z in RADIX (2 to 36)."""
    _check("number->string", 1, z)
    return MString(format_number(z, _check_radix(radix, 36)))


@primitive("string->number")
def string_to_number(s: object, radix: object = 10) -> object:
    """Number read from S in RADIX, or #f."""
    if type(s) is not MString:
        raise wrong_type("string->number", 1, s, "string")
    radix = _check_radix(radix, 2147483647)
    n = parse_number(s.s, radix)
    return False if n is None else n


# ---------------------------------------------------------------- R7RS names outside Guile's default environment

define("exact", TABLES[GUILE]["inexact->exact"], _SCHEME_BASE)
define("inexact", TABLES[GUILE]["exact->inexact"], _SCHEME_BASE)


@primitive("square", module=_SCHEME_BASE)
def square(x: object) -> object:
    """X times X."""
    if type(x) is int or type(x) is float:
        return x * x
    return _mul(x, x)

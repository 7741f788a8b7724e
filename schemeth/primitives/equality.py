"""Equivalence predicates: eq?, eqv?, equal?, and the Python helpers other primitives use.

Contract: `is_eq`, `is_eqv`, `is_equal` take two Scheme values and return a Python bool with Guile's semantics:
eq? is identity, except that fixnums (exact integers in [-2^61, 2^61)) are eq? when equal (chars are interned,
so identity already covers them); eqv? also compares numbers by exactness and value (0.0 and -0.0 differ, NaNs
are eqv?); equal? recurses through pairs, vectors, strings and bytevectors without using the Python stack.
A Python class can opt into structural equal? by defining `equal_parts()`, returning a tuple of Scheme values
compared with equal? (and its type must match exactly).
"""
from __future__ import annotations

import math
from fractions import Fraction
from typing import Callable

from ..data.values import MString, Pair
from .registry import primitive

_FIXNUM_MIN = -(1 << 61)
_FIXNUM_MAX = (1 << 61) - 1
_NO = object()  # an optional argument that was not supplied


def is_eq(a: object, b: object) -> bool:
    """Scheme's eq?: identity, with equal fixnums treated as identical."""
    if a is b:
        return True
    return type(a) is int and type(b) is int and a == b and _FIXNUM_MIN <= a <= _FIXNUM_MAX


def _float_eqv(a: float, b: float) -> bool:
    """eqv? on floats: same value and sign of zero, or both NaN."""
    if a != a:
        return b != b
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def is_eqv(a: object, b: object) -> bool:
    """Scheme's eqv?: eq?, or numbers of the same exactness and value."""
    if a is b:
        return True
    t = type(a)
    if t is not type(b):
        return False
    if t is int or t is Fraction:
        return a == b
    if t is float:
        return _float_eqv(a, b)
    if t is complex:
        return _float_eqv(a.real, b.real) and _float_eqv(a.imag, b.imag)
    return False


def _shallow_equal(a: object, b: object, pending: list) -> bool:
    """Compare non-pair A and B of the same type, pushing their sub-values onto PENDING."""
    t = type(a)
    if t is MString:
        return a.s == b.s
    if t is list:
        if len(a) != len(b):
            return False
        pending.extend(zip(reversed(a), reversed(b)))
        return True
    if issubclass(t, bytearray):
        return a == b
    parts = getattr(a, "equal_parts", None)
    if parts is not None:
        pa, pb = parts(), b.equal_parts()
        if len(pa) != len(pb):
            return False
        pending.extend(zip(reversed(pa), reversed(pb)))
        return True
    return is_eqv(a, b)


def is_equal(a: object, b: object) -> bool:
    """Scheme's equal?: structural equality, iterating along cdrs and using an explicit stack for cars."""
    pending = [(a, b)]
    while pending:
        a, b = pending.pop()
        while a is not b:
            if type(a) is not type(b):
                if isinstance(a, bytearray) and isinstance(b, bytearray):
                    return a == b
                return False
            if type(a) is not Pair:
                if not _shallow_equal(a, b, pending):
                    return False
                break
            pending.append((a.car, b.car))
            a, b = a.cdr, b.cdr
    return True


def _all_pairs(test: Callable, a: object, b: object, rest: tuple) -> bool:
    """Apply TEST to each adjacent pair of the supplied arguments."""
    if b is _NO:
        return True
    args = (a, b) + rest
    return all(test(args[i], args[i + 1]) for i in range(len(args) - 1))


@primitive("eq?")
def eq(a: object = _NO, b: object = _NO, *rest: object) -> bool:
    """Are the arguments the same object?"""
    if not rest:
        return a is b or b is _NO or is_eq(a, b)
    return _all_pairs(is_eq, a, b, rest)


@primitive("eqv?")
def eqv(a: object = _NO, b: object = _NO, *rest: object) -> bool:
    """Are the arguments the same object or equal numbers of the same exactness?"""
    if not rest:
        return b is _NO or is_eqv(a, b)
    return _all_pairs(is_eqv, a, b, rest)


@primitive("equal?")
def equal(a: object = _NO, b: object = _NO, *rest: object) -> bool:
    """Are the arguments structurally equal?"""
    if not rest:
        return b is _NO or is_equal(a, b)
    return _all_pairs(is_equal, a, b, rest)

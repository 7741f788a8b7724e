"""Vectors (Python lists): Guile's leaf vector procedures."""
from __future__ import annotations

from ..data.conditions import SchemeError, out_of_range, wrong_type
from ..data.values import UNSPECIFIED, from_list
from .lists import (arg_out_of_range, bounds, exact_int, index_in, is_fixnum, proper_length, wrong_type_in,
                    wrong_type_plain)
from .registry import primitive

MAX_VECTOR_LENGTH = (1 << 56) - 1


def _array(v: object) -> list:
    """Check V with the error of Guile's generic array accessors."""
    if type(v) is not list:
        raise wrong_type_plain(None, "array", v)
    return v


def _position(subr: str, pos: int, k: object, lo: int, hi: int) -> int:
    """Check an index argument that Guile reports by position when outside [LO, HI]."""
    exact_int(k)
    if k < lo or k > hi:
        raise out_of_range(subr, pos, k)
    return k


@primitive("vector?")
def vector_p(x: object) -> bool:
    """Return #t for a vector."""
    return type(x) is list


@primitive("make-vector")
def make_vector(k: object, fill: object = UNSPECIFIED) -> list:
    """Return a fresh vector of K copies of FILL."""
    return [fill] * index_in(k, 0, MAX_VECTOR_LENGTH)


@primitive("vector")
def vector(*items: object) -> list:
    """Return a fresh vector of the arguments."""
    return list(items)


@primitive("vector-length")
def vector_length(v: object) -> int:
    """Return the number of elements of V."""
    if type(v) is not list:
        raise wrong_type_in("vector-length", 1, v, "vector")
    return len(v)


def _bad_index(subr: str, k: object) -> SchemeError:
    """The error Guile's vector-ref/vector-set! give for a bad index K."""
    if not is_fixnum(k):
        return wrong_type_in(subr, 2, k, "small integer")
    return arg_out_of_range(subr, 2, k)


@primitive("vector-ref")
def vector_ref(v: object, k: object) -> object:
    """Return element K of V."""
    if type(v) is not list:
        raise wrong_type_in("vector-ref", 1, v, "vector")
    if type(k) is int and 0 <= k < len(v):
        return v[k]
    raise _bad_index("vector-ref", k)


@primitive("vector-set!")
def vector_set(v: object, k: object, x: object) -> object:
    """Replace element K of V."""
    if type(v) is not list:
        raise wrong_type_in("vector-set!", 1, v, "mutable vector")
    if type(k) is int and 0 <= k < len(v):
        v[k] = x
        return UNSPECIFIED
    raise _bad_index("vector-set!", k)


@primitive("vector->list")
def vector_to_list(v: object) -> object:
    """Return the elements of V as a fresh list."""
    return from_list(_array(v))


@primitive("list->vector")
def list_to_vector(lst: object) -> list:
    """Return a fresh vector of the elements of a proper list."""
    if proper_length(lst) is None:
        raise wrong_type("vector", 1, lst)
    return list(lst)


@primitive("vector-fill!")
def vector_fill(v: object, x: object, start: object = None, end: object = None) -> object:
    """Set elements START..END of V to X."""
    if type(v) is not list:
        raise wrong_type("vector-fill!", 1, v, "mutable vector")
    lo, hi = bounds(len(v), start, end)
    v[lo:hi] = [x] * (hi - lo)
    return UNSPECIFIED


@primitive("vector-copy")
def vector_copy(v: object, start: object = None, end: object = None) -> list:
    """Return a fresh copy of elements START..END of V."""
    n = len(_array(v))
    lo = 0 if start is None else _position("vector-copy", 2, start, 0, n)
    hi = n if end is None else _position("vector-copy", 3, end, lo, n)
    return v[lo:hi]


@primitive("vector-copy!")
def vector_copy_x(target: object, at: object, source: object, start: object = None,
                  end: object = None) -> object:
    """Copy elements START..END of SOURCE into TARGET at index AT (overlap-safe)."""
    if type(target) is not list:
        raise wrong_type("vector-copy!", 1, target, "mutable vector")
    _position("vector-copy!", 2, at, 0, len(target))
    if type(source) is not list:
        raise wrong_type("vector-copy!", 3, source)
    n = len(source)
    lo = 0 if start is None else _position("vector-copy!", 4, start, 0, n)
    hi = n if end is None else _position("vector-copy!", 5, end, lo, n)
    if at + hi - lo > len(target):
        raise out_of_range("vector-copy!", 2, at)
    target[at:at + hi - lo] = source[lo:hi]
    return UNSPECIFIED


def _move_args(subr: str, v1: object, start1: object, end1: object, v2: object,
               start2: object) -> tuple[int, int, int]:
    """Check vector-move-left!/right! arguments; return (start1, start2, count)."""
    _array(v1)
    _array(v2)
    lo = index_in(start1, 0, len(v1))
    hi = index_in(end1, lo, len(v1))
    at = index_in(start2, 0, len(v2))
    count = hi - lo
    if count > len(v2):
        raise out_of_range(subr, 3, end1)
    if at + count > len(v2):
        raise out_of_range(subr, 5, start2)
    return lo, at, count


@primitive("vector-move-left!")
def vector_move_left(v1: object, start1: object, end1: object, v2: object, start2: object) -> object:
    """Copy V1[START1:END1] into V2 at START2, element by element from the left."""
    lo, at, count = _move_args("vector-move-left!", v1, start1, end1, v2, start2)
    for i in range(count):
        v2[at + i] = v1[lo + i]
    return UNSPECIFIED


@primitive("vector-move-right!")
def vector_move_right(v1: object, start1: object, end1: object, v2: object, start2: object) -> object:
    """Copy V1[START1:END1] into V2 at START2, element by element from the right."""
    lo, at, count = _move_args("vector-move-right!", v1, start1, end1, v2, start2)
    for i in reversed(range(count)):
        v2[at + i] = v1[lo + i]
    return UNSPECIFIED

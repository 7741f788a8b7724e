"""Pairs and lists: Guile's leaf list procedures (nothing here calls back into Scheme).

Also home of the argument checks shared by the strings, vectors and bytevectors areas, because Guile
reports bad indices and counts with the same few error shapes everywhere.
"""
from __future__ import annotations

import operator
from fractions import Fraction
from typing import Callable

from ..data.conditions import Condition, SchemeError, guile_error, out_of_range, wrong_type
from ..data.values import EOF, NIL, UNSPECIFIED, Char, MString, Nil, Pair, Symbol, from_list, is_number
from .equality import is_eq, is_equal, is_eqv
from .numbers import range_error
from .registry import primitive

FIXNUM_MIN = -(1 << 61)
FIXNUM_MAX = (1 << 61) - 1


# ---------------------------------------------------------------------------------------------------
# Error shapes shared by the sequence areas


def wrong_type_in(subr: str, pos: int, obj: object, expected: str) -> SchemeError:
    """Guile's wrong-type-arg whose message has the position and expected type spelled out."""
    return guile_error("wrong-type-arg", subr, f"Wrong type argument in position {pos} (expecting {expected}): ~S",
                       [obj], [obj])


def wrong_type_plain(subr: str | None, expected: str, obj: object) -> SchemeError:
    """Guile's position-less wrong-type-arg, e.g. (#f "Wrong type (expecting ~A): ~S" ("exact integer" x))."""
    return guile_error("wrong-type-arg", subr, "Wrong type (expecting ~A): ~S",
                       [MString(expected, False), obj], [obj])


def value_out_of_range(subr: str | None, k: object) -> SchemeError:
    """Guile's out-of-range error that names only the bad value."""
    return guile_error("out-of-range", subr, "Value out of range: ~S", [k], [k])


def arg_out_of_range(subr: str, pos: int, k: object) -> SchemeError:
    """Guile's out-of-range error with the position spelled out in the message."""
    return guile_error("out-of-range", subr, f"Argument {pos} out of range: ~S", [k], [k])


def exact_int(k: object) -> int:
    """Return K if it is an exact integer, else raise Guile's generic conversion error."""
    if type(k) is not int:
        raise wrong_type_plain(None, "exact integer", k)
    return k


def index_in(k: object, lo: int, hi: int) -> int:
    """Return K checked to be an exact integer in [LO, HI] (Guile's scm_to_size_t-style checks)."""
    if type(k) is not int:
        raise wrong_type_plain(None, "exact integer", k)
    if k < lo or k > hi:
        raise range_error(lo, hi, k)
    return k


def bounds(n: int, start: object, end: object) -> tuple[int, int]:
    """Resolve optional START/END arguments against a sequence of length N, SRFI-13 style."""
    lo = 0 if start is None else index_in(start, 0, n)
    hi = n if end is None else index_in(end, lo, n)
    return lo, hi


def is_fixnum(x: object) -> bool:
    """True for exact integers that Guile stores unboxed."""
    return type(x) is int and FIXNUM_MIN <= x <= FIXNUM_MAX


def proper_length(lst: object) -> int | None:
    """Length of a proper list, or None for improper and circular lists."""
    n = 0
    slow = fast = lst
    while type(fast) is Pair:
        fast = fast.cdr
        n += 1
        if type(fast) is not Pair:
            break
        fast = fast.cdr
        n += 1
        slow = slow.cdr
        if fast is slow:
            return None
    return n if fast is NIL else None


# ---------------------------------------------------------------------------------------------------
# Pairs


@primitive("pair?")
def pair_p(x: object) -> bool:
    """Return #t for a pair."""
    return type(x) is Pair


@primitive("null?")
def null_p(x: object) -> bool:
    """Return #t for the empty list."""
    return x is NIL


@primitive("cons")
def cons(a: object, b: object) -> Pair:
    """Make a fresh pair."""
    return Pair(a, b)


@primitive("car")
def car(p: object) -> object:
    """Return the car of a pair."""
    if type(p) is not Pair:
        raise wrong_type_in("car", 1, p, "pair")
    return p.car


@primitive("cdr")
def cdr(p: object) -> object:
    """Return the cdr of a pair."""
    if type(p) is not Pair:
        raise wrong_type_in("cdr", 1, p, "pair")
    return p.cdr


@primitive("set-car!")
def set_car(p: object, v: object) -> object:
    """Replace the car of a pair."""
    if type(p) is not Pair:
        raise wrong_type("set-car!", 1, p, "mutable pair")
    p.car = v
    return UNSPECIFIED


@primitive("set-cdr!")
def set_cdr(p: object, v: object) -> object:
    """Replace the cdr of a pair."""
    if type(p) is not Pair:
        raise wrong_type("set-cdr!", 1, p, "mutable pair")
    p.cdr = v
    return UNSPECIFIED


def _cxr(name: str) -> Callable[[object], object]:
    """Build the c[ad]+r accessor NAME; its letters apply right to left."""
    path = name[-2:0:-1]

    def accessor(x: object) -> object:
        for op in path:
            if type(x) is not Pair:
                raise wrong_type_plain(name, "pair", x)
            x = x.car if op == "a" else x.cdr
        return x

    accessor.__name__ = name
    accessor.__doc__ = f"Compose car/cdr as {name}."
    return accessor


def _register_cxrs() -> None:
    """Register caar ... cddddr, except the hand-written fast ones."""
    words = ["a", "d"]
    for _ in range(3):
        words = [w + c for w in words for c in "ad"]
        for w in words:
            if w not in ("ad", "dd"):
                primitive(f"c{w}r")(_cxr(f"c{w}r"))


_register_cxrs()


@primitive("cadr")
def cadr(x: object) -> object:
    """Return the second element of a list (fast path)."""
    if type(x) is Pair:
        d = x.cdr
        if type(d) is Pair:
            return d.car
        raise wrong_type_plain("cadr", "pair", d)
    raise wrong_type_plain("cadr", "pair", x)


@primitive("cddr")
def cddr(x: object) -> object:
    """Return the list without its first two elements (fast path)."""
    if type(x) is Pair:
        d = x.cdr
        if type(d) is Pair:
            return d.cdr
        raise wrong_type_plain("cddr", "pair", d)
    raise wrong_type_plain("cddr", "pair", x)


# ---------------------------------------------------------------------------------------------------
# Building and measuring lists


@primitive("list?")
def list_p(x: object) -> bool:
    """Return #t for a proper (finite, '()-terminated) list."""
    return proper_length(x) is not None


@primitive("list")
def list_(*items: object) -> object:
    """Return a fresh list of the arguments."""
    return from_list(items)


@primitive("cons*")
def cons_star(first: object, *rest: object) -> object:
    """Like list, but the last argument becomes the tail."""
    if not rest:
        return first
    return from_list((first,) + rest[:-1], rest[-1])


@primitive("make-list")
def make_list(n: object, fill: object = NIL) -> object:
    """Return a list of N copies of FILL."""
    index_in(n, 0, 0xFFFFFFFF)
    result: object = NIL
    for _ in range(n):
        result = Pair(fill, result)
    return result


@primitive("length")
def length(lst: object) -> int:
    """Return the length of a proper list."""
    n = proper_length(lst)
    if n is None:
        raise wrong_type("length", 1, lst)
    return n


def _iota_term(start: object, n: object, step: object) -> object:
    """Return START + N*STEP, keeping exact rationals normalised."""
    v = start + n * step
    if type(v) is Fraction and v.denominator == 1:
        return int(v.numerator)
    return v


def _is_integer(x: object) -> bool:
    """Scheme integer?: exact integers and integral floats."""
    return type(x) is int or (type(x) is float and x.is_integer())


@primitive("iota")
def iota(count: object, start: object = 0, step: object = 1) -> object:
    """Return COUNT numbers START, START+STEP, ..."""
    if not (_is_integer(count) and count >= 0):
        raise SchemeError(Condition(Symbol("wrong-type-arg"), from_list([count])))
    if count == 0:
        return NIL
    if not is_number(step):
        raise wrong_type("*", 2, step)
    if not is_number(start):
        raise wrong_type("+", 1, start)
    n = int(count)
    unit = 1.0 if type(count) is float else 1
    return from_list([_iota_term(start, i * unit, step) for i in range(n)])


@primitive("append")
def append(*lists: object) -> object:
    """Concatenate lists into fresh pairs; the last argument is shared, and may be any object."""
    if not lists:
        return NIL
    items: list = []
    for pos, lst in enumerate(lists[:-1], 1):
        p = lst
        while type(p) is Pair:
            items.append(p.car)
            p = p.cdr
        if p is not NIL:
            raise wrong_type("append", pos, p, "empty list")
    return from_list(items, lists[-1])


def _last_pair_of(p: Pair) -> Pair:
    """Return the last pair of a non-empty list."""
    while type(p.cdr) is Pair:
        p = p.cdr
    return p


@primitive("append!")
def append_x(*lists: object) -> object:
    """Concatenate lists by mutating the last pair of each one."""
    if not lists:
        return NIL
    for pos, lst in enumerate(lists[:-1], 1):
        if lst is NIL:
            continue
        if type(lst) is not Pair:
            raise wrong_type("append!", pos, lst, "pair")
        tail = _last_pair_of(lst).cdr
        if tail is not NIL:
            raise wrong_type("append!", pos, tail, "empty list")
    result = lists[-1]
    for lst in reversed(lists[:-1]):
        if lst is not NIL:
            _last_pair_of(lst).cdr = result
            result = lst
    return result


@primitive("reverse")
def reverse(lst: object) -> object:
    """Return a fresh list with the elements of LST in reverse order."""
    if proper_length(lst) is None:
        raise wrong_type("reverse", 1, lst)
    result: object = NIL
    while type(lst) is Pair:
        result = Pair(lst.car, result)
        lst = lst.cdr
    return result


@primitive("reverse!")
def reverse_x(lst: object, tail: object = NIL) -> object:
    """Reverse LST in place, ending the result with TAIL."""
    if proper_length(lst) is None:
        raise wrong_type("reverse!", 1, lst)
    result = tail
    while type(lst) is Pair:
        nxt = lst.cdr
        lst.cdr = result
        result = lst
        lst = nxt
    return result


def _nonneg_index(subr: str, k: object) -> int:
    """Check a list index; Guile crashes on negative ones, we report them as out of range."""
    exact_int(k)
    if k < 0:
        raise out_of_range(subr, 2, k)
    return k


@primitive("list-tail")
def list_tail(lst: object, k: object) -> object:
    """Return LST without its first K pairs."""
    _nonneg_index("list-tail", k)
    for _ in range(k):
        if type(lst) is not Pair:
            raise wrong_type("list-tail", 1, lst, "pair")
        lst = lst.cdr
    return lst


@primitive("list-head")
def list_head(lst: object, k: object) -> object:
    """Return a fresh list of the first K elements of LST."""
    _nonneg_index("list-head", k)
    items = []
    for _ in range(k):
        if type(lst) is not Pair:
            raise wrong_type("list-head", 1, lst, "pair")
        items.append(lst.car)
        lst = lst.cdr
    return from_list(items)


def _nth_pair(subr: str, lst: object, k: object) -> Pair:
    """Return the K-th pair of LST with list-ref's errors."""
    i = _nonneg_index(subr, k)
    p = lst
    while type(p) is Pair:
        if i == 0:
            return p
        i -= 1
        p = p.cdr
    if p is NIL:
        raise out_of_range(subr, 2, k)
    raise wrong_type(subr, 1, lst)


@primitive("list-ref")
def list_ref(lst: object, k: object) -> object:
    """Return element K of LST."""
    return _nth_pair("list-ref", lst, k).car


@primitive("list-set!")
def list_set(lst: object, k: object, v: object) -> object:
    """Replace element K of LST."""
    _nth_pair("list-set!", lst, k).car = v
    return UNSPECIFIED


@primitive("list-copy")
def list_copy(lst: object) -> object:
    """Return a fresh copy of a proper list."""
    if proper_length(lst) is None:
        raise wrong_type("list-copy", 1, lst)
    return from_list(lst)


@primitive("last-pair")
def last_pair(lst: object) -> object:
    """Return the last pair of LST ('() for '())."""
    if lst is NIL:
        return NIL
    if type(lst) is not Pair:
        raise wrong_type("last-pair", 1, lst, "pair")
    return _last_pair_of(lst)


# ---------------------------------------------------------------------------------------------------
# Searching


def _sameness(same: Callable[[object, object], bool], x: object) -> Callable[[object, object], bool]:
    """Use plain identity when comparing with X by eq?/eqv? cannot differ from it (X not a number)."""
    if (same is is_eq or same is is_eqv) and not is_number(x):
        return operator.is_
    return same


def _mem(subr: str, same: Callable[[object, object], bool], x: object, lst: object) -> object:
    """Return the first pair of LST whose car is SAME as X, or #f."""
    same = _sameness(same, x)
    p = lst
    while type(p) is Pair:
        if same(p.car, x):
            return p
        p = p.cdr
    if p is not NIL:
        raise wrong_type(subr, 2, lst, "list")
    return False


@primitive("memq")
def memq(x: object, lst: object) -> object:
    """Find X in LST with eq?."""
    return _mem("memq", is_eq, x, lst)


@primitive("memv")
def memv(x: object, lst: object) -> object:
    """Find X in LST with eqv?."""
    return _mem("memv", is_eqv, x, lst)


@primitive("member", "%member")
def member(x: object, lst: object) -> object:
    """Find X in LST with equal? (the two-argument form)."""
    if proper_length(lst) is None:
        raise wrong_type("member", 2, lst)
    p = lst
    while type(p) is Pair:
        if is_equal(p.car, x):
            return p
        p = p.cdr
    return False


def _ass(subr: str, same: Callable[[object, object], bool], key: object, alist: object) -> object:
    """Return the first entry of ALIST whose car is SAME as KEY, or #f."""
    same = _sameness(same, key)
    p = alist
    while type(p) is Pair:
        entry = p.car
        if type(entry) is not Pair:
            raise wrong_type(subr, 2, alist, "association list")
        if same(entry.car, key):
            return entry
        p = p.cdr
    if p is not NIL:
        raise wrong_type(subr, 2, alist, "association list")
    return False


def _is_heap_number(x: object) -> bool:
    """True for numbers Guile boxes (flonums, bignums, fractions, complexes): eqv? differs from eq?."""
    return is_number(x) and not is_fixnum(x)


def _is_immediate(x: object) -> bool:
    """True for objects Guile stores unboxed, where equal? is eq?."""
    return is_fixnum(x) or type(x) in (bool, Char, Nil) or x is UNSPECIFIED or x is EOF


@primitive("assq")
def assq(key: object, alist: object) -> object:
    """Find KEY in ALIST with eq?."""
    return _ass("assq", is_eq, key, alist)


@primitive("assv")
def assv(key: object, alist: object) -> object:
    """Find KEY in ALIST with eqv? (Guile hands non-numbers over to assq)."""
    if not _is_heap_number(key):
        return _ass("assq", is_eq, key, alist)
    return _ass("assv", is_eqv, key, alist)


@primitive("assoc", "%assoc")
def assoc(key: object, alist: object) -> object:
    """Find KEY in ALIST with equal? (Guile hands immediates over to assq)."""
    if _is_immediate(key):
        return _ass("assq", is_eq, key, alist)
    return _ass("assoc", is_equal, key, alist)


# ---------------------------------------------------------------------------------------------------
# Deleting


def _delete(same: Callable[[object, object], bool], x: object, lst: object) -> object:
    """Return a fresh list of the elements of LST that are not SAME as X."""
    if proper_length(lst) is None:
        raise wrong_type("list-copy", 1, lst)
    return from_list([item for item in lst if not same(item, x)])


def _delete_x(same: Callable[[object, object], bool], x: object, lst: object, once: bool) -> object:
    """Unlink the pairs of LST whose car is SAME as X (only the first one if ONCE)."""
    head = lst
    prev = None
    p = lst
    while type(p) is Pair:
        if same(p.car, x):
            if prev is None:
                head = p.cdr
            else:
                prev.cdr = p.cdr
            if once:
                break
        else:
            prev = p
        p = p.cdr
    return head


@primitive("delq")
def delq(x: object, lst: object) -> object:
    """Return LST without the elements eq? to X."""
    return _delete(is_eq, x, lst)


@primitive("delv")
def delv(x: object, lst: object) -> object:
    """Return LST without the elements eqv? to X."""
    return _delete(is_eqv, x, lst)


@primitive("delete")
def delete(x: object, lst: object) -> object:
    """Return LST without the elements equal? to X (the two-argument form)."""
    return _delete(is_equal, x, lst)


@primitive("delq!")
def delq_x(x: object, lst: object) -> object:
    """Destructively remove the elements eq? to X."""
    return _delete_x(is_eq, x, lst, False)


@primitive("delv!")
def delv_x(x: object, lst: object) -> object:
    """Destructively remove the elements eqv? to X."""
    return _delete_x(is_eqv, x, lst, False)


@primitive("delete!")
def delete_x(x: object, lst: object) -> object:
    """Destructively remove the elements equal? to X."""
    return _delete_x(is_equal, x, lst, False)


@primitive("delq1!")
def delq1_x(x: object, lst: object) -> object:
    """Destructively remove the first element eq? to X."""
    return _delete_x(is_eq, x, lst, True)


@primitive("delv1!")
def delv1_x(x: object, lst: object) -> object:
    """Destructively remove the first element eqv? to X."""
    return _delete_x(is_eqv, x, lst, True)


@primitive("delete1!")
def delete1_x(x: object, lst: object) -> object:
    """Destructively remove the first element equal? to X."""
    return _delete_x(is_equal, x, lst, True)


# ---------------------------------------------------------------------------------------------------
# Association lists (Guile's sloppy accessors skip malformed entries)


@primitive("acons")
def acons(key: object, value: object, alist: object) -> Pair:
    """Add (KEY . VALUE) in front of ALIST."""
    return Pair(Pair(key, value), alist)


def _sloppy_ass(same: Callable[[object, object], bool], key: object, alist: object) -> object:
    """Return the entry for KEY in ALIST, ignoring anything that is not an entry."""
    p = alist
    while type(p) is Pair:
        entry = p.car
        if type(entry) is Pair and same(entry.car, key):
            return entry
        p = p.cdr
    return False


def _ass_ref(same: Callable[[object, object], bool], alist: object, key: object) -> object:
    """Return the value for KEY in ALIST, or #f."""
    entry = _sloppy_ass(same, key, alist)
    return entry.cdr if entry is not False else False


def _ass_set(same: Callable[[object, object], bool], alist: object, key: object, value: object) -> object:
    """Set KEY's value in ALIST, adding an entry in front when there is none."""
    entry = _sloppy_ass(same, key, alist)
    if entry is False:
        return acons(key, value, alist)
    entry.cdr = value
    return alist


def _ass_remove(same: Callable[[object, object], bool], alist: object, key: object) -> object:
    """Unlink the first entry for KEY from ALIST."""
    entry = _sloppy_ass(same, key, alist)
    if entry is False:
        return alist
    return _delete_x(is_eq, entry, alist, True)


@primitive("assq-ref")
def assq_ref(alist: object, key: object) -> object:
    """Return KEY's value in ALIST (eq?), or #f."""
    return _ass_ref(is_eq, alist, key)


@primitive("assv-ref")
def assv_ref(alist: object, key: object) -> object:
    """Return KEY's value in ALIST (eqv?), or #f."""
    return _ass_ref(is_eqv, alist, key)


@primitive("assoc-ref")
def assoc_ref(alist: object, key: object) -> object:
    """Return KEY's value in ALIST (equal?), or #f."""
    return _ass_ref(is_equal, alist, key)


@primitive("assq-set!")
def assq_set(alist: object, key: object, value: object) -> object:
    """Set KEY's value in ALIST (eq?); return the possibly new alist."""
    return _ass_set(is_eq, alist, key, value)


@primitive("assv-set!")
def assv_set(alist: object, key: object, value: object) -> object:
    """Set KEY's value in ALIST (eqv?); return the possibly new alist."""
    return _ass_set(is_eqv, alist, key, value)


@primitive("assoc-set!")
def assoc_set(alist: object, key: object, value: object) -> object:
    """Set KEY's value in ALIST (equal?); return the possibly new alist."""
    return _ass_set(is_equal, alist, key, value)


@primitive("assq-remove!")
def assq_remove(alist: object, key: object) -> object:
    """Remove KEY's entry from ALIST (eq?)."""
    return _ass_remove(is_eq, alist, key)


@primitive("assv-remove!")
def assv_remove(alist: object, key: object) -> object:
    """Remove KEY's entry from ALIST (eqv?)."""
    return _ass_remove(is_eqv, alist, key)


@primitive("assoc-remove!")
def assoc_remove(alist: object, key: object) -> object:
    """Remove KEY's entry from ALIST (equal?)."""
    return _ass_remove(is_equal, alist, key)

"""Scheme values that have no direct Python counterpart.

Mapping used throughout schemeth:
  exact integers -> int, exact rationals -> fractions.Fraction, inexact reals -> float,
  #t/#f -> True/False, '() -> NIL, strings -> MString (mutable), vectors -> list,
  bytevectors -> bytearray, everything else -> the classes below.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Iterable, Iterator


class _Singleton:
    """A named unique value printed as its name."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


class Nil(_Singleton):
    """The empty list."""

    __slots__ = ()

    def __bool__(self) -> bool:
        return True

    def __iter__(self) -> Iterator:
        return iter(())


NIL = Nil("()")
UNSPECIFIED = _Singleton("#<unspecified>")
EOF = _Singleton("#<eof>")
DEFAULT = _Singleton("#<default>")     # marks an optional argument that was not supplied
UNBOUND = _Singleton("#<unbound>")     # value of a letrec variable before its initialisation


class Symbol:
    """An interned symbol; compare with `is`."""

    __slots__ = ("name", "__weakref__")
    table: dict[str, "Symbol"] = {}

    def __new__(cls, name: str) -> "Symbol":
        sym = cls.table.get(name)
        if sym is None:
            sym = object.__new__(cls)
            sym.name = name
            cls.table[name] = sym
        return sym

    def __repr__(self) -> str:
        return self.name


class UninternedSymbol(Symbol):
    """A symbol made by gensym/make-symbol: never equal to a read symbol."""

    __slots__ = ()

    def __new__(cls, name: str) -> "UninternedSymbol":
        sym = object.__new__(cls)
        sym.name = name
        return sym


def sym(name: str) -> Symbol:
    """Return the interned symbol called NAME."""
    return Symbol(name)


class Keyword:
    """An interned keyword such as #:port."""

    __slots__ = ("name",)
    table: dict[str, "Keyword"] = {}

    def __new__(cls, name: str) -> "Keyword":
        kw = cls.table.get(name)
        if kw is None:
            kw = object.__new__(cls)
            kw.name = name
            cls.table[name] = kw
        return kw

    def __repr__(self) -> str:
        return "#:" + self.name


class Char:
    """A character; interned so `eq?` works on equal chars like in Guile."""

    __slots__ = ("ch",)
    table: dict[str, "Char"] = {}

    def __new__(cls, ch: str) -> "Char":
        c = cls.table.get(ch)
        if c is None:
            c = object.__new__(cls)
            c.ch = ch
            cls.table[ch] = c
        return c

    def __repr__(self) -> str:
        return f"#\\{self.ch}"


class MString:
    """A Scheme string: mutable unless it came from a literal."""

    __slots__ = ("s", "mutable")

    def __init__(self, s: str, mutable: bool = True) -> None:
        self.s = s
        self.mutable = mutable

    def __repr__(self) -> str:
        return repr(self.s)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MString) and other.s == self.s

    __hash__ = None  # type: ignore[assignment]


class U8Vector(bytearray):
    """A bytevector read from a #u8(...) literal: Guile keeps its SRFI-4 type and prints it as #u8."""

    def scheme_repr(self, write: bool) -> str:
        return "#u8(" + " ".join(str(b) for b in self) + ")"


class Pair:
    """A mutable cons cell."""

    __slots__ = ("car", "cdr")

    def __init__(self, car: object, cdr: object) -> None:
        self.car = car
        self.cdr = cdr

    def __iter__(self) -> Iterator:
        """Iterate over the elements of a proper (or improper, stopping at the tail) list."""
        p = self
        while type(p) is Pair:
            yield p.car
            p = p.cdr

    def __repr__(self) -> str:
        from .printer import write_string
        return write_string(self)


class Values:
    """Several values returned at once (zero or two and more; one value is just itself)."""

    __slots__ = ("items",)

    def __init__(self, items: tuple) -> None:
        self.items = items


def make_values(items: tuple | list) -> object:
    """Return ITEMS as a single value when there is exactly one."""
    if len(items) == 1:
        return items[0]
    return Values(tuple(items))


def values_tuple(v: object) -> tuple:
    """Return the values that V stands for as a tuple."""
    if type(v) is Values:
        return v.items
    return (v,)


def from_list(items: Iterable, tail: object = NIL) -> object:
    """Build a Scheme list from a Python iterable."""
    result = tail
    for item in reversed(list(items)):
        result = Pair(item, result)
    return result


def to_list(lst: object) -> list:
    """Return the elements of a proper Scheme list as a Python list."""
    out = []
    while type(lst) is Pair:
        out.append(lst.car)
        lst = lst.cdr
    return out


def is_true(v: object) -> bool:
    """Scheme truth: everything but #f."""
    return v is not False


def is_number(v: object) -> bool:
    """True for Scheme numbers (Python bools are booleans, not numbers)."""
    t = type(v)
    return t is int or t is float or t is Fraction or t is complex


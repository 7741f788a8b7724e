"""Shared by the primitive unit tests: Scheme data turned into comparable Python data."""
from __future__ import annotations

from schemeth.data.values import NIL, MString, Pair, Symbol


def plain(v: object, symbol_names: bool = False) -> object:
    """Lists become lists (improper ones ('.', items, tail)), strings str, vectors tuples; with
    SYMBOL_NAMES, symbols become their names too."""
    if type(v) is Pair or v is NIL:
        items = []
        while type(v) is Pair:
            items.append(plain(v.car, symbol_names))
            v = v.cdr
        return items if v is NIL else (".", items, plain(v, symbol_names))
    if type(v) is MString:
        return v.s
    if type(v) is list:
        return tuple(plain(x, symbol_names) for x in v)
    if symbol_names and type(v) is Symbol:
        return v.name
    return v

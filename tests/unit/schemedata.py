"""Shared by the primitive unit tests: Scheme data turned into comparable Python data."""
from __future__ import annotations

from schemeth.data.values import NIL, MString, Pair


def plain(v: object) -> object:
    """Lists become lists (improper ones ('.', items, tail)), strings str, vectors tuples."""
    if type(v) is Pair or v is NIL:
        items = []
        while type(v) is Pair:
            items.append(plain(v.car))
            v = v.cdr
        return items if v is NIL else (".", items, plain(v))
    if type(v) is MString:
        return v.s
    if type(v) is list:
        return tuple(plain(x) for x in v)
    return v

"""One declarative table of built-in procedures.

Each primitives/<area>.py module registers its procedures with `@primitive` (Python leaves) or `@control`
(procedures that drive the machine).  `install_all` imports every area and returns the table, which the
module system binds in the root `(guile)` module, or in the module named by `module=`.
"""
from __future__ import annotations

import importlib

from typing import Callable

from ..data.conditions import wrong_type
from ..data.procedures import ControlPrimitive, Primitive
from ..data.values import UNSPECIFIED

# module name (tuple of str) -> {scheme name -> value}
TABLES: dict[tuple, dict[str, object]] = {}

AREAS = ("numbers", "equality", "chars", "symbols", "lists", "strings", "vectors", "bytevectors",
         "hashtables", "charsets", "format",
         "control", "promises", "ports", "system", "records", "exceptions", "prettyprint", "posix", "filesys", "reflection",
         "web", "ethreads", "evaluation", "r7rs", "syntax", "processes", "dates", "arrays", "regex",
         "popen")

GUILE = ("guile",)
CO_VARARGS = 0x04  # from the inspect module, which is slow to import


def _arity(fn: Callable, skip: int) -> tuple[int, int, bool]:
    """Infer (required, optional, rest) from a Python function, skipping SKIP leading parameters.

    Reads the code object directly: inspect.signature is too slow for a thousand primitives at
    every start-up.
    """
    code = fn.__code__
    npos = code.co_argcount - skip
    nopt = len(fn.__defaults__ or ())
    return npos - nopt, nopt, bool(code.co_flags & CO_VARARGS)


def define(name: str, value: object, module: tuple = GUILE) -> None:
    """Bind NAME to VALUE in MODULE's table of built-ins."""
    TABLES.setdefault(module, {})[name] = value


def primitive(*names: str, module: tuple = GUILE) -> Callable:
    """Register a Python function as a Scheme primitive under NAMES (the first is its printed name).

    The function takes Scheme values positionally; optional Scheme arguments are Python defaults.
    """
    def register(fn: Callable) -> Callable:
        nreq, nopt, rest = _arity(fn, 0)
        prim = Primitive(names[0], fn, nreq, nopt, rest, fn.__doc__)
        for n in names:
            define(n, prim, module)
        return fn
    return register


def control(*names: str, module: tuple = GUILE) -> Callable:
    """Register `fn(machine, args: tuple)` as a machine-driving primitive; arity from its `arity` kw."""
    def register(fn: Callable) -> Callable:
        nreq, nopt, rest = getattr(fn, "arity", (0, 0, True))
        prim = ControlPrimitive(names[0], fn, nreq, nopt, rest, fn.__doc__)
        for n in names:
            define(n, prim, module)
        return fn
    return register


def vector_fields(prefix: str, fields: tuple, expected: str, setters: bool = False) -> None:
    """Define PREFIX:FIELD (and with SETTERS set-PREFIX:FIELD) for each slot of the fixed-size
    vectors Guile returns as records (stat results, broken-down times, uname), refusing any other
    object with a wrong-type-arg that names EXPECTED."""
    for index, field in enumerate(fields):
        vector_field(f"{prefix}:{field}", index, len(fields), expected)
        if setters:
            vector_field(f"set-{prefix}:{field}", index, len(fields), expected, store=True)


def vector_field(name: str, index: int, size: int, expected: str, store: bool = False) -> None:
    """Define NAME reading (or with STORE, setting) slot INDEX of a vector of SIZE slots."""
    def checked(v: object) -> list:
        if type(v) is not list or len(v) != size:
            raise wrong_type(name, 1, v, expected)
        return v

    def get(v: object) -> object:
        return checked(v)[index]

    def put(v: object, value: object) -> object:
        checked(v)[index] = value
        return UNSPECIFIED
    fn = put if store else get
    fn.__doc__ = f"{'Set' if store else 'The'} {name.split(':')[-1]} field of a {expected}."
    primitive(name)(fn)


def install_all() -> dict[tuple, dict[str, object]]:
    """Import every primitive area (registering its procedures) and return the tables."""
    for area in AREAS:
        importlib.import_module(f"{__package__}.{area}")
    return TABLES

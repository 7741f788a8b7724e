"""The shared core module: special forms, derived-form rewriters and primitives.

Every interpreter's `(guile)` module imports `CORE`.  Expansions produced by Python rewriters name core
bindings through `core(name)` aliases, so a user who rebinds `if` or `list` cannot break them.
"""
from __future__ import annotations

from ..data.values import Symbol
from ..modules import Module
from .scope import Alias

CORE = Module(("%core",))
CORE.export_all = True
_aliases: dict[str, Alias] = {}


def core(name: str) -> Alias:
    """An identifier that always means the core binding NAME."""
    alias = _aliases.get(name)
    if alias is None:
        alias = _aliases[name] = Alias(Symbol(name), None, CORE)
    return alias


def fresh(name: str) -> Alias:
    """A new identifier for a temporary that no user code can refer to."""
    return Alias(Symbol(name), None, CORE)

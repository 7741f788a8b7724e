"""Applicable objects.  The machine decides how each kind is entered; the printer shows them."""
from __future__ import annotations

from typing import Callable


class Procedure:
    """Base of everything `procedure?` accepts."""

    __slots__ = ()
    name: object = None


class Primitive(Procedure):
    """A Python leaf: `fn(*args)` returns a value and never calls back into Scheme."""

    __slots__ = ("name", "fn", "nreq", "nopt", "rest", "doc")

    def __init__(self, name: str, fn: Callable, nreq: int = 0, nopt: int = 0, rest: bool = False,
                 doc: str | None = None) -> None:
        self.name = name
        self.fn = fn
        self.nreq = nreq
        self.nopt = nopt
        self.rest = rest
        self.doc = doc

    def __repr__(self) -> str:
        return f"#<primitive {self.name}>"


class ControlPrimitive(Primitive):
    """A primitive that drives the machine: `fn(machine, args)` returns a value or a jump.

    A subclass only to share the fields: the machine dispatches on exact types, so a control
    primitive is never called like a leaf.
    """

    __slots__ = ()


class Lambda:
    """The compiled, environment-free part of a closure."""

    __slots__ = ("name", "nreq", "nopt", "rest", "nslots", "body", "params", "loc", "doc", "kwinfo",
                 "enter", "source", "fixed")

    def __init__(self, name: object, nreq: int, nopt: int, rest: bool, nslots: int, body: Callable,
                 params: list, loc: tuple | None, doc: str | None = None, kwinfo: object = None) -> None:
        self.name = name
        self.nreq = nreq
        self.nopt = nopt
        self.rest = rest
        self.nslots = nslots
        self.body = body
        self.params = params
        self.loc = loc
        self.doc = doc
        self.kwinfo = kwinfo
        self.enter: Callable = None       # (closure, args) -> jump into body; set by the compiler
        self.source: object = None        # the lambda form, for inspection
        self.fixed = -1                   # N when exactly N arguments fill the whole frame


class Closure(Procedure):
    """A Scheme procedure: a Lambda plus the environment it was created in."""

    __slots__ = ("lam", "env", "name", "props")

    def __init__(self, lam: Lambda, env: list | None) -> None:
        self.lam = lam
        self.env = env
        self.name = lam.name
        self.props = None


class CaseLambda(Procedure):
    """A procedure dispatching on argument count to one of several closures."""

    __slots__ = ("clauses", "name")

    def __init__(self, clauses: list, name: object = None) -> None:
        self.clauses = clauses
        self.name = name

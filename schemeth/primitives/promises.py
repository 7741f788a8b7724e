"""Promise objects for delay, delay-force and make-promise; `force` itself is Scheme (boot.scm)."""
from __future__ import annotations

from ..data.conditions import wrong_type
from ..data.values import UNSPECIFIED
from .registry import primitive


class Promise:
    """A promise; `box` = [done?, value-or-thunk, delay-force?] is shared when promises chain."""

    __slots__ = ("box",)

    def __init__(self, done: bool, payload: object, is_delay_force: bool) -> None:
        self.box = [done, payload, is_delay_force]

    def scheme_repr(self, write: bool) -> str:
        return f"#<promise {id(self):x}>"


def checked(p: object, who: str) -> Promise:
    """P as a promise, or Guile's wrong-type-arg."""
    if type(p) is not Promise:
        raise wrong_type(who, 1, p, "promise")
    return p


@primitive("%make-promise")
def make_lazy_promise(is_delay_force: bool, thunk: object) -> Promise:
    """A promise that will run THUNK when forced."""
    return Promise(False, thunk, is_delay_force)


@primitive("make-promise")
def make_promise(value: object) -> Promise:
    """An already forced promise (a promise is returned as is)."""
    return value if type(value) is Promise else Promise(True, value, False)


@primitive("promise?")
def promise_p(x: object) -> bool:
    return type(x) is Promise


@primitive("%promise-done?")
def promise_done(p: object) -> bool:
    return checked(p, "force").box[0]


@primitive("%promise-payload")
def promise_payload(p: object) -> object:
    """The value of a forced promise, else its thunk."""
    return checked(p, "force").box[1]


@primitive("%promise-delay-force?")
def promise_delay_force(p: object) -> bool:
    return checked(p, "force").box[2]


@primitive("%promise-resolve!")
def promise_resolve(p: object, value: object) -> object:
    """Record VALUE as P's value."""
    box = checked(p, "force").box
    box[0], box[1], box[2] = True, value, False
    return UNSPECIFIED


@primitive("%promise-chain!")
def promise_chain(p: object, q: object) -> object:
    """Make P share Q's state (R7RS iterative forcing of delay-force chains)."""
    box = checked(p, "force").box
    qbox = checked(q, "force").box
    box[:] = qbox
    q.box = box
    return UNSPECIFIED

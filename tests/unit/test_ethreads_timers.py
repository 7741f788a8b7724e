"""The ethreads timer heap of (ice-9 ethreads internal): order, cancellation, waiting times."""
from __future__ import annotations

import time
from fractions import Fraction

import pytest

from schemeth.data.conditions import SchemeError
from schemeth.data.values import NIL, Pair
from schemeth.primitives import ethreads  # noqa: F401  (registers the primitives)
from schemeth.primitives.registry import TABLES

INTERNAL = TABLES[("ice-9", "ethreads", "internal")]


def call(name: str, *args: object) -> object:
    return INTERNAL[name].fn(*args)


def to_list(lst: object) -> list:
    out = []
    while type(lst) is Pair:
        out.append(lst.car)
        lst = lst.cdr
    assert lst is NIL
    return out


def test_due_timers_come_out_earliest_first_and_equal_times_in_order() -> None:
    t = call("%make-timers")
    assert call("%timers-empty?", t) and call("%timers-wait-ms", t) == -1
    entries = [("c", 0.002), ("a", 0), ("b", Fraction(1, 1000)), ("a2", 0), ("late", 60)]
    for name, seconds in entries:
        call("%timers-add!", t, seconds, name)
    assert not call("%timers-empty?", t)
    time.sleep(0.01)
    assert to_list(call("%timers-take-due!", t)) == ["a", "a2", "b", "c"]
    assert to_list(call("%timers-take-due!", t)) == []
    assert 59_000 < call("%timers-wait-ms", t) <= 60_000


def test_cancelled_and_replaced_timers_never_come_due() -> None:
    t = call("%make-timers")
    thread, other = object(), object()
    call("%timers-add!", t, 0, thread)
    call("%timers-cancel!", t, thread)
    call("%timers-cancel!", t, thread)
    assert call("%timers-empty?", t)
    assert call("%timers-wait-ms", t) == -1
    call("%timers-add!", t, 0, other)
    call("%timers-add!", t, 60, other)
    assert to_list(call("%timers-take-due!", t)) == []
    assert call("%timers-wait-ms", t) > 59_000
    call("%timers-add!", t, 0, other)
    assert call("%timers-wait-ms", t) == 0
    assert to_list(call("%timers-take-due!", t)) == [other]
    assert call("%timers-empty?", t)


def test_wrong_arguments_are_type_errors() -> None:
    with pytest.raises(SchemeError):
        call("%timers-add!", "not timers", 1, None)
    with pytest.raises(SchemeError):
        call("%timers-add!", call("%make-timers"), "soon", None)

"""(ice-9 ethreads internal): the scheduler's timer heap, kept in Python because sifting a heap in
interpreted Scheme costs a few hundred microseconds per sleep at a thousand sleepers.

These are leaves: they store Scheme values and hand them back, never calling Scheme.
"""
from __future__ import annotations

import heapq
import math
import time
from fractions import Fraction

from ..data.conditions import wrong_type
from ..data.values import NIL, UNSPECIFIED, Pair
from .registry import primitive

INTERNAL = ("ice-9", "ethreads", "internal")


class Timers:
    """A min-heap of (due, sequence, thread, token); the sequence keeps equal times in order."""

    __slots__ = ("heap", "count")

    def __init__(self) -> None:
        self.heap: list[tuple] = []
        self.count = 0

    def scheme_repr(self, write: bool) -> str:
        return f"#<timers {len(self.heap)}>"


def _timers(who: str, x: object) -> Timers:
    """X checked to be a timer heap."""
    if type(x) is not Timers:
        raise wrong_type(who, 1, x, "timers")
    return x


@primitive("%make-timers", module=INTERNAL)
def make_timers() -> Timers:
    """An empty timer heap."""
    return Timers()


@primitive("%timers-add!", module=INTERNAL)
def timers_add(timers: object, seconds: object, thread: object, token: object) -> object:
    """Schedule THREAD to be due SECONDS from now (on the monotonic clock), remembering TOKEN."""
    t = _timers("%timers-add!", timers)
    if type(seconds) not in (int, float, Fraction):
        raise wrong_type("%timers-add!", 2, seconds, "real")
    t.count += 1
    heapq.heappush(t.heap, (time.monotonic() + float(seconds), t.count, thread, token))
    return UNSPECIFIED


@primitive("%timers-take-due!", module=INTERNAL)
def timers_take_due(timers: object) -> object:
    """Remove the timers now due and return them as ((thread . token) ...), earliest first."""
    heap = _timers("%timers-take-due!", timers).heap
    now = time.monotonic()
    due = []
    while heap and heap[0][0] <= now:
        entry = heapq.heappop(heap)
        due.append(Pair(entry[2], entry[3]))
    out: object = NIL
    for p in reversed(due):
        out = Pair(p, out)
    return out


@primitive("%timers-wait-ms", module=INTERNAL)
def timers_wait_ms(timers: object) -> int:
    """Milliseconds (rounded up) until the earliest timer is due: 0 if overdue, -1 if none."""
    heap = _timers("%timers-wait-ms", timers).heap
    if not heap:
        return -1
    return max(0, math.ceil((heap[0][0] - time.monotonic()) * 1000))


@primitive("%timers-empty?", module=INTERNAL)
def timers_empty(timers: object) -> bool:
    """True when no timer is pending."""
    return not _timers("%timers-empty?", timers).heap

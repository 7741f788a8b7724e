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
from ..reactor import signals
from .portobjects import CLOSED_FDS
from .registry import primitive

INTERNAL = ("ice-9", "ethreads", "internal")


class Timers:
    """A min-heap of [due, sequence, thread] entries (the sequence keeps equal times in order), and
    each sleeping thread's entry by id, so that waking a thread early cancels its timer in O(1):
    the entry stays in the heap with its thread set to None."""

    __slots__ = ("heap", "entries", "count")

    def __init__(self) -> None:
        self.heap: list[list] = []
        self.entries: dict[int, list] = {}
        self.count = 0

    def scheme_repr(self, write: bool) -> str:
        return f"#<timers {len(self.entries)}>"

    def cancel(self, thread: object) -> None:
        entry = self.entries.pop(id(thread), None)
        if entry is not None:
            entry[2] = None

    def drop_cancelled(self) -> None:
        heap = self.heap
        while heap and heap[0][2] is None:
            heapq.heappop(heap)


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
def timers_add(timers: object, seconds: object, thread: object) -> object:
    """Make THREAD due SECONDS from now (on the monotonic clock), replacing any timer it had."""
    t = _timers("%timers-add!", timers)
    if type(seconds) not in (int, float, Fraction):
        raise wrong_type("%timers-add!", 2, seconds, "real")
    t.cancel(thread)
    t.count += 1
    entry = [time.monotonic() + float(seconds), t.count, thread]
    t.entries[id(thread)] = entry
    heapq.heappush(t.heap, entry)
    return UNSPECIFIED


@primitive("%timers-cancel!", module=INTERNAL)
def timers_cancel(timers: object, thread: object) -> object:
    """Forget THREAD's timer, if it has one."""
    _timers("%timers-cancel!", timers).cancel(thread)
    return UNSPECIFIED


@primitive("%timers-take-due!", module=INTERNAL)
def timers_take_due(timers: object) -> object:
    """Remove the timers now due and return their threads, earliest first."""
    t = _timers("%timers-take-due!", timers)
    heap, entries = t.heap, t.entries
    now = time.monotonic()
    due = []
    while heap and heap[0][0] <= now:
        thread = heapq.heappop(heap)[2]
        if thread is not None:
            del entries[id(thread)]
            due.append(thread)
    out: object = NIL
    for thread in reversed(due):
        out = Pair(thread, out)
    return out


@primitive("%timers-wait-ms", module=INTERNAL)
def timers_wait_ms(timers: object) -> int:
    """Milliseconds (rounded up) until the earliest timer is due: 0 if overdue, -1 if none."""
    t = _timers("%timers-wait-ms", timers)
    t.drop_cancelled()
    if not t.heap:
        return -1
    return max(0, math.ceil((t.heap[0][0] - time.monotonic()) * 1000))


@primitive("%timers-empty?", module=INTERNAL)
def timers_empty(timers: object) -> bool:
    """True when no thread has a timer."""
    return not _timers("%timers-empty?", timers).entries


@primitive("%closed-fds?", module=INTERNAL)
def closed_fds_p() -> bool:
    """True when ports have closed descriptors since the last %take-closed-fds: most rounds of the
    scheduler have none to check its waiters against."""
    return bool(CLOSED_FDS)


@primitive("%signals-pending?", module=INTERNAL)
def signals_pending_p() -> bool:
    """False when no signal for a Scheme handler can be due, so the scheduler need not ask for
    %pending-signal-handlers (which reads the wake-up pipe)."""
    return signals.maybe_pending()

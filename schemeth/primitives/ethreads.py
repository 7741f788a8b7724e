"""(ice-9 ethreads internal): the scheduler's timer heap, kept in Python because sifting a heap in
interpreted Scheme costs a few hundred microseconds per sleep at a thousand sleepers, and the few
kernel operations its rounds need (arming a descriptor, waiting until an event or the earliest
timer, whether closed descriptors or signals need looking at) as single calls.

These are leaves: they store Scheme values and hand them back, never calling Scheme.
"""
from __future__ import annotations

import heapq
import math
import time
from fractions import Fraction

from ..data.conditions import out_of_range, wrong_type
from ..data.values import NIL, UNSPECIFIED, Pair, from_list
from ..reactor import signals
from ..reactor.epoll import EPOLLONESHOT, Epoll
from ..reactor.fds import exact, system_error
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

    def seconds_left(self) -> float:
        """Seconds until the earliest timer is due: 0 if overdue, -1 if there is none."""
        self.drop_cancelled()
        if not self.heap:
            return -1.0
        return max(0.0, self.heap[0][0] - time.monotonic())


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
    t = timers if type(timers) is Timers else _timers("%timers-add!", timers)
    if type(seconds) is not float and type(seconds) not in (int, Fraction):
        raise wrong_type("%timers-add!", 2, seconds, "real")
    key = id(thread)
    old = t.entries.get(key)
    if old is not None:
        old[2] = None
    t.count += 1
    entry = [time.monotonic() + float(seconds), t.count, thread]
    t.entries[key] = entry
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
    left = _timers("%timers-wait-ms", timers).seconds_left()
    return -1 if left < 0 else math.ceil(left * 1000)


@primitive("%timers-empty?", module=INTERNAL)
def timers_empty(timers: object) -> bool:
    """True when no thread has a timer."""
    return not _timers("%timers-empty?", timers).entries


@primitive("%zero", module=INTERNAL)
def zero() -> int:
    """0: the thunk a thread that slept or yielded is resumed with (a primitive, so resuming it
    runs no Scheme code; `sleep' returns this)."""
    return 0


@primitive("%ready", module=INTERNAL)
def ready() -> bool:
    """#t: the thunk a thread whose descriptor is ready is resumed with."""
    return True


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


def _epoll(who: str, x: object) -> Epoll:
    """X checked to be a live epoll set."""
    if type(x) is not Epoll or x.poller is None:
        raise wrong_type(who, 1, x, "epoll")
    return x


@primitive("%epoll-arm!", module=INTERNAL)
def epoll_arm(ep: object, fd: object, events: object, registered: object) -> object:
    """Arm descriptor FD in EP for EVENTS, one-shot: a modify when REGISTERED (true once added),
    else an add.  Either falls back to the other, in Python rather than through a Scheme `catch'
    on every wait: the kernel drops a descriptor when its last duplicate is closed, and a dup may
    keep one registered under a number the scheduler thinks new."""
    live = _epoll("%epoll-arm!", ep)
    add, modify = ("epoll-add!", live.add), ("epoll-modify!", live.modify)
    (_, first), (who, second) = (modify, add) if registered is not False else (add, modify)
    events = exact(events) | EPOLLONESHOT
    try:
        first(exact(fd), events)
    except OSError:
        try:
            second(exact(fd), events)
        except OSError as exc:
            raise system_error(who, exc) from None
    return UNSPECIFIED


@primitive("%epoll-wait-timers", module=INTERNAL)
def epoll_wait_timers(ep: object, maxevents: object, timers: object) -> object:
    """Like %epoll-wait, waiting until an event or until the earliest of TIMERS is due (for ever
    when there is none), to the microsecond: ((fd . revents) ...)."""
    live = _epoll("%epoll-wait-timers", ep)
    t = _timers("%epoll-wait-timers", timers)
    n = exact(maxevents)
    if n <= 0:
        raise out_of_range("%epoll-wait-timers", 2, maxevents)
    try:
        events = live.wait_seconds(n, t.seconds_left())
    except OSError as exc:
        raise system_error("epoll", exc) from None
    return from_list(Pair(fd, revents) for fd, revents in events)

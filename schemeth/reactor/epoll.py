"""Epoll sets: Linux epoll through `select.epoll`, emulated with `selectors` elsewhere.

An `Epoll` reports readiness as (fd, revents) pairs with Linux's EPOLL* bits, so the Scheme side is
the same on every platform.  Each set also watches the signal wake-up pipe (see signals.py): a signal
for a Scheme handler ends a wait early, and is never reported as an event.
"""
from __future__ import annotations

import errno
import math
import os
import select

from . import signals

EPOLLIN = getattr(select, "EPOLLIN", 0x001)
EPOLLPRI = getattr(select, "EPOLLPRI", 0x002)
EPOLLOUT = getattr(select, "EPOLLOUT", 0x004)
EPOLLERR = getattr(select, "EPOLLERR", 0x008)
EPOLLHUP = getattr(select, "EPOLLHUP", 0x010)
EPOLLRDHUP = getattr(select, "EPOLLRDHUP", 0x2000)
EPOLLONESHOT = getattr(select, "EPOLLONESHOT", 1 << 30)
EPOLLET = getattr(select, "EPOLLET", 1 << 31)

READ, WRITE = 1, 2  # selectors.EVENT_READ and EVENT_WRITE, without importing selectors at start-up

CONSTANTS = {"EPOLLIN": EPOLLIN, "EPOLLPRI": EPOLLPRI, "EPOLLOUT": EPOLLOUT, "EPOLLERR": EPOLLERR,
             "EPOLLHUP": EPOLLHUP, "EPOLLRDHUP": EPOLLRDHUP, "EPOLLONESHOT": EPOLLONESHOT,
             "EPOLLET": EPOLLET}


class SelectorPoller:
    """epoll's interface over `selectors`: level-triggered, with EPOLLONESHOT emulated (EPOLLET and
    EPOLLPRI are not)."""

    def __init__(self) -> None:
        import selectors
        self.selector = selectors.DefaultSelector()
        self.events: dict[int, int] = {}

    def fileno(self) -> int:
        return self.selector.fileno() if hasattr(self.selector, "fileno") else -1

    def _arm(self, fd: int, events: int) -> None:
        mask = (READ if events & (EPOLLIN | EPOLLRDHUP) else 0) | (WRITE if events & EPOLLOUT else 0)
        if fd in self.selector.get_map():
            self.selector.unregister(fd)
        if mask:
            try:
                self.selector.register(fd, mask)
            except (ValueError, KeyError):
                raise OSError(errno.EBADF, os.strerror(errno.EBADF)) from None

    def register(self, fd: int, events: int) -> None:
        if fd in self.events:
            raise OSError(errno.EEXIST, os.strerror(errno.EEXIST))
        self._arm(fd, events)
        self.events[fd] = events

    def modify(self, fd: int, events: int) -> None:
        if fd not in self.events:
            raise OSError(errno.ENOENT, os.strerror(errno.ENOENT))
        self._arm(fd, events)
        self.events[fd] = events

    def unregister(self, fd: int) -> None:
        if self.events.pop(fd, None) is None:
            raise OSError(errno.ENOENT, os.strerror(errno.ENOENT))
        self._arm(fd, 0)

    def poll(self, timeout: float, maxevents: int) -> list[tuple[int, int]]:
        ready = self.selector.select(None if timeout < 0 else timeout)[:maxevents]
        out = []
        for key, mask in ready:
            fd = key.fd
            revents = (EPOLLIN if mask & READ else 0) | (EPOLLOUT if mask & WRITE else 0)
            out.append((fd, revents & self.events[fd]))
            if self.events[fd] & EPOLLONESHOT:
                self._arm(fd, 0)
        return out

    def close(self) -> None:
        self.selector.close()


def make_poller(close_on_exec: bool) -> object:
    """A kernel epoll set where there is one, else the selectors emulation."""
    if not hasattr(select, "epoll"):
        return SelectorPoller()
    poller = select.epoll()
    if not close_on_exec:
        os.set_inheritable(poller.fileno(), True)
    return poller


class Epoll:
    """A set of watched descriptors; `poller` is None once destroyed."""

    __slots__ = ("poller", "wake")

    def __init__(self, close_on_exec: bool = True) -> None:
        self.poller = make_poller(close_on_exec)
        self.wake: int | None = None

    def scheme_repr(self, write: bool) -> str:
        if self.poller is None:
            return "#<epoll destroyed>"
        return f"#<epoll {self.poller.fileno()}>"

    def destroy(self) -> None:
        """Close the set; destroying twice is harmless."""
        if self.poller is not None:
            self.poller.close()
            self.poller = None

    def add(self, fd: int, events: int) -> None:
        self.poller.register(fd, events)

    def modify(self, fd: int, events: int) -> None:
        self.poller.modify(fd, events)

    def remove(self, fd: int) -> None:
        self.poller.unregister(fd)

    def _watch_signals(self) -> None:
        """Start watching the signal wake-up pipe once it exists."""
        fd = signals.wake_fd()
        if fd is not None and self.wake != fd:
            self.poller.register(fd, EPOLLIN)
            self.wake = fd

    def wait_seconds(self, maxevents: int, timeout: float) -> list[tuple[int, int]]:
        """`wait` with a timeout in seconds (negative: forever) kept to the microsecond: epoll_wait
        counts whole milliseconds, rounding up, which would make every timer up to 1 ms late.
        The set's own descriptor is readable when it has events, and select() takes microseconds."""
        if timeout <= 0:
            return self.wait(maxevents, 0 if timeout == 0 else -1)
        fileno = self.poller.fileno()
        if not 0 <= fileno < 1024 or not hasattr(select, "epoll"):   # select()'s FD_SETSIZE
            return self.wait(maxevents, math.ceil(timeout * 1000))
        self._watch_signals()
        if not signals.PENDING:
            try:
                select.select((fileno,), (), (), timeout)
            except InterruptedError:
                pass
        return self.wait(maxevents, 0)

    def wait(self, maxevents: int, timeout_ms: int) -> list[tuple[int, int]]:
        """Up to MAXEVENTS (fd, revents) pairs, waiting at most TIMEOUT_MS (-1: forever, 0: poll).

        Returns early, possibly with no events, when a signal with a Scheme handler is pending.
        """
        self._watch_signals()
        if signals.PENDING:
            timeout_ms = 0
        timeout = -1 if timeout_ms < 0 else timeout_ms / 1000
        events = self.poller.poll(timeout, maxevents + (self.wake is not None))
        if self.wake is None:
            return events
        signals.drain()
        return [(fd, ev) for fd, ev in events if fd != self.wake][:maxevents]

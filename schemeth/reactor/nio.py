"""Non-blocking I/O on raw descriptors: the leaves (ice-9 nio) offers and an event loop builds on.

None of these ever waits: "would block" is a return value (-1 for reads, 0 for writes, #f for accept
and connect), so a scheduler can park the caller on epoll and retry.
"""
from __future__ import annotations

import os

from .fds import system_error
from .sockets import SOCK_NONBLOCK, accept, connect


def nio_read(fd: int, buf: bytearray, start: int, count: int) -> int:
    """Read up to COUNT bytes into BUF at START: the count read, 0 at end of file, -1 if it would block."""
    try:
        return os.readv(fd, [memoryview(buf)[start:start + count]])
    except BlockingIOError:
        return -1
    except OSError as exc:
        raise system_error("nio-read", exc) from None


def nio_write(fd: int, buf: bytearray, start: int, count: int) -> int:
    """Write up to COUNT bytes of BUF from START: the count written, 0 if it would block."""
    try:
        return os.write(fd, memoryview(buf)[start:start + count])
    except BlockingIOError:
        return 0
    except OSError as exc:
        raise system_error("nio-write", exc) from None


def nio_accept(fd: int) -> tuple[int, list] | None:
    """Accept a connection as (non-blocking descriptor, peer sockaddr), or None if none is pending."""
    return accept(fd, SOCK_NONBLOCK, "nio-accept")


def nio_connect(fd: int, addr: object) -> bool:
    """Start connecting FD: True when connected already, False while in progress."""
    return connect(fd, addr, "nio-connect")

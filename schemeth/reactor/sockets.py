"""Socket system calls on raw descriptors, with Guile's results and errors.

Python socket objects are used only as short-lived views of a descriptor (`borrowed`): Scheme owns
every descriptor through its port, so no Python object may close one behind its back.  Descriptors are
created inheritable, like Guile's, unless SOCK_CLOEXEC is asked for.  The C module `_socket` is used
directly: socket.py would add milliseconds of enum building to every start-up.
"""
from __future__ import annotations

import _socket as socket
import os
import struct
from typing import Callable

from ..data.conditions import Condition, SchemeError
from ..data.values import MString, Pair, Symbol, from_list
from .fds import exact, system_error
from .sockaddr import linger_value, to_scheme

SOCK_NONBLOCK = getattr(socket, "SOCK_NONBLOCK", 0)
SOCK_CLOEXEC = getattr(socket, "SOCK_CLOEXEC", 0)


def borrowed(fd: int, who: str, operation: Callable[[socket.socket], object]) -> object:
    """Apply OPERATION to a Python socket over FD, leaving FD open; OS errors become system-errors."""
    try:
        sock = socket.socket(fileno=fd)
    except OSError as exc:
        raise system_error(who, exc) from None
    try:
        return operation(sock)
    except OSError as exc:
        raise system_error(who, exc) from None
    finally:
        sock.detach()


def apply_flags(fd: int, flags: int) -> int:
    """Give a new descriptor Guile's defaults: inheritable and blocking unless FLAGS say otherwise."""
    os.set_inheritable(fd, not flags & SOCK_CLOEXEC)
    if flags & SOCK_NONBLOCK:
        os.set_blocking(fd, False)
    return fd


def open_socket(family: int, kind: int, proto: int) -> int:
    """socket(2): a new descriptor."""
    try:
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise system_error("socket", exc) from None
    return apply_flags(sock.detach(), kind)


def open_socketpair(family: int, kind: int, proto: int) -> tuple[int, int]:
    """socketpair(2): two connected descriptors."""
    try:
        a, b = socket.socketpair(family, kind, proto)
    except OSError as exc:
        raise system_error("socketpair", exc) from None
    return apply_flags(a.detach(), kind), apply_flags(b.detach(), kind)


def bind(fd: int, addr: object) -> None:
    """bind(2)."""
    borrowed(fd, "bind", lambda sock: sock.bind(addr))


def connect(fd: int, addr: object, who: str = "connect") -> bool:
    """connect(2): #t once connected, #f while a non-blocking connection is in progress."""
    def attempt(sock: socket.socket) -> bool:
        try:
            sock.connect(addr)
        except BlockingIOError:
            return False
        return True
    return borrowed(fd, who, attempt)


def listen(fd: int, backlog: int) -> None:
    """listen(2)."""
    borrowed(fd, "listen", lambda sock: sock.listen(backlog))


def accept(fd: int, flags: int = 0, who: str = "accept") -> tuple[int, list] | None:
    """accept(2): (new descriptor, peer sockaddr), or None when it would block."""
    def attempt(sock: socket.socket) -> tuple[int, list] | None:
        try:
            new_fd, addr = sock._accept()
        except BlockingIOError:
            return None
        return apply_flags(new_fd, flags), to_scheme(sock.family, addr)
    return borrowed(fd, who, attempt)


def shutdown(fd: int, how: int) -> None:
    """shutdown(2)."""
    borrowed(fd, "shutdown", lambda sock: sock.shutdown(how))


def sockname(fd: int, peer: bool) -> list:
    """getsockname(2) or getpeername(2) as a Guile sockaddr."""
    if peer:
        return borrowed(fd, "getpeername", lambda sock: to_scheme(sock.family, sock.getpeername()))
    return borrowed(fd, "getsockname", lambda sock: to_scheme(sock.family, sock.getsockname()))


def setsockopt(fd: int, level: int, name: int, value: object) -> None:
    """setsockopt(2) with Guile's value shapes: an integer, (onoff . secs) for SO_LINGER, or
    (group . interface) integers for IP_ADD_MEMBERSHIP / IP_DROP_MEMBERSHIP."""
    if level == socket.SOL_SOCKET and name == socket.SO_LINGER:
        raw: int | bytes = struct.pack("ii", *linger_value(value))
    elif type(value) is Pair:
        raw = struct.pack("!II", exact(value.car) & 0xFFFFFFFF, exact(value.cdr) & 0xFFFFFFFF)
    else:
        raw = exact(value)
    borrowed(fd, "setsockopt", lambda sock: sock.setsockopt(level, name, raw))


def getsockopt(fd: int, level: int, name: int) -> object:
    """getsockopt(2): an integer, or (onoff . secs) for SO_LINGER."""
    if level == socket.SOL_SOCKET and name == socket.SO_LINGER:
        raw = borrowed(fd, "getsockopt", lambda sock: sock.getsockopt(level, name, 8))
        return Pair(*struct.unpack("ii", raw))
    return borrowed(fd, "getsockopt", lambda sock: sock.getsockopt(level, name))


def getaddrinfo(host: str | None, service: str | None, flags: int, family: int, kind: int,
                proto: int) -> list[list]:
    """getaddrinfo(3) as Guile's addrinfo vectors #(flags family socktype protocol sockaddr canonname)."""
    try:
        infos = socket.getaddrinfo(host, service, family, kind, proto, flags)
    except socket.gaierror as exc:
        raise SchemeError(Condition(Symbol("getaddrinfo-error"), from_list([exc.errno]))) from None
    return [[flags, fam, typ, pro, to_scheme(fam, addr), _canon(canon)]
            for fam, typ, pro, canon, addr in infos]


def _canon(name: str) -> object:
    return MString(name) if name else False


GAI_MESSAGES = {
    "EAI_NONAME": "Name or service not known",
    "EAI_SERVICE": "Servname not supported for ai_socktype",
    "EAI_AGAIN": "Temporary failure in name resolution",
    "EAI_FAIL": "Non-recoverable failure in name resolution",
    "EAI_FAMILY": "ai_family not supported",
    "EAI_SOCKTYPE": "ai_socktype not supported",
    "EAI_BADFLAGS": "Bad value for ai_flags",
    "EAI_MEMORY": "Memory allocation failure",
    "EAI_SYSTEM": "System error",
    "EAI_NODATA": "No address associated with hostname",
    "EAI_ADDRFAMILY": "Address family for hostname not supported",
}


def gai_strerror(code: int) -> str:
    """The message of a getaddrinfo error code (glibc's wording)."""
    for name, message in GAI_MESSAGES.items():
        if getattr(socket, name, None) == code:
            return message
    return "Unknown error"

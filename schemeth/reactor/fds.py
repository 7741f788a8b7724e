"""File descriptors as Scheme code names them (fd ports or integers) and Guile's system-error.

Ports are duck-typed through their `fd` and `closed` attributes so that this package does not depend
on the port layer above it.
"""
from __future__ import annotations

import errno as errno_codes
import os

from ..data.conditions import SchemeError, guile_error, wrong_type
from ..data.values import MString
from ..primitives.lists import wrong_type_plain


def errno_error(subr: str, code: int) -> SchemeError:
    """Guile's (system-error SUBR "~A" (STRERROR) (ERRNO)) for errno CODE."""
    return guile_error("system-error", subr, "~A", [MString(os.strerror(code), False)], [code])


def system_error(subr: str, exc: OSError) -> SchemeError:
    """Guile's system-error for a failed OS call."""
    return errno_error(subr, exc.errno if exc.errno is not None else errno_codes.EIO)


def port_fd(obj: object, who: str, pos: int = 1) -> int:
    """The descriptor of an open fd port, as Guile's socket procedures insist on a port."""
    fd = getattr(obj, "fd", None)
    if type(fd) is not int or getattr(obj, "closed", False):
        raise wrong_type(who, pos, obj, "open file port")
    return fd


def any_fd(obj: object) -> int:
    """A raw descriptor or an open fd port's descriptor (fcntl, nio and epoll accept both)."""
    if type(obj) is int:
        return obj
    fd = getattr(obj, "fd", None)
    if type(fd) is not int or getattr(obj, "closed", False):
        raise wrong_type_plain(None, "exact integer", obj)
    return fd


def exact(obj: object) -> int:
    """OBJ checked to be an exact integer, with Guile's conversion error otherwise."""
    if type(obj) is not int:
        raise wrong_type_plain(None, "exact integer", obj)
    return obj


def text(obj: object) -> str:
    """OBJ checked to be a string, with Guile's conversion error otherwise."""
    if type(obj) is not MString:
        raise wrong_type_plain(None, "string", obj)
    return obj.s


def fd_port(fd: int, mode: str, name: str) -> object:
    """Wrap FD in a port owned by Scheme (closing the port closes FD)."""
    from ..primitives.portobjects import make_fd_port
    return make_fd_port(fd, mode, name)

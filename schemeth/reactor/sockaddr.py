"""Socket addresses: Guile's vectors #(AF_INET host port), #(AF_INET6 host port flowinfo scopeid),
#(AF_UNIX path) against the tuples and strings Python's socket module speaks.

Hosts are integers in host byte order, as Guile's inet-pton returns them.
"""
from __future__ import annotations

import _socket as socket

from ..data.conditions import SchemeError, guile_error, misc_error, wrong_type
from ..data.values import NIL, MString, Pair
from .fds import exact, text

FAMILIES = {socket.AF_INET: "inet", socket.AF_INET6: "inet6", socket.AF_UNIX: "unix"}
LENGTHS = {socket.AF_INET: 3, socket.AF_INET6: 5, socket.AF_UNIX: 2}


def host_text(family: int, host: int) -> str:
    """The printed form of integer HOST (truncated to the family's width, as Guile does)."""
    width = 4 if family == socket.AF_INET else 16
    return socket.inet_ntop(family, (host & ((1 << (8 * width)) - 1)).to_bytes(width, "big"))


def host_int(family: int, host: str) -> int:
    """The integer form of a printed address."""
    return int.from_bytes(socket.inet_pton(family, host), "big")


def to_scheme(family: int, addr: object) -> list:
    """Python's address of a socket of FAMILY as Guile's sockaddr vector."""
    if family == socket.AF_UNIX:
        if not addr:
            return [family, False]
        path = addr if isinstance(addr, str) else addr.decode("latin-1")
        return [family, MString(path)]
    if family == socket.AF_INET6:
        host, port, flowinfo, scope = addr
        return [family, host_int(family, host.split("%")[0]), port, flowinfo, scope]
    host, port = addr
    return [family, host_int(family, host), port]


def _bad_family(who: str, fam: int) -> SchemeError:
    return guile_error("out-of-range", who, "Value out of range: ~S", [fam], [fam])


def _pop(who: str, rest: list, pos: int) -> object:
    """Take the next address component, or raise Guile's error for a missing one."""
    if not rest:
        raise wrong_type(who, pos, NIL, "pair")
    return rest.pop(0)


def from_args(who: str, fam: object, rest: list, pos: int) -> tuple[int, object]:
    """(FAMILY ADDRESS ...) argument lists, with REST starting at argument POS, as Python's address."""
    fam = exact(fam)
    rest = list(rest)
    if fam == socket.AF_UNIX:
        return fam, text(_pop(who, rest, pos))
    if fam not in (socket.AF_INET, socket.AF_INET6):
        raise _bad_family(who, fam)
    host = host_text(fam, exact(_pop(who, rest, pos)))
    port = exact(_pop(who, rest, pos)) & 0xFFFF
    if fam == socket.AF_INET:
        return fam, (host, port)
    flowinfo = exact(rest.pop(0)) if rest else 0
    scope = exact(rest.pop(0)) if rest else 0
    return fam, (host, port, flowinfo, scope)


def from_vector(vec: object) -> tuple[int, object]:
    """A Guile sockaddr vector as Python's (family, address)."""
    if type(vec) is not list or not vec:
        raise wrong_type("scm_to_sockaddr", 1, vec)
    fam = exact(vec[0])
    kind = FAMILIES.get(fam)
    if kind is None:
        raise misc_error("scm_to_sockaddr", "unrecognised address family: ~A", [fam])
    if len(vec) != LENGTHS[fam]:
        raise misc_error("scm_to_sockaddr", f"invalid {kind} address representation: ~A", [vec])
    if fam == socket.AF_UNIX:
        if type(vec[1]) is not MString:
            raise misc_error("scm_to_sockaddr", "invalid unix address path: ~A", [vec[1]])
        return fam, vec[1].s
    return from_args("scm_to_sockaddr", fam, vec[1:], 2)


def address(who: str, fam_or_sockaddr: object, rest: tuple) -> tuple[int, object]:
    """Guile's address convention: either one sockaddr vector, or a family followed by its parts."""
    if type(fam_or_sockaddr) is list or not rest:
        return from_vector(fam_or_sockaddr)
    return from_args(who, fam_or_sockaddr, list(rest), 4)


def make_socket_address(fam: object, addr: object, rest: tuple) -> list:
    """Guile's make-socket-address."""
    family, pyaddr = from_args("scm_c_make_socket_address", fam, [addr, *rest], 2)
    if family == socket.AF_UNIX:
        return [family, MString(pyaddr)]
    return to_scheme(family, pyaddr)


def linger_value(value: object) -> tuple[int, int]:
    """An SO_LINGER option value: Guile passes (ONOFF . SECONDS)."""
    if type(value) is not Pair:
        raise wrong_type("setsockopt", 4, value, "pair")
    return exact(value.car), exact(value.cdr)

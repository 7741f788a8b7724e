"""Sockets, descriptors, processes and signals; results and error shapes checked on Guile 3.0.8.

Everything runs on loopback, with bounded waits, and closes what it opens.
"""
from __future__ import annotations

import os
import signal

import pytest

from schemeth.data.conditions import SchemeError
from schemeth.data.values import NIL, UNSPECIFIED, MString, Pair, Symbol
from schemeth.primitives import posix  # noqa: F401  (registers the primitives)
from schemeth.data.procedures import ControlPrimitive
from schemeth.primitives.registry import TABLES
from schemeth.reactor import signals

import schemedata

GUILE = TABLES[("guile",)]


def call(name: str, *args: object) -> object:
    """Apply the primitive registered as NAME in the default environment."""
    prim = GUILE[name]
    if isinstance(prim, ControlPrimitive):
        return prim.fn(None, args)
    return prim.fn(*args)


def plain(v: object) -> object:
    """Turn Scheme data into comparable Python data, symbols as their names."""
    return schemedata.plain(v, symbol_names=True)


def err(name: str, *args: object) -> tuple:
    """Call NAME expecting a Guile error; return (key subr message fmt-args rest) as plain data."""
    with pytest.raises(SchemeError) as info:
        call(name, *args)
    cond = info.value.payload
    return (cond.key.name, *plain(cond.args))


def system_error(subr: str, code: int) -> tuple:
    return ("system-error", subr, "~A", [os.strerror(code)], [code])


@pytest.fixture
def ports() -> list:
    """Ports opened by a test, closed after it."""
    opened: list = []
    yield opened
    for port in opened:
        if not port.closed:
            port.close()


def open_socket(ports: list, family: int = GUILE["AF_INET"], kind: int = GUILE["SOCK_STREAM"]) -> object:
    port = call("socket", family, kind, 0)
    ports.append(port)
    return port


def listener(ports: list) -> tuple[object, list]:
    """A listening loopback socket and its address."""
    server = open_socket(ports)
    call("setsockopt", server, GUILE["SOL_SOCKET"], GUILE["SO_REUSEADDR"], 1)
    call("bind", server, GUILE["AF_INET"], GUILE["INADDR_LOOPBACK"], 0)
    call("listen", server, 5)
    return server, call("getsockname", server)


# -- addresses ------------------------------------------------------------------------------------

def test_socket_addresses_are_guile_vectors() -> None:
    assert plain(call("make-socket-address", 2, 2130706433, 8080)) == (2, 2130706433, 8080)
    assert plain(call("make-socket-address", 10, 1, 8080)) == (10, 1, 8080, 0, 0)
    assert plain(call("make-socket-address", 10, 1, 8080, 5, 7)) == (10, 1, 8080, 5, 7)
    assert plain(call("make-socket-address", 1, MString("/tmp/x"))) == (1, "/tmp/x")
    assert plain(call("make-socket-address", 2, 1, 70000)) == (2, 1, 4464)
    sa = call("make-socket-address", 2, 2130706433, 8080)
    assert [call(f, sa) for f in ("sockaddr:fam", "sockaddr:addr", "sockaddr:port")] == [2, 2130706433, 8080]
    assert plain(call("sockaddr:path", call("make-socket-address", 1, MString("/x")))) == "/x"


def test_socket_address_errors() -> None:
    assert err("make-socket-address", 99, 1, 2) == (
        "out-of-range", "scm_c_make_socket_address", "Value out of range: ~S", [99], [99])
    assert err("make-socket-address", 2, 1) == (
        "wrong-type-arg", "scm_c_make_socket_address",
        "Wrong type argument in position ~A (expecting ~A): ~S", [2, "pair", []], [[]])
    assert err("make-socket-address", 2, MString("127.0.0.1"), 80) == (
        "wrong-type-arg", False, "Wrong type (expecting ~A): ~S", ["exact integer", "127.0.0.1"],
        ["127.0.0.1"])
    assert err("make-socket-address", 1, Symbol("x")) == (
        "wrong-type-arg", False, "Wrong type (expecting ~A): ~S", ["string", "x"], ["x"])
    assert err("sockaddr:port", call("make-socket-address", 1, MString("/x"))) == (
        "out-of-range", "vector-ref", "Argument 2 out of range: ~S", [2], [2])
    assert err("sockaddr:fam", Symbol("x"))[:2] == ("wrong-type-arg", "vector-ref")


def test_inet_pton_and_ntop() -> None:
    assert call("inet-pton", 2, MString("127.0.0.1")) == 2130706433
    assert call("inet-pton", 10, MString("::1")) == 1
    assert plain(call("inet-ntop", 2, 2130706433)) == "127.0.0.1"
    assert plain(call("inet-ntop", 10, 1)) == "::1"
    assert plain(call("inet-ntop", 10, 1 << 127)) == "8000::"
    assert plain(call("inet-ntop", 2, 1 << 33)) == "0.0.0.0"
    assert err("inet-pton", 2, MString("foo")) == ("misc-error", "inet-pton", "Bad address", [], False)
    assert err("inet-ntop", 99, 1) == (
        "out-of-range", "inet-ntop", "Argument ~A out of range: ~S", [1, 99], [99])
    assert err("inet-pton", 2, Symbol("x"))[3] == ["string", "x"]


def test_getaddrinfo_numeric_loopback() -> None:
    infos = plain(call("getaddrinfo", MString("127.0.0.1"), MString("80"), 4))
    assert infos[0] == (4, 2, 1, 6, (2, 2130706433, 80), False)
    assert {info[4] for info in infos} == {(2, 2130706433, 80)}
    only = plain(call("getaddrinfo", MString("127.0.0.1"), False, 0, 2, 1))
    assert only == [(0, 2, 1, 6, (2, 2130706433, 0), False)]
    assert plain(call("addrinfo:addr", call("getaddrinfo", MString("::1"), MString("8080"), 4).car)) == \
        (10, 1, 8080, 0, 0)
    with pytest.raises(SchemeError) as info:
        call("getaddrinfo", MString("nonexistent.invalid"), False, 4)
    assert info.value.payload.key.name == "getaddrinfo-error"
    assert plain(info.value.payload.args) == [GUILE["EAI_NONAME"]]
    assert err("getaddrinfo", MString("127.0.0.1"), 80)[:2] == ("wrong-type-arg", "getaddrinfo")
    assert plain(call("gai-strerror", -2)) == "Name or service not known"


# -- sockets --------------------------------------------------------------------------------------

def test_socket_returns_an_input_output_port(ports: list) -> None:
    port = open_socket(ports)
    assert port.is_input() and port.is_output()
    assert call("fileno", port) == port.fd
    assert call("fcntl", port, GUILE["F_GETFD"]) == 0
    cloexec = call("socket", 2, GUILE["SOCK_STREAM"] | GUILE["SOCK_CLOEXEC"] | GUILE["SOCK_NONBLOCK"], 0)
    ports.append(cloexec)
    assert call("fcntl", cloexec, GUILE["F_GETFD"]) == GUILE["FD_CLOEXEC"]
    assert call("fcntl", cloexec, GUILE["F_GETFL"]) & os.O_NONBLOCK


def test_socket_procedures_insist_on_ports(ports: list) -> None:
    fd = call("fileno", open_socket(ports))
    for name, args in (("bind", (2, 1, 0)), ("listen", (1,)), ("accept", ()), ("getsockname", ()),
                       ("shutdown", (1,))):
        assert err(name, fd, *args) == (
            "wrong-type-arg", name, "Wrong type argument in position ~A (expecting ~A): ~S",
            [1, "open file port", fd], [fd])


def test_socket_options_also_take_raw_descriptors(ports: list) -> None:
    """The 2012 ethreads code sets TCP_NODELAY on (eport-fd client), a plain integer."""
    fd = call("fileno", open_socket(ports))
    call("setsockopt", fd, GUILE["IPPROTO_TCP"], GUILE["TCP_NODELAY"], 1)
    assert call("getsockopt", fd, GUILE["IPPROTO_TCP"], GUILE["TCP_NODELAY"]) == 1


def test_loopback_connection(ports: list) -> None:
    server, sa = listener(ports)
    assert plain(sa)[:2] == (2, 2130706433)
    call("fcntl", server, GUILE["F_SETFL"], os.O_NONBLOCK)
    assert call("accept", server) is False
    client = open_socket(ports)
    assert call("connect", client, sa) is True
    assert err("connect", client, 2, 2130706433, call("sockaddr:port", sa)) == system_error(
        "connect", 106)
    conn = call("accept", server)
    ports.append(conn.car)
    assert call("sockaddr:fam", conn.cdr) == 2
    assert plain(call("getpeername", client)) == plain(call("getsockname", conn.car))
    os.write(call("fileno", client), b"hi")
    assert os.read(conn.car.fd, 2) == b"hi"
    assert call("shutdown", client, 1) is UNSPECIFIED
    assert os.read(conn.car.fd, 2) == b""


def test_socket_errors(ports: list) -> None:
    server, sa = listener(ports)
    assert err("bind", server, 2, 2130706433, 0) == system_error("bind", 22)
    assert err("bind", server, Symbol("x"))[:3] == (
        "wrong-type-arg", "scm_to_sockaddr", "Wrong type argument in position ~A: ~S")
    assert err("bind", server, 2, 1) == (
        "wrong-type-arg", "bind", "Wrong type argument in position ~A (expecting ~A): ~S",
        [4, "pair", []], [[]])
    assert err("bind", server, 99, 1, 2) == ("out-of-range", "bind", "Value out of range: ~S", [99], [99])
    assert err("bind", server, [2, 1]) == (
        "misc-error", "scm_to_sockaddr", "invalid inet address representation: ~A", [(2, 1)], False)
    assert err("bind", server, [99, 1, 2]) == (
        "misc-error", "scm_to_sockaddr", "unrecognised address family: ~A", [99], False)
    port = call("sockaddr:port", sa)
    server.close()
    refused = open_socket(ports)
    assert err("connect", refused, 2, 2130706433, port) == system_error("connect", 111)
    assert err("socket", 9999, 1, 0) == system_error("socket", 97)
    assert err("getpeername", open_socket(ports)) == system_error("getpeername", 107)
    assert plain(call("getsockname", open_socket(ports))) == (2, 0, 0)
    assert plain(call("getsockname", open_socket(ports, GUILE["AF_UNIX"]))) == (1, False)


def test_socket_options(ports: list) -> None:
    sock = open_socket(ports)
    assert call("getsockopt", sock, GUILE["SOL_SOCKET"], GUILE["SO_REUSEADDR"]) == 0
    call("setsockopt", sock, GUILE["SOL_SOCKET"], GUILE["SO_REUSEADDR"], 1)
    assert call("getsockopt", sock, GUILE["SOL_SOCKET"], GUILE["SO_REUSEADDR"]) == 1
    assert plain(call("getsockopt", sock, GUILE["SOL_SOCKET"], GUILE["SO_LINGER"])) == (".", [0], 0)
    call("setsockopt", sock, GUILE["SOL_SOCKET"], GUILE["SO_LINGER"], Pair(1, 2))
    assert plain(call("getsockopt", sock, GUILE["SOL_SOCKET"], GUILE["SO_LINGER"])) == (".", [1], 2)
    call("setsockopt", sock, GUILE["IPPROTO_TCP"], GUILE["TCP_NODELAY"], 1)
    assert call("getsockopt", sock, GUILE["IPPROTO_TCP"], GUILE["TCP_NODELAY"]) == 1
    assert err("setsockopt", sock, 1, 2, True)[3] == ["exact integer", True]
    assert err("setsockopt", sock, 9999, 9999, 1) == system_error("setsockopt", 92)


def test_socketpair_and_pipe(ports: list) -> None:
    pair = call("socketpair", GUILE["AF_UNIX"], GUILE["SOCK_STREAM"], 0)
    ports.extend([pair.car, pair.cdr])
    os.write(pair.car.fd, b"x")
    assert os.read(pair.cdr.fd, 1) == b"x"
    assert call("getsockopt", pair.car, GUILE["SOL_SOCKET"], GUILE["SO_TYPE"]) == GUILE["SOCK_STREAM"]
    assert err("socketpair", GUILE["AF_INET"], GUILE["SOCK_STREAM"], 0) == system_error("socketpair", 95)
    p = call("pipe")
    ports.extend([p.car, p.cdr])
    assert p.car.is_input() and not p.car.is_output() and p.cdr.is_output()
    os.write(call("fileno", p.cdr), b"y")
    assert os.read(call("fileno", p.car), 1) == b"y"
    assert call("fcntl", p.car, GUILE["F_GETFD"]) == 0
    call("fcntl", p.car, GUILE["F_SETFD"], GUILE["FD_CLOEXEC"])
    assert call("fcntl", call("fileno", p.car), GUILE["F_GETFD"]) == 1


# -- descriptors ----------------------------------------------------------------------------------

def test_descriptor_errors() -> None:
    assert err("close-fdes", 9999) == system_error("close-fdes", 9)
    assert err("close-fdes", Symbol("x"))[3] == ["exact integer", "x"]
    assert err("fcntl", 9999, 3) == system_error("fcntl", 9)
    assert err("fcntl", MString("x"), 3)[3] == ["exact integer", "x"]
    assert err("fileno", 3) == ("wrong-type-arg", "fileno",
                                "Wrong type argument in position ~A (expecting ~A): ~S",
                                [1, "open file port", 3], [3])
    r, w = os.pipe()
    os.close(w)
    assert call("close-fdes", r) is UNSPECIFIED


def test_strerror() -> None:
    assert plain(call("strerror", 11)) == "Resource temporarily unavailable"
    assert plain(call("strerror", 0)) == "Success"
    assert err("strerror", Symbol("x")) == (
        "wrong-type-arg", False, "Wrong type (expecting ~A): ~S", ["exact integer", "x"], ["x"])


def test_constants_match_guile() -> None:
    expected = {"AF_INET": 2, "AF_INET6": 10, "AF_UNIX": 1, "AF_UNSPEC": 0, "PF_INET": 2, "PF_UNIX": 1,
                "SOCK_STREAM": 1, "SOCK_DGRAM": 2, "SOCK_NONBLOCK": 2048, "SOCK_CLOEXEC": 524288,
                "SOL_SOCKET": 1, "SO_REUSEADDR": 2, "SO_REUSEPORT": 15, "SO_ERROR": 4,
                "IPPROTO_TCP": 6, "TCP_NODELAY": 1, "INADDR_ANY": 0, "INADDR_LOOPBACK": 2130706433,
                "F_GETFL": 3, "F_SETFL": 4, "FD_CLOEXEC": 1, "O_NONBLOCK": 2048, "EAGAIN": 11,
                "EWOULDBLOCK": 11, "EINTR": 4, "EINPROGRESS": 115, "ECONNREFUSED": 111,
                "SIGPIPE": 13, "SIGINT": 2, "SIGTERM": 15, "SIGHUP": 1, "SIGCHLD": 17, "SIG_IGN": 1,
                "SIG_DFL": 0, "SA_RESTART": 268435456, "WNOHANG": 1, "AI_NUMERICHOST": 4,
                "EAI_NONAME": -2}
    assert {k: GUILE[k] for k in expected} == expected
    assert "SHUT_RD" not in GUILE and "EPOLLIN" not in GUILE


# -- processes and signals ------------------------------------------------------------------------

def test_fork_and_waitpid() -> None:
    pid = call("primitive-fork")
    if pid == 0:
        os._exit(3)
    got = call("waitpid", pid)
    assert got.car == pid and call("status:exit-val", got.cdr) == 3
    assert call("status:term-sig", got.cdr) is False
    assert err("waitpid", -1, GUILE["WNOHANG"]) == system_error("waitpid", 10)
    assert call("kill", os.getpid(), 0) is UNSPECIFIED
    assert call("getpid") == os.getpid()
    assert call("usleep", 10) == 0


def test_sigaction_dispositions() -> None:
    try:
        assert plain(call("sigaction", GUILE["SIGUSR2"])) == (".", [0], 0)
        assert plain(call("sigaction", GUILE["SIGUSR2"], 1)) == (".", [0], 0)
        assert signal.getsignal(GUILE["SIGUSR2"]) == signal.SIG_IGN
        assert plain(call("sigaction", GUILE["SIGUSR2"])) == (".", [1], 0x04000000)
        assert plain(call("sigaction", GUILE["SIGUSR2"], 0, GUILE["SA_RESTART"])) == (".", [1], 0x04000000)
        assert plain(call("sigaction", GUILE["SIGUSR2"])) == (".", [0], 0x14000000)
        assert err("sigaction", GUILE["SIGKILL"], 1) == system_error("sigaction", 22)
        assert err("sigaction", 9999, 1) == (
            "out-of-range", False, "Value out of range ~S to< ~S: ~S", [0, 64, 9999], [9999])
        assert err("sigaction", GUILE["SIGUSR2"], Symbol("x")) == (
            "wrong-type-arg", "sigaction", "Wrong type argument in position ~A: ~S", [2, "x"], ["x"])
    finally:
        call("restore-signals")
    assert signal.getsignal(GUILE["SIGUSR2"]) == signal.SIG_DFL
    assert plain(call("sigaction", GUILE["SIGUSR2"])) == (".", [0], 0)


def test_procedure_handlers_are_queued_for_the_scheduler() -> None:
    handler = GUILE["car"]
    try:
        call("sigaction", GUILE["SIGUSR1"], handler)
        assert signals.SIGNAL_HANDLERS[GUILE["SIGUSR1"]] is handler
        assert call("sigaction", GUILE["SIGUSR1"]).car is handler
        os.kill(os.getpid(), GUILE["SIGUSR1"])
        os.kill(os.getpid(), GUILE["SIGUSR1"])
        due = call("%pending-signal-handlers")
        assert plain(due) == [(".", [handler], GUILE["SIGUSR1"])] * 2
        assert call("%pending-signal-handlers") is NIL
    finally:
        call("restore-signals")
    assert GUILE["SIGUSR1"] not in signals.SIGNAL_HANDLERS



def test_console_and_file_ports_have_descriptors(tmp_path) -> None:
    from schemeth.primitives.ports import CURRENT_ERROR, CURRENT_INPUT, CURRENT_OUTPUT
    import sys
    ports = [CURRENT_INPUT.cell[0], CURRENT_OUTPUT.cell[0], CURRENT_ERROR.cell[0]]
    streams = [sys.stdin, sys.stdout, sys.stderr]
    for port, stream in zip(ports, streams):
        try:
            expected = stream.fileno()
        except (OSError, ValueError, AttributeError):
            continue          # pytest may have replaced the stream with one without a descriptor
        assert call("fileno", port) == expected
    with open(tmp_path / "f.txt", "w") as f:
        fd = call("dup->fdes", f.fileno())
        try:
            assert fd != f.fileno() and os.fstat(fd).st_ino == os.fstat(f.fileno()).st_ino
            assert call("dup2", fd, fd) is UNSPECIFIED
        finally:
            os.close(fd)


def test_isatty_is_false_for_non_terminals() -> None:
    ends = call("pipe")
    try:
        assert call("isatty?", ends.car) is False
        assert call("isatty?", call("open-input-string", MString("x", True))) is False
    finally:
        call("close-port", ends.car)
        call("close-port", ends.cdr)

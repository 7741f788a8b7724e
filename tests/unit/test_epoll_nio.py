"""(ice-9 epoll) and (ice-9 nio): readiness, one-shot arming, would-block results, signal wake-ups.

Loopback and pipes only; every wait is bounded and every descriptor closed.
"""
from __future__ import annotations

import os
import threading
import time

import pytest

from schemeth.data.conditions import SchemeError
from schemeth.data.printer import write_string
from schemeth.data.values import NIL, Keyword, MString, Pair
from schemeth.interpreter import Interpreter
from schemeth.primitives import posix  # noqa: F401  (registers the primitives)
from schemeth.primitives.registry import TABLES
from schemeth.reactor.epoll import SelectorPoller

GUILE = TABLES[("guile",)]
EPOLL = TABLES[("ice-9", "epoll", "internal")]
NIO = TABLES[("ice-9", "nio")]
IN, OUT, ONESHOT = EPOLL["EPOLLIN"], EPOLL["EPOLLOUT"], EPOLL["EPOLLONESHOT"]


def call(name: str, *args: object) -> object:
    """Apply the primitive NAME from (ice-9 epoll internal), (ice-9 nio) or the default environment."""
    return (EPOLL.get(name) or NIO.get(name) or GUILE[name]).fn(*args)


def pairs(lst: object) -> list[tuple]:
    """A Scheme list of pairs as Python tuples."""
    out = []
    while type(lst) is Pair:
        out.append((lst.car.car, lst.car.cdr))
        lst = lst.cdr
    return out


def error_of(name: str, *args: object) -> tuple:
    """(key subr message fmt-args) of the Guile error NAME raises."""
    with pytest.raises(SchemeError) as info:
        call(name, *args)
    cond = info.value.payload
    items = []
    args_list = cond.args
    while type(args_list) is Pair:
        items.append(args_list.car)
        args_list = args_list.cdr
    subr = items[0].s if type(items[0]) is MString else items[0]
    return cond.key.name, subr, items[1].s, items[3]


@pytest.fixture
def fds() -> list[int]:
    """Descriptors opened by a test, closed after it."""
    opened: list[int] = []
    yield opened
    for fd in opened:
        try:
            os.close(fd)
        except OSError:
            pass


@pytest.fixture
def ep() -> object:
    """A fresh epoll set, destroyed after the test."""
    e = call("epoll-create")
    yield e
    call("epoll-destroy", e)


def make_pipe(fds: list[int]) -> tuple[int, int]:
    r, w = os.pipe()
    os.set_blocking(r, False)
    os.set_blocking(w, False)
    fds.extend((r, w))
    return r, w


# -- epoll ----------------------------------------------------------------------------------------

def test_epoll_reports_readiness(ep: object, fds: list[int]) -> None:
    r, w = make_pipe(fds)
    assert call("epoll?", ep) is True and call("epoll?", 3) is False
    assert write_string(ep).startswith("#<epoll ")
    call("epoll-add!", ep, r, IN)
    assert call("%epoll-wait", ep, 8, 0) is NIL
    os.write(w, b"x")
    assert pairs(call("%epoll-wait", ep, 8, 1000)) == [(r, IN)]
    assert pairs(call("%epoll-wait", ep, 8, 0)) == [(r, IN)]  # level-triggered
    call("epoll-modify!", ep, r, OUT)
    assert call("%epoll-wait", ep, 8, 0) is NIL
    call("epoll-remove!", ep, r)
    assert call("%epoll-wait", ep, 8, 0) is NIL


def test_epoll_oneshot_needs_rearming(ep: object, fds: list[int]) -> None:
    r, w = make_pipe(fds)
    os.write(w, b"x")
    call("epoll-add!", ep, r, IN | ONESHOT)
    assert pairs(call("%epoll-wait", ep, 8, 0)) == [(r, IN)]
    assert call("%epoll-wait", ep, 8, 0) is NIL
    call("epoll-modify!", ep, r, IN | ONESHOT)
    assert pairs(call("%epoll-wait", ep, 8, 0)) == [(r, IN)]


def test_epoll_timeout_is_bounded(ep: object, fds: list[int]) -> None:
    r, _ = make_pipe(fds)
    call("epoll-add!", ep, r, IN)
    start = time.monotonic()
    assert call("%epoll-wait", ep, 8, 50) is NIL
    assert 0.03 < time.monotonic() - start < 2


def test_epoll_errors(ep: object, fds: list[int]) -> None:
    r, _ = make_pipe(fds)
    call("epoll-add!", ep, r, IN)
    assert error_of("epoll-add!", ep, r, IN)[:3] == ("system-error", "epoll-add!", "~A")
    assert error_of("epoll-remove!", ep, 9999)[3].car == 9  # EBADF
    w_only = fds[-1]
    assert error_of("epoll-modify!", ep, w_only, IN)[3].car == 2  # ENOENT
    assert error_of("%epoll-wait", ep, 0, 0)[0] == "out-of-range"
    assert error_of("epoll-add!", 5, r, IN)[0] == "wrong-type-arg"
    call("epoll-destroy", ep)
    call("epoll-destroy", ep)
    assert write_string(ep) == "#<epoll destroyed>"
    assert error_of("%epoll-wait", ep, 8, 0)[0] == "wrong-type-arg"


def test_epoll_create_keywords() -> None:
    inheritable = call("epoll-create", Keyword("close-on-exec?"), False)
    try:
        assert os.get_inheritable(inheritable.poller.fileno())
    finally:
        call("epoll-destroy", inheritable)
    assert error_of("epoll-create", Keyword("bogus"), 1)[:3] == (
        "keyword-argument-error", "epoll-create", "Unrecognized keyword")
    assert error_of("epoll-create", Keyword("close-on-exec?"))[2] == "Keyword argument has no value"
    assert error_of("epoll-create", 3)[2] == "Invalid keyword"


def test_epoll_accepts_fd_ports(ep: object) -> None:
    p = call("pipe")
    try:
        call("epoll-add!", ep, p.car, IN)
        os.write(p.cdr.fd, b"x")
        assert pairs(call("%epoll-wait", ep, 8, 1000)) == [(p.car.fd, IN)]
    finally:
        p.car.close()
        p.cdr.close()


def test_selector_fallback_emulates_epoll(fds: list[int]) -> None:
    r, w = make_pipe(fds)
    ep = call("epoll-create")
    ep.poller.close()
    ep.poller = SelectorPoller()
    try:
        call("epoll-add!", ep, r, IN | ONESHOT)
        assert error_of("epoll-add!", ep, r, IN)[3].car == 17  # EEXIST
        assert error_of("epoll-remove!", ep, w)[3].car == 2  # ENOENT
        assert call("%epoll-wait", ep, 8, 0) is NIL
        os.write(w, b"x")
        assert pairs(call("%epoll-wait", ep, 8, 1000)) == [(r, IN)]
        assert call("%epoll-wait", ep, 8, 0) is NIL
        call("epoll-modify!", ep, r, IN)
        assert pairs(call("%epoll-wait", ep, 8, 0)) == [(r, IN)]
        call("epoll-add!", ep, w, OUT)
        assert sorted(pairs(call("%epoll-wait", ep, 8, 0))) == [(r, IN), (w, OUT)]
        call("epoll-remove!", ep, r)
        assert pairs(call("%epoll-wait", ep, 8, 0)) == [(w, OUT)]
    finally:
        call("epoll-destroy", ep)


def test_signal_with_scheme_handler_ends_a_wait(ep: object, fds: list[int]) -> None:
    r, _ = make_pipe(fds)
    call("epoll-add!", ep, r, IN)
    handler = GUILE["car"]
    signum = GUILE["SIGUSR1"]
    timer = threading.Timer(0.05, os.kill, (os.getpid(), signum))
    try:
        call("sigaction", signum, handler)
        timer.start()
        start = time.monotonic()
        assert call("%epoll-wait", ep, 8, 5000) is NIL
        assert time.monotonic() - start < 4
        due = call("%pending-signal-handlers")
        assert due.car.car is handler and due.car.cdr == signum
    finally:
        timer.cancel()
        call("restore-signals")


# -- nio ------------------------------------------------------------------------------------------

def test_nio_read_and_write(fds: list[int]) -> None:
    r, w = make_pipe(fds)
    buf = bytearray(b"abcdef")
    assert call("nio-read", r, bytearray(4), 0, 4) == -1
    assert call("nio-write", w, buf, 1, 3) == 3
    into = bytearray(6)
    assert call("nio-read", r, into, 2, 4) == 3
    assert into == bytearray(b"\0\0bcd\0")
    big = bytearray(1 << 20)
    written = call("nio-write", w, big, 0, len(big))
    assert 0 < written < len(big)
    assert call("nio-write", w, big, 0, len(big)) == 0
    os.close(w)
    fds.remove(w)
    while call("nio-read", r, big, 0, len(big)) > 0:
        pass
    assert call("nio-read", r, big, 0, 10) == 0


def test_nio_errors(fds: list[int]) -> None:
    key, subr, message, rest = error_of("nio-read", 9999, bytearray(4), 0, 4)
    assert (key, subr, message, rest.car, rest.cdr) == ("system-error", "nio-read", "~A", 9, NIL)
    assert error_of("nio-write", 9999, bytearray(4), 0, 4)[1] == "nio-write"
    assert error_of("nio-read", 0, bytearray(4), 2, 3)[0] == "out-of-range"
    assert error_of("nio-read", 0, b"str", 0, 1)[0] == "wrong-type-arg"
    assert error_of("nio-read", "x", bytearray(4), 0, 1)[0] == "wrong-type-arg"


def test_nio_accept_and_connect(fds: list[int]) -> None:
    server = call("socket", GUILE["AF_INET"], GUILE["SOCK_STREAM"] | GUILE["SOCK_NONBLOCK"], 0)
    client = call("socket", GUILE["AF_INET"], GUILE["SOCK_STREAM"] | GUILE["SOCK_NONBLOCK"], 0)
    ep = call("epoll-create")
    try:
        call("bind", server, GUILE["AF_INET"], GUILE["INADDR_LOOPBACK"], 0)
        call("listen", server, 4)
        assert call("nio-accept", server.fd) is False
        assert call("nio-connect", client, call("getsockname", server)) in (True, False)
        call("epoll-add!", ep, server, IN)
        assert pairs(call("%epoll-wait", ep, 8, 2000)) == [(server.fd, IN)]
        got = call("nio-accept", server)
        fds.append(got.car)
        assert got.cdr[0] == GUILE["AF_INET"]
        assert not os.get_blocking(got.car)
        call("epoll-add!", ep, client, OUT)
        assert pairs(call("%epoll-wait", ep, 8, 2000)) == [(client.fd, OUT)]
        assert call("getsockopt", client, GUILE["SOL_SOCKET"], GUILE["SO_ERROR"]) == 0
        assert call("nio-write", client, bytearray(b"ping"), 0, 4) == 4
        call("epoll-modify!", ep, client, 0)
        call("epoll-add!", ep, got.car, IN)
        assert pairs(call("%epoll-wait", ep, 8, 2000)) == [(got.car, IN)]
        buf = bytearray(8)
        assert call("nio-read", got.car, buf, 0, 8) == 4 and buf[:4] == b"ping"
    finally:
        call("epoll-destroy", ep)
        server.close()
        client.close()


# -- the Scheme module ----------------------------------------------------------------------------

def test_scheme_epoll_folds_events(fds: list[int]) -> None:
    r, w = make_pipe(fds)
    interp = Interpreter()
    interp.eval("(use-modules (ice-9 epoll))")
    interp.define("rfd", r)
    interp.eval("(define ep (epoll-create #:close-on-exec? #t))")
    try:
        interp.eval("(epoll-add! ep rfd EPOLLIN)")
        assert interp.eval("(epoll ep 8 0)") is NIL
        os.write(w, b"x")
        assert pairs(interp.eval("(epoll ep)")) == [(r, IN)]
        assert interp.eval("(epoll ep 4 0 #:folder (lambda (fd ev seed) (+ seed fd)) #:seed 100)") \
            == 100 + r
        assert interp.eval("(epoll? ep)") is True
    finally:
        interp.eval("(epoll-destroy ep)")

"""Guile's POSIX layer: sockets, descriptors, processes and signals, plus (ice-9 nio) and the leaves of
(ice-9 epoll).

Sockets are ports, as in Guile; the system calls themselves live in schemeth/reactor.  Everything here
is a leaf: Scheme signal handlers are only recorded (see reactor/signals.py) and the scheduler runs them.
"""
from __future__ import annotations

import _signal as signal
import _socket as socket
import errno
import fcntl as fcntl_mod
import os
import sys
import time
from typing import Callable

from ..data.conditions import SchemeError, guile_error, misc_error, out_of_range, wrong_type
from ..data.values import UNSPECIFIED, Keyword, MString, Pair, from_list
from ..machine.machine import WouldBlock
from .portobjects import note_fd_closed
from .ports import blocking, waiters_installed
from ..reactor import nio, sockaddr, sockets
from ..reactor import signals as sig
from ..reactor.epoll import CONSTANTS as EPOLL_CONSTANTS
from ..reactor.epoll import Epoll
from ..reactor.fds import any_fd, errno_error, exact, fd_port, port_fd, system_error, text
from .control import is_procedure
from .filesys import os_call
from .lists import arg_out_of_range, wrong_type_in
from .numbers import range_error
from .registry import define, primitive

NIO = ("ice-9", "nio")
EPOLL = ("ice-9", "epoll", "internal")


# -- sockets --------------------------------------------------------------------------------------

@primitive("socket")
def socket_(family: object, kind: object, proto: object) -> object:
    """A new socket, as an input-output port."""
    return fd_port(sockets.open_socket(exact(family), exact(kind), exact(proto)), "rw", "socket")


@primitive("socketpair")
def socketpair(family: object, kind: object, proto: object) -> Pair:
    """Two connected sockets, as a pair of ports."""
    a, b = sockets.open_socketpair(exact(family), exact(kind), exact(proto))
    return Pair(fd_port(a, "rw", "socket"), fd_port(b, "rw", "socket"))


@primitive("bind")
def bind(sock: object, fam_or_sockaddr: object, *rest: object) -> object:
    """Give SOCK a local address: a sockaddr, or a family followed by its address parts."""
    fd = port_fd(sock, "bind")
    sockets.bind(fd, sockaddr.address("bind", fam_or_sockaddr, rest)[1])
    return UNSPECIFIED


@primitive("connect")
def connect(sock: object, fam_or_sockaddr: object, *rest: object) -> bool:
    """Connect SOCK; #f when a non-blocking connection is still in progress."""
    fd = port_fd(sock, "connect")
    return sockets.connect(fd, sockaddr.address("connect", fam_or_sockaddr, rest)[1])


@primitive("listen")
def listen(sock: object, backlog: object) -> object:
    """Accept connections on SOCK, queueing up to BACKLOG."""
    sockets.listen(port_fd(sock, "listen"), exact(backlog))
    return UNSPECIFIED


@blocking("accept")
def accept(sock: object, flags: object = 0) -> object:
    """(port . peer-sockaddr) for a new connection.  With nothing pending on a non-blocking SOCK it
    returns #f, as Guile does -- unless a read waiter is installed (inside ethreads' `run'), which
    then suspends the caller until a connection arrives, as Guile's suspendable ports do."""
    got = sockets.accept(port_fd(sock, "accept"), exact(flags))
    if got is None:
        if waiters_installed():
            raise WouldBlock(sock, "read", lambda: accept(sock, flags))
        return False
    return Pair(fd_port(got[0], "rw", "socket"), got[1])


@primitive("shutdown")
def shutdown(sock: object, how: object) -> object:
    """Stop receiving (0), sending (1) or both (2) on SOCK."""
    sockets.shutdown(port_fd(sock, "shutdown"), exact(how))
    return UNSPECIFIED


@primitive("getsockname")
def getsockname(sock: object) -> list:
    """SOCK's local address."""
    return sockets.sockname(port_fd(sock, "getsockname"), False)


@primitive("getpeername")
def getpeername(sock: object) -> list:
    """The address SOCK is connected to."""
    return sockets.sockname(port_fd(sock, "getpeername"), True)


@primitive("setsockopt")
def setsockopt(sock: object, level: object, name: object, value: object) -> object:
    """Set a socket option of a socket port or (as the 2012 ethreads code passes) a raw descriptor;
    VALUE is an integer, or a pair for SO_LINGER and multicast membership."""
    fd = sock if type(sock) is int else port_fd(sock, "setsockopt")
    sockets.setsockopt(fd, exact(level), exact(name), value)
    return UNSPECIFIED


@primitive("getsockopt")
def getsockopt(sock: object, level: object, name: object) -> object:
    """A socket option's value, for a socket port or a raw descriptor."""
    fd = sock if type(sock) is int else port_fd(sock, "getsockopt")
    return sockets.getsockopt(fd, exact(level), exact(name))


# -- addresses ------------------------------------------------------------------------------------

@primitive("make-socket-address")
def make_socket_address(family: object, address: object, *rest: object) -> list:
    """A sockaddr vector: (AF_INET host port), (AF_INET6 host port [flowinfo [scopeid]]) or (AF_UNIX path)."""
    return sockaddr.make_socket_address(family, address, rest)


def _sockaddr_field(name: str, index: int) -> None:
    """Define an accessor of sockaddr or addrinfo vectors (plain vector-refs, errors included)."""
    def ref(vec: object) -> object:
        if type(vec) is not list:
            raise wrong_type_in("vector-ref", 1, vec, "vector")
        if index >= len(vec):
            raise arg_out_of_range("vector-ref", 2, index)
        return vec[index]
    ref.__doc__ = f"Field {index} of a sockaddr or addrinfo vector."
    primitive(name)(ref)


for _name, _index in (("sockaddr:fam", 0), ("sockaddr:addr", 1), ("sockaddr:path", 1),
                      ("sockaddr:port", 2), ("sockaddr:flowinfo", 3), ("sockaddr:scopeid", 4),
                      ("addrinfo:flags", 0), ("addrinfo:fam", 1), ("addrinfo:socktype", 2),
                      ("addrinfo:protocol", 3), ("addrinfo:addr", 4), ("addrinfo:canonname", 5)):
    _sockaddr_field(_name, _index)


def _family(fam: object, who: str) -> int:
    fam = exact(fam)
    if fam not in (socket.AF_INET, socket.AF_INET6):
        raise out_of_range(who, 1, fam)
    return fam


@primitive("inet-pton")
def inet_pton(family: object, address: object) -> int:
    """The integer form of a printed IPv4 or IPv6 address."""
    fam = _family(family, "inet-pton")
    try:
        return sockaddr.host_int(fam, text(address))
    except OSError:
        raise misc_error("inet-pton", "Bad address") from None


@primitive("inet-ntop")
def inet_ntop(family: object, address: object) -> MString:
    """The printed form of an integer IPv4 or IPv6 address."""
    fam = _family(family, "inet-ntop")
    return MString(sockaddr.host_text(fam, exact(address)))


def _optional_text(x: object, pos: int) -> str | None:
    if x is False:
        return None
    if type(x) is not MString:
        raise wrong_type("getaddrinfo", pos, x, "string")
    return x.s


@primitive("getaddrinfo")
def getaddrinfo(name: object, service: object = False, flags: object = 0, family: object = 0,
                socktype: object = 0, protocol: object = 0) -> object:
    """Addresses for NAME and SERVICE as addrinfo vectors; throws getaddrinfo-error on failure."""
    infos = sockets.getaddrinfo(_optional_text(name, 1), _optional_text(service, 2), exact(flags),
                                exact(family), exact(socktype), exact(protocol))
    return from_list(infos)


@primitive("gai-strerror")
def gai_strerror(code: object) -> MString:
    """The message for a getaddrinfo-error code."""
    return MString(sockets.gai_strerror(exact(code)))


# -- descriptors ----------------------------------------------------------------------------------

@primitive("fileno", "port->fdes")
def fileno(port: object) -> int:
    """The descriptor under an open file port (the console's ports and file ports included)."""
    underlying = getattr(port, "fileobj", None)
    stream = getattr(port, "console_stream", None)
    if stream is not None:
        underlying = getattr(sys, stream)
    if underlying is not None and not getattr(port, "closed", False):
        try:
            return underlying.fileno()
        except (OSError, ValueError, AttributeError):
            pass
    return port_fd(port, "fileno")


@primitive("dup->fdes", "dup")
def dup_fdes(obj: object, newfd: object = None) -> int:
    """A new descriptor for the file of OBJ (a port or descriptor), NEWFD if given."""
    fd = fileno(obj) if type(obj) is not int else obj
    try:
        if newfd is None:
            return os.dup(fd)
        os.dup2(fd, exact(newfd))
        return newfd
    except OSError as exc:
        raise system_error("dup->fdes", exc) from None


@primitive("isatty?")
def isatty(port: object) -> bool:
    """Whether PORT is an open port on a terminal."""
    try:
        return os.isatty(fileno(port))
    except SchemeError:
        return False


@primitive("dup2")
def dup2(oldfd: object, newfd: object) -> object:
    """Make descriptor NEWFD refer to the file of OLDFD."""
    return os_call("dup2", os.dup2, exact(oldfd), exact(newfd))


@primitive("close-fdes")
def close_fdes(fd: object) -> object:
    """Close a raw descriptor."""
    os_call("close-fdes", os.close, exact(fd))
    note_fd_closed(fd)
    return UNSPECIFIED


@primitive("fcntl")
def fcntl_(obj: object, cmd: object, value: object = 0) -> int:
    """fcntl(2) on a port or descriptor."""
    fd = any_fd(obj)
    try:
        return fcntl_mod.fcntl(fd, exact(cmd), exact(value))
    except OSError as exc:
        raise system_error("fcntl", exc) from None


@primitive("pipe")
def pipe() -> Pair:
    """(read-port . write-port) over a new pipe."""
    r, w = os.pipe()
    os.set_inheritable(r, True)
    os.set_inheritable(w, True)
    return Pair(fd_port(r, "r", "read pipe"), fd_port(w, "w", "write pipe"))


@primitive("strerror")
def strerror(code: object) -> MString:
    """The message for an errno value."""
    return MString(os.strerror(exact(code)))


# -- processes ------------------------------------------------------------------------------------

@primitive("getpid")
def getpid() -> int:
    """This process's id."""
    return os.getpid()


@primitive("getppid")
def getppid() -> int:
    """The parent process's id."""
    return os.getppid()


@primitive("primitive-fork")
def primitive_fork() -> int:
    """fork(2): 0 in the child, the child's pid in the parent."""
    try:
        return os.fork()
    except OSError as exc:
        raise system_error("primitive-fork", exc) from None


@primitive("waitpid")
def waitpid(pid: object, options: object = 0) -> Pair:
    """(pid . status) of a child that changed state; (0 . 0) with WNOHANG when none has."""
    try:
        return Pair(*os.waitpid(exact(pid), exact(options)))
    except OSError as exc:
        raise system_error("waitpid", exc) from None


@primitive("kill")
def kill(pid: object, signum: object) -> object:
    """Send SIGNUM to process PID."""
    return os_call("kill", os.kill, exact(pid), exact(signum))


@primitive("primitive-_exit")
def primitive__exit(status: object = 0) -> object:
    """Leave at once, without unwinding or flushing (for forked children)."""
    os._exit(exact(status) & 0xFF)


@primitive("status:exit-val")
def status_exit_val(status: object) -> object:
    """The exit code in a waitpid status, or #f if the child did not exit normally."""
    st = exact(status)
    return os.WEXITSTATUS(st) if os.WIFEXITED(st) else False


@primitive("status:term-sig")
def status_term_sig(status: object) -> object:
    """The signal that killed the child, or #f."""
    st = exact(status)
    return os.WTERMSIG(st) if os.WIFSIGNALED(st) else False


@primitive("status:stop-sig")
def status_stop_sig(status: object) -> object:
    """The signal that stopped the child, or #f."""
    st = exact(status)
    return os.WSTOPSIG(st) if os.WIFSTOPPED(st) else False


@primitive("usleep")
def usleep(usecs: object) -> int:
    """Sleep for USECS microseconds; 0."""
    us = exact(usecs)
    if us < 0:
        raise out_of_range("usleep", 1, us)
    time.sleep(us / 1e6)
    return 0


# -- signals --------------------------------------------------------------------------------------

@primitive("sigaction")
def sigaction(signum: object, handler: object = None, flags: object = 0, thread: object = None) -> Pair:
    """Install HANDLER (SIG_DFL, SIG_IGN, a procedure, or #f for the start-up action) for SIGNUM;
    return the previous (handler . flags).  Procedure handlers run from the ethreads scheduler."""
    num = exact(signum)
    if num < 0 or num >= signal.NSIG - 1:
        raise range_error(0, signal.NSIG - 1, num)
    if handler is None:
        return Pair(*sig.current(num))
    disposition = type(handler) is int and handler in (sig.SIG_DFL, sig.SIG_IGN)
    if not (disposition or handler is False or is_procedure(handler)):
        raise wrong_type("sigaction", 2, handler)
    try:
        if handler is False:
            return Pair(*sig.restore(num))
        return Pair(*sig.install(num, handler, exact(flags)))
    except OSError as exc:
        raise system_error("sigaction", exc) from None
    except ValueError:
        raise errno_error("sigaction", errno.EINVAL) from None


@primitive("restore-signals")
def restore_signals() -> object:
    """Give every signal back its start-up action."""
    sig.restore_all()
    return UNSPECIFIED


@primitive("%pending-signal-handlers")
def pending_signal_handlers() -> object:
    """The (handler . signum) calls due for signals delivered since the last call, oldest first."""
    return from_list(Pair(proc, num) for proc, num in sig.take_pending())


# -- (ice-9 nio) ----------------------------------------------------------------------------------

def _span(who: str, bv: object, start: object, count: object) -> tuple[bytearray, int, int]:
    """Check a (BV START COUNT) region."""
    if not isinstance(bv, bytearray):
        raise wrong_type(who, 2, bv, "bytevector")
    lo, n = exact(start), exact(count)
    if lo < 0 or lo > len(bv):
        raise out_of_range(who, 3, start)
    if n < 0 or lo + n > len(bv):
        raise out_of_range(who, 4, count)
    return bv, lo, n


@primitive("nio-read", module=NIO)
def nio_read(fd: object, bv: object, start: object, count: object) -> int:
    """Read into BV without blocking: bytes read, 0 at end of file, -1 if it would block."""
    return nio.nio_read(any_fd(fd), *_span("nio-read", bv, start, count))


@primitive("nio-write", module=NIO)
def nio_write(fd: object, bv: object, start: object, count: object) -> int:
    """Write from BV without blocking: bytes written (maybe short), 0 if it would block."""
    return nio.nio_write(any_fd(fd), *_span("nio-write", bv, start, count))


@primitive("nio-accept", module=NIO)
def nio_accept(fd: object) -> object:
    """(new-fd . sockaddr) with the new descriptor non-blocking, or #f if it would block."""
    got = nio.nio_accept(any_fd(fd))
    return False if got is None else Pair(got[0], got[1])


@primitive("nio-connect", module=NIO)
def nio_connect(fd: object, address: object) -> bool:
    """Start connecting to sockaddr ADDRESS: #t when connected, #f while in progress."""
    return nio.nio_connect(any_fd(fd), sockaddr.from_vector(address)[1])


# -- (ice-9 epoll) leaves -------------------------------------------------------------------------

def _epoll(obj: object, who: str) -> Epoll:
    """OBJ checked to be a live epoll set."""
    if type(obj) is not Epoll or obj.poller is None:
        raise wrong_type(who, 1, obj, "epoll")
    return obj


@primitive("epoll-create", module=EPOLL)
def epoll_create(*args: object) -> Epoll:
    """A new epoll set; #:close-on-exec? #f lets it survive exec."""
    keys = _keywords("epoll-create", args, {"close-on-exec?": True})
    try:
        return Epoll(keys["close-on-exec?"] is not False)
    except OSError as exc:
        raise system_error("epoll-create", exc) from None


def _keywords(who: str, args: tuple, defaults: dict[str, object]) -> dict[str, object]:
    """Parse #:key value arguments against DEFAULTS, with Guile's keyword-argument-error."""
    out = dict(defaults)
    for i in range(0, len(args), 2):
        key = args[i]
        if type(key) is not Keyword:
            raise guile_error("keyword-argument-error", who, "Invalid keyword", [], [key])
        if key.name not in defaults:
            raise guile_error("keyword-argument-error", who, "Unrecognized keyword", [], [key])
        if i + 1 == len(args):
            raise guile_error("keyword-argument-error", who, "Keyword argument has no value", [], [key])
        out[key.name] = args[i + 1]
    return out


@primitive("epoll-destroy", module=EPOLL)
def epoll_destroy(ep: object) -> object:
    """Close an epoll set (doing it twice is harmless)."""
    if type(ep) is not Epoll:
        raise wrong_type("epoll-destroy", 1, ep, "epoll")
    ep.destroy()
    return UNSPECIFIED


@primitive("epoll?", module=EPOLL)
def epoll_p(x: object) -> bool:
    """True for epoll sets."""
    return type(x) is Epoll


def _ctl(who: str, ep: object, operation: Callable[[Epoll], None]) -> object:
    """Apply one epoll_ctl OPERATION to a live EP, with Guile-style errors."""
    live = _epoll(ep, who)
    try:
        operation(live)
    except OSError as exc:
        raise system_error(who, exc) from None
    return UNSPECIFIED


@primitive("epoll-add!", module=EPOLL)
def epoll_add(ep: object, fd: object, events: object) -> object:
    """Watch FD (a descriptor or fd port) for EVENTS."""
    return _ctl("epoll-add!", ep, lambda live: live.add(any_fd(fd), exact(events)))


@primitive("epoll-modify!", module=EPOLL)
def epoll_modify(ep: object, fd: object, events: object) -> object:
    """Change the events watched on FD (also re-arms an EPOLLONESHOT registration)."""
    return _ctl("epoll-modify!", ep, lambda live: live.modify(any_fd(fd), exact(events)))


@primitive("epoll-remove!", module=EPOLL)
def epoll_remove(ep: object, fd: object) -> object:
    """Stop watching FD."""
    return _ctl("epoll-remove!", ep, lambda live: live.remove(any_fd(fd)))


@primitive("%epoll-wait", module=EPOLL)
def epoll_wait(ep: object, maxevents: object = 8, timeout: object = -1) -> object:
    """Wait up to TIMEOUT ms (-1 forever, 0 poll) for at most MAXEVENTS events: ((fd . revents) ...)
    in the kernel's order; () on timeout or when a signal with a Scheme handler arrived."""
    live = _epoll(ep, "epoll")
    n = exact(maxevents)
    if n <= 0:
        raise out_of_range("epoll", 2, maxevents)
    try:
        events = live.wait(n, exact(timeout))
    except OSError as exc:
        raise system_error("epoll", exc) from None
    return from_list(Pair(fd, revents) for fd, revents in events)


# -- constants ------------------------------------------------------------------------------------

def _define_constants() -> None:
    """Bind Guile's POSIX constants, with this platform's values."""
    for name in ("AF_INET", "AF_INET6", "AF_UNIX", "AF_UNSPEC"):
        define(name, getattr(socket, name))
        define("P" + name[1:], getattr(socket, name))
    for name in ("SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_RDM", "SOCK_SEQPACKET", "SOCK_NONBLOCK",
                 "SOCK_CLOEXEC", "SOL_SOCKET", "SO_REUSEADDR", "SO_REUSEPORT", "SO_SNDBUF", "SO_RCVBUF",
                 "SO_ERROR", "SO_KEEPALIVE", "SO_BROADCAST", "SO_LINGER", "SO_TYPE", "SO_DEBUG",
                 "SO_DONTROUTE", "SO_OOBINLINE", "SO_PRIORITY", "IPPROTO_IP", "IPPROTO_TCP",
                 "IPPROTO_UDP", "TCP_NODELAY", "TCP_CORK", "IP_MULTICAST_TTL", "IP_MULTICAST_IF",
                 "IP_ADD_MEMBERSHIP", "IP_DROP_MEMBERSHIP", "INADDR_ANY", "INADDR_LOOPBACK",
                 "INADDR_BROADCAST", "INADDR_NONE", "MSG_PEEK", "MSG_DONTWAIT", "MSG_OOB",
                 "MSG_DONTROUTE", "AI_PASSIVE", "AI_NUMERICHOST", "AI_CANONNAME", "AI_NUMERICSERV",
                 "AI_ADDRCONFIG", "AI_V4MAPPED", "AI_ALL", "EAI_NONAME", "EAI_SERVICE", "EAI_AGAIN",
                 "EAI_FAIL", "EAI_FAMILY", "EAI_SOCKTYPE", "EAI_BADFLAGS", "EAI_MEMORY", "EAI_SYSTEM",
                 "EAI_NODATA", "EAI_ADDRFAMILY"):
        if hasattr(socket, name):
            define(name, getattr(socket, name))
    for name in ("F_GETFL", "F_SETFL", "F_GETFD", "F_SETFD", "FD_CLOEXEC", "F_DUPFD", "F_GETOWN",
                 "F_SETOWN"):
        define(name, getattr(fcntl_mod, name))
    for name in ("O_RDONLY", "O_WRONLY", "O_RDWR", "O_CREAT", "O_APPEND", "O_TRUNC", "O_EXCL",
                 "O_NONBLOCK", "O_NDELAY", "O_SYNC", "WNOHANG", "WUNTRACED"):
        if hasattr(os, name):
            define(name, getattr(os, name))
    for name, code in errno.__dict__.items():
        if name.startswith("E") and type(code) is int:
            define(name, code)
    for name in dir(signal):
        if name.startswith("SIG") and not name.startswith("SIG_"):
            define(name, int(getattr(signal, name)))
    define("SIG_DFL", sig.SIG_DFL)
    define("SIG_IGN", sig.SIG_IGN)
    define("SA_RESTART", 0x10000000)
    define("SA_NOCLDSTOP", 1)
    for name, value in EPOLL_CONSTANTS.items():
        define(name, value, EPOLL)


_define_constants()

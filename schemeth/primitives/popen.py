"""Child processes: Guile's core system, system* and OPEN_ modes, and (ice-9 popen)'s pipes.

A pipe port is an ordinary fd port of the runtime over the parent's end of a pipe (a socket pair for
OPEN_BOTH, so that one descriptor serves both directions).  The parent's end is non-blocking: outside
ethreads the default waiters poll it, inside ethreads a read or flush that would block suspends only
the calling ethread.  A child gets the other end as its stdin and/or stdout and inherits the rest of
descriptors 0-2.  As in Guile, a program that cannot be run makes a child that exits with status 127
rather than an error in the parent.  Nothing here flushes Scheme's output ports first, as Guile does
not.
"""
from __future__ import annotations

import _socket as socket
import os

from ..data.conditions import guile_error
from ..data.values import MString, make_values, from_list, to_list
from ..reactor.fds import exact, system_error, text
from .portobjects import BasePort, make_fd_port
from .registry import define, primitive

POPEN = ("ice-9", "popen")

for _name, _mode in (("OPEN_READ", "r"), ("OPEN_WRITE", "w"), ("OPEN_BOTH", "r+")):
    define(_name, MString(_mode, False))

PIPE_PIDS: dict[BasePort, int] = {}   # pipe port -> pid, until close-pipe


def spawn(argv: list[str], stdin: int = 0, stdout: int = 1) -> int:
    """Start ARGV with the given descriptors as its stdin and stdout and return its pid.

    A program that cannot be run is replaced by a shell that exits with 127, the status Guile's
    children report after a failed exec."""
    actions = [(os.POSIX_SPAWN_DUP2, fd, target) for fd, target in ((stdin, 0), (stdout, 1)) if fd != target]
    try:
        return os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
    except OSError:
        return os.posix_spawn("/bin/sh", ["sh", "-c", "exit 127"], os.environ, file_actions=actions)


def wait_status(pid: int) -> int:
    """The raw waitpid status of PID."""
    while True:
        try:
            return os.waitpid(pid, 0)[1]
        except InterruptedError:
            continue
        except ChildProcessError as exc:
            raise system_error("waitpid", exc) from None


def parent_port(fd: int, mode: str) -> BasePort:
    """A non-blocking fd port over the parent's end FD."""
    os.set_blocking(fd, False)
    return make_fd_port(fd, mode, "pipe")


@primitive("open-pipe*", module=POPEN)
def open_pipe_star(mode: object, command: object, *args: object) -> BasePort:
    """Run COMMAND with ARGS, connected to the returned port as MODE says (OPEN_READ, OPEN_WRITE, OPEN_BOTH)."""
    m = text(mode)
    argv = [text(command)] + [text(a) for a in args]
    if m == "r+" or ("r" in m and "w" in m):
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        parent_fd, child_fd = mine.detach(), theirs.detach()
        pid = spawn(argv, child_fd, child_fd)
        port = parent_port(parent_fd, "rw")
    else:
        r, w = os.pipe()
        reading = "r" in m
        parent_fd, child_fd = (r, w) if reading else (w, r)
        pid = spawn(argv, stdout=child_fd) if reading else spawn(argv, stdin=child_fd)
        port = parent_port(parent_fd, "r" if reading else "w")
    os.close(child_fd)
    PIPE_PIDS[port] = pid
    return port


@primitive("%pipe-pid", module=POPEN)
def pipe_pid(port: object) -> object:
    """The process behind a pipe port, forgotten from now on; raise Guile's error for other ports."""
    if port not in PIPE_PIDS:
        raise guile_error("misc-error", None, "close-pipe: port not created by (ice-9 popen)", [])
    return PIPE_PIDS.pop(port)


@primitive("%wait-status", module=POPEN)
def pipe_status(pid: object) -> int:
    """Wait for PID and return its raw status."""
    return wait_status(exact(pid))


@primitive("pipeline", module=POPEN)
def pipeline(commands: object) -> object:
    """Run the COMMANDS (lists of strings) each feeding the next; (values from to pids)."""
    argvs = [[text(a) for a in to_list(c)] for c in to_list(commands)]
    first_r, to_fd = os.pipe()
    read_fd, pids = first_r, []
    for argv in argvs:
        r, w = os.pipe()
        pid = spawn(argv, read_fd, w)
        os.close(read_fd)
        os.close(w)
        pids.append(pid)
        read_fd = r
    return make_values((parent_port(read_fd, "r"), parent_port(to_fd, "w"), from_list(pids)))


@primitive("system")
def system(command: object = None) -> object:
    """Run COMMAND with /bin/sh and return its raw wait status; without one, whether a shell exists."""
    if command is None:
        return os.access("/bin/sh", os.X_OK)
    return wait_status(spawn(["/bin/sh", "-c", text(command)]))


@primitive("system*")
def system_star(program: object, *args: object) -> int:
    """Run PROGRAM with ARGS, without a shell, and return its raw wait status."""
    return wait_status(spawn([text(program)] + [text(a) for a in args]))

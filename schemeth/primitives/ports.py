"""Port procedures: current ports, display/write/read, string, file and bytevector ports, rdelim,
binary I/O, and the read/write waiters that make every port suspendable.

Procedures that may have to wait for input or for a full descriptor to drain are registered with
`@blocking`: they run from the machine's driver loop, so when their port raises WouldBlock the machine
calls `(current-read-waiter)` / `(current-write-waiter)` with the port and then retries the operation.
Outside ethreads the default waiters block in poll(); ethreads' `run` binds waiters that suspend.
"""
from __future__ import annotations

import errno
import os
import select
import sys
from typing import Callable

from ..data.conditions import guile_error, wrong_num_args, wrong_type
from ..data.printer import display_string, write_string
from ..data.procedures import ControlPrimitive, Primitive
from ..data.values import EOF, UNSPECIFIED, Char, MString, Pair, Symbol, make_values
from ..machine.frames import Active
from ..machine.machine import SchemeExit
from ..machine.procs import Parameter
from .portobjects import (CLOSE_SEQUENCE, CLOSED_FDS, BasePort, BytePort, TextPort, WouldBlock, bytes_reader,
                          make_fd_port, system_error)
from .registry import define, primitive, GUILE

RDELIM = ("ice-9", "rdelim")
BINARY = ("ice-9", "binary-ports")
RNRS_PORTS = ("rnrs", "io", "ports")
SUSPENDABLE = ("ice-9", "suspendable-ports")


def blocking(*names: str, modules: tuple = (GUILE,)) -> Callable:
    """Register a port procedure that may wait: a control primitive, so it can be retried."""
    def register(fn: Callable) -> Callable:
        code = fn.__code__
        nopt = len(fn.__defaults__ or ())
        nreq = code.co_argcount - nopt
        rest = bool(code.co_flags & 0x04)

        def run(m: object, args: tuple) -> object:
            if len(args) < nreq or (not rest and len(args) > nreq + nopt):
                raise wrong_num_args(prim)
            try:
                return fn(*args)
            except WouldBlock as wb:
                wb.retry = lambda: run(m, args)     # retry the whole procedure, not a step of it
                raise
        prim = ControlPrimitive(names[0], run, nreq, nopt, rest, fn.__doc__)
        for module in modules:
            for n in names:
                define(n, prim, module)
        return fn
    return register


def primitive_named(name: str) -> object:
    """A procedure already registered in the binary-ports table (to share it with another module)."""
    from .registry import TABLES
    return TABLES[BINARY][name]


def console_sink(stream_name: str) -> Callable[[str], None]:
    """A sink writing to sys.stdout or sys.stderr as they are at write time (the REPL swaps them)."""
    def sink(s: str) -> None:
        try:
            getattr(sys, stream_name).write(s)
        except BrokenPipeError:
            # The reader went away (e.g. `schemeth prog | head`): end quietly, as SIGPIPE would.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, getattr(sys, stream_name).fileno())
            raise SchemeExit(141) from None
    return sink


def stdin_source() -> str:
    """Read more console input, a line at a time."""
    return sys.stdin.readline()


def console_port(name: str, stream: str, **ends: Callable) -> TextPort:
    """A port on sys.stdin/stdout/stderr; `console_stream` names the stream, for `fileno`."""
    port = TextPort(name, **ends)
    port.console_stream = stream
    return port


CURRENT_OUTPUT = Parameter(console_port("standard output", "stdout", sink=console_sink("stdout")), False)
CURRENT_ERROR = Parameter(console_port("standard error", "stderr", sink=console_sink("stderr")), False)
CURRENT_INPUT = Parameter(console_port("standard input", "stdin", source=stdin_source), False)
define("current-output-port", CURRENT_OUTPUT)
define("current-error-port", CURRENT_ERROR)
define("current-input-port", CURRENT_INPUT)


def current(param: Parameter) -> object:
    """The current value of a parameter in the running machine."""
    regs = Active.regs
    cell = regs.params.get(param) if regs is not None else None
    return (cell if cell is not None else param.cell)[0]


def output_port(port: object, who: str, pos: int) -> BasePort:
    """PORT if given, else the current output port; type-checked."""
    if port is None:
        return current(CURRENT_OUTPUT)
    if not isinstance(port, BasePort) or not port.is_output():
        raise wrong_type(who, pos, port, "open output port")
    return port


def input_port(port: object, who: str, pos: int) -> BasePort:
    """PORT if given, else the current input port; type-checked."""
    if port is None:
        return current(CURRENT_INPUT)
    if not isinstance(port, BasePort) or not port.is_input():
        raise wrong_type(who, pos, port, "open input port")
    return port


def text_of(s: object, who: str, pos: int) -> str:
    """The Python text of a Scheme string argument."""
    if type(s) is not MString:
        raise wrong_type(who, pos, s, "string")
    return s.s


# -- waiters ----------------------------------------------------------------------------------------

def wait_fd(port: object, events: int) -> object:
    """Block until the descriptor of PORT (a port or a descriptor) is ready: the waiter outside ethreads."""
    fd = port if type(port) is int else getattr(port, "fd", None)
    if fd is not None:
        poller = select.poll()
        poller.register(fd, events)
        while not poller.poll():
            pass
    return UNSPECIFIED


DEFAULT_READ_WAITER = Primitive("default-read-waiter", lambda p: wait_fd(p, select.POLLIN), 1)
DEFAULT_WRITE_WAITER = Primitive("default-write-waiter", lambda p: wait_fd(p, select.POLLOUT), 1)
READ_WAITER = Parameter(DEFAULT_READ_WAITER, False)
WRITE_WAITER = Parameter(DEFAULT_WRITE_WAITER, False)
for _module in (GUILE, SUSPENDABLE):
    define("current-read-waiter", READ_WAITER, _module)
    define("current-write-waiter", WRITE_WAITER, _module)


def waiters_installed() -> bool:
    """True when the current read waiter suspends rather than blocks (inside ethreads' `run`)."""
    return current(READ_WAITER) is not DEFAULT_READ_WAITER


def k_retry(v: object, env: object, retry: Callable) -> object:
    """Frame that repeats a port operation once its waiter has returned."""
    return retry()


def wait_and_retry(machine: object, wb: WouldBlock) -> object:
    """The machine's answer to WouldBlock: call the waiter for the port, then retry."""
    waiter = current(READ_WAITER if wb.direction == "read" else WRITE_WAITER)
    machine.regs.stack.append((k_retry, None, wb.retry))
    return machine.apply(waiter, (wb.port,))


@primitive("%take-closed-fds")
def take_closed_fds() -> object:
    """(fd . sequence) for each descriptor closed since the last call (ethreads wake its waiters)."""
    from ..data.values import from_list
    fds = from_list([Pair(fd, seq) for fd, seq in CLOSED_FDS])
    CLOSED_FDS.clear()
    return fds


@primitive("%close-sequence")
def close_sequence() -> int:
    """How many descriptors ports have closed so far (orders waits against closes)."""
    return CLOSE_SEQUENCE[0]


@primitive("install-suspendable-ports!", "uninstall-suspendable-ports!", module=SUSPENDABLE)
def install_suspendable_ports() -> object:
    """Every schemeth port is suspendable already; kept for Guile code that calls it."""
    return UNSPECIFIED


@primitive("port-read-wait-fd", module=("ice-9", "ports", "internal"))
def port_read_wait_fd(port: object) -> object:
    """The descriptor to wait on before reading PORT (#f when it has none)."""
    return port.fd if isinstance(port, BasePort) and port.fd is not None else False


@primitive("port-write-wait-fd", module=("ice-9", "ports", "internal"))
def port_write_wait_fd(port: object) -> object:
    """The descriptor to wait on before writing PORT (#f when it has none)."""
    return port.fd if isinstance(port, BasePort) and port.fd is not None else False


# -- textual output (leaves: they buffer and never wait) ------------------------------------------

@primitive("display")
def display(obj: object, port: object = None) -> object:
    """Write OBJ for humans."""
    output_port(port, "display", 2).write(display_string(obj))
    return UNSPECIFIED


@primitive("write")
def write(obj: object, port: object = None) -> object:
    """Write OBJ so that `read` can read it back."""
    output_port(port, "write", 2).write(write_string(obj))
    return UNSPECIFIED


@primitive("newline")
def newline(port: object = None) -> object:
    """Write a newline."""
    output_port(port, "newline", 1).write("\n")
    return UNSPECIFIED


@primitive("put-char", module=RNRS_PORTS)
def put_char(port: object, ch: object) -> object:
    """R6RS put-char: the port comes first."""
    return write_char(ch, port)


@primitive("put-string", module=RNRS_PORTS)
def put_string(port: object, s: object, start: object = 0, count: object = None) -> object:
    """R6RS put-string: write (part of) S to PORT."""
    text = text_of(s, "put-string", 2)
    end = len(text) if count is None else start + count
    output_port(port, "put-string", 1).write(text[start:end])
    return UNSPECIFIED


@primitive("write-char")
def write_char(ch: object, port: object = None) -> object:
    """Write one character."""
    if type(ch) is not Char:
        raise wrong_type("write-char", 1, ch, "character")
    output_port(port, "write-char", 2).write(ch.ch)
    return UNSPECIFIED


@primitive("write-string")
def write_string_(s: object, port: object = None) -> object:
    """Write the characters of a string."""
    output_port(port, "write-string", 2).write(text_of(s, "write-string", 1))
    return UNSPECIFIED


@primitive("write-line", module=RDELIM)
def write_line(obj: object, port: object = None) -> object:
    """Display OBJ followed by a newline."""
    out = output_port(port, "write-line", 2)
    out.write(display_string(obj) + "\n")
    return UNSPECIFIED


@primitive("object->string")
def object_to_string(obj: object, printer: object = None) -> MString:
    """The text `write` would produce for OBJ."""
    return MString(write_string(obj))


@blocking("force-output", "flush-output-port")
def force_output(port: object = None) -> object:
    """Write out buffered output, waiting while the descriptor is full."""
    p = output_port(port, "force-output", 1)
    if p is current(CURRENT_OUTPUT) and isinstance(p, TextPort) and p.sink is not None:
        sys.stdout.flush()
    elif p is current(CURRENT_ERROR) and isinstance(p, TextPort) and p.sink is not None:
        sys.stderr.flush()
    p.flush()
    return UNSPECIFIED


@blocking("close-port", "close-input-port", "close-output-port")
def close_port(port: object) -> object:
    """Flush and close PORT; closing twice is harmless."""
    if not isinstance(port, BasePort):
        raise wrong_type("close-port", 1, port, "port")
    if not port.closed and isinstance(port, BytePort) and port.writer is not None:
        port.flush()
    port.close()
    return UNSPECIFIED


# -- textual input (blocking: run from the driver loop) ------------------------------------------

@blocking("read-char")
def read_char(port: object = None) -> object:
    """Read one character."""
    return input_port(port, "read-char", 1).read_char()


@blocking("peek-char")
def peek_char(port: object = None) -> object:
    """Look at the next character."""
    return input_port(port, "peek-char", 1).peek_char()


@blocking("get-char", modules=(RNRS_PORTS,))
def get_char(port: object) -> object:
    """R6RS get-char."""
    return input_port(port, "get-char", 1).read_char()


@blocking("lookahead-char", modules=(RNRS_PORTS,))
def lookahead_char(port: object) -> object:
    """R6RS lookahead-char."""
    return input_port(port, "lookahead-char", 1).peek_char()


@primitive("unread-char")
def unread_char(ch: object, port: object = None) -> object:
    """Push CH back onto the input."""
    if type(ch) is not Char:
        raise wrong_type("unread-char", 1, ch, "character")
    unread(input_port(port, "unread-char", 2), ch.ch)
    return UNSPECIFIED


@primitive("unread-string")
def unread_string(s: object, port: object = None) -> object:
    """Push S back onto the input."""
    unread(input_port(port, "unread-string", 2), text_of(s, "unread-string", 1))
    return UNSPECIFIED


def unread(port: BasePort, text: str) -> None:
    """Put TEXT back in front of PORT's input."""
    if isinstance(port, BytePort):
        port.unread_bytes(text.encode("utf-8"))
    else:
        port.unread(text)


@primitive("char-ready?")
def char_ready(port: object = None) -> bool:
    """Whether a character can be read without waiting."""
    p = input_port(port, "char-ready?", 1)
    if isinstance(p, BytePort) and p.fd is not None and not p.available():
        return bool(select.select([p.fd], [], [], 0)[0])
    return True


@blocking("read-line", modules=(RDELIM, GUILE))
def read_line(port: object = None, handle_delim: object = Symbol("trim")) -> object:
    """Read a line; HANDLE-DELIM is trim, concat, peek or split as in (ice-9 rdelim)."""
    p = input_port(port, "read-line", 1)
    text, delim = p.read_until("\n")
    return deliver_delimited(p, text, delim, handle_delim)


@blocking("%read-line", modules=(RDELIM, GUILE))
def percent_read_line(port: object = None) -> object:
    """Two values: the line without its newline, and the newline (or EOF)."""
    p = input_port(port, "%read-line", 1)
    text, delim = p.read_until("\n")
    if not text and delim is None:
        return Pair(EOF, EOF)
    return Pair(MString(text), Char(delim) if delim else EOF)


@blocking("read-delimited", modules=(RDELIM,))
def read_delimited(delims: object, port: object = None, handle_delim: object = Symbol("trim")) -> object:
    """Read up to any character of DELIMS."""
    p = input_port(port, "read-delimited", 2)
    text, delim = p.read_until(text_of(delims, "read-delimited", 1))
    return deliver_delimited(p, text, delim, handle_delim)


def deliver_delimited(port: BasePort, text: str, delim: str | None, handle: object) -> object:
    """Shape a delimited read's result the way (ice-9 rdelim) HANDLE-DELIM asks."""
    if not text and delim is None:
        return EOF if handle is not Symbol("split") else Pair(EOF, EOF)
    mode = handle.name if type(handle) is Symbol else "trim"
    if mode == "concat":
        return MString(text + (delim or ""))
    if mode == "peek":
        if delim is not None:
            unread(port, delim)
        return MString(text)
    if mode == "split":
        return Pair(MString(text), Char(delim) if delim else EOF)
    return MString(text)


@blocking("read-string", modules=(RDELIM, GUILE))
def read_string(port_or_k: object = None, k: object = None) -> object:
    """Read K characters (or everything) from the port; Guile accepts either argument order.

    At the end of input Guile's (ice-9 rdelim) order, port first, gives "", R7RS's order the EOF object."""
    r7rs = type(port_or_k) is int
    if r7rs:
        port_or_k, k = k, port_or_k
    text = _read_chars(input_port(port_or_k, "read-string", 1), k)
    return EOF if r7rs and not text and k != 0 else MString(text)


def _read_chars(p: object, k: object) -> str:
    """Up to K characters (all when K is None) from the input port P.

    If the port would block part way, the characters read so far go back, so that the retry of the
    whole procedure reads them again."""
    out = []
    try:
        while k is None or len(out) < k:
            ch = p.read_char()
            if ch is EOF:
                break
            out.append(ch.ch)
    except WouldBlock:
        unread(p, "".join(out))
        raise
    return "".join(out)


@blocking("get-line", modules=(RNRS_PORTS,))
def get_line(port: object) -> object:
    """R6RS get-line."""
    return read_line(port)


@blocking("get-string-all", modules=(RNRS_PORTS,))
def get_string_all(port: object) -> object:
    """The rest of the input as a string."""
    return read_string(port)


@blocking("get-string-n", modules=(RNRS_PORTS,))
def get_string_n(port: object, n: object) -> object:
    """Up to N characters, or the EOF object at the end of input."""
    text = _read_chars(input_port(port, "get-string-n", 1), n)
    return EOF if not text and n != 0 else MString(text)


@blocking("read")
def read(port: object = None) -> object:
    """Read one datum."""
    from ..reader.reader import IncompleteInput, read_one
    p = input_port(port, "read", 1)
    text = p.take_text()
    while True:
        try:
            datum, end, _ = read_one(text, 0, p.name)
        except IncompleteInput:
            more = more_text(p)
            if more is None:
                raise
            text = more
            continue
        p.consume(end)
        return datum


def more_text(port: BasePort) -> str | None:
    """Buffer more of PORT's input; its whole buffered text, or None at end of file."""
    if isinstance(port, BytePort):
        if not port.fill(lambda: read(port)):
            return None
        return bytes(port.rbuf[port.rpos:]).decode("utf-8", "replace")
    if not port.fill():
        return None
    return port.buf[port.pos:]


# -- binary input/output ------------------------------------------------------------------------

def byte_port(port: object, who: str, pos: int) -> BasePort:
    """PORT checked to be a port."""
    if not isinstance(port, BasePort):
        raise wrong_type(who, pos, port, "port")
    return port


def count_arg(n: object, who: str, pos: int) -> int:
    """An exact non-negative count."""
    if type(n) is not int or n < 0:
        raise wrong_type(who, pos, n, "exact non-negative integer")
    return n


BIN_MODULES = (BINARY, RNRS_PORTS)


@blocking("get-u8", modules=BIN_MODULES)
def get_u8(port: object) -> object:
    """Read one byte."""
    return byte_port(port, "get-u8", 1).get_u8()


@blocking("lookahead-u8", modules=BIN_MODULES)
def lookahead_u8(port: object) -> object:
    """Peek at one byte."""
    return byte_port(port, "lookahead-u8", 1).get_u8(True)


@blocking("get-bytevector-n", modules=BIN_MODULES)
def get_bytevector_n(port: object, n: object) -> object:
    """N bytes, fewer at end of file, EOF if none."""
    data = binary(port, "get-bytevector-n").read_bytes(count_arg(n, "get-bytevector-n", 2))
    return bytearray(data) if data or n == 0 else EOF


@blocking("get-bytevector-n!", modules=BIN_MODULES)
def get_bytevector_n_bang(port: object, bv: object, start: object, n: object) -> object:
    """Read up to N bytes into BV at START; the count read, or EOF."""
    data = binary(port, "get-bytevector-n!").read_bytes(count_arg(n, "get-bytevector-n!", 4))
    if not data and n:
        return EOF
    bv[start:start + len(data)] = data
    return len(data)


@blocking("get-bytevector-some", modules=BIN_MODULES)
def get_bytevector_some(port: object) -> object:
    """Whatever bytes are available (at least one), or EOF."""
    data = binary(port, "get-bytevector-some").read_some()
    return bytearray(data) if data else EOF


@blocking("get-bytevector-all", modules=BIN_MODULES)
def get_bytevector_all(port: object) -> object:
    """Every remaining byte, or EOF."""
    data = binary(port, "get-bytevector-all").read_all()
    return bytearray(data) if data else EOF


class TextAsBytes:
    """Byte reads from a textual port: whole characters are taken, encoded as UTF-8."""

    def __init__(self, port: TextPort) -> None:
        self.port = port

    def read_bytes(self, n: int) -> bytes:
        out = bytearray()
        while len(out) < n:
            ch = self.port.read_char()
            if ch is EOF:
                break
            out += ch.ch.encode("utf-8")
        return bytes(out)

    def read_some(self) -> bytes:
        text = self.port.take_text()
        self.port.consume(len(text))
        return text.encode("utf-8")

    def read_all(self) -> bytes:
        chunks = []
        while True:
            more = self.read_some()
            if not more:
                return b"".join(chunks)
            chunks.append(more)


def binary(port: object, who: str) -> BytePort:
    """PORT as a byte port (textual string ports are read as their UTF-8 bytes)."""
    if isinstance(port, BytePort):
        return port
    if isinstance(port, TextPort) and port.is_input():
        return TextAsBytes(port)
    raise wrong_type(who, 1, port, "binary input port")


@primitive("put-u8", module=BIN_MODULES[0])
def put_u8(port: object, b: object) -> object:
    """Write one byte."""
    if type(b) is not int or not 0 <= b < 256:
        raise wrong_type("put-u8", 2, b, "octet")
    output_port(port, "put-u8", 1).put_bytes(bytes((b,)))
    return UNSPECIFIED


@primitive("put-bytevector", module=BIN_MODULES[0])
def put_bytevector(port: object, bv: object, start: object = 0, count: object = None) -> object:
    """Write (part of) a bytevector."""
    if not isinstance(bv, bytearray):
        raise wrong_type("put-bytevector", 2, bv, "bytevector")
    end = len(bv) if count is None else start + count
    output_port(port, "put-bytevector", 1).put_bytes(bytes(bv[start:end]))
    return UNSPECIFIED


for _name in ("put-u8", "put-bytevector"):
    define(_name, primitive_named(_name), RNRS_PORTS)


@primitive("open-bytevector-input-port", module=BINARY)
def open_bytevector_input_port(bv: object, transcoder: object = None) -> BytePort:
    """A port reading the bytes of BV."""
    if not isinstance(bv, bytearray):
        raise wrong_type("open-bytevector-input-port", 1, bv, "bytevector")
    return BytePort("bytevector", bytes_reader(bytes(bv)))


@primitive("open-bytevector-output-port", module=BINARY)
def open_bytevector_output_port(transcoder: object = None) -> object:
    """Two values: a port collecting bytes, and a procedure returning (and resetting) them."""
    collected = bytearray()

    def sink(view: memoryview) -> int:
        collected.extend(view)
        return len(view)
    port = BytePort("bytevector", None, sink)
    port.buffering = "none"

    def get() -> bytearray:
        port.flush_some()
        out = bytearray(collected)
        collected.clear()
        return out
    return make_values((port, Primitive("bytevector-output-port-procedure", get)))


# -- string and file ports -------------------------------------------------------------------------

@primitive("open-input-string")
def open_input_string(s: object) -> TextPort:
    """A port reading the characters of S."""
    return TextPort("string", text=text_of(s, "open-input-string", 1))


@primitive("open-output-string")
def open_output_string() -> TextPort:
    """A port accumulating what is written to it."""
    return TextPort("string", collect=True)


@primitive("get-output-string")
def get_output_string(port: object) -> MString:
    """The text written to a string output port."""
    if not isinstance(port, TextPort) or port.chunks is None:
        raise wrong_type("get-output-string", 1, port, "string output port")
    return MString(port.getvalue())


@primitive("open-file")
def open_file(path: object, mode: object) -> BytePort:
    """Open a file with a C-style MODE string ("r", "w", "a", "r+", with optional "b")."""
    name = text_of(path, "open-file", 1)
    m = text_of(mode, "open-file", 2).replace("b", "").replace("l", "").replace("0", "")
    flags = {"r": os.O_RDONLY, "w": os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
             "a": os.O_WRONLY | os.O_CREAT | os.O_APPEND, "r+": os.O_RDWR,
             "w+": os.O_RDWR | os.O_CREAT | os.O_TRUNC, "a+": os.O_RDWR | os.O_CREAT | os.O_APPEND}
    if m not in flags:
        raise guile_error("misc-error", "open-file", "unknown mode ~S", [mode], None)
    try:
        fd = os.open(name, flags[m] | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        raise guile_error("system-error", "open-file", "~A: ~S",
                          [MString(exc.strerror or str(exc), False), path], [exc.errno or 0]) from None
    direction = "rw" if "+" in m else "r" if m == "r" else "w"
    port = make_fd_port(fd, direction, name)
    if "b" in text_of(mode, "open-file", 2):
        port.encoding = "iso8859-1"        # Guile's binary mode: one character per byte
    return port


@primitive("open-input-file")
def open_input_file(path: object, *options: object) -> BytePort:
    """Open a file for reading."""
    return open_file(path, MString("r"))


@primitive("open-output-file")
def open_output_file(path: object, *options: object) -> BytePort:
    """Open (truncate) a file for writing."""
    return open_file(path, MString("w"))


@primitive("fdopen")
def fdopen(fd: object, mode: object) -> BytePort:
    """A port over an existing descriptor."""
    m = text_of(mode, "fdopen", 2)
    return make_fd_port(fd, "rw" if "+" in m else "r" if "r" in m else "w", f"fd {fd}")


@primitive("setvbuf")
def setvbuf(port: object, mode: object, size: object = None) -> object:
    """Set a port's buffering: none, line or block (Guile 2's _IONBF, _IOLBF, _IOFBF too)."""
    p = byte_port(port, "setvbuf", 1)
    names = {0: "block", 1: "line", 2: "none"}
    buffering = names.get(mode) if type(mode) is int else mode.name if type(mode) is Symbol else None
    if buffering not in ("none", "line", "block"):
        raise wrong_type("setvbuf", 2, mode)
    if isinstance(p, BytePort):
        p.buffering = buffering
        if type(size) is int and size > 0:
            p.bufsize = size
    return UNSPECIFIED


define("_IOFBF", 0)
define("_IOLBF", 1)
define("_IONBF", 2)


@primitive("port?")
def port_p(x: object) -> bool:
    return isinstance(x, BasePort)


@primitive("input-port?")
def input_port_p(x: object) -> bool:
    return isinstance(x, BasePort) and x.is_input()


@primitive("output-port?")
def output_port_p(x: object) -> bool:
    return isinstance(x, BasePort) and x.is_output()


@primitive("port-closed?")
def port_closed_p(x: object) -> bool:
    return byte_port(x, "port-closed?", 1).closed


def codec_for(name: str) -> str | None:
    """Python's codec for the encoding NAME: UTF-8 or a one-byte-per-character encoding."""
    import codecs
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec == "utf-8":
        return codec
    try:
        return codec if len("a".encode(codec)) == 1 and len(bytes(range(128)).decode(codec)) == 128 else None
    except (UnicodeError, ValueError):
        return None


def encoding_name(codec: str) -> str:
    """The name Guile reports for a codec."""
    return {"utf-8": "UTF-8", "iso8859-1": "ISO-8859-1", "latin-1": "ISO-8859-1",
            "ascii": "US-ASCII"}.get(codec, codec.upper())


@primitive("port-encoding")
def port_encoding(x: object) -> MString:
    """The character encoding of a port's text: UTF-8 unless set-port-encoding! chose another."""
    p = byte_port(x, "port-encoding", 1)
    return MString(encoding_name(getattr(p, "encoding", "utf-8")), False)


@primitive("set-port-encoding!")
def set_port_encoding(x: object, encoding: object) -> object:
    """Read and write PORT's text as ENCODING: UTF-8 or an encoding of one byte per character
    (ISO-8859-1, US-ASCII, KOI8-R, windows-1252 ...)."""
    p = byte_port(x, "set-port-encoding!", 1)
    codec = codec_for(text_of(encoding, "set-port-encoding!", 2))
    if codec is None:
        raise guile_error("misc-error", "set-port-encoding!", "unsupported encoding ~S", [encoding], None)
    if hasattr(p, "rbuf"):
        p.encoding = codec
    return UNSPECIFIED


@primitive("seek")
def seek(port: object, offset: object, whence: object) -> int:
    """Move PORT's position to OFFSET from the start, the current position or the end (WHENCE is
    SEEK_SET, SEEK_CUR or SEEK_END); the new position.  File ports and string input ports."""
    if type(port) is int:
        try:
            return os.lseek(port, offset, whence)
        except OSError as exc:
            raise system_error("seek", exc) from None
    p = byte_port(port, "seek", 1)
    if type(offset) is not int:
        raise wrong_type("seek", 2, offset, "exact integer")
    if whence not in (os.SEEK_SET, os.SEEK_CUR, os.SEEK_END):
        raise wrong_type("seek", 3, whence)
    try:
        if not hasattr(p, "seek"):
            raise OSError(errno.ESPIPE, os.strerror(errno.ESPIPE))
        return p.seek(offset, whence)
    except OSError as exc:
        if exc.errno == errno.ESPIPE:
            raise guile_error("misc-error", "seek", "port is not seekable", [port], None) from None
        raise system_error("seek", exc) from None


@primitive("ftell")
def ftell(port: object) -> int:
    """PORT's current position."""
    return seek(port, 0, os.SEEK_CUR)


@primitive("port-mode")
def port_mode(x: object) -> MString:
    """"r", "w" or "r+": whether PORT reads, writes or both."""
    p = byte_port(x, "port-mode", 1)
    return MString("r+" if p.is_input() and p.is_output() else "r" if p.is_input() else "w", False)


for _name in ("SEEK_SET", "SEEK_CUR", "SEEK_END"):
    define(_name, getattr(os, _name))


@primitive("port-filename")
def port_filename(x: object) -> object:
    p = byte_port(x, "port-filename", 1)
    return MString(p.name) if p.name not in ("string", "bytevector") else False


@primitive("port-line")
def port_line(x: object) -> int:
    return byte_port(x, "port-line", 1).line


@primitive("port-column")
def port_column(x: object) -> int:
    return byte_port(x, "port-column", 1).col


@primitive("eof-object")
def eof_object() -> object:
    return EOF


@primitive("the-eof-object")
def the_eof_object() -> object:
    return EOF


__all__ = ["current", "output_port", "input_port", "wait_and_retry", "make_fd_port", "WouldBlock",
           "system_error", "Pair", "CURRENT_OUTPUT", "CURRENT_ERROR", "CURRENT_INPUT"]


@blocking("%wait-for-readable")
def wait_for_readable(ports: object, timeout: object = False) -> object:
    """The ports of the list PORTS that can be read without blocking (buffered input counts),
    waiting up to TIMEOUT seconds (#f: forever); used by the blocking 'http server backend."""
    items = []
    while type(ports) is Pair:
        items.append(ports.car)
        ports = ports.cdr
    ready = [p for p in items if isinstance(p, BytePort) and p.available()]
    if not ready:
        fds = {p.fd: p for p in items if getattr(p, "fd", None) is not None}
        wait = None if timeout is False else float(timeout)
        readable, _, _ = select.select(list(fds), [], [], wait)
        ready = [fds[fd] for fd in readable]
    from ..data.values import from_list
    return from_list(ready)


@blocking("%read-line-limited")
def read_line_limited(port: object, limit: object) -> object:
    """A line without its LF (and a CR before it), or EOF; a bad-request error when the line runs
    past LIMIT characters -- servers read request heads with this so one client cannot make them
    buffer without bound."""
    p = input_port(port, "%read-line-limited", 1)
    if isinstance(p, BytePort):
        text, delim = read_bytes_line(p, limit)
    else:
        text, delim = p.read_until("\n")
    if not text and delim is None:
        return EOF
    if len(text) > limit + 1:
        raise guile_error("bad-request", "read-line", "Line too long", [], [])
    return MString(text[:-1] if text.endswith("\r") else text)


def read_bytes_line(p: BytePort, limit: int) -> tuple[str, str | None]:
    """Read a line from a byte port, refusing to buffer more than LIMIT bytes of it."""
    while True:
        nl = p.rbuf.find(b"\n", p.rpos)
        if nl >= 0:
            text = bytes(p.rbuf[p.rpos:nl]).decode("utf-8", "replace")
            p.rpos = nl + 1
            return text, "\n"
        if p.available() > limit + 1:
            raise guile_error("bad-request", "read-line", "Line too long", [], [])
        if not p.fill(lambda: read_bytes_line(p, limit)):
            text = bytes(p.rbuf[p.rpos:]).decode("utf-8", "replace")
            p.rpos = len(p.rbuf)
            return text, None

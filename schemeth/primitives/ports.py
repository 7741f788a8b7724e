"""Textual ports: the console, string ports, files; display/write/read and friends.

A port reads from a `source` callable (returning more text, '' at end of file) into a buffer, and
writes through a `sink` callable.  The current ports are parameters, so `parameterize` and
`with-output-to-string` rebind them per dynamic extent; the console ports look up sys.stdout/stderr
at write time so the REPL can redirect them.
"""
from __future__ import annotations

import sys
from typing import Callable

from ..data.conditions import guile_error, wrong_type
from ..data.printer import display_string, write_string
from ..data.values import EOF, NIL, UNSPECIFIED, Char, MString
from ..machine.frames import Active
from ..machine.procs import Parameter
from .registry import define, primitive


class Port:
    """A textual port; input when it has a source, output when it has a sink."""

    __slots__ = ("name", "source", "sink", "buf", "pos", "chunks", "closed", "line", "col", "kind",
                 "fileobj")

    def __init__(self, name: str, source: Callable | None = None, sink: Callable | None = None,
                 kind: str = "file", fileobj: object = None) -> None:
        self.name = name
        self.source = source
        self.sink = sink
        self.buf = ""
        self.pos = 0
        self.chunks: list[str] | None = [] if kind == "string" and sink is None and source is None else None
        self.closed = False
        self.line = 0
        self.col = 0
        self.kind = kind
        self.fileobj = fileobj

    def scheme_repr(self, write: bool) -> str:
        direction = ("input-output" if self.is_input() and self.is_output()
                     else "input" if self.is_input() else "output")
        state = "closed: " if self.closed else ""
        return f"#<{state}{direction}: {self.name} {id(self):x}>"

    def is_input(self) -> bool:
        return self.source is not None

    def is_output(self) -> bool:
        return self.sink is not None or self.chunks is not None

    # -- output ---------------------------------------------------------------------------------
    def write(self, s: str) -> None:
        """Send S to the port."""
        if self.closed:
            raise wrong_type("write", 2, self, "open output port")
        if self.chunks is not None:
            self.chunks.append(s)
        else:
            self.sink(s)
        nl = s.rfind("\n")
        if nl >= 0:
            self.line += s.count("\n")
            self.col = len(s) - nl - 1
        else:
            self.col += len(s)

    def getvalue(self) -> str:
        """Everything written to a string port so far."""
        text = "".join(self.chunks)
        self.chunks[:] = [text]
        return text

    # -- input ----------------------------------------------------------------------------------
    def fill(self) -> bool:
        """Fetch more text into the buffer; False at end of file."""
        if self.closed:
            raise wrong_type("read-char", 1, self, "open input port")
        more = self.source()
        if not more:
            return False
        self.buf = self.buf[self.pos:] + more
        self.pos = 0
        return True

    def read_char(self) -> object:
        """The next character, or EOF."""
        if self.pos >= len(self.buf) and not self.fill():
            return EOF
        ch = self.buf[self.pos]
        self.pos += 1
        if ch == "\n":
            self.line += 1
            self.col = 0
        else:
            self.col += 1
        return Char(ch)

    def peek_char(self) -> object:
        """The next character without consuming it, or EOF."""
        if self.pos >= len(self.buf) and not self.fill():
            return EOF
        return Char(self.buf[self.pos])

    def read_line(self) -> tuple[str, str | None]:
        """Text up to the next newline, and the delimiter found (None at end of file)."""
        while True:
            nl = self.buf.find("\n", self.pos)
            if nl >= 0:
                line = self.buf[self.pos:nl]
                self.pos = nl + 1
                self.line += 1
                self.col = 0
                return line, "\n"
            if not self.fill():
                line = self.buf[self.pos:]
                self.pos = len(self.buf)
                return line, None

    def take_text(self) -> str:
        """All buffered text (filling once if empty) without consuming it."""
        if self.pos >= len(self.buf):
            self.fill()
        return self.buf[self.pos:]


def string_source(text: str) -> Callable[[], str]:
    """A source that yields TEXT once."""
    parts = [text]
    return lambda: parts.pop() if parts else ""


def console_sink(stream_name: str) -> Callable[[str], None]:
    """A sink writing to sys.stdout or sys.stderr as they are at write time."""
    def sink(s: str) -> None:
        getattr(sys, stream_name).write(s)
    return sink


def stdin_source() -> str:
    """Read more console input, a line at a time."""
    return sys.stdin.readline()


CURRENT_OUTPUT = Parameter(Port("standard output", sink=console_sink("stdout"), kind="console"), False)
CURRENT_ERROR = Parameter(Port("standard error", sink=console_sink("stderr"), kind="console"), False)
CURRENT_INPUT = Parameter(Port("standard input", source=stdin_source, kind="console"), False)
define("current-output-port", CURRENT_OUTPUT)
define("current-error-port", CURRENT_ERROR)
define("current-input-port", CURRENT_INPUT)


def current(param: Parameter) -> Port:
    """The current value of a port parameter in the running machine."""
    regs = Active.regs
    cell = regs.params.get(param) if regs is not None else None
    return (cell if cell is not None else param.cell)[0]


def output_port(port: object, who: str, pos: int) -> Port:
    """PORT if given, else the current output port; type-checked."""
    if port is None:
        return current(CURRENT_OUTPUT)
    if type(port) is not Port or not port.is_output():
        raise wrong_type(who, pos, port, "open output port")
    return port


def input_port(port: object, who: str, pos: int) -> Port:
    """PORT if given, else the current input port; type-checked."""
    if port is None:
        return current(CURRENT_INPUT)
    if type(port) is not Port or not port.is_input():
        raise wrong_type(who, pos, port, "open input port")
    return port


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


@primitive("object->string")
def object_to_string(obj: object, printer: object = None) -> MString:
    """The text `write` would produce for OBJ."""
    return MString(write_string(obj))


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
    if type(s) is not MString:
        raise wrong_type("write-string", 1, s, "string")
    output_port(port, "write-string", 2).write(s.s)
    return UNSPECIFIED


@primitive("force-output", "flush-output-port")
def force_output(port: object = None) -> object:
    """Flush buffered output."""
    p = output_port(port, "force-output", 1)
    if p.kind == "console":
        getattr(sys, "stderr" if p is current(CURRENT_ERROR) else "stdout").flush()
    elif p.fileobj is not None:
        p.fileobj.flush()
    return UNSPECIFIED


@primitive("read-char")
def read_char(port: object = None) -> object:
    """Read one character."""
    return input_port(port, "read-char", 1).read_char()


@primitive("peek-char")
def peek_char(port: object = None) -> object:
    """Look at the next character."""
    return input_port(port, "peek-char", 1).peek_char()


@primitive("char-ready?")
def char_ready(port: object = None) -> bool:
    """Input is available without blocking (string and file ports always are)."""
    input_port(port, "char-ready?", 1)
    return True


@primitive("read")
def read(port: object = None) -> object:
    """Read one datum."""
    from ..reader.reader import IncompleteInput, read_one
    p = input_port(port, "read", 1)
    while True:
        text = p.take_text()
        try:
            datum, end, _ = read_one(text, 0, p.name)
        except IncompleteInput:
            if not p.fill():
                raise
            continue
        p.pos += end
        return datum


@primitive("open-input-string")
def open_input_string(s: object) -> Port:
    """A port reading the characters of S."""
    if type(s) is not MString:
        raise wrong_type("open-input-string", 1, s, "string")
    return Port("string", source=string_source(s.s), kind="string")


@primitive("open-output-string")
def open_output_string() -> Port:
    """A port accumulating what is written to it."""
    return Port("string", kind="string")


@primitive("get-output-string")
def get_output_string(port: object) -> MString:
    """The text written to a string output port."""
    if type(port) is not Port or port.chunks is None:
        raise wrong_type("get-output-string", 1, port, "string output port")
    return MString(port.getvalue())


@primitive("close-port", "close-input-port", "close-output-port")
def close_port(port: object) -> object:
    """Close PORT; closing twice is harmless."""
    if type(port) is not Port:
        raise wrong_type("close-port", 1, port, "port")
    if not port.closed and port.fileobj is not None:
        port.fileobj.close()
    port.closed = True
    return UNSPECIFIED


@primitive("port?")
def port_p(x: object) -> bool:
    return type(x) is Port


@primitive("input-port?")
def input_port_p(x: object) -> bool:
    return type(x) is Port and x.is_input()


@primitive("output-port?")
def output_port_p(x: object) -> bool:
    return type(x) is Port and x.is_output()


@primitive("port-closed?")
def port_closed_p(x: object) -> bool:
    if type(x) is not Port:
        raise wrong_type("port-closed?", 1, x, "port")
    return x.closed


@primitive("eof-object")
def eof_object() -> object:
    return EOF


@primitive("the-eof-object")
def the_eof_object() -> object:
    return EOF


@primitive("open-input-file")
def open_input_file(path: object) -> Port:
    """Open a file for reading text."""
    f = open_file_checked(path, "r", "open-input-file")
    return Port(path.s, source=lambda: f.read(65536), fileobj=f)


@primitive("open-output-file")
def open_output_file(path: object) -> Port:
    """Open (truncate) a file for writing text."""
    f = open_file_checked(path, "w", "open-output-file")
    return Port(path.s, sink=f.write, fileobj=f)


def open_file_checked(path: object, mode: str, who: str) -> object:
    """Open a file, mapping OS errors to Guile's system-error."""
    if type(path) is not MString:
        raise wrong_type(who, 1, path, "string")
    try:
        return open(path.s, mode, encoding="utf-8", newline="")
    except OSError as exc:
        raise guile_error("system-error", "open-file", "~A: ~S",
                          [MString(exc.strerror or str(exc), False), path], [exc.errno or 0]) from None


__all__ = ["Port", "current", "CURRENT_OUTPUT", "CURRENT_ERROR", "CURRENT_INPUT", "NIL"]

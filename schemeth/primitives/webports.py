"""Ports layered over another port for HTTP bodies: chunked input, chunked output, and input
delimited by a Content-Length.

They are byte ports whose reader pulls from the inner port without blocking: when the inner port has
nothing ready the reader reports "would block", the outer port raises WouldBlock, and the machine waits
on the inner descriptor (the outer port carries it) before retrying.  All decoding state lives in the
reader object, so an interrupted read resumes where it stopped.
"""
from __future__ import annotations

from ..data.values import EOF, MString, from_list
from ..machine.machine import WouldBlock
from .portobjects import BasePort, BytePort, TextPort
from .webheaders import throw


def ignore() -> None:
    """A retry that is never run: inner ports are only filled here to learn that they would block."""


class Inner:
    """Non-blocking byte access to a byte port or a textual port (read as UTF-8)."""

    def __init__(self, port: BasePort) -> None:
        self.port = port

    def fill(self) -> bool | None:
        """Buffer more input: True if some came, False at end of file, None if it would block."""
        try:
            return self.port.fill(ignore) if isinstance(self.port, BytePort) else self.port.fill()
        except WouldBlock:
            return None

    def line(self) -> object:
        """The next line with its newline (Latin-1 text), EOF at end of file, None if it would block."""
        p = self.port
        if isinstance(p, TextPort):
            text, delim = p.read_until("\n")
            return EOF if not text and delim is None else text + (delim or "")
        while True:
            i = p.rbuf.find(b"\n", p.rpos)
            if i >= 0:
                return p.take(i + 1 - p.rpos).decode("latin-1")
            more = self.fill()
            if more is None:
                return None
            if not more:
                rest = p.take(p.available())
                return rest.decode("latin-1") if rest else EOF

    def read(self, n: int) -> bytes | None:
        """Up to N bytes (b'' at end of file), None if none are ready."""
        p = self.port
        if isinstance(p, TextPort):
            return self.read_text(n)
        if not p.available():
            more = self.fill()
            if not more:
                return None if more is None else b""
        return p.take(min(n, p.available()))

    def read_text(self, n: int) -> bytes:
        """Up to N bytes of a textual port's characters, encoded as UTF-8 (whole characters)."""
        text = self.port.take_text()
        out, count = bytearray(), 0
        for ch in text:
            b = ch.encode("utf-8")
            if out and len(out) + len(b) > n:
                break
            out += b
            count += 1
        self.port.consume(count)
        return bytes(out)


class LayeredPort(BytePort):
    """A byte port over INNER, waiting on its descriptor and closing it unless kept alive."""

    def __init__(self, name: str, inner: BasePort, keep_alive: bool, reader: object = None,
                 writer: object = None, on_close: object = None) -> None:
        super().__init__(name, reader, writer, getattr(inner, "fd", None))
        self.inner = inner
        self.keep_alive = keep_alive
        self.on_close = on_close

    def close(self) -> None:
        if self.closed:
            return
        if self.writer is not None:
            self.flush_some()
        self.closed = True
        if self.on_close is not None:
            self.on_close()
        if not self.keep_alive:
            self.inner.close()


class ChunkedReader:
    """Decode a chunked body from an inner port, a step at a time."""

    def __init__(self, inner: Inner) -> None:
        self.inner = inner
        self.state = "size"
        self.remaining = 0

    def __call__(self, n: int) -> bytes | None:
        out = bytearray()
        while len(out) < n and self.state != "done":
            got = self.step(n - len(out))
            if got is None:
                return bytes(out) if out else None
            out += got
        return bytes(out)

    def step(self, n: int) -> bytes | None:
        """Advance the decoder: chunk bytes, b'' after reading framing, None if it would block."""
        if self.state == "data":
            data = self.inner.read(min(n, self.remaining))
            if data is None:
                return None
            self.remaining -= len(data)
            self.state = "done" if not data else "crlf" if not self.remaining else "data"
            return data
        line = self.inner.line()
        if line is None:
            return None
        if line is EOF:
            self.state = "done"
        elif self.state == "size":
            self.start_chunk(line)
        elif self.state == "crlf":
            self.state = "size"
        elif line.strip("\r\n") == "":
            self.state = "done"
        return b""

    def start_chunk(self, line: str) -> None:
        """Read a chunk-size line (extensions after ';' are ignored)."""
        size = line.split(";", 1)[0].strip()
        try:
            self.remaining = int(size, 16)
        except ValueError:
            raise throw("bad-response", MString("Bad chunk size: ~s", False),
                        from_list([MString(line)])) from None
        self.state = "data" if self.remaining else "trailer"


class DelimitedReader:
    """Read exactly LENGTH bytes from an inner port, then end of file."""

    def __init__(self, inner: Inner, length: int) -> None:
        self.inner = inner
        self.length = length
        self.done = 0

    def __call__(self, n: int) -> bytes | None:
        if self.done >= self.length:
            return b""
        data = self.inner.read(min(n, self.length - self.done))
        if data == b"":
            raise throw("bad-response", MString("EOF while reading response body: ~a bytes of ~a",
                                                False), from_list([self.done, self.length]))
        if data is not None:
            self.done += len(data)
        return data


def chunked_input_port(inner: BasePort, keep_alive: bool) -> LayeredPort:
    return LayeredPort("chunked input port", inner, keep_alive, ChunkedReader(Inner(inner)))


def delimited_input_port(inner: BasePort, length: int, keep_alive: bool) -> LayeredPort:
    return LayeredPort("delimited input port", inner, keep_alive,
                       DelimitedReader(Inner(inner), length))


def chunked_output_port(inner: BasePort, keep_alive: bool, buffering: int) -> LayeredPort:
    """A port whose every flush becomes one chunk on INNER; closing it writes the last chunk."""
    def write(view: memoryview) -> int:
        inner.put_bytes(b"%x\r\n" % len(view) + bytes(view) + b"\r\n")
        return len(view)

    def finish() -> None:
        inner.put_bytes(b"0\r\n\r\n")
        if isinstance(inner, BytePort):
            inner.flush_some()
    port = LayeredPort("chunked output port", inner, keep_alive, None, write, finish)
    port.bufsize = max(1, buffering)
    return port

"""Port objects: textual ports over Python text, and byte ports over file descriptors or buffers.

Both kinds offer the same operations (read_char, read_line, get_u8, read_bytes, write, put_bytes,
flush ...).  A byte port over a non-blocking descriptor raises `WouldBlock` when it has no data to
return or cannot flush; only procedures that the machine runs from its driver loop (the control
primitives in ports.py) let that escape, and the machine then calls the current read/write waiter and
retries.  Writes never block inside a leaf: they buffer and flush opportunistically.
"""
from __future__ import annotations

import errno
import os
from typing import Callable

from ..data.conditions import guile_error, wrong_type
from ..data.values import EOF, Char, MString
from ..machine.machine import WouldBlock


class BasePort:
    """What every port has: a name, open/closed state, line and column counters."""

    fd: int | None = None

    def __init__(self, name: str) -> None:
        self.name = name
        self.closed = False
        self.line = 0
        self.col = 0

    def scheme_repr(self, write: bool) -> str:
        direction = ("input-output" if self.is_input() and self.is_output()
                     else "input" if self.is_input() else "output")
        state = "closed: " if self.closed else ""
        return f"#<{state}{direction}: {self.name} {id(self):x}>"

    def is_input(self) -> bool:
        return False

    def is_output(self) -> bool:
        return False

    def count(self, text: str) -> None:
        """Advance the line/column counters over TEXT."""
        nl = text.rfind("\n")
        if nl >= 0:
            self.line += text.count("\n")
            self.col = len(text) - nl - 1
        else:
            self.col += len(text)

    def check_open(self, who: str) -> None:
        if self.closed:
            raise wrong_type(who, 1, self, "open port")

    def flush(self) -> None:
        """Write out buffered output (nothing to do for most text ports)."""

    def close(self) -> None:
        self.closed = True


def no_more_text() -> str:
    """The source of a port whose text is all buffered from the start."""
    return ""


class TextPort(BasePort):
    """A textual port reading from `source()` (more text, '' at end) and writing to `sink(text)`."""

    def __init__(self, name: str, source: Callable | None = None, sink: Callable | None = None,
                 collect: bool = False, fileobj: object = None, text: str | None = None) -> None:
        super().__init__(name)
        self.source = source if text is None else no_more_text
        self.sink = sink
        self.chunks: list[str] | None = [] if collect else None
        self.buf = text or ""
        self.pos = 0
        self.fileobj = fileobj
        self.seekable = text is not None       # a string port: all its text is in buf

    def is_input(self) -> bool:
        return self.source is not None

    def is_output(self) -> bool:
        return self.sink is not None or self.chunks is not None

    def write(self, s: str) -> None:
        """Send S to the port."""
        self.check_open("write")
        if self.chunks is not None:
            self.chunks.append(s)
        else:
            self.sink(s)
        self.count(s)

    def put_bytes(self, data: bytes) -> None:
        """Binary output to a textual port is written as Latin-1 text."""
        self.write(bytes(data).decode("latin-1"))

    def getvalue(self) -> str:
        """Everything written to a string port so far."""
        text = "".join(self.chunks)
        self.chunks[:] = [text]
        return text

    def flush(self) -> None:
        if self.fileobj is not None:
            self.fileobj.flush()

    def close(self) -> None:
        if not self.closed and self.fileobj is not None:
            self.fileobj.close()
        self.closed = True

    def seek(self, offset: int, whence: int) -> int:
        """Move within a string port's text (the only text port with a position)."""
        self.check_open("seek")
        if not self.seekable:
            raise OSError(errno.ESPIPE, os.strerror(errno.ESPIPE))
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self.pos, os.SEEK_END: len(self.buf)}[whence]
        if not 0 <= base + offset <= len(self.buf):
            raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))
        self.pos = base + offset
        return self.pos

    def fill(self) -> bool:
        """Fetch more text into the buffer; False at end of file."""
        self.check_open("read-char")
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
        self.count(ch)
        return Char(ch)

    def peek_char(self) -> object:
        """The next character without consuming it, or EOF."""
        if self.pos >= len(self.buf) and not self.fill():
            return EOF
        return Char(self.buf[self.pos])

    def unread(self, text: str) -> None:
        """Put TEXT back in front of the input."""
        self.buf = text + self.buf[self.pos:]
        self.pos = 0

    def read_until(self, delims: str) -> tuple[str, str | None]:
        """Text up to the first char in DELIMS (consumed), and that delimiter (None at EOF)."""
        start_search = self.pos
        while True:
            hit = min((i for i in (self.buf.find(d, start_search) for d in delims) if i >= 0),
                      default=-1)
            if hit >= 0:
                text = self.buf[self.pos:hit]
                delim = self.buf[hit]
                self.pos = hit + 1
                self.count(text + delim)
                return text, delim
            start_search = len(self.buf) - self.pos
            if not self.fill():
                text = self.buf[self.pos:]
                self.pos = len(self.buf)
                self.count(text)
                return text, None

    def take_text(self) -> str:
        """All buffered text (filling once if empty) without consuming it."""
        if self.pos >= len(self.buf):
            self.fill()
        return self.buf[self.pos:]

    def consume(self, n: int) -> None:
        """Drop N characters of buffered text."""
        self.count(self.buf[self.pos:self.pos + n])
        self.pos += n

    def get_u8(self, peek: bool = False) -> object:
        ch = self.peek_char() if peek else self.read_char()
        return ch if ch is EOF else ord(ch.ch) & 0xFF


class BytePort(BasePort):
    """A byte-buffered port: over a file descriptor, a bytevector, or a collecting buffer.

    `reader(n)` returns bytes, b'' at end of file, or None when it would block; `writer(view)`
    returns the number of bytes written, or None when it would block.
    """

    def __init__(self, name: str, reader: Callable | None = None, writer: Callable | None = None,
                 fd: int | None = None, closer: Callable | None = None, bufsize: int = 4096) -> None:
        super().__init__(name)
        self.reader = reader
        self.writer = writer
        self.fd = fd
        self.closer = closer
        self.rbuf = bytearray()
        self.rpos = 0
        self.wbuf = bytearray()
        self.bufsize = bufsize
        self.buffering = "block"
        self.eof_pending = False
        self.encoding = "utf-8"                # a Python codec; one byte per character unless utf-8

    def is_input(self) -> bool:
        return self.reader is not None

    def is_output(self) -> bool:
        return self.writer is not None

    # -- input ----------------------------------------------------------------------------------
    def available(self) -> int:
        return len(self.rbuf) - self.rpos

    def fill(self, retry: Callable) -> bool:
        """Read more bytes into the buffer; False at end of file; WouldBlock when none are ready."""
        self.check_open("read")
        if self.eof_pending:
            self.eof_pending = False
            return False
        data = self.reader(max(self.bufsize, 4096))
        if data is None:
            raise WouldBlock(self, "read", retry)
        if not data:
            return False
        if self.rpos:
            del self.rbuf[:self.rpos]
            self.rpos = 0
        self.rbuf += data
        return True

    def ensure(self, n: int, retry: Callable) -> bool:
        """Have at least N bytes buffered (False if end of file comes first)."""
        while self.available() < n:
            if not self.fill(retry):
                return False
        return True

    def get_u8(self, peek: bool = False) -> object:
        retry = lambda: self.get_u8(peek)  # noqa: E731
        if not self.ensure(1, retry):
            return EOF
        b = self.rbuf[self.rpos]
        if not peek:
            self.rpos += 1
        return b

    def read_char(self, peek: bool = False) -> object:
        """Decode one character (invalid bytes read as U+FFFD, as Guile substitutes)."""
        retry = lambda: self.read_char(peek)  # noqa: E731
        if not self.ensure(1, retry):
            return EOF
        first = self.rbuf[self.rpos]
        size = 1 if first < 0x80 or self.encoding != "utf-8" else 2 if first < 0xE0 else 3 if first < 0xF0 else 4
        if not self.ensure(size, retry):
            size = self.available()
        text = self.decode(self.rbuf[self.rpos:self.rpos + size])[:1]
        if not peek:
            self.rpos += size
            self.count(text)
        return Char(text)

    def peek_char(self) -> object:
        return self.read_char(True)

    def read_until(self, delims: str) -> tuple[str, str | None]:
        """Text up to the first delimiter char (consumed) and the delimiter, None at EOF."""
        keys = [d.encode(self.encoding, "replace") for d in delims]
        while True:
            hits = [i for i in (self.rbuf.find(k, self.rpos) for k in keys) if i >= 0]
            if hits:
                hit = min(hits)
                delim = next(k for k in keys if self.rbuf.startswith(k, hit))
                text = self.decode(self.rbuf[self.rpos:hit])
                self.rpos = hit + len(delim)
                self.count(text + self.decode(delim))
                return text, self.decode(delim)
            if not self.fill(lambda: self.read_until(delims)):
                text = self.decode(self.rbuf[self.rpos:])
                self.rpos = len(self.rbuf)
                self.count(text)
                return text, None

    def read_bytes(self, n: int) -> bytes:
        """Up to N bytes, fewer only at end of file."""
        self.ensure(n, lambda: self.read_bytes(n))
        return self.take(n)

    def read_some(self) -> bytes:
        """Whatever is buffered, reading once if nothing is (b'' at end of file)."""
        if not self.available():
            self.ensure(1, self.read_some)
        return self.take(self.available())

    def read_all(self) -> bytes:
        """Everything until end of file."""
        while self.fill(self.read_all):
            pass
        return self.take(self.available())

    def take(self, n: int) -> bytes:
        data = bytes(self.rbuf[self.rpos:self.rpos + n])
        self.rpos += len(data)
        return data

    def unread_bytes(self, data: bytes) -> None:
        self.rbuf[self.rpos:self.rpos] = data

    def take_text(self) -> str:
        """Buffered input decoded (reading once if empty), not consumed; for `read`."""
        if not self.available():
            self.ensure(1, self.take_text)
        return self.decode(self.rbuf[self.rpos:])

    def consume(self, n: int) -> None:
        """Drop the bytes of the first N decoded characters."""
        text = self.decode(self.rbuf[self.rpos:])[:n]
        self.rpos += len(text.encode(self.encoding, "replace"))
        self.count(text)

    def decode(self, data: bytes | bytearray) -> str:
        """Bytes as text in the port's encoding."""
        return bytes(data).decode(self.encoding, "replace")

    # -- output ---------------------------------------------------------------------------------
    def write(self, s: str) -> None:
        self.check_open("write")
        self.put_bytes(s.encode(self.encoding, "replace"))
        self.count(s)

    def put_bytes(self, data: bytes) -> None:
        """Buffer DATA, flushing what the descriptor accepts now when the buffering mode says so."""
        self.check_open("put-bytevector")
        self.wbuf += data
        if (self.buffering == "none" or len(self.wbuf) >= self.bufsize
                or (self.buffering == "line" and b"\n" in data)):
            self.flush_some()

    def seek(self, offset: int, whence: int) -> int:
        """Move the file position (write out pending output, forget buffered input); the new one."""
        self.check_open("seek")
        if self.fd is None:
            raise OSError(errno.ESPIPE, os.strerror(errno.ESPIPE))
        self.flush()
        if whence == os.SEEK_CUR:
            offset -= self.available()
        position = os.lseek(self.fd, offset, whence)
        del self.rbuf[:]
        self.rpos = 0
        self.eof_pending = False
        return position

    def flush_some(self) -> bool:
        """Write as much buffered output as the descriptor takes now; True when all went out."""
        while self.wbuf:
            n = self.writer(memoryview(self.wbuf))
            if n is None:
                return False
            del self.wbuf[:n]
        return True

    def flush(self) -> None:
        """Write out all buffered output, raising WouldBlock while the descriptor is full."""
        if self.writer is not None and not self.flush_some():
            raise WouldBlock(self, "write", self.flush)

    def close(self) -> None:
        if self.closed:
            return
        if self.writer is not None:
            try:
                self.flush_some()
            except OSError:
                pass
        self.closed = True
        if self.closer is not None:
            self.closer()
            if self.fd is not None:
                note_fd_closed(self.fd)


CLOSED_FDS: list[tuple[int, int]] = []     # (fd, close sequence number)
CLOSE_SEQUENCE = [0]


def note_fd_closed(fd: int) -> None:
    """Remember that FD was closed, so a scheduler can wake whoever still waited on it then."""
    CLOSE_SEQUENCE[0] += 1
    CLOSED_FDS.append((fd, CLOSE_SEQUENCE[0]))


def fd_reader(fd: int) -> Callable[[int], bytes | None]:
    """A reader for BytePort over FD; None means it would block."""
    def read(n: int) -> bytes | None:
        try:
            return os.read(fd, n)
        except BlockingIOError:
            return None
        except InterruptedError:
            return read(n)
        except OSError as exc:
            raise system_error("fport_read", exc) from None
    return read


def fd_writer(fd: int) -> Callable[[memoryview], int | None]:
    """A writer for BytePort over FD; None means it would block."""
    def write(data: memoryview) -> int | None:
        try:
            return os.write(fd, data)
        except BlockingIOError:
            return None
        except InterruptedError:
            return write(data)
        except OSError as exc:
            raise system_error("fport_write", exc) from None
    return write


def system_error(subr: str, exc: OSError) -> BaseException:
    """Guile's system-error for an OS error: (system-error SUBR "~A" (STRERROR) (ERRNO))."""
    message = MString(exc.strerror or str(exc), False)
    return guile_error("system-error", subr, "~A", [message], [exc.errno or 0])


def make_fd_port(fd: int, mode: str, name: str = "file", owns_fd: bool = True) -> BytePort:
    """A byte port over descriptor FD opened for MODE ('r', 'w' or 'rw')."""
    reader = fd_reader(fd) if "r" in mode else None
    writer = fd_writer(fd) if "w" in mode else None
    closer = (lambda: os.close(fd)) if owns_fd else None
    return BytePort(name, reader, writer, fd, closer)


def bytes_reader(data: bytes) -> Callable[[int], bytes]:
    """A reader that yields DATA, then end of file."""
    view = memoryview(bytes(data))
    state = [0]

    def read(n: int) -> bytes:
        start = state[0]
        state[0] = min(len(view), start + n)
        return bytes(view[start:state[0]])
    return read

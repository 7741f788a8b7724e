"""examples/chat-server.scm driven by several Python clients: broadcast, nicks, leaving."""
from __future__ import annotations

import socket
import struct
import time
from typing import Callable

import pytest

from conftest import free_port, server

SCRIPT = "examples/chat-server.scm"


class Chatter:
    """One chat client: send lines, read lines until one matches."""

    def __init__(self, port: int, nick: str) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=20)
        self.file = self.sock.makefile("rb")
        self.seen: list[str] = []
        self.expect(lambda line: line.startswith("* welcome, guest"))
        self.send(f"/nick {nick}")
        self.expect(lambda line: line == f"* you are now {nick}")
        self.nick = nick

    def send(self, line: str) -> None:
        self.sock.sendall(line.encode() + b"\n")

    def readline(self) -> str | None:
        """The next line without its newline, or None at end of file."""
        raw = self.file.readline()
        return raw.decode().rstrip("\n") if raw else None

    def expect(self, match: Callable[[str], bool]) -> list[str]:
        """Read until a line satisfies MATCH; return the lines read before it (kept in `seen`)."""
        skipped = []
        while True:
            line = self.readline()
            assert line is not None, f"connection closed while waiting; read {skipped}"
            if match(line):
                self.seen.extend(skipped)
                return skipped
            skipped.append(line)

    def expect_line(self, text: str) -> list[str]:
        return self.expect(lambda line: line == text)

    def close(self) -> None:
        self.file.close()
        self.sock.close()


def who(client: Chatter) -> list[str]:
    """The nicks of the next "* here:" line CLIENT receives."""
    line = ""
    while not line.startswith("* here: "):
        line = client.readline()
        assert line is not None
    return line.split()[2:]


@pytest.fixture()
def port():
    number = free_port()
    with server(SCRIPT, number):
        yield number


def test_messages_reach_every_other_client_in_order(port) -> None:
    clients = [Chatter(port, f"c{i}") for i in range(5)]
    for c in clients:
        for j in range(3):
            c.send(f"message {j} from {c.nick}")
    for c in clients:
        wanted = [f"<{o.nick}> message {j} from {o.nick}"
                  for o in clients if o is not c for j in range(3)]
        got = []
        while len(got) < len(wanted):
            line = c.readline()
            assert line is not None
            if line.startswith("<"):
                got.append(line)
        assert sorted(got) == sorted(wanted)
        for o in clients:
            from_o = [line for line in got if line.startswith(f"<{o.nick}>")]
            assert from_o == sorted(from_o)
        c.send("/who")
        skipped = c.expect(lambda line: line.startswith("* here: "))
        assert not [line for line in skipped if line.startswith(f"<{c.nick}>")]
    for c in clients:
        c.close()


def test_join_notices_nick_changes_and_who(port) -> None:
    alice = Chatter(port, "alice")
    bob = Chatter(port, "bob")
    alice.expect(lambda line: line.endswith(" is now bob"))
    bob.send("/nick alice")
    bob.expect_line("* nick alice is taken")
    bob.send("/nick robert")
    bob.expect_line("* you are now robert")
    alice.expect_line("* bob is now robert")
    bob.send("/who")
    assert who(bob) == ["alice", "robert"]
    bob.send("/frobnicate")
    bob.expect_line("* unknown command /frobnicate")
    alice.close()
    bob.close()


def test_quit_close_and_reset_each_send_a_leave_notice(port) -> None:
    stay = Chatter(port, "stay")
    quitter = Chatter(port, "quitter")
    closer = Chatter(port, "closer")
    resetter = Chatter(port, "resetter")
    quitter.send("/quit")
    quitter.expect_line("* bye")
    assert quitter.readline() is None
    stay.expect_line("* quitter left")
    closer.close()
    stay.expect_line("* closer left")
    resetter.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    resetter.close()
    stay.expect_line("* resetter left")
    late = Chatter(port, "late")
    stay.send("still here")
    late.expect_line("<stay> still here")
    late.send("/who")
    assert who(late) == ["stay", "late"]
    quitter.close()
    stay.close()
    late.close()


def test_a_client_that_never_reads_does_not_hold_up_the_others(port) -> None:
    sleeper = Chatter(port, "sleeper")
    sleeper.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    reader = Chatter(port, "reader")
    talker = Chatter(port, "talker")
    n = 2000
    payload = "x" * 200
    start = time.monotonic()
    talker.sock.sendall(b"".join(f"{i} {payload}\n".encode() for i in range(n)))
    for i in range(n):
        reader.expect_line(f"<talker> {i} {payload}")
    assert time.monotonic() - start < 60
    sleeper.close()
    reader.expect_line("* sleeper left")
    reader.close()
    talker.close()

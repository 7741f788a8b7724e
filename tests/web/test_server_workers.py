"""`#:workers N` on the ethreads backend: pre-forked workers on one listening socket, replaced
when they die, all stopped by SIGINT or SIGTERM."""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from webserver_support import HELLO, app_script, exchange, get, start_server

__all__ = ["app_script", "start_server"]


def children(pid: int) -> set[int]:
    """The live child processes of PID."""
    kids = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                kids.add(int(entry.name))
    return kids


def alive(pid: int) -> bool:
    """Whether process PID exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for(predicate, timeout: float = 10) -> bool:
    """Poll PREDICATE until it holds or TIMEOUT passes; -> whether it held."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def served_by(port: int) -> int:
    """The pid of the worker that answers a request."""
    reply = get(port, "/pid")
    return int(reply.split(b"\r\n\r\n", 1)[1])


def test_workers_serve_and_are_replaced_when_they_die(start_server, app_script) -> None:
    with start_server(app_script, "ethreads", "(#:workers 3)") as srv:
        assert wait_for(lambda: len(children(srv.proc.pid)) == 3)
        workers = children(srv.proc.pid)
        pids = {served_by(srv.port) for _ in range(30)}
        assert pids <= workers and pids
        victim = sorted(workers)[0]
        os.kill(victim, signal.SIGKILL)
        assert wait_for(lambda: len(children(srv.proc.pid) - {victim}) == 3
                        and victim not in children(srv.proc.pid))
        assert "worker %d was killed by signal 9" % victim in srv.errors()
        for _ in range(10):
            assert served_by(srv.port) in children(srv.proc.pid)
        assert exchange(srv.port, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n") == (HELLO, False)


def test_a_worker_crash_does_not_lose_the_others_connections(start_server, app_script) -> None:
    with start_server(app_script, "ethreads", "(#:workers 2)") as srv:
        assert wait_for(lambda: len(children(srv.proc.pid)) == 2)
        for victim in sorted(children(srv.proc.pid)):
            os.kill(victim, signal.SIGKILL)
            assert wait_for(lambda: victim not in children(srv.proc.pid)
                            and len(children(srv.proc.pid)) == 2)
        assert get(srv.port, "/").endswith(b"Hello, World!")


def stops_everything_on(sig: int, start_server, app_script) -> None:
    with start_server(app_script, "ethreads", "(#:workers 2)") as srv:
        assert wait_for(lambda: len(children(srv.proc.pid)) == 2)
        workers = children(srv.proc.pid)
        srv.proc.send_signal(sig)
        assert srv.proc.wait(timeout=15) == 0
        assert wait_for(lambda: not any(alive(pid) for pid in workers))


def test_sigterm_stops_all_workers(start_server, app_script) -> None:
    stops_everything_on(signal.SIGTERM, start_server, app_script)


def test_sigint_stops_all_workers(start_server, app_script) -> None:
    stops_everything_on(signal.SIGINT, start_server, app_script)

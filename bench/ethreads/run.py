"""Run the ethreads benchmarks and print one table of figures (never asserts anything).

Usage: python bench/ethreads/run.py [--seconds S] [--spawn N] [--switches N]
                                    [--connections 1,10,100] [--only sleepers,spawn,switches,echo]

Every Scheme benchmark is a script in this directory that prints `key: value` lines; the echo
figures come from a Python client (one selector loop, one message in flight per connection)
against examples/echo-server.scm.  The machine's load average is printed with the table, since
other processes skew every figure.
"""
from __future__ import annotations

import argparse
import os
import selectors
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent.parent
SCHEMETH = [sys.executable, "-m", "schemeth"]


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    name: str
    figure: str
    goal: str
    command: str


def run_script(args: list[str], timeout: float) -> dict[str, str]:
    """Run a benchmark script and parse its `key: value` lines."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run(SCHEMETH + args, capture_output=True, text=True, timeout=timeout, env=env,
                       cwd=ROOT)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {r.stderr.strip()[-500:]}")
    out = {}
    for line in r.stdout.splitlines():
        key, sep, value = line.partition(": ")
        if sep:
            out[key.strip()] = value.strip()
    return out


def command(args: list[str]) -> str:
    """How to run a benchmark by hand, for the table."""
    return "schemeth " + " ".join(args)


def sleepers(count: int, seconds: float, goal_ms: float) -> Row:
    """Wake-up jitter of COUNT threads sleeping random 0-100 ms for SECONDS."""
    args = ["bench/ethreads/sleepers.scm", str(count), str(seconds)]
    r = run_script(args, timeout=seconds * 10 + 60)
    figure = (f"p50 {r['jitter-p50-ms']} ms, p99 {r['jitter-p99-ms']} ms "
              f"({r['wakeups']} wake-ups)")
    return Row(f"sleep jitter, {count} sleepers", figure, f"p99 < {goal_ms:g} ms", command(args))


def spawn(count: int) -> Row:
    """Time and memory for COUNT threads that each sleep once."""
    args = ["bench/ethreads/spawn.scm", str(count)]
    r = run_script(args, timeout=600)
    per = int(r["bytes-per-thread"])
    figure = (f"{r['total-seconds']} s total ({r['spawn-seconds']} s spawning), "
              f"{per} B ({per / 1024:.2f} KiB) per suspended thread")
    return Row(f"{count} ethreads sleeping once", figure, "<= 4 KiB each", command(args))


def switches(count: int) -> Row:
    """Rate of (sleep 0) switches among 10 threads."""
    args = ["bench/ethreads/switches.scm", "10", str(count)]
    r = run_script(args, timeout=600)
    return Row("switches with (sleep 0), 10 threads", f"{int(r['switches-per-second']):,}/s",
               ">= 50,000/s", command(args))


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_echo_server(port: int) -> subprocess.Popen:
    """Start examples/echo-server.scm and wait until it accepts connections."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(SCHEMETH + ["examples/echo-server.scm", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"echo server did not start: {proc.stderr.read()[-500:]!r}")
            time.sleep(0.1)


def echo_round_trips(port: int, connections: int, seconds: float) -> float:
    """Round trips per second with CONNECTIONS sockets, each keeping one line in flight."""
    sel = selectors.DefaultSelector()
    message = b"ping 0123456789abcdef\n"
    pending = {}
    for _ in range(connections):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
        pending[s] = b""
    done = 0
    start = time.monotonic()
    for s in pending:
        s.sendall(message)
    while time.monotonic() - start < seconds:
        for key, _ in sel.select(timeout=1):
            s = key.fileobj
            data = pending[s] + s.recv(4096)
            while len(data) >= len(message):
                data = data[len(message):]
                done += 1
                s.sendall(message)
            pending[s] = data
    elapsed = time.monotonic() - start
    for s in pending:
        sel.unregister(s)
        s.close()
    return done / elapsed


def echo(connection_counts: list[int], seconds: float) -> list[Row]:
    """Echo round-trip rates, one row per connection count, against one server."""
    port = free_port()
    proc = start_echo_server(port)
    try:
        rows = []
        for n in connection_counts:
            rate = echo_round_trips(port, n, seconds)
            rows.append(Row(f"echo round trips, {n} connections", f"{rate:,.0f}/s", "-",
                            f"{command(['examples/echo-server.scm', str(port)])} + Python client"))
        return rows
    finally:
        proc.kill()
        proc.wait()
        proc.stderr.close()


def load() -> str:
    """The 1, 5 and 15 minute load averages."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def print_table(rows: list[Row]) -> None:
    """Print ROWS as an aligned table with a header."""
    headers = Row("benchmark", "figure", "goal", "command")
    widths = [max(len(getattr(r, f)) for r in [headers, *rows]) for f in ("name", "figure", "goal")]
    for r in [headers, *rows]:
        cells = [r.name.ljust(widths[0]), r.figure.ljust(widths[1]), r.goal.ljust(widths[2]),
                 r.command]
        print(" | ".join(cells))
        if r is headers:
            print("-+-".join("-" * w for w in widths + [len("command")]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3, help="length of timed runs")
    parser.add_argument("--spawn", type=int, default=100_000, help="threads for the spawn test")
    parser.add_argument("--switches", type=int, default=100_000, help="total (sleep 0) calls")
    parser.add_argument("--connections", default="1,10,100", help="echo connection counts")
    parser.add_argument("--only", default="sleepers,spawn,switches,echo")
    opts = parser.parse_args()
    only = set(opts.only.split(","))
    python = sys.version.split()[0]
    print(f"load average before: {load()}  ({os.cpu_count()} CPUs, Python {python})", file=sys.stderr)
    rows: list[Row] = []
    if "sleepers" in only:
        rows.append(sleepers(20, opts.seconds, 2))
        rows.append(sleepers(1000, opts.seconds, 10))
    if "spawn" in only:
        rows.append(spawn(opts.spawn))
    if "switches" in only:
        rows.append(switches(opts.switches))
    if "echo" in only:
        rows.extend(echo([int(n) for n in opts.connections.split(",")], opts.seconds))
    print_table(rows)
    print(f"\nload average after: {load()}  ({os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()

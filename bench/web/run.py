"""Web server benchmark: requests per second under wrk, memory per idle connection, worker scaling.

Serves the hello handler of examples/hello-server.scm with
  schemeth     examples/hello-server.scm on the 'ethreads backend,
  schemeth-wN  bench/web/hello_workers.scm with #:workers N,
  guile        Guile 3.0.8 with its own 'http backend (bench/web/guile_hello.scm),
  asyncio      a minimal Python asyncio-streams server (bench/web/asyncio_hello.py),
all answering with the same bytes, one server at a time, each on a fresh loopback port.

Usage: python bench/web/run.py [--duration 5] [--connections 1,50] [--idle 500]
                               [--only schemeth,guile,asyncio,workers] [--no-pin]

Each single-process server runs pinned to CPU 0 and wrk to CPU 1 (unless --no-pin or there is
one CPU), so that the two do not fight over a core; the worker rows are not pinned, and their wrk
uses two threads.  Besides requests per second, the table gives the server's CPU time per request
(user + system, all its processes), which varies less than throughput on a busy machine, and the
growth of its resident set per idle keep-alive connection, measured on a fresh server.

Prints a table; timings are never asserted.  Progress goes to stderr.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
HELLO = (b"HTTP/1.1 200 OK\r\nContent-Length: 13\r\n"
         b"Content-Type: text/plain;charset=utf-8\r\n\r\nHello, World!")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def commands(port: int) -> dict[str, list[str]]:
    """The command line of each server, listening on PORT."""
    py = sys.executable
    return {
        "schemeth": [py, "-m", "schemeth", "examples/hello-server.scm", str(port)],
        "schemeth-w1": [py, "-m", "schemeth", str(HERE / "hello_workers.scm"), str(port), "1"],
        "schemeth-w2": [py, "-m", "schemeth", str(HERE / "hello_workers.scm"), str(port), "2"],
        "guile": ["guile", "--no-auto-compile", str(HERE / "guile_hello.scm"), str(port)],
        "asyncio": [py, str(HERE / "asyncio_hello.py"), str(port)],
    }


@contextmanager
def serving(name: str, cpus: str | None) -> Iterator[tuple[subprocess.Popen, int]]:
    """Run server NAME on a free port (on CPUS if given) until the block ends; check that it
    answers HELLO."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    pin = ["taskset", "-c", cpus] if cpus else []
    proc = subprocess.Popen(pin + commands(port)[name], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                    got = b""
                    while len(got) < len(HELLO):
                        chunk = s.recv(4096)
                        if not chunk:
                            break
                        got += chunk
                    if got != HELLO:
                        raise SystemExit(f"{name} answered {got!r}")
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"{name} did not start")
                time.sleep(0.1)
        yield proc, port
    finally:
        os.killpg(proc.pid, 15)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()


def cpu_seconds(pgid: int) -> float:
    """User + system CPU seconds of the live processes of process group PGID."""
    total = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid:
                total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def wrk(proc: subprocess.Popen, port: int, connections: int, duration: int,
        cpus: str | None) -> tuple[float, float]:
    """(requests per second, server CPU microseconds per request) that wrk measures with
    CONNECTIONS keep-alive connections."""
    threads = 1 if cpus else min(connections, 2)
    pin = ["taskset", "-c", cpus] if cpus else []
    cpu = cpu_seconds(proc.pid)
    out = subprocess.run(pin + ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s",
                                f"http://127.0.0.1:{port}/"], capture_output=True, text=True,
                         timeout=duration + 60).stdout
    cpu = cpu_seconds(proc.pid) - cpu
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    count = re.search(r"(\d+) requests in", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", out)
    if errors:
        print(f"  wrk reported: {errors.group(0)}", file=sys.stderr)
    if not (rate and count and int(count.group(1))):
        return float("nan"), float("nan")
    return float(rate.group(1)), cpu * 1e6 / int(count.group(1))


def rss_kib(pid: int) -> int:
    """Resident set size of process PID, from /proc/PID/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def idle_cost(proc: subprocess.Popen, port: int, n: int) -> tuple[int, float]:
    """(RSS before in KiB, KiB per connection) after opening N idle keep-alive connections."""
    before = rss_kib(proc.pid)
    conns = []
    try:
        for _ in range(n):
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            conns.append(s)
        for s in conns:
            got = b""
            while len(got) < len(HELLO):
                chunk = s.recv(4096)
                if not chunk:
                    break
                got += chunk
        time.sleep(0.5)
        after = rss_kib(proc.pid)
    finally:
        for s in conns:
            s.close()
    return before, (after - before) / n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    ap.add_argument("--connections", default="1,50", help="wrk connection counts")
    ap.add_argument("--idle", type=int, default=500, help="idle connections for the memory test")
    ap.add_argument("--only", default="schemeth,guile,asyncio,workers")
    ap.add_argument("--no-pin", action="store_true", help="let the scheduler place everything")
    args = ap.parse_args()
    pin = not args.no_pin and (os.cpu_count() or 1) > 1 and shutil.which("taskset")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed")
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(max(soft, 4 * args.idle), hard), hard))
    conns = [int(c) for c in args.connections.split(",")]
    wanted = args.only.split(",")
    names = [n for n in ("schemeth", "guile", "asyncio") if n in wanted]
    if "workers" in wanted:
        names += ["schemeth-w1", "schemeth-w2"]
    load = os.getloadavg()
    rows = []
    for name in names:
        print(f"{name} ...", file=sys.stderr)
        workers = name.startswith("schemeth-w")
        server_cpus, client_cpus = ("0", "1") if pin and not workers else (None, None)
        memory = None
        if not workers:
            with serving(name, server_cpus) as (proc, port):
                memory = idle_cost(proc, port, args.idle)
        with serving(name, server_cpus) as (proc, port):
            results = [wrk(proc, port, c, args.duration, client_cpus) for c in conns]
        rows.append((name, results, memory))
    print_table(rows, conns, args.idle, load)
    return 0


def print_table(rows: list, conns: list[int], idle: int, load: tuple) -> None:
    head = (["server"] + [f"req/s c={c}" for c in conns] + [f"CPU us/req c={c}" for c in conns]
            + ["RSS MiB", "KiB/idle conn"])
    print(" | ".join(f"{h:>15}" for h in head))
    print("-|-".join("-" * 15 for _ in head))
    for name, results, memory in rows:
        cells = [name] + [f"{r:.0f}" for r, _ in results] + [f"{u:.0f}" for _, u in results]
        cells += [f"{memory[0] / 1024:.1f}", f"{memory[1]:.1f}"] if memory else ["-", "-"]
        print(" | ".join(f"{c:>15}" for c in cells))
    w = {name: [r for r, _ in results] for name, results, _ in rows}
    if "schemeth-w1" in w and "schemeth-w2" in w:
        print("\nscaling 1 -> 2 workers (unpinned): " + ", ".join(
            f"c={c}: x{b / a:.2f}" for c, a, b in zip(conns, w["schemeth-w1"], w["schemeth-w2"])))
    print(f"memory: {idle} idle keep-alive connections, each after one request")
    print(f"\n{os.cpu_count()} CPUs; load average before the run: "
          f"{' '.join(f'{x:.2f}' for x in load)}")


if __name__ == "__main__":
    sys.exit(main())

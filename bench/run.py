"""Time bench/programs/*.scm on schemeth, Calysto Scheme and Guile.

Usage: python bench/run.py [--runs N] [--timeout S] [--only fib,tak]
                           [--impl schemeth,calysto,guile,guilec]

Each cell is the median whole-process wall time (startup included) of N runs.
A run whose last output line differs from the program's `;; expected:` header,
that exits non-zero, or that times out makes the cell FAIL.  Prints figures
only: it never asserts anything about timings.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
PROGRAMS_DIR = BENCH_DIR / "programs"
PROGRAM_ORDER = ["fib", "tak", "nqueens", "strings", "lists",
                 "callcc", "prompts", "threads"]
STARTUP = "startup"
STARTUP_EXPR = "(display 1)"
STARTUP_EXPECTED = "1"
DEFAULT_IMPLS = ["schemeth", "calysto", "guile"]
ALL_IMPLS = DEFAULT_IMPLS + ["guilec"]
ERROR_LINE = re.compile(r"error|exception|unbound", re.IGNORECASE)


@dataclass(frozen=True)
class Program:
    """A benchmark file plus the single output line that counts as correct."""

    name: str
    path: Path
    expected: str


@dataclass
class Impl:
    """How to launch one Scheme implementation, or why it cannot be."""

    name: str
    file_cmd: Callable[[Path], list[str]]
    startup_cmd: Callable[[], list[str]]
    env: dict[str, str] = field(default_factory=dict)
    missing: str = ""
    prepare: Callable[[Path], None] | None = None


@dataclass(frozen=True)
class Outcome:
    """Result of one run: a time, or a failure reason with a detail line."""

    seconds: float | None
    reason: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Cell:
    """One table cell: the median over runs, or the first failure."""

    median: float | None
    reason: str = ""
    detail: str = ""
    available: bool = True


def read_expected(path: Path) -> str:
    """Return the `;; expected:` header so answers live next to the code."""
    for line in path.read_text().splitlines():
        if line.startswith(";; expected:"):
            return line.split(":", 1)[1].strip()
    raise SystemExit(f"{path}: missing ';; expected:' header")


def load_programs() -> dict[str, Program]:
    """Find every benchmark program, in the documented order."""
    paths = {p.stem: p for p in PROGRAMS_DIR.glob("*.scm")}
    names = [n for n in PROGRAM_ORDER if n in paths]
    names += sorted(set(paths) - set(PROGRAM_ORDER))
    return {n: Program(n, paths[n], read_expected(paths[n])) for n in names}


def schemeth_impl() -> Impl:
    """schemeth runs from the repo root with the repo on PYTHONPATH."""
    path = os.pathsep.join(filter(None, [str(REPO_ROOT),
                                         os.environ.get("PYTHONPATH")]))
    missing = "" if (REPO_ROOT / "schemeth" / "__main__.py").is_file() \
        else "schemeth/__main__.py not found"
    return Impl("schemeth",
                lambda f: [sys.executable, "-m", "schemeth", str(f)],
                lambda: [sys.executable, "-m", "schemeth", "-c",
                         STARTUP_EXPR],
                env={"PYTHONPATH": path}, missing=missing)


def calysto_impl(startup_file: Path) -> Impl:
    """Calysto has no -c: its startup row loads a one-expression file."""
    found = importlib.util.find_spec("calysto_scheme") is not None
    return Impl("calysto",
                lambda f: [sys.executable, "-m", "calysto_scheme.scheme",
                           str(f)],
                lambda: [sys.executable, "-m", "calysto_scheme.scheme",
                         str(startup_file)],
                missing="" if found else "calysto_scheme not importable")


def guile_impl() -> Impl:
    """Guile's interpreter, the like-for-like peer (no compilation)."""
    guile = shutil.which("guile") or "guile"
    return Impl("guile",
                lambda f: [guile, "--no-auto-compile", str(f)],
                lambda: [guile, "--no-auto-compile", "-c", STARTUP_EXPR],
                missing="" if shutil.which("guile") else "guile not on PATH")


def guilec_impl(cache_dir: Path) -> Impl:
    """Compiled Guile: auto-compile into a private cache, warmed untimed."""
    base = guile_impl()
    guile = shutil.which("guile") or "guile"
    env = {"XDG_CACHE_HOME": str(cache_dir)}
    return Impl("guilec",
                lambda f: [guile, "--auto-compile", str(f)],
                base.startup_cmd, env=env, missing=base.missing,
                prepare=lambda f: run_once([guile, "--auto-compile", str(f)],
                                           "", 600.0, env))


def make_impls(names: list[str], tmp: Path) -> list[Impl]:
    """Build the selected implementations in table order."""
    startup_file = tmp / "startup.scm"
    startup_file.write_text(STARTUP_EXPR + "\n")
    makers: dict[str, Callable[[], Impl]] = {
        "schemeth": schemeth_impl,
        "calysto": lambda: calysto_impl(startup_file),
        "guile": guile_impl,
        "guilec": lambda: guilec_impl(tmp / "guile-cache"),
    }
    return [makers[n]() for n in ALL_IMPLS if n in names]


def last_line(text: str) -> str:
    """The answer line: Calysto prints a banner first, so take the last."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def error_line(text: str) -> str:
    """Pick the most telling error line from a run's output."""
    hits = [ln.strip() for ln in text.splitlines()
            if ERROR_LINE.search(ln) and not ln.startswith("Traceback")]
    return (hits[-1] if hits else last_line(text))[:120]


def judge(proc: subprocess.CompletedProcess[str],
          expected: str) -> tuple[str, str]:
    """Classify a finished run as ok ('') or as error / wrong answer."""
    output = proc.stdout + "\n" + proc.stderr
    if proc.returncode != 0:
        return "error", f"exit {proc.returncode}: {error_line(output)}"
    got = last_line(proc.stdout)
    if got == expected:
        return "", ""
    if ERROR_LINE.search(output):
        return "error", error_line(output)
    return "wrong answer", f"got {got[:80]!r}, expected {expected!r}"


def run_once(cmd: list[str], expected: str, timeout: float,
             env: dict[str, str]) -> Outcome:
    """Run one process and time it from spawn to exit."""
    full_env = {**os.environ, **env}
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True,
                              timeout=timeout, env=full_env, cwd=REPO_ROOT,
                              stdin=subprocess.DEVNULL, errors="replace")
    except subprocess.TimeoutExpired:
        return Outcome(None, "timeout", f"over {timeout:g}s")
    except OSError as exc:
        return Outcome(None, "error", str(exc))
    elapsed = time.perf_counter() - start
    reason, detail = judge(proc, expected)
    return Outcome(None if reason else elapsed, reason, detail)


def measure(cmd: list[str], expected: str, runs: int, timeout: float,
            env: dict[str, str], label: str) -> Cell:
    """Median of `runs` runs; the first failing run fails the whole cell."""
    times = []
    for i in range(runs):
        outcome = run_once(cmd, expected, timeout, env)
        shown = f"{outcome.seconds:.3f}s" if outcome.reason == "" \
            else f"FAIL({outcome.reason})"
        print(f"  {label} run {i + 1}/{runs}: {shown}", file=sys.stderr)
        if outcome.reason:
            return Cell(None, outcome.reason, outcome.detail)
        times.append(outcome.seconds)
    return Cell(statistics.median(times))


def measure_cell(impl: Impl, name: str, programs: dict[str, Program],
                 runs: int, timeout: float) -> Cell:
    """Time one implementation on one program (or the startup row)."""
    if impl.missing:
        return Cell(None, available=False, detail=impl.missing)
    label = f"{name} [{impl.name}]"
    if name == STARTUP:
        return measure(impl.startup_cmd(), STARTUP_EXPECTED, runs, timeout,
                       impl.env, label)
    program = programs[name]
    if impl.prepare:
        impl.prepare(program.path)
    return measure(impl.file_cmd(program.path), program.expected, runs,
                   timeout, impl.env, label)


def show_cell(cell: Cell) -> str:
    """Render a cell as seconds, FAIL(reason) or n/a."""
    if not cell.available:
        return "n/a"
    if cell.reason:
        return f"FAIL({cell.reason})"
    return f"{cell.median:.3f}"


def show_ratio(num: Cell, den: Cell) -> str:
    """schemeth time over peer time, only when both succeeded."""
    if num.median is None or den.median is None or den.median == 0:
        return "-"
    return f"{num.median / den.median:.2f}x"


def header(impls: list[Impl]) -> list[str]:
    """Column titles: one per implementation, then schemeth ratios."""
    names = [i.name for i in impls]
    cols = ["program"] + [f"{n} (s)" for n in names]
    if "schemeth" in names:
        cols += [f"schemeth/{n}" for n in names if n != "schemeth"]
    return cols


def row(name: str, impls: list[Impl], cells: dict[str, Cell]) -> list[str]:
    """One table row in the same order as header()."""
    out = [name] + [show_cell(cells[i.name]) for i in impls]
    if "schemeth" in cells:
        out += [show_ratio(cells["schemeth"], cells[i.name])
                for i in impls if i.name != "schemeth"]
    return out


def render(table: list[list[str]]) -> str:
    """Align columns as plain text, first column left, the rest right."""
    widths = [max(len(r[c]) for r in table) for c in range(len(table[0]))]
    lines = []
    for r in table:
        cells = [r[0].ljust(widths[0])]
        cells += [v.rjust(w) for v, w in zip(r[1:], widths[1:])]
        lines.append(" | ".join(cells))
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def failures(results: dict[str, dict[str, Cell]]) -> list[str]:
    """One line per FAIL or n/a cell explaining why."""
    notes = []
    for name, cells in results.items():
        for impl, cell in cells.items():
            if cell.reason:
                notes.append(f"  {impl} {name}: {cell.reason}: {cell.detail}")
    return notes


def unavailable(impls: list[Impl]) -> list[str]:
    """Explain each n/a column once."""
    return [f"  {i.name}: n/a ({i.missing})" for i in impls if i.missing]


def parse_list(text: str, allowed: list[str], what: str) -> list[str]:
    """Split a comma list and reject names the runner does not know."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    bad = [n for n in names if n not in allowed]
    if bad:
        raise SystemExit(f"unknown {what}: {', '.join(bad)} "
                         f"(known: {', '.join(allowed)})")
    return names


def parse_args(argv: list[str], known: list[str]) -> argparse.Namespace:
    """Command-line options."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3,
                    help="runs per cell; the median is shown (default 3)")
    ap.add_argument("--timeout", type=float, default=120.0,
                    help="seconds before a run counts as FAIL (default 120)")
    ap.add_argument("--only", default=",".join(known),
                    help="comma list of programs (and/or 'startup')")
    ap.add_argument("--impl", default=",".join(DEFAULT_IMPLS),
                    help="comma list from: " + ",".join(ALL_IMPLS))
    args = ap.parse_args(argv)
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    args.only = parse_list(args.only, known, "program")
    args.impl = parse_list(args.impl, ALL_IMPLS, "implementation")
    return args


def main(argv: list[str]) -> int:
    """Run the selected programs on the selected implementations."""
    programs = load_programs()
    args = parse_args(argv, list(programs) + [STARTUP])
    with tempfile.TemporaryDirectory(prefix="schemeth-bench-") as tmp:
        impls = make_impls(args.impl, Path(tmp))
        results = {name: {i.name: measure_cell(i, name, programs, args.runs,
                                               args.timeout) for i in impls}
                   for name in args.only}
    table = [header(impls)] + [row(n, impls, c) for n, c in results.items()]
    print(f"median wall seconds of {args.runs} run(s), startup included; "
          f"timeout {args.timeout:g}s")
    print(render(table))
    notes = unavailable(impls) + failures(results)
    if notes:
        print("\nnotes:")
        print("\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

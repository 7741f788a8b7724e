"""Count the Scheme procedure calls a schemeth program makes, until SIGTERM/SIGINT; print the most
frequent per unit of work.  cProfile sees only the interpreter's Python closures; this says which
Scheme procedures (closures by name and source line, and primitives) those are running for.

Usage: python bench/web/profile_calls.py UNIT FILE [ARGS...]
  UNIT names a procedure called once per unit of work (e.g. handle-request); counts are divided
  by its count.  Fixed-arity closures are entered through the slow path while counting, so the
  program runs slower than usual.
"""
from __future__ import annotations

import os
import signal
import sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COUNTS: Counter = Counter()


def stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def counting(key: str, fn):
    """FN, counting its calls under KEY."""
    def counted(*args):
        COUNTS[key] += 1
        return fn(*args)
    return counted


def instrument() -> None:
    """Make every closure entry and primitive call count itself."""
    from schemeth.compiler import lambda_list
    from schemeth.data.procedures import Primitive
    from schemeth.primitives import registry

    original = lambda_list.make_enter

    def make_enter(lam, spec):
        enter = original(lam, spec)
        lam.fixed = -1
        where = f"{'/'.join(str(lam.loc[0]).split('/')[-2:])}:{lam.loc[1]}" if lam.loc else "?"
        return counting(f"{lam.name or 'lambda'} ({where})", enter)

    lambda_list.make_enter = make_enter
    for table in registry.install_all().values():
        for value in table.values():
            if type(value) is Primitive and not getattr(value.fn, "counted", False):
                value.fn = counting(f"[prim] {value.name}", value.fn)
                value.fn.counted = True


def main() -> int:
    unit, args = sys.argv[1], sys.argv[2:]
    sys.path.insert(0, ROOT)
    instrument()
    from schemeth.cli import main as schemeth_main
    signal.signal(signal.SIGTERM, stop)
    try:
        schemeth_main(args)
    except KeyboardInterrupt:
        pass
    units = max(1, sum(n for k, n in COUNTS.items() if k.split(" ")[0] == unit))
    total = sum(COUNTS.values())
    print(f"{units} x {unit}; {total / units:.1f} calls each", file=sys.stderr)
    by_file: Counter = Counter()
    for key, n in COUNTS.items():
        by_file["primitives" if key.startswith("[prim]") else key.rsplit("(", 1)[-1].split(":")[0]] += n
    print("by source: " + ", ".join(f"{name} {n / units:.1f}" for name, n in by_file.most_common()),
          file=sys.stderr)
    for key, n in COUNTS.most_common(60):
        print(f"{n / units:8.2f}  {key}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

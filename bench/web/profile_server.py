"""Run a schemeth program under cProfile until SIGTERM/SIGINT, then write the statistics.

Usage: python bench/web/profile_server.py [--on-signal] OUT.prof FILE [ARGS...]
  --on-signal: start profiling only at SIGUSR1 (to leave start-up and warm-up out).
"""
from __future__ import annotations

import cProfile
import os
import signal
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def stop(signum: int, frame: object) -> None:
    """End the program as Ctrl-C would, so that the profile is written."""
    raise KeyboardInterrupt


def main() -> int:
    """Profile `schemeth FILE ARGS...`, writing the statistics to OUT."""
    on_signal = sys.argv[1] == "--on-signal"
    out, args = sys.argv[1 + on_signal], sys.argv[2 + on_signal:]
    sys.path.insert(0, ROOT)
    from schemeth.cli import main as schemeth_main
    signal.signal(signal.SIGTERM, stop)
    profile = cProfile.Profile()
    if on_signal:
        signal.signal(signal.SIGUSR1, lambda signum, frame: profile.enable())
    else:
        profile.enable()
    try:
        status = schemeth_main(args)
    except KeyboardInterrupt:
        status = 130
    finally:
        profile.disable()
        profile.dump_stats(out)
    return status


if __name__ == "__main__":
    sys.exit(main())

"""Command line: `schemeth [-L DIR] [-c EXPR | FILE ARGS...]`; no program starts the REPL."""
from __future__ import annotations

import sys

from . import __version__
from .data.conditions import SchemeError
from .machine.machine import Interrupted, SchemeExit, UncaughtError
from .machine.report import error_report
from .primitives import system

USAGE = """Usage: schemeth [OPTION]... [FILE [ARG]...]
Run the Scheme program FILE with ARGs, or start a REPL when no FILE is given.

  -c EXPR           evaluate EXPR and exit
  -L DIR            add DIR to the front of the module load path
  --trace-control   log prompts, aborts, continuation calls and dynamic-wind
  -h, --help        show this help and exit
  -v, --version     show the version and exit
"""


def parse_args(argv: list[str]) -> dict:
    """Split ARGV into options and the program with its arguments."""
    opts: dict = {"load_path": [], "expr": None, "file": None, "args": [], "trace": False}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-h", "--help"):
            opts["help"] = True
        elif a in ("-v", "--version"):
            opts["version"] = True
        elif a == "--trace-control":
            opts["trace"] = True
        elif a == "-L" and i + 1 < len(argv):
            opts["load_path"].append(argv[i + 1])
            i += 1
        elif a == "-c" and i + 1 < len(argv):
            opts["expr"] = argv[i + 1]
            opts["args"] = argv[i + 2:]
            return opts
        elif a.startswith("-") and a != "-":
            raise SystemExit(f"schemeth: unknown option {a}\n{USAGE}")
        else:
            opts["file"] = a
            opts["args"] = argv[i + 1:]
            return opts
        i += 1
    return opts


def report(exc: BaseException) -> None:
    """Print an uncaught Scheme error to stderr the way Guile users expect."""
    sys.stdout.flush()
    if isinstance(exc, UncaughtError):
        sys.stderr.write(error_report(exc.payload, exc.stack, exc.loc))
    else:
        sys.stderr.write(error_report(exc.payload, [], getattr(exc, "scheme_loc", None)))
    sys.stderr.flush()


def run(opts: dict) -> int:
    """Run what the options ask for; return the exit status."""
    from .interpreter import Interpreter
    interp = Interpreter(opts["load_path"])
    if opts["trace"]:
        from .machine.trace import enable_tracing
        enable_tracing(interp.machine)
    if opts["expr"] is not None:
        system.ARGV[:] = ["schemeth", "-c", opts["expr"], *opts["args"]]
        interp.eval(opts["expr"])
        return 0
    if opts["file"] is not None:
        system.ARGV[:] = [opts["file"], *opts["args"]]
        interp.load(opts["file"])
        return 0
    from .repl import start_repl
    return start_repl(interp)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `schemeth` command."""
    opts = parse_args(sys.argv[1:] if argv is None else argv)
    if opts.get("help"):
        sys.stdout.write(USAGE)
        return 0
    if opts.get("version"):
        sys.stdout.write(f"schemeth {__version__}\n")
        return 0
    try:
        status = run(opts)
    except SchemeExit as exc:
        status = exc.code
    except (UncaughtError, SchemeError) as exc:
        report(exc)
        status = 1
    except (Interrupted, KeyboardInterrupt):
        status = 130
    except FileNotFoundError as exc:
        sys.stderr.write(f"schemeth: {exc.filename}: {exc.strerror}\n")
        status = 2
    try:
        sys.stdout.flush()
    except (BrokenPipeError, KeyboardInterrupt):
        pass
    return status

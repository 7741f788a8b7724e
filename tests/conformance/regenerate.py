"""Regenerate the golden .out files of the conformance suite by running Guile.

Usage: python tests/conformance/regenerate.py [NN-topic.scm ...]

With no arguments every *.scm in this directory is regenerated.  Each golden
is exactly the stdout of `guile --no-auto-compile NN-topic.scm` run in this
directory with GUILE_AUTO_COMPILE=0 and LANG=C.UTF-8; a first line
`;; guile-args: -L lib` adds those options (schemeth's run gets them too).
A test whose Guile run exits non-zero or writes to stderr is reported and its
golden left untouched, because a golden must only ever record a clean Guile
run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GUILE_TIMEOUT = 600


def find_guile() -> str:
    """Locate guile on PATH, exiting with a clear message when it is absent."""
    guile = shutil.which("guile")
    if guile is None:
        sys.exit("regenerate.py: `guile` is not on PATH; install Guile 3.0.8 "
                 "to regenerate the goldens (the tests themselves do not "
                 "need it).")
    return guile


def guile_env() -> dict[str, str]:
    """Build the environment that makes Guile's output reproducible."""
    env = dict(os.environ)
    env["GUILE_AUTO_COMPILE"] = "0"
    env["LANG"] = "C.UTF-8"
    env.pop("LC_ALL", None)
    return env


def select_tests(names: list[str]) -> list[Path]:
    """Resolve command-line names (with or without .scm) to test files."""
    if not names:
        return sorted(HERE.glob("*.scm"))
    tests = []
    for name in names:
        base = Path(name).name
        path = HERE / (base if base.endswith(".scm") else base + ".scm")
        if not path.is_file():
            sys.exit(f"regenerate.py: no such test: {name}")
        tests.append(path)
    return tests


def extra_args(test: Path) -> list[str]:
    """Options from a first line `;; guile-args: -L lib`, given to Guile and schemeth alike."""
    with test.open(encoding="utf-8") as f:
        first = f.readline()
    prefix = ";; guile-args:"
    return first[len(prefix):].split() if first.startswith(prefix) else []


def run_guile(guile: str, test: Path) -> subprocess.CompletedProcess[bytes]:
    """Run one test file under Guile exactly as the goldens are defined."""
    return subprocess.run(
        [guile, "--no-auto-compile", *extra_args(test), test.name],
        cwd=HERE, env=guile_env(), capture_output=True,
        timeout=GUILE_TIMEOUT, check=False)


def regenerate(guile: str, test: Path) -> bool:
    """Write one golden; report and return False if Guile's run was dirty."""
    result = run_guile(guile, test)
    if result.returncode != 0 or result.stderr:
        print(f"FAIL {test.name}: exit {result.returncode}", file=sys.stderr)
        sys.stderr.write(result.stderr.decode("utf-8", "replace"))
        return False
    test.with_suffix(".out").write_bytes(result.stdout)
    lines = result.stdout.count(b"\n")
    print(f"ok   {test.name} ({lines} lines)")
    return True


def main(argv: list[str]) -> int:
    """Regenerate the requested goldens; non-zero exit if any run failed."""
    guile = find_guile()
    results = [regenerate(guile, test) for test in select_tests(argv)]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

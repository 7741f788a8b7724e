"""Golden-file conformance tests: schemeth must print exactly what Guile does.

Each tests/conformance/NN-topic.scm is run with `python -m schemeth` and its
stdout compared byte for byte with NN-topic.out, which regenerate.py records
from Guile 3.0.8.  Files listed in tests/conformance/SKIP are skipped with the
reason given there.  SCHEMETH_CONFORMANCE_TIMEOUT overrides the per-file
timeout (seconds).
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CONFORMANCE = REPO / "tests" / "conformance"
DEFAULT_TIMEOUT = 240.0
MAX_DIFF_LINES = 200


def timeout_seconds() -> float:
    """Per-file timeout, overridable for slow machines."""
    value = os.environ.get("SCHEMETH_CONFORMANCE_TIMEOUT", DEFAULT_TIMEOUT)
    return float(value)


def load_skips() -> dict[str, str]:
    """Parse SKIP: `NN-topic.scm  reason` per line; `#` lines are comments."""
    skip_file = CONFORMANCE / "SKIP"
    if not skip_file.is_file():
        return {}
    skips = {}
    for line in skip_file.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, reason = line.partition(" ")
        skips[name] = reason.strip() or "listed in tests/conformance/SKIP"
    return skips


def schemeth_env() -> dict[str, str]:
    """Environment that makes the repo's schemeth importable from any cwd."""
    env = dict(os.environ)
    paths = [str(REPO), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    env["LANG"] = "C.UTF-8"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def extra_args(test: Path) -> list[str]:
    """Options from a first line `;; guile-args: -L lib`, given to Guile and schemeth alike."""
    with test.open(encoding="utf-8") as f:
        first = f.readline()
    prefix = ";; guile-args:"
    return first[len(prefix):].split() if first.startswith(prefix) else []


def run_schemeth(test: Path) -> subprocess.CompletedProcess[bytes]:
    """Run one conformance file the way a user would, capturing raw bytes."""
    return subprocess.run(
        [sys.executable, "-m", "schemeth", *extra_args(test), test.name],
        cwd=CONFORMANCE, env=schemeth_env(), capture_output=True,
        timeout=timeout_seconds(), check=False)


def run_or_timeout(test: Path) -> subprocess.CompletedProcess[bytes] | str:
    """Run the file; on timeout return a message with the output so far."""
    try:
        return run_schemeth(test)
    except subprocess.TimeoutExpired as exc:
        partial = text(exc.stdout or b"")[-2000:]
        limit = timeout_seconds()
        return f"timed out after {limit} s; stdout so far:\n{partial}"


def text(data: bytes) -> str:
    """Decode output for diffing without ever failing on bad bytes."""
    return data.decode("utf-8", "replace")


def failure_report(test: Path, expected: bytes,
                   result: subprocess.CompletedProcess[bytes]) -> str:
    """Unified diff golden -> actual, plus exit code and stderr tail."""
    diff = list(difflib.unified_diff(
        text(expected).splitlines(keepends=True),
        text(result.stdout).splitlines(keepends=True),
        fromfile=f"{test.stem}.out (guile)",
        tofile=f"{test.stem} (schemeth)"))
    if len(diff) > MAX_DIFF_LINES:
        diff = diff[:MAX_DIFF_LINES] + ["... (diff truncated)\n"]
    stderr_tail = text(result.stderr)[-2000:]
    return ("stdout differs from golden\n" + "".join(diff)
            + f"\nexit code: {result.returncode}"
            + f"\nstderr (tail):\n{stderr_tail}")


TESTS = sorted(CONFORMANCE.glob("*.scm"))
SKIPS = load_skips()


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_conformance(test: Path) -> None:
    """schemeth's stdout for the file equals Guile's recorded stdout."""
    if test.name in SKIPS:
        pytest.skip(SKIPS[test.name])
    golden = test.with_suffix(".out")
    if not golden.is_file():
        pytest.fail(f"missing golden {golden.name}; "
                    "run tests/conformance/regenerate.py")
    expected = golden.read_bytes()
    result = run_or_timeout(test)
    if isinstance(result, str):
        pytest.fail(result, pytrace=False)
    if result.stdout != expected:
        pytest.fail(failure_report(test, expected, result), pytrace=False)

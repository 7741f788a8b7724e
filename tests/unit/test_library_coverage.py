"""How much of the library the tests mention: a report, not a gate.

The library is every name of the (guile) module plus the exports of every stdlib module (Scheme files
and Python-only tables), internal modules and `%` names excluded.  A name counts as mentioned when it appears as
a token in a test's Scheme source: the .scm files under tests/ and the string literals of the Python
test files.  Run this file directly (`python tests/unit/test_library_coverage.py`) for the full
per-module report; under pytest it prints the summary line.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from schemeth.interpreter import STDLIB_DIR, Interpreter

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
DELIMITERS = re.compile(r"""[\s()\[\]"';`,]+""")


def stdlib_module_names() -> list[tuple]:
    """Every module with a file in the stdlib (boot and the core's autoload files aside)."""
    root = Path(STDLIB_DIR)
    names = []
    for path in sorted(root.rglob("*.scm")):
        rel = path.relative_to(root).with_suffix("")
        if rel.parts[:2] == ("ice-9", "autoload") or rel.parts == ("ice-9", "boot"):
            continue
        names.append(rel.parts)
    return names


def library_names(interp: Interpreter) -> dict[str, set[str]]:
    """Module label -> its public names: (guile) first, then every other library module."""
    registry = interp.modules
    out = {"(guile)": {s.name for s in registry.get(("guile",)).visible_names()}}
    for name in sorted(set(stdlib_module_names()) | set(registry.tables)):
        if "internal" in name or any(part.startswith("%") for part in name):
            continue
        try:
            mod = registry.resolve(name)
        except Exception:       # a module that cannot load here is reported as empty
            out["(" + " ".join(name) + ")"] = set()
            continue
        out["(" + " ".join(name) + ")"] = {s.name for s in mod.exports}
    return {label: {n for n in names if not n.startswith("%")} for label, names in out.items()}


def scheme_tokens(text: str) -> set[str]:
    """The identifier-like tokens of Scheme source text."""
    return {t for t in DELIMITERS.split(text) if t}


def python_scheme_strings(path: Path) -> str:
    """The string literals of a Python test file, where its Scheme code lives."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return ""
    return "\n".join(node.value for node in ast.walk(tree)
                     if isinstance(node, ast.Constant) and isinstance(node.value, str))


def mentioned_tokens() -> set[str]:
    """Every token of the tests' Scheme code."""
    tokens: set[str] = set()
    for path in TESTS.rglob("*.scm"):
        tokens |= scheme_tokens(path.read_text(encoding="utf-8", errors="replace"))
    for path in TESTS.rglob("*.py"):
        tokens |= scheme_tokens(python_scheme_strings(path))
    return tokens


def coverage() -> tuple[dict[str, set[str]], set[str]]:
    """The library's names per module, and the tokens the tests use."""
    return library_names(Interpreter()), mentioned_tokens()


def report(per_module: dict[str, set[str]], tokens: set[str], detailed: bool) -> str:
    """The figures: a summary line, and with DETAILED one line per module."""
    everything = set().union(*per_module.values())
    mentioned = everything & tokens
    core = per_module["(guile)"]
    lines = [f"library coverage: {len(mentioned)} of {len(everything)} names mentioned in tests "
             f"({100 * len(mentioned) / len(everything):.1f}%); (guile) {len(core & tokens)} of "
             f"{len(core)}, other modules {len((everything - core) & tokens)} of "
             f"{len(everything - core)}"]
    if detailed:
        for label, names in per_module.items():
            lines.append(f"  {label}: {len(names & tokens)}/{len(names)}")
    return "\n".join(lines)


def test_library_coverage_is_computed(capsys: pytest.CaptureFixture[str]) -> None:
    per_module, tokens = coverage()
    assert len(per_module["(guile)"]) > 0
    with capsys.disabled():
        print("\n" + report(per_module, tokens, detailed=False))


if __name__ == "__main__":
    print(report(*coverage(), detailed=True))

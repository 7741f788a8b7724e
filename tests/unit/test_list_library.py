"""The Scheme list library: the autoloaded default-environment procedures and (srfi srfi-1).

Behaviour is checked against Guile by tests/conformance/31-srfi-1-full.scm and 32-list-library.scm;
these tests guard the plumbing: the autoload header, the export list, and the default environment
staying as small as Guile's.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from schemeth.data.procedures import Procedure
from schemeth.interpreter import Interpreter

STDLIB = Path(__file__).resolve().parents[2] / "stdlib"
LISTS = STDLIB / "ice-9" / "autoload" / "lists.scm"
SRFI1 = STDLIB / "srfi" / "srfi-1.scm"


def provided_names() -> list[str]:
    """The names listed on the `;;; provides:` lines of the autoload file."""
    names = []
    for line in LISTS.read_text(encoding="utf-8").splitlines():
        if not line.startswith(";;;"):
            break
        if line.startswith(";;; provides:"):
            names += line.split(":", 1)[1].split()
    return names


def defined_names(path: Path) -> set[str]:
    """The top-level names a Scheme file defines."""
    text = path.read_text(encoding="utf-8")
    return set(re.findall(r"^\(define\*? \(?([^\s()]+)", text, re.MULTILINE))


def srfi1_exports() -> list[str]:
    """Every name in the define-module form of srfi-1.scm."""
    text = SRFI1.read_text(encoding="utf-8")
    form = text[text.index("(define-module"):text.index(";;; Argument checks")]
    words = re.findall(r"[^\s()]+", form)
    return [w for w in words if not w.startswith("#:") and w not in ("define-module", "srfi", "srfi-1")]


@pytest.fixture(scope="module")
def interp() -> Interpreter:
    return Interpreter()


def test_autoload_header_matches_definitions() -> None:
    provided = provided_names()
    assert len(provided) == len(set(provided))
    assert set(provided) <= defined_names(LISTS)


def test_provided_names_are_procedures(interp: Interpreter) -> None:
    for name in provided_names():
        assert isinstance(interp.eval(name), Procedure), name


def test_srfi1_exports_every_name_once(interp: Interpreter) -> None:
    names = srfi1_exports()
    assert len(names) == len(set(names)) == 149
    mod = interp.modules.resolve(("srfi", "srfi-1"))
    for name in names:
        var = mod.public_variable(interp.eval(f"'{name}"))
        assert var is not None, name
    interp.eval("(use-modules (srfi srfi-1))")
    for name in names:
        assert isinstance(interp.eval(name), Procedure), name


def test_srfi1_only_names_stay_out_of_the_default_environment() -> None:
    fresh = Interpreter()
    for name in ("fold", "reduce", "partition", "any", "every", "delete-duplicates", "take"):
        assert fresh.eval(f"(catch 'unbound-variable (lambda () {name} #t) (lambda args #f))") is False, name


def test_srfi1_map_stops_at_the_shortest_list(interp: Interpreter) -> None:
    interp.eval("(use-modules (srfi srfi-1))")
    assert interp.eval("(equal? (map + '(1 2 3) '(10 20)) '(11 22))") is True


def test_core_map_handles_long_lists() -> None:
    fresh = Interpreter()
    assert fresh.eval("(length (map 1+ (iota 200000)))") == 200000

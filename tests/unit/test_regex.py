"""Core regexps and (ice-9 regex): the POSIX-to-Python translation and leftmost-longest matching.

Expected values are Guile 3.0.8's (glibc's regex).  The leftmost-longest cases need the `regex`
module; with only `re` they are Python's leftmost-first, as the module docstring says.
"""
from __future__ import annotations

import importlib.util

import pytest

from schemeth.interpreter import Interpreter
from schemeth.primitives.regex import RegexSyntax, compile_posix

from schemedata import plain

HAS_POSIX_ENGINE = importlib.util.find_spec("regex") is not None


@pytest.fixture(scope="module")
def scheme() -> Interpreter:
    interp = Interpreter()
    interp.eval("(use-modules (ice-9 regex))")
    return interp


def spans(scheme: Interpreter, pattern: str, text: str) -> object:
    """The (start . end) pairs of (string-match PATTERN TEXT) as Python tuples, or False."""
    m = scheme.eval(f'(string-match "{pattern}" "{text}")')
    return m if m is False else [(p.car, p.cdr) for p in m[1:]]


@pytest.mark.skipif(not HAS_POSIX_ENGINE, reason="leftmost-longest needs the regex module")
@pytest.mark.parametrize("pattern, text, expected", [
    ("(a|ab)", "abc", [(0, 2), (0, 2)]),
    ("(|a)", "a", [(0, 1), (0, 1)]),
    ("(foo|foobar)", "xfoobarx", [(1, 7), (1, 7)]),
    ("(a|ab)(c|bcd)(d*)", "abcd", [(0, 4), (0, 1), (1, 4), (4, 4)]),
    ("x*(xy)?", "xy", [(0, 2), (0, 2)]),
    ("(a|ab)(bc|c)", "abc", [(0, 3), (0, 1), (1, 3)]),
])
def test_leftmost_longest(scheme, pattern, text, expected) -> None:
    assert spans(scheme, pattern, text) == expected


def test_match_vector_shares_the_string(scheme) -> None:
    assert scheme.eval('(let* ((s (string-copy "abc")) (m (string-match "b" s))) (eq? s (match:string m)))')


def test_unmatched_group_is_minus_one(scheme) -> None:
    assert spans(scheme, "(a)|(b)", "b") == [(0, 1), (-1, -1), (0, 1)]


@pytest.mark.parametrize("pattern, message", [
    ("(", "Unmatched ( or \\("),
    ("[[:nope:]]", "Invalid character class name"),
    ("a{3,2}", "Invalid content of \\{\\}"),
    ("\\1", "Invalid back reference"),
])
def test_syntax_errors(pattern, message) -> None:
    with pytest.raises(RegexSyntax, match=message.replace("\\", "\\\\").replace("(", "\\(")
                       .replace("{", "\\{").replace("}", "\\}")):
        compile_posix(pattern, 1, False, False)


def test_classes_inside_negated_sets_exclude_newline_in_newline_mode() -> None:
    compiled, _ = compile_posix("[^[:alpha:]]", 1 | 4, False, False)
    assert compiled.search("\n") is None
    assert compiled.search("1") is not None


def test_substitute_global_with_a_procedure(scheme) -> None:
    result = scheme.eval('(regexp-substitute/global #f "[a-z]+" "ab cd" \'pre '
                         '(lambda (m) (string-upcase (match:substring m))) \'post)')
    assert plain(result) == "AB CD"

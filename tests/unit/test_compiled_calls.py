"""Generated call and `if` nodes keep the semantics their fast paths bypass; expectations checked on
Guile 3.0.8.  Also the autoload files that hold the default environment's Scheme procedures."""
from __future__ import annotations

from pathlib import Path

import pytest

from schemeth.data.procedures import Procedure
from schemeth.interpreter import Interpreter

from schemedata import plain

AUTOLOAD = Path(__file__).resolve().parents[2] / "stdlib" / "ice-9" / "autoload"


@pytest.fixture()
def interp() -> Interpreter:
    return Interpreter()


def test_open_coded_primitives_take_the_general_path_off_fixnums(interp: Interpreter) -> None:
    interp.eval("(define (inc x) (+ x 1)) (define (less? a b) (if (< a b) 'yes 'no))")
    assert plain(interp.eval("(list (inc 1) (inc 1.5) (inc 1/2) (inc (expt 2 70)))")) == [
        2, 2.5, interp.eval("3/2"), 2 ** 70 + 1]
    assert plain(interp.eval("(list (less? 1 2) (less? 2.5 1) (less? 1/3 1/2))"), True) == [
        "yes", "no", "yes"]
    assert plain(interp.eval("(list (= 1 1.0) (- 5) (1+ 2.5) (zero? 0.0) (car (cons 1 2)))")) == [
        True, -5, 3.5, True, 1]


def test_open_coded_primitive_errors_are_the_primitives(interp: Interpreter) -> None:
    interp.eval("(define (first x) (+ 1 (car x)))")
    key, who = plain(interp.eval("(catch #t (lambda () (first '())) (lambda (key who . rest) (list key who)))"),
                     True)
    assert (key, who) == ("wrong-type-arg", "car")


def test_redefined_globals_are_called_through_their_cells(interp: Interpreter) -> None:
    interp.eval("(define (g) 1) (define (f x) (+ x (g))) (define (h x) (if (< x 0) 'neg (g)))")
    assert interp.eval("(f 1)") == 2
    interp.eval("(define (g) 10) (define (+ a b) (* a b))")
    assert interp.eval("(f 3)") == 30
    assert interp.eval("(h 1)") == 10
    interp.eval("(define (< a b) #t)")
    assert plain(interp.eval("(h 1)"), True) == "neg"


def test_set_on_a_variable_an_inline_call_reads(interp: Interpreter) -> None:
    assert interp.eval("(let ((n 1)) (define (bump) (set! n (+ n 1)) (+ n 0)) (bump) (bump))") == 3


def test_unbound_global_operand_of_an_inline_call(interp: Interpreter) -> None:
    interp.eval("(define (u) (list (car zzz) 1))")
    assert plain(interp.eval("(catch #t u (lambda (key . args) key))"), True) == "unbound-variable"


def test_deep_non_tail_recursion_through_generated_nodes(interp: Interpreter) -> None:
    interp.eval("(define (deep n) (if (= n 0) 0 (+ 1 (deep (- n 1)))))"
                "(define (deep2 n) (if (= n 0) 0 (+ (deep2 0) (deep2 (- n 1)) 1)))")
    assert interp.eval("(deep 200000)") == 200000
    assert interp.eval("(deep2 100000)") == 100000


def test_continuation_captured_in_a_body_a_resume_entered_is_multi_shot(interp: Interpreter) -> None:
    interp.eval("""
      (define k #f)
      (define (leaf x) (call/cc (lambda (c) (if (= x 2) (set! k c)) x)))
      (define (f) (+ 10 (+ (leaf 1) (leaf 2))))
      (define (run)
        (let ((results '()) (n 0))
          (let ((v (f)))
            (set! results (cons v results))
            (set! n (+ n 1))
            (if (< n 3) (k (* n 100)))
            (reverse results))))""")
    assert plain(interp.eval("(run)")) == [13, 111, 211]


def test_several_values_to_an_operand_entered_in_place(interp: Interpreter) -> None:
    interp.eval("(define (one) 1) (define (two) (values 5 6)) (define (f) (+ (one) (two)))")
    assert interp.eval("(f)") == 6


def autoload_files() -> list[Path]:
    return sorted(AUTOLOAD.glob("*.scm"))


def provided(path: Path) -> list[str]:
    """The names on the leading `;;; provides:` lines of an autoload file."""
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith(";;;"):
            break
        if line.startswith(";;; provides:"):
            names += line.split(":", 1)[1].split()
    return names


@pytest.mark.parametrize("path", autoload_files(), ids=lambda p: p.name)
def test_autoload_file_defines_what_it_provides(path: Path) -> None:
    names = provided(path)
    assert names and len(names) == len(set(names))
    fresh = Interpreter()
    for name in names:
        assert fresh.eval(f"(defined? '{name})") is True, name


def test_no_name_is_provided_by_two_autoload_files() -> None:
    seen: dict[str, str] = {}
    for path in autoload_files():
        for name in provided(path):
            assert name not in seen, (name, seen.get(name), path.name)
            seen[name] = path.name


def test_former_boot_procedures_load_on_first_use(interp: Interpreter) -> None:
    for name in ("map", "for-each", "member", "assoc", "sort", "catch", "force", "compose",
                 "with-output-to-string", "pk", "vector-map"):
        assert isinstance(interp.eval(name), Procedure), name
    assert plain(interp.eval("(guard (e (#t (list 'caught e))) (raise 'oops))"), True) == ["caught", "oops"]
    assert plain(interp.eval("(member 2.0 '(1 2 3) =)")) == [2, 3]

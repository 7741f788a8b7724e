"""The REPL's terminal-independent parts: entry completeness, indentation, completion candidates,
the pretty printer, ,expand, the meta-commands and the plain (piped) loop."""
from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from schemeth.interpreter import Interpreter
from schemeth.reader.reader import read_all
from schemeth.repl.commands import command_names
from schemeth.repl.complete import candidates
from schemeth.repl.expand import expand_form
from schemeth.repl.indent import entry_complete, indentation
from schemeth.repl.plain import PlainRepl
from schemeth.repl.pretty import pretty

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def datum(text: str) -> object:
    return read_all(text)[0][0]


def transcript(text: str, interp: Interpreter | None = None) -> str:
    """What the plain REPL prints (results, errors and program output) for TEXT piped in."""
    out = io.StringIO()
    saved = sys.stdout
    sys.stdout = out
    try:
        PlainRepl(interp or Interpreter(), io.StringIO(text)).run()
    finally:
        sys.stdout = saved
    return out.getvalue()


# ---------------------------------------------------------------- Enter: submit or new line

@pytest.mark.parametrize("text", ["(+ 1 2)", "42", "  ", "", "; just a comment", "#| block |#",
                                  "(a) (b)", ",q", ",t (+ 1 2)", ",a string-", ")", "(a\n b)"])
def test_entry_complete(text: str) -> None:
    assert entry_complete(text)


@pytest.mark.parametrize("text", ["(define (f x)", "(a) (b", '"open string', "#| open", ",t (+ 1",
                                  "'", "#\\"])
def test_entry_incomplete(text: str) -> None:
    assert not entry_complete(text)


@pytest.mark.parametrize("text, columns", [
    ("(define (f x)", 2),
    ("(let ((x 1)", 6),
    ("(let ((x 1))", 2),
    ("(foo a", 5),
    ("(foo", 1),
    ("((a b)", 1),
    ("(list 1\n      2", 6),
    ("(if (< a b)", 4),
    ("  (when x", 4),
    ("#(1 2", 4),
    ('"inside a string', 0),
    ("(done)", 0),
    ("(f #\\( x", 3),
])
def test_indentation(text: str, columns: int) -> None:
    assert indentation(text) == columns


# ---------------------------------------------------------------- completion

@pytest.fixture(scope="module")
def interp() -> Interpreter:
    i = Interpreter()
    i.eval('(define (square-it x) "Square X." (* x x))')
    return i


def test_identifier_completion(interp: Interpreter) -> None:
    word, found = candidates(interp, "(map squa", command_names())
    assert word == "squa"
    assert ("square-it", "#<procedure square-it (x)>") in found
    word, found = candidates(interp, "(string-up", command_names())
    assert [name for name, _ in found] == ["string-upcase", "string-upcase!"]


def test_no_identifier_completion_without_a_word(interp: Interpreter) -> None:
    assert candidates(interp, "(map ", command_names()) == ("", [])


def test_module_name_completion(interp: Interpreter) -> None:
    names = lambda before: [n for n, _ in candidates(interp, before, command_names())[1]]
    assert "ice-9" in names("(use-modules (")
    assert "control" in names("(use-modules (ice-9 ")
    assert names("(use-modules (ice-9 con") == ["control"]
    assert names("(define-module (m) #:use-module (ice-9 rec") == ["receive"]
    assert names(",use (ice-9 rec") == ["receive"]
    assert "autoload" not in names("(use-modules (ice-9 ")


def test_meta_command_completion(interp: Interpreter) -> None:
    assert candidates(interp, ",exp", command_names()) == (",exp", [(",exp", ""), (",expand", "")])


# ---------------------------------------------------------------- pretty printer and ,expand

def test_pretty_breaks_code_like_guile() -> None:
    form = datum("((define (f x) (let loop ((i 0)) (if (< i 10) (loop (+ i 1)) (list i x x x x x x x x x))))"
                 " 1 2)")
    assert pretty(form, 40) == (
        "((define (f x)\n"
        "   (let loop ((i 0))\n"
        "     (if (< i 10)\n"
        "       (loop (+ i 1))\n"
        "       (list i x x x x x x x x x))))\n"
        " 1\n"
        " 2)")


def test_pretty_fills_atoms_and_keeps_short_data_flat() -> None:
    assert pretty(datum("(1 2 3)")) == "(1 2 3)"
    assert pretty(datum("(quote (a b))")) == "'(a b)"
    assert pretty(datum("(" + " ".join(map(str, range(30))) + ")"), 30).splitlines()[0] == \
        "(0 1 2 3 4 5 6 7 8 9 10 11 12"


def test_expand_shows_core_forms(interp: Interpreter) -> None:
    interp.eval("(define-syntax-rule (swap! a b) (let ((t a)) (set! a b) (set! b t)))")
    assert pretty(expand_form(interp, datum("(swap! p q)"))) == "(let ((t p)) (set! p q) (set! q t))"
    assert pretty(expand_form(interp, datum("(let ((x 1)) (when x (display x)))"))) == \
        "(let ((x 1)) (if x (begin (display x))))"
    assert pretty(expand_form(interp, datum("'(when 1 2)"))) == "'(when 1 2)"
    assert pretty(expand_form(interp, datum("(lambda (when) (when 1))"))) == "(lambda (when) (when 1))"


# ---------------------------------------------------------------- the plain loop and meta-commands

def test_results_are_numbered_and_reusable() -> None:
    assert transcript("(+ 1 2)\n(define x 5)\n(* x 2)\n(values 1 2)\n(values)\n(if #f #f)\n$1\n") == \
        "$1 = 3\n$2 = 10\n$3 = 1\n$4 = 2\n$5 = 3\n"


def test_multi_line_entries_and_several_data_per_line() -> None:
    assert transcript("(define (f x)\n  (* x x))\n(f 3) (f 4)\n") == "$1 = 9\n$2 = 16\n"


def test_output_is_followed_by_a_fresh_line() -> None:
    assert transcript('(display "hi")\n(+ 1 1)\n') == "hi\n$1 = 2\n"


def test_error_keeps_definitions_and_dynamic_state() -> None:
    text = ("(define p (make-parameter 1))\n(define (f x) (car x))\n"
            "(parameterize ((p 2)) (f 1))\n(p)\n(f (list 7))\n")
    out = transcript(text)
    assert "In procedure car: Wrong type argument in position 1 (expecting pair): 1\n" in out
    assert out.endswith("$1 = 1\n$2 = 7\n")


def test_read_error_is_reported() -> None:
    out = transcript("(+ 1 2))\n(+ 2 2)\n")
    assert out.startswith("$1 = 3\n")
    assert out.endswith("$2 = 4\n")


def test_quit_and_exit_status() -> None:
    assert transcript(",q\n(display 1)\n") == ""
    interp = Interpreter()
    assert PlainRepl(interp, io.StringIO("(exit 3)\n"), io.StringIO()).run() == 3


def test_meta_commands() -> None:
    out = transcript(",d (lambda (x) \"Doc.\" x)\n,t (+ 1 1)\n,exp (unless a b)\n,pp '(a b)\n"
                     ",foo\n,m\n,help\n")
    lines = out.splitlines()
    assert lines[0].startswith("#<procedure ") and lines[1] == "Doc."
    assert lines[2] == "$1 = 2" and lines[3].startswith(";; ") and "real time" in lines[3]
    assert lines[4] == "$2 = (if a #<unspecified> (begin b))"
    assert lines[5] == "$3 = (a b)"
    assert lines[6] == "Unknown meta command: foo"
    assert lines[7] == "(guile-user)"
    assert any(line.startswith(" ,expand EXP") for line in lines)


def test_module_switch_and_bindings() -> None:
    out = transcript(",m (scratch pad)\n(define z 1)\n,b\n,m\n,m (guile-user)\nz\n,a ^string-upcase$\n")
    assert out == ("z\t1\n(scratch pad)\nUnbound variable: z\n"
                   "(guile): string-upcase\t#<procedure string-upcase (_ #:optional _ _)>\n")


def test_define_module_switches_the_prompt_module() -> None:
    interp = Interpreter()
    PlainRepl(interp, io.StringIO("(define-module (made here))\n(define w 2)\n"), io.StringIO()).run()
    assert interp.module.name == ("made", "here")


def test_load_and_reload(tmp_path: object) -> None:
    lib = tmp_path / "mylib"
    lib.mkdir()
    (lib / "util.scm").write_text("(define-module (mylib util) #:export (twice))\n"
                                  "(define (twice x) (* 2 x))\n")
    script = tmp_path / "s.scm"
    script.write_text("(define from-file 42)\n")
    interp = Interpreter([str(tmp_path)])
    out = transcript(f",l {script}\nfrom-file\n,use (mylib util)\n(twice 4)\n,re (mylib util)\n"
                     f"(twice 5)\n,l /no/such/file.scm\n", interp)
    assert out.startswith("$1 = 42\n$2 = 8\n$3 = 10\n")
    assert 'No such file or directory: "/no/such/file.scm"' in out


def test_trace_control_toggles(capsys: pytest.CaptureFixture) -> None:
    interp = Interpreter()
    out = transcript(",trace-control\n,trace-control\n", interp)
    assert out == ";; trace-control on\n;; trace-control off\n"
    assert interp.machine.regs.trace is None


def test_k_shows_frames_of_the_last_continuation() -> None:
    out = transcript("(define tag (make-prompt-tag))\n"
                     "(define k (call-with-prompt tag (lambda () (* 2 (+ 1 (abort-to-prompt tag))))"
                     " (lambda (k) k)))\n,k\n")
    assert "#<continuation (* 2 (+ 1 []))>" in out
    assert "(+ 1 [])" in out.splitlines()[-2] and "(* 2 [])" in out.splitlines()[-1]


def test_backtrace_of_last_error() -> None:
    out = transcript("(define (f x) (+ 1 (g x)))\n(define (g x) (car x))\n(f 1)\n,bt\n")
    assert "Backtrace:" in out
    assert out.count("(+ 1 (g x))") == 2


def test_piped_cli_prints_only_results() -> None:
    proc = subprocess.run([sys.executable, "-m", "schemeth"], input="(+ 1 2)\n(define x 5)\n(* x 2)\n",
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.stdout == "$1 = 3\n$2 = 10\n"
    assert proc.returncode == 0


def test_piped_cli_does_not_import_prompt_toolkit() -> None:
    code = ("import sys, io; sys.stdin = io.StringIO('(+ 1 2)\\n'); from schemeth.cli import main; "
            "main([]); print('prompt_toolkit' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.stdout == "$1 = 3\nFalse\n"

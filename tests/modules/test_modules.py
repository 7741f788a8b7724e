"""The module system end to end: `python -m schemeth -L fixtures/lp1 ...` on the modules in fixtures/.

Expected outputs, warnings included, are what Guile 3.0.8 prints for the same programs (checked by
running `guile -L lp1 -c ...` in tests/modules/fixtures).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run(code: str | None, *options: str, env: dict | None = None,
        file: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run schemeth in the fixtures directory on CODE (or FILE) with OPTIONS before it."""
    full_env = dict(os.environ)
    full_env.pop("SCHEMETH_LOAD_PATH", None)
    full_env.update(env or {})
    full_env["PYTHONPATH"] = str(REPO)
    program = [file] if file else ["-c", code]
    return subprocess.run([sys.executable, "-m", "schemeth", *options, *program], cwd=FIXTURES,
                          env=full_env, capture_output=True, text=True, timeout=60, check=False)


def out(code: str, *options: str, env: dict | None = None) -> str:
    """Stdout of a clean run (no stderr) with lp1 on the load path."""
    result = run(code, "-L", "lp1", *options, env=env)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout


# -- interface options ---------------------------------------------------------------------------

def test_select_with_renaming() -> None:
    code = ("(use-modules ((fx base) #:select (shout (twice . dbl))))"
            "(write (list (shout \"hi\") (dbl 4) (defined? 'twice)))")
    assert out(code) == '("hi!" 8 #f)'


def test_hide_then_prefix() -> None:
    code = ("(use-modules ((fx base) #:hide (twice) #:prefix b:))"
            "(write (list (b:shout \"x\") (defined? 'b:twice) (defined? 'shout)))")
    assert out(code) == '("x!" #f #f)'


def test_select_then_prefix() -> None:
    code = "(use-modules ((fx base) #:select (twice) #:prefix p:)) (write (list (p:twice 2) (defined? 'p:shout)))"
    assert out(code) == "(4 #f)"


def test_renamer() -> None:
    code = "(use-modules ((fx base) #:renamer (symbol-prefix-proc 'fx-))) (write (fx-twice 5))"
    assert out(code) == "10"


def test_select_of_unexported_name_is_an_error() -> None:
    code = ("(write (catch #t (lambda () (eval '(use-modules ((fx base) #:select (%helper))) "
            "(current-module))) (lambda args args)))")
    assert out(code) == ('(unbound-variable "resolve-interface" "no binding `~A\' in module ~A" '
                         '(%helper (fx base)) #f)')


# -- conflicts and #:replace ---------------------------------------------------------------------

def test_replace_overrides_core_silently_export_warns() -> None:
    result = run("(use-modules (fx replacer)) (write (list (length '(1 2)) (reverse 1)))", "-L", "lp1")
    assert result.stdout == "(my-length my-reverse)"
    assert result.stderr == ("WARNING: (guile-user): imported module (fx replacer) overrides core "
                             "binding `reverse'\n")


def test_later_import_wins_with_warning() -> None:
    result = run('(use-modules (fx base) (fx other)) (write (shout "a"))', "-L", "lp1")
    assert result.stdout == '"a?"'
    assert result.stderr == "WARNING: (guile-user): `shout' imported from both (fx base) and (fx other)\n"


def test_unreferenced_conflict_does_not_warn() -> None:
    assert out("(use-modules (fx base) (fx other)) (write only-other)") == "other"


def test_r7rs_base_overrides_core_like_guile() -> None:
    result = run("(import (scheme base)) (write (map + '(1 2 3) '(10 20)))")
    assert result.stdout == "(11 22)"
    assert result.stderr == ("WARNING: (guile-user): imported module (scheme base) overrides core "
                             "binding `map'\n")


# -- macros across modules -----------------------------------------------------------------------

def test_exported_macros_use_private_helpers_hygienically() -> None:
    code = ("(use-modules (fx base)) (define (%helper x) 'user-helper) (define t 5)"
            "(write (list (with-helper 1) (my-or #f t) (let ((t 7)) (my-or #f t))))")
    assert out(code) == "((helped 1) 5 7)"


def test_macro_selected_alone_still_reaches_its_helper() -> None:
    assert out("(use-modules ((fx base) #:select (with-helper))) (write (with-helper 2))") == "(helped 2)"


# -- finding and loading modules -----------------------------------------------------------------

def test_minus_l_comes_before_environment_path() -> None:
    code = "(use-modules (fx where) (fx only2)) (display (list where only2))"
    assert out(code, env={"SCHEMETH_LOAD_PATH": "lp2"}) == "(lp1 only in lp2)"


def test_environment_path_comes_before_stdlib() -> None:
    result = run("(use-modules (fx where) (ice-9 q)) (display (list where q-origin))",
                 env={"SCHEMETH_LOAD_PATH": "lp2"})
    assert result.stdout == "(lp2 lp2 shadows the stdlib)"


def test_stdlib_is_searched_last() -> None:
    assert out("(use-modules (ice-9 q)) (write (q? (make-q)))") == "#t"


def test_module_loads_once() -> None:
    code = ("(use-modules (fx counter)) (use-modules (fx counter)) (resolve-module '(fx counter))"
            "(write counter-value)")
    assert out(code) == "loading (fx counter)\n42"


def test_missing_module_is_an_error() -> None:
    result = run("(use-modules (fx nowhere))", "-L", "lp1")
    assert result.returncode == 1
    assert "no code for module (fx nowhere)" in result.stderr


def test_load_path_variable_and_add_to_load_path() -> None:
    code = ('(write (list (list? %load-path) (string? (car %load-path))))'
            '(set! %load-path (cons "lp2" %load-path)) (use-modules (fx where)) (display where)'
            '(add-to-load-path "lp1") (use-modules (fx counter)) (display (car %load-path))')
    result = run(code)
    assert result.stdout == "(#t #t)lp2loading (fx counter)\nlp1"


def test_procedural_macros_expand_to_their_modules_bindings() -> None:
    code = ("(use-modules (fx procmacros)) (define (double x) 'user-double)"
            "(define-twice pair 'a) (write (list (with-double 21) pair (defined? 'double)"
            " (count-expansions) (count-expansions)))")
    assert out(code) == "(42 (a a) #t 1 2)"


# -- cycles and autoload -------------------------------------------------------------------------

def test_import_cycle_shares_partly_loaded_modules() -> None:
    code = "(use-modules (fx cyc a) (fx cyc b)) (write (list (a-uses-b) (b-uses-a)))"
    assert out(code) == "((a-sees b) (b-sees a))"


def test_failing_import_cycle_is_named() -> None:
    result = run("(use-modules (fx badcyc a))", "-L", "lp1")
    assert result.returncode == 1
    assert ("module import cycle: (fx badcyc a) -> (fx badcyc b) -> (fx badcyc a)"
            in result.stderr)
    assert "Unbound variable: a-value" in result.stderr


def test_autoload_loads_on_first_use() -> None:
    code = "(use-modules (fx autouser)) (display \"before\\n\") (write (call-lazy))"
    assert out(code) == "loading (fx autouser)\nloading (fx lazy)\nbefore\nlazy-f"


def test_autoload_offers_only_listed_names() -> None:
    code = ("(define-module (t) #:autoload (fx lazy) (lazy-f)) (display (defined? 'lazy-g))"
            "(display \" then \") (display (lazy-f))")
    assert out(code) == "#f then loading (fx lazy)\nlazy-f"


def test_module_ref_forms_trigger_core_autoloads() -> None:
    code = ("(write (list (procedure? (@ (guile) and-map)) "
            "(procedure? (module-ref (resolve-module '(guile)) 'or-map))))")
    assert out(code) == "(#t #t)"


# -- R7RS libraries ------------------------------------------------------------------------------

def test_define_library_with_includes_renames_and_cond_expand() -> None:
    code = ("(import (r7 util) (prefix (only (r7 util) double) u:) (rename (only (r7 util) quad) (quad q4)))"
            "(write (list (double 2) (triple 2) (u:double 5) (quad 3) (q4 1) flavour has-srfi-1"
            " (bump!) (bump!) counter (defined? 'internal-triple)))")
    assert out(code) == "(4 6 10 12 4 r7rs #t 1 2 2 #f)"


def test_except_import_set() -> None:
    assert out("(import (except (r7 util) double)) (write (list (defined? 'double) (quad 1)))") == "(#f 4)"


def test_library_is_pure() -> None:
    code = ("(define-library (t pure) (import (scheme base)) (export f)"
            " (begin (define (f) (string-index \"abc\" #\\b))))"
            "(import (t pure)) (write (catch #t f (lambda (key . args) key)))")
    assert out(code) == "unbound-variable"


def test_eval_in_r7rs_environment() -> None:
    code = ("(import (scheme eval)) (write (list (eval '(let-values (((a b) (values 1 2))) (list a b))"
            " (environment '(scheme base))) (eval '(+ 1 2) (environment '(only (scheme base) +)))"
            " (catch #t (lambda () (eval '(car 1) (environment '(only (scheme base) +))))"
            " (lambda (key . args) key))))")
    assert out(code) == "((1 2) 3 unbound-variable)"


# -- load, include, eval -------------------------------------------------------------------------

def test_load_and_include_are_relative_to_the_loading_file() -> None:
    result = run(None, file="loaddir/main.scm")
    assert result.stderr == ""
    assert result.stdout == "(child-value child sibling-value sibling)\n(included inc)\n#t\n"


def test_load_error_reaches_catch() -> None:
    code = ("(write (catch #t (lambda () (load \"loaddir/nope.scm\")) (lambda (key . args) key)))"
            "(write (catch 'oops (lambda () (eval '(begin (define x 1) (throw 'oops x)) (current-module)))"
            " (lambda (key v) (list key v))))")
    assert out(code) == "system-error(oops 1)"


def test_load_path_forms_search_the_load_path() -> None:
    code = ('(include-from-path "loaddir/inc") (load-from-path "loaddir/sibling.scm")'
            "(write (list included-value sibling-value))")
    assert out(code, "-L", ".") == "(inc sibling)"


def test_primitive_load_is_relative_to_cwd() -> None:
    assert out('(primitive-load "loaddir/sibling.scm") (write sibling-value)') == "sibling"


def test_eval_defines_in_the_given_module() -> None:
    code = ("(define m (resolve-module '(fx base))) (eval '(define fresh 1) m)"
            "(write (list (module-ref m 'fresh) (defined? 'fresh) (primitive-eval '(+ 1 2))))")
    assert out(code) == "(1 #f 3)"


def test_import_set_naming_a_missing_binding_is_an_error() -> None:
    code = ("(write (catch #t (lambda () (eval '(import (only (r7 util) double nowhere)) (current-module)))"
            " (lambda (key . args) (list key (caddr args)))))")
    assert out(code) == "(misc-error (nowhere (r7 util)))"

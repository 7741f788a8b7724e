"""Definitions inside bodies and at toplevel: recognising them and taking them apart."""
from __future__ import annotations

from ..data.conditions import syntax_error
from ..data.values import NIL, UNSPECIFIED, Pair
from .core import core
from .scope import Scope, is_identifier, strip

DEFINE_FORMS = {"define": "lambda", "define*": "lambda*", "define-public": "lambda"}


def head_form(compiler: object, f: object, scope: Scope | None) -> str | None:
    """The name of the special form F uses, if any."""
    if type(f) is not Pair:
        return None
    macro = compiler.macro_at_head(f, scope)
    return getattr(macro, "name", None) if macro is not None and hasattr(macro, "analyze") else None


def classify(compiler: object, f: object, scope: Scope | None) -> str:
    """One of begin, define, define-syntax, expr."""
    name = head_form(compiler, f, scope)
    if name == "begin":
        return "begin"
    if name in DEFINE_FORMS:
        return "define"
    if name in ("define-syntax", "define-syntax-rule"):
        return "define-syntax"
    return "expr"


def parse_define(f: Pair) -> tuple:
    """(define name expr) or (define (name . params) body...) -> (name, expr); curried forms nest."""
    who = f.car
    if type(f.cdr) is not Pair:
        raise syntax_error("define", "bad define", strip(f))
    target, rest = f.cdr.car, f.cdr.cdr
    lam = core(DEFINE_FORMS.get(strip(who).name, "lambda"))
    while type(target) is Pair:
        rest = Pair(Pair(lam, Pair(target.cdr, rest)), NIL)
        target = target.car
        lam = core("lambda")
    if not is_identifier(target):
        raise syntax_error("define", "bad define", strip(f))
    if rest is NIL:
        return target, UNSPECIFIED
    if type(rest) is not Pair or rest.cdr is not NIL:
        raise syntax_error("define", "bad define", strip(f))
    return target, rest.car


def define_syntax_local(compiler: object, f: Pair, scope: Scope) -> None:
    """Bind an internal define-syntax (or define-syntax-rule) in SCOPE."""
    from .transformers import make_transformer, syntax_rule_form
    if head_form(compiler, f, scope) == "define-syntax-rule":
        name, spec = syntax_rule_form(f)
    else:
        items = list(f)
        if len(items) != 3 or not is_identifier(items[1]):
            raise syntax_error("define-syntax", "bad syntax", strip(f))
        name, spec = items[1], items[2]
    scope.add_macro(name, make_transformer(compiler, spec, scope, name))

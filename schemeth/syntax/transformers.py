"""Building macro transformers from define-syntax / let-syntax specifications."""
from __future__ import annotations

from ..data.conditions import syntax_error
from ..data.values import NIL, Pair
from .core import core
from .scope import Scope, base_symbol, is_identifier, strip
from .syntax_case import make_procedural_macro
from .syntax_rules import ELLIPSIS, SyntaxRules


def make_transformer(compiler: object, spec: object, scope: Scope | None, name: object) -> object:
    """Turn the right-hand side of define-syntax into a macro object."""
    if type(spec) is Pair and is_identifier(spec.car):
        head = compiler.macro_at_head(spec, scope)
        if getattr(head, "name", None) == "syntax-rules":
            return parse_syntax_rules(compiler, spec, scope, name)
    if is_identifier(spec):
        target = compiler.macro_at_head(Pair(spec, NIL), scope)
        if target is not None:
            return target
    return make_procedural_macro(compiler, spec, scope, name)


def parse_syntax_rules(compiler: object, spec: Pair, scope: Scope | None, name: object) -> SyntaxRules:
    """(syntax-rules [ellipsis] (literal ...) (pattern template) ...)"""
    items = list(spec)
    ellipsis = ELLIPSIS
    if len(items) > 1 and is_identifier(items[1]):
        ellipsis = base_symbol(items[1])
        items = items[1:]
    if len(items) < 2:
        raise syntax_error("syntax-rules", "bad syntax", strip(spec))
    literals = list(items[1]) if items[1] is not NIL else []
    rules = []
    for rule in items[2:]:
        parts = list(rule) if type(rule) is Pair else []
        if len(parts) != 2:
            raise syntax_error("syntax-rules", "bad rule", strip(rule))
        rules.append((parts[0], parts[1]))
    return SyntaxRules(literals, rules, ellipsis, scope, compiler.module, name)


def syntax_rule_form(f: Pair) -> tuple:
    """(define-syntax-rule (name . pattern) [doc] template) -> (name, syntax-rules spec)."""
    items = list(f)
    if len(items) not in (3, 4) or type(items[1]) is not Pair:
        raise syntax_error("define-syntax-rule", "bad syntax", strip(f))
    name, pattern, template = items[1].car, items[1].cdr, items[-1]
    rule = Pair(Pair(core("_"), pattern), Pair(template, NIL))
    return name, Pair(core("syntax-rules"), Pair(NIL, Pair(rule, NIL)))

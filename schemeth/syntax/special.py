"""The core special forms, one `analyze_*` per form.

Each analyzer takes (compiler, form, scope, name) and returns a node; `SPECIAL_FORMS` lists them for the
core module.  Forms that are plain rewrites into these live in derived.py.
"""
from __future__ import annotations

from ..compiler.compiler import Compiler, proper_list
from ..data.conditions import syntax_error
from ..data.procedures import CaseLambda
from ..data.values import NIL, UNSPECIFIED, Pair, from_list
from .core import core
from .definitions import parse_define
from .quasiquote import expand_quasiquote
from .scope import Scope, base_symbol, is_identifier, strip
from .syntax_case import SYNTAX_CASE_FORMS
from .transformers import make_transformer, syntax_rule_form


def args_of(form: Pair, n_min: int, n_max: int | None, who: str) -> list:
    """The operands of FORM, checked against an operand count range."""
    items = proper_list(form.cdr, who)
    if len(items) < n_min or (n_max is not None and len(items) > n_max):
        raise syntax_error(who, "bad syntax", strip(form))
    return items


def analyze_quote(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(quote datum)"""
    (datum,) = args_of(form, 1, 1, "quote")
    return c.builder.const(strip(datum))


def analyze_quasiquote(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(quasiquote template)"""
    (template,) = args_of(form, 1, 1, "quasiquote")
    return c.compile(expand_quasiquote(template, 1), scope, name)


def analyze_lambda(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(lambda params body ...) and (lambda* params body ...)"""
    items = args_of(form, 2, None, "lambda")
    return c.compile_lambda(items[0], items[1:], scope, name, c.locs.get(id(form)) or c.loc)


def in_toplevel(scope: Scope | None) -> bool:
    """True when no runtime frame encloses SCOPE (only let-syntax scopes, or none)."""
    while scope is not None:
        if scope.runtime:
            return False
        scope = scope.parent
    return True


def analyze_define(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """Toplevel (define ...), (define* ...), (define-public ...)."""
    if not in_toplevel(scope):
        raise syntax_error("define", "definition in expression context, where definitions are not allowed,",
                           strip(form))
    ident, expr = parse_define(form)
    value = c.compile(expr, scope, ident) if expr is not UNSPECIFIED else c.builder.const(UNSPECIFIED)
    if base_symbol(form.car).name == "define-public":
        c.module.export(base_symbol(ident))
    return c.compile_set(ident, value, scope, define=True)


def analyze_set(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(set! var expr), and (set! (proc arg ...) expr) for a procedure with a setter."""
    ident, expr = args_of(form, 2, 2, "set!")
    if type(ident) is Pair:
        call = proper_list(ident, "set!")
        setter = Pair(core("setter"), Pair(call[0], NIL))
        return c.compile(from_list([setter, *call[1:], expr]), scope, name)
    if not is_identifier(ident):
        raise syntax_error("set!", "bad set!", strip(form))
    return c.compile_set(ident, c.compile(expr, scope, ident), scope)


def analyze_if(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(if test then [else])"""
    items = args_of(form, 2, 3, "if")
    else_ = c.compile(items[2], scope) if len(items) == 3 else c.builder.const(UNSPECIFIED)
    loc = c.locs.get(id(form)) or c.loc
    return c.builder.if_(c.compile(items[0], scope), c.compile(items[1], scope), else_,
                         loc[:3] + (form,) if loc else None)


def analyze_begin(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(begin form ...) in expression context."""
    return c.compile_seq(proper_list(form.cdr, "begin"), scope)


def analyze_let(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(let ((var init) ...) body ...) and named let."""
    items = args_of(form, 2, None, "let")
    if is_identifier(items[0]):
        return analyze_named_let(c, form, items, scope)
    names, inits = parse_bindings(items[0], "let")
    init_nodes = [c.compile(e, scope, n) for n, e in zip(names, inits)]
    ls = Scope(scope, c.module)
    for n in names:
        ls.add_var(n)
    body = c.compile_body(items[1:], ls)
    return c.builder.let(init_nodes, ls.nslots, body, c.locs.get(id(form)) or c.loc)


def analyze_named_let(c: Compiler, form: Pair, items: list, scope: Scope | None) -> tuple:
    """(let loop ((var init) ...) body ...): a letrec-bound procedure applied to the inits."""
    if len(items) < 3:
        raise syntax_error("let", "bad syntax", strip(form))
    loop, (names, inits) = items[0], parse_bindings(items[1], "let")
    inits = [shift_node(c, c.compile(e, scope)) for e in inits]
    loc = c.locs.get(id(form)) or c.loc
    return (compile_loop(c, loop, names, inits, items[2:], scope, loc, True)
            or compile_loop(c, loop, names, inits, items[2:], scope, loc, False))


def compile_loop(c: Compiler, loop: object, names: list, inits: list, body: list, scope: Scope | None,
                 loc: tuple | None, known: bool) -> tuple | None:
    """The letrec frame of a named let, its procedure applied to INITS.  KNOWN: calls of LOOP by
    name enter its body directly (see LoopInfo); None when LOOP turns out to be assigned, which
    such calls would not see."""
    ls = Scope(scope, c.module)
    info = ls.add_loop(loop) if known else None
    if not known:
        ls.add_var(loop)
    params = NIL
    for n in reversed(names):
        params = Pair(n, params)
    lam = c.compile_lambda(params, body, ls, loop, loc)
    if info is None:
        call = c.builder.call(c.builder.local_ref(0, 1), inits, loc)
        return c.builder.letrec(ls.nslots, c.builder.sequence([c.builder.local_set(0, 1, lam), call]))
    if info.assigned:
        return None
    info.lam = lam[0].lam
    call = c.builder.loop_call(0, info, inits, loc)
    if info.escapes:
        call = c.builder.sequence([c.builder.local_set(0, 1, lam), call])
    return c.builder.letrec(ls.nslots, call)


def shift_node(c: Compiler, node: tuple) -> tuple:
    """Evaluate NODE (compiled for the outer frame) from inside one extra frame."""
    code, kind = node
    return (lambda env: code(env[0])), kind


def parse_bindings(bindings: object, who: str) -> tuple[list, list]:
    """((var init) ...) -> ([var ...], [init ...]); (var) alone binds an unspecified value."""
    names, inits = [], []
    for b in proper_list(bindings, who):
        parts = proper_list(b, who) if type(b) is Pair else None
        if not parts or not is_identifier(parts[0]) or len(parts) > 2:
            raise syntax_error(who, "bad binding", strip(b))
        names.append(parts[0])
        inits.append(parts[1] if len(parts) == 2 else UNSPECIFIED)
    return names, inits


def analyze_letrec(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(letrec ((var init) ...) body ...) and letrec*: inits see every variable."""
    items = args_of(form, 2, None, "letrec")
    names, inits = parse_bindings(items[0], "letrec")
    ls = Scope(scope, c.module)
    for n in names:
        ls.add_var(n)
    nodes = [c.builder.local_set(0, ls.names[n], c.compile(e, ls, n)) for n, e in zip(names, inits)]
    nodes.append(c.compile_body(items[1:], ls))
    return c.builder.letrec(ls.nslots, c.builder.sequence(nodes))


def analyze_and(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(and expr ...)"""
    items = proper_list(form.cdr, "and")
    if not items:
        return c.builder.const(True)
    node = c.compile(items[-1], scope)
    for expr in reversed(items[:-1]):
        node = c.builder.if_(c.compile(expr, scope), node, c.builder.const(False))
    return node


def analyze_or(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(or expr ...)"""
    items = proper_list(form.cdr, "or")
    if not items:
        return c.builder.const(False)
    return c.builder.or_([c.compile(e, scope) for e in items])


def analyze_define_syntax(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """Toplevel (define-syntax name transformer) and (define-syntax-rule (name . pattern) template)."""
    if base_symbol(form.car).name == "define-syntax-rule":
        ident, spec = syntax_rule_form(form)
    else:
        ident, spec = args_of(form, 2, 2, "define-syntax")
        if not is_identifier(ident):
            raise syntax_error("define-syntax", "bad syntax", strip(form))
    if not in_toplevel(scope):
        raise syntax_error("define-syntax", "definition in expression context", strip(form))
    macro = make_transformer(c, spec, scope, ident)
    if scope is not None:
        scope.add_macro(ident, macro)
    else:
        c.module.define(base_symbol(ident), macro)
    return c.builder.const(UNSPECIFIED)


def analyze_let_syntax(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(let-syntax ((name transformer) ...) body ...) and letrec-syntax."""
    items = args_of(form, 1, None, "let-syntax")
    recursive = base_symbol(form.car).name == "letrec-syntax"
    ms = Scope(scope, c.module, runtime=False)
    for b in proper_list(items[0], "let-syntax"):
        ident, spec = proper_list(b, "let-syntax")
        ms.add_macro(ident, make_transformer(c, spec, ms if recursive else scope, ident))
    if in_toplevel(scope):
        return c.compile_seq(items[1:], ms)
    return c.compile_body(items[1:], ms)


def analyze_syntax_rules(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """syntax-rules outside define-syntax is an error."""
    raise syntax_error("syntax-rules", "syntax-rules used outside of a macro definition", strip(form))


def analyze_case_lambda(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(case-lambda (formals body ...) ...)"""
    loc = c.locs.get(id(form)) or c.loc
    codes = []
    for clause in proper_list(form.cdr, "case-lambda"):
        if type(clause) is not Pair:
            raise syntax_error("case-lambda", "bad clause", strip(clause))
        codes.append(c.compile_lambda(clause.car, proper_list(clause.cdr), scope, name, loc)[0])
    label = base_symbol(name) if name is not None else None
    return (lambda env: CaseLambda([code(env) for code in codes], label)), 0


SPECIAL_FORMS = {
    "quote": analyze_quote, "quasiquote": analyze_quasiquote,
    "lambda": analyze_lambda, "lambda*": analyze_lambda,
    "define": analyze_define, "define*": analyze_define, "define-public": analyze_define,
    "set!": analyze_set, "if": analyze_if, "begin": analyze_begin,
    "let": analyze_let, "letrec": analyze_letrec, "letrec*": analyze_letrec,
    "and": analyze_and, "or": analyze_or,
    "define-syntax": analyze_define_syntax, "define-syntax-rule": analyze_define_syntax,
    "let-syntax": analyze_let_syntax, "letrec-syntax": analyze_let_syntax,
    "syntax-rules": analyze_syntax_rules, "case-lambda": analyze_case_lambda,
    **SYNTAX_CASE_FORMS,
}


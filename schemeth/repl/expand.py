"""Macro expansion for display (the REPL's ,expand): a form -> the same form with every macro use expanded.

The compiler expands macros only as it meets them while compiling; this walks a whole form instead,
expanding each macro use with the compiler's own `macro_at_head`/`expand_macro` and descending into the
operands of core forms.  Names bound by `lambda`, `let` and internal `define` shadow macros of the same
name.  Nothing is evaluated, so macros defined inside the form itself are not known yet.  The result
has its renamed identifiers stripped back to plain symbols.
"""
from __future__ import annotations

from ..compiler.compiler import Compiler, SpecialForm
from ..data.values import NIL, Pair, Symbol, from_list
from ..syntax.scope import base_symbol, is_identifier, strip

# Core forms shown as they are: their operands are not expressions.
OPAQUE = frozenset({"quote", "quasiquote", "define-syntax", "define-syntax-rule", "let-syntax",
                    "letrec-syntax", "syntax-rules", "define-module", "use-modules", "export",
                    "export-syntax", "re-export", "re-export-syntax", "@", "@@", "eval-when"})


def expand_form(interp: object, form: object) -> object:
    """FORM with all its macro uses expanded, in the interpreter's current module."""
    return Expander(Compiler(interp.machine, interp.module)).expand(form, frozenset())


def bound_names(params: object) -> set[Symbol]:
    """The variables a lambda list binds (plain, dotted, or lambda* with defaults)."""
    names: set[Symbol] = set()
    while type(params) is Pair:
        p = params.car
        if type(p) is Pair:
            p = p.car
        if is_identifier(p):
            names.add(base_symbol(p))
        params = params.cdr
    if is_identifier(params):
        names.add(base_symbol(params))
    return names


def items_of(x: object) -> tuple[list, object]:
    """The elements of a possibly improper list, and its tail."""
    items = []
    while type(x) is Pair:
        items.append(x.car)
        x = x.cdr
    return items, x


class Expander:
    """Expands forms recursively for display."""

    def __init__(self, compiler: Compiler) -> None:
        self.compiler = compiler

    def expand(self, x: object, bound: frozenset) -> object:
        """X fully expanded; BOUND holds the names locally bound around X."""
        while type(x) is Pair and is_identifier(x.car) and base_symbol(x.car) not in bound:
            macro = self.compiler.macro_at_head(x, None)
            if macro is None:
                break
            if type(macro) is SpecialForm:
                return self.core(macro.name, x, bound)
            x = self.compiler.expand_macro(macro, x)
        if type(x) is Pair:
            return self.each(x, bound)
        return strip(x)

    def each(self, x: object, bound: frozenset) -> object:
        """Expand every element of the list X."""
        items, tail = items_of(x)
        return from_list([self.expand(i, bound) for i in items], strip(tail))

    def core(self, name: str, x: Pair, bound: frozenset) -> object:
        """Expand inside the core form X named NAME."""
        items, tail = items_of(x)
        if name in OPAQUE or tail is not NIL or len(items) < 2:
            return strip(x)
        head = strip(items[0])
        if name in ("lambda", "lambda*"):
            return Pair(head, self.lambda_tail(items[1], items[2:], bound))
        if name == "case-lambda":
            clauses = [self.lambda_tail(c.car, items_of(c.cdr)[0], bound) for c in items[1:]
                       if type(c) is Pair]
            return from_list([head, *clauses])
        if name in ("define", "define*", "define-public"):
            return self.define(head, items, bound)
        if name in ("let", "letrec", "letrec*"):
            return self.let(name, head, items, bound)
        if name == "set!":
            return from_list([head, strip(items[1]), *[self.expand(i, bound) for i in items[2:]]])
        return from_list([head, *[self.expand(i, bound) for i in items[1:]]])

    def lambda_tail(self, params: object, body: list, bound: frozenset) -> Pair:
        """(PARAMS . BODY) with BODY expanded where PARAMS are bound."""
        inner = bound | bound_names(params) | self.internal_defines(body)
        return Pair(strip(params), from_list([self.expand(b, inner) for b in body]))

    def internal_defines(self, body: list) -> set[Symbol]:
        """Names defined by `(define name ...)` / `(define (name ...) ...)` at the top of BODY."""
        names = set()
        for form in body:
            if type(form) is Pair and is_identifier(form.car) and base_symbol(form.car).name == "define":
                target = form.cdr.car if type(form.cdr) is Pair else None
                while type(target) is Pair:
                    target = target.car
                if is_identifier(target):
                    names.add(base_symbol(target))
        return names

    def define(self, head: Symbol, items: list, bound: frozenset) -> object:
        """(define name expr) or (define (name . params) body ...)."""
        if len(items) < 2:
            return from_list([head, *map(strip, items[1:])])
        target = items[1]
        if type(target) is Pair:
            return Pair(head, self.lambda_tail(target, items[2:], bound))
        return from_list([head, strip(target), *[self.expand(i, bound) for i in items[2:]]])

    def let(self, name: str, head: Symbol, items: list, bound: frozenset) -> object:
        """let (also named), letrec and letrec*: inits, then the body with the variables bound."""
        label = []
        rest = items[1:]
        if name == "let" and rest and is_identifier(rest[0]):
            label, rest = [strip(rest[0])], rest[1:]
        if not rest:
            return from_list([head, *label])
        bindings = [b for b in items_of(rest[0])[0] if type(b) is Pair]
        names = {base_symbol(b.car) for b in bindings if is_identifier(b.car)}
        inner = bound | names | {base_symbol(n) for n in label}
        init_scope = bound if name == "let" else inner
        new_bindings = [from_list([strip(b.car), *[self.expand(e, init_scope)
                                                   for e in items_of(b.cdr)[0]]]) for b in bindings]
        body = [self.expand(f, inner | self.internal_defines(rest[1:])) for f in rest[1:]]
        return from_list([head, *label, from_list(new_bindings), *body])


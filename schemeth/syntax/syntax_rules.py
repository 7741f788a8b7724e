"""syntax-rules: pattern matching and hygienic template instantiation.

`SyntaxRules.expand(form)` matches FORM against each rule and instantiates the first matching template;
every template identifier that is not a pattern variable becomes an `Alias` (one per name per expansion)
bound to the macro's definition environment, which is what makes the expansion hygienic.
"""
from __future__ import annotations

from ..data.conditions import syntax_error
from ..data.values import NIL, Pair, Symbol, from_list, to_list
from .scope import Alias, Scope, base_symbol, is_identifier, strip

ELLIPSIS = Symbol("...")
UNDERSCORE = Symbol("_")


class SyntaxRules:
    """A macro transformer made by syntax-rules."""

    def __init__(self, literals: list, rules: list, ellipsis: object, scope: Scope | None,
                 module: object, name: object = None) -> None:
        self.literals = literals
        self.rules = rules          # [(pattern, template)]
        self.ellipsis = ellipsis
        self.scope = scope
        self.module = module
        self.name = name

    def scheme_repr(self, write: bool) -> str:
        return f"#<syntax-transformer {base_symbol(self.name).name if self.name else ''}>"

    def expand(self, form: object) -> object:
        """Rewrite FORM by the first rule whose pattern matches it."""
        for pattern, template in self.rules:
            b: dict = {}
            # the macro keyword position is ignored, as R7RS says
            if type(pattern) is Pair and self.match(pattern.cdr, form.cdr, b):
                return Instantiation(self, b).build(template)
        raise syntax_error(None, "source expression failed to match any pattern", strip(form))

    def is_ellipsis(self, x: object) -> bool:
        """True when X is this macro's ellipsis identifier."""
        return is_identifier(x) and base_symbol(x) is self.ellipsis

    def is_literal(self, x: object) -> bool:
        """True when X is one of the literals."""
        return any(x is lit or base_symbol(x) is base_symbol(lit) for lit in self.literals)

    def match(self, pat: object, form: object, b: dict) -> bool:
        """Match FORM against PAT, recording pattern variables in B."""
        if is_identifier(pat):
            if self.is_literal(pat):
                return is_identifier(form) and base_symbol(form) is base_symbol(pat)
            if base_symbol(pat) is not UNDERSCORE:
                b[pat] = form
            return True
        if type(pat) is Pair:
            if type(pat.cdr) is Pair and self.is_ellipsis(pat.cdr.car):
                return self.match_ellipsis(pat, form, b)
            return (type(form) is Pair and self.match(pat.car, form.car, b)
                    and self.match(pat.cdr, form.cdr, b))
        if pat is NIL:
            return form is NIL
        if type(pat) is list:
            return type(form) is list and self.match(list_to_pairs(pat), list_to_pairs(form), b)
        return equal_datum(pat, form)

    def match_ellipsis(self, pat: object, form: object, b: dict) -> bool:
        """Match `(p ... tail...)`: as many P as leave enough elements for the tail pattern."""
        rest_pat = pat.cdr.cdr
        min_tail = 0
        p = rest_pat
        while type(p) is Pair:
            min_tail += 1
            p = p.cdr
        items = []
        f = form
        while type(f) is Pair:
            items.append(f)
            f = f.cdr
        n = len(items) - min_tail
        if n < 0:
            return False
        matches = []
        f = form
        for _ in range(n):
            mb: dict = {}
            if not self.match(pat.car, f.car, mb):
                return False
            matches.append(mb)
            f = f.cdr
        for var in pattern_vars(pat.car, self):
            b[var] = EllipsisMatch([m.get(var) for m in matches])
        return self.match(rest_pat, f, b)


class EllipsisMatch:
    """The sequence of bindings a pattern variable got under an ellipsis."""

    __slots__ = ("items",)

    def __init__(self, items: list) -> None:
        self.items = items


class Instantiation:
    """One expansion: pattern bindings plus the renaming table that keeps it hygienic."""

    def __init__(self, macro: object, bindings: dict, renames: dict | None = None) -> None:
        self.macro = macro          # a SyntaxRules, or a syntax-case template
        self.bindings = bindings
        self.renames: dict = {} if renames is None else renames

    def rename(self, ident: object) -> Alias:
        """The alias standing for IDENT throughout this expansion."""
        alias = self.renames.get(ident)
        if alias is None:
            alias = Alias(ident, self.macro.scope, self.macro.module, self.renames)
            self.renames[ident] = alias
        return alias

    def build(self, t: object, b: dict | None = None) -> object:
        """Instantiate template T under bindings B."""
        if b is None:
            b = self.bindings
        if is_identifier(t):
            if t in b:
                if type(b[t]) is EllipsisMatch:
                    raise syntax_error("syntax", "missing ellipsis", from_list([Symbol("syntax"), strip(t)]))
                return b[t]
            return self.rename(t)
        if type(t) is Pair:
            m = self.macro
            if m.is_ellipsis(t.car) and type(t.cdr) is Pair:
                return self.build_escaped(t.cdr.car)
            if type(t.cdr) is Pair and m.is_ellipsis(t.cdr.car):
                sub, rest, depth = t.car, t.cdr.cdr, 1
                while type(rest) is Pair and m.is_ellipsis(rest.car):
                    rest, depth = rest.cdr, depth + 1
                items = self.build_ellipsis(sub, b, depth)
                tail = self.build(rest, b)
                for item in reversed(items):
                    tail = Pair(item, tail)
                return tail
            return Pair(self.build(t.car, b), self.build(t.cdr, b))
        if type(t) is list:
            return to_list(self.build(list_to_pairs(t), b))
        return t

    def build_escaped(self, t: object) -> object:
        """Instantiate `(... template)`: ellipses inside are ordinary identifiers."""
        saved = self.macro.ellipsis
        self.macro.ellipsis = None
        try:
            return self.build(t)
        finally:
            self.macro.ellipsis = saved

    def build_ellipsis(self, sub: object, b: dict, depth: int) -> list:
        """Instantiate SUB once per element of the ellipsis variables it mentions."""
        vars_ = [v for v in identifiers_in(sub) if isinstance(b.get(v), EllipsisMatch)]
        if not vars_:
            raise syntax_error(None, "no pattern variable before ellipsis in template", strip(sub))
        lengths = {len(b[v].items) for v in vars_}
        out: list = []
        for i in range(max(lengths) if len(lengths) == 1 else min(lengths)):
            nb = dict(b)
            for v in vars_:
                nb[v] = b[v].items[i]
            if depth > 1:
                out.extend(self.build_ellipsis(sub, nb, depth - 1))
            else:
                out.append(self.build(sub, nb))
        return out


def identifiers_in(form: object) -> list:
    """Every identifier occurring in FORM (a pattern or template), walking pairs and vectors."""
    out = []
    stack = [form]
    while stack:
        p = stack.pop()
        if is_identifier(p):
            out.append(p)
        elif type(p) is Pair:
            stack.append(p.car)
            stack.append(p.cdr)
        elif type(p) is list:
            stack.extend(p)
    return out


def pattern_vars(pat: object, macro: SyntaxRules) -> list:
    """The pattern variables occurring in PAT."""
    return [p for p in identifiers_in(pat)
            if not macro.is_ellipsis(p) and not macro.is_literal(p) and base_symbol(p) is not UNDERSCORE]


def list_to_pairs(items: list) -> object:
    """A Python list (a vector) as a Scheme list."""
    out: object = NIL
    for x in reversed(items):
        out = Pair(x, out)
    return out


def equal_datum(a: object, b: object) -> bool:
    """Literal data in patterns match by equal?."""
    from ..primitives.equality import is_equal
    return is_equal(a, b)

"""Analysis of expanded Scheme forms into nodes.

`Compiler.compile(form, scope)` expands macros as it meets them, resolves identifiers to lexical slots or
module variables, and builds nodes (see nodes.py).  Special forms are `SpecialForm` objects bound in the
root module, so a user binding of the same name shadows them like any other binding.
"""
from __future__ import annotations

from typing import Callable

from ..data.conditions import SchemeError, syntax_error
from ..data.procedures import Lambda
from ..data.values import DEFAULT, NIL, UNBOUND, UNSPECIFIED, MString, Pair, Symbol, from_list
from ..modules import Autoload
from ..syntax.scope import (Global, Local, MacroRef, Scope, base_symbol, is_identifier, loop_of, resolve,
                            strip)
from .nodes import VALUE, Builder, Node


class SpecialForm:
    """A core syntactic form: `analyze(compiler, form, scope, name)` returns a Node."""

    def __init__(self, name: str, analyze: Callable) -> None:
        self.name = name
        self.analyze = analyze

    def scheme_repr(self, write: bool) -> str:
        return f"#<syntax {self.name}>"


class Rewriter:
    """A derived form implemented as a source-to-source rewrite in Python."""

    def __init__(self, name: str, rewrite: Callable) -> None:
        self.name = name
        self.rewrite = rewrite

    def expand(self, form: object) -> object:
        return self.rewrite(form)

    def scheme_repr(self, write: bool) -> str:
        return f"#<syntax-transformer {self.name}>"


def is_macro(x: object) -> bool:
    """True for anything the compiler expands or analyzes instead of calling."""
    return hasattr(x, "expand") or type(x) is SpecialForm


def proper_list(form: object, who: str = "form") -> list:
    """The elements of a proper list, or a syntax error naming the form."""
    out = []
    x = form
    while type(x) is Pair:
        out.append(x.car)
        x = x.cdr
    if x is not NIL:
        raise syntax_error(who, "bad syntax", strip(form))
    return out


class Compiler:
    """Turns forms into nodes for one interpreter."""

    def __init__(self, machine: object, module: object) -> None:
        self.builder = Builder(machine)
        self.machine = machine
        self.module = module
        self.locs: dict[int, tuple] = {}
        self.located: list = []          # macro expansions given a location in locs
        self.loc: tuple | None = None

    # -- entry points --------------------------------------------------------------------------
    def compile(self, x: object, scope: Scope | None, name: object = None) -> Node:
        """Compile expression X in SCOPE; NAME names a lambda that X may evaluate to."""
        if is_identifier(x):
            return self.compile_ref(x, scope)
        if type(x) is Pair:
            loc = self.locs.get(id(x))
            if loc is None:
                return self.compile_pair(x, scope, name)
            saved, self.loc = self.loc, loc
            try:
                return self.compile_pair(x, scope, name)
            except SchemeError as exc:
                if getattr(exc, "scheme_loc", None) is None:
                    exc.scheme_loc = loc
                raise
            finally:
                self.loc = saved
        if x is NIL:
            raise syntax_error(None, "Illegal empty combination", NIL)
        return self.builder.const(x)

    def compile_pair(self, x: Pair, scope: Scope | None, name: object) -> Node:
        """Compile a special form, a macro use or a call."""
        macro = self.macro_at_head(x, scope)
        if macro is not None:
            if type(macro) is SpecialForm:
                return macro.analyze(self, x, scope, name)
            return self.compile(self.expand_macro(macro, x), scope, name)
        return self.compile_call(x, scope)

    def macro_at_head(self, x: Pair, scope: Scope | None) -> object:
        """The macro or special form named by X's head, or None for a call."""
        head = x.car
        if not is_identifier(head):
            return None
        b = resolve(head, scope, self.module)
        if type(b) is MacroRef:
            return b.macro
        if type(b) is Global:
            var = self.lookup_global(b)
            if var is not None and is_macro(var.value):
                return var.value
        return None

    def lookup_global(self, b: Global) -> object:
        """The variable a Global names, loading its autoload file first if it has one."""
        var = b.module.lookup(b.sym)
        if var is not None and type(var.value) is Autoload:
            stub = var.value
            var.value = UNBOUND
            self.machine.autoload(stub)
        return var

    def expand_head(self, form: object, scope: Scope | None) -> object:
        """FORM with macro uses at its head expanded until a special form or a call heads it (what
        bodies and toplevels do to find definitions and `begin`s before compiling)."""
        while type(form) is Pair:
            macro = self.macro_at_head(form, scope)
            if macro is None or type(macro) is SpecialForm:
                break
            form = self.expand_macro(macro, form)
        return form

    def expand_macro(self, macro: object, x: Pair) -> object:
        """Expand one macro use, keeping the source location for the result (and its errors)."""
        loc = self.locs.get(id(x)) or self.loc
        try:
            out = macro.expand(x)
        except SchemeError as exc:
            if getattr(exc, "scheme_loc", None) is None:
                exc.scheme_loc = loc
            raise
        if type(out) is Pair and loc is not None and id(out) not in self.locs:
            self.locs[id(out)] = loc
            self.located.append(out)    # alive, so no later form can reuse its id and its location
        return out

    # -- variables -----------------------------------------------------------------------------
    def compile_ref(self, ident: object, scope: Scope | None) -> Node:
        """Compile a variable reference."""
        b = resolve(ident, scope, self.module)
        if type(b) is Local:
            self.mark_escape(b, scope)
            return self.builder.local_ref(b.depth, b.index)
        var = self.lookup_global(b) if type(b) is Global else None
        macro = b.macro if type(b) is MacroRef else var.value if var is not None and is_macro(var.value) else None
        if macro is None:
            return self.builder.global_ref(b.module, b.sym, var)
        expand = getattr(macro, "expand_identifier", None)
        if expand is None:
            raise syntax_error(base_symbol(ident).name, "bad use of syntax", strip(ident))
        return self.compile(expand(ident), scope)

    def compile_set(self, ident: object, value: Node, scope: Scope | None, define: bool = False) -> Node:
        """Compile an assignment (or a toplevel definition)."""
        b = resolve(ident, scope, self.module)
        if type(b) is Local and not define:
            self.mark_escape(b, scope, True)
            return self.builder.local_set(b.depth, b.index, value)
        if type(b) is MacroRef:
            raise syntax_error("set!", "bad set!", strip(ident))
        if define:
            return self.builder.global_set(self.module, base_symbol(ident), value, True)
        return self.builder.global_set(b.module, b.sym, value, False)

    @staticmethod
    def mark_escape(binding: Local, scope: Scope | None, assigned: bool = False) -> None:
        """Note that the local BINDING, if it is the procedure of a named let, is used other than
        called (and whether it is ASSIGNED)."""
        loop = loop_of(binding, scope)
        if loop is not None:
            loop.escapes = True
            loop.assigned = loop.assigned or assigned

    # -- calls ---------------------------------------------------------------------------------
    def compile_call(self, x: Pair, scope: Scope | None) -> Node:
        """Compile (f arg ...)."""
        items = proper_list(x, "application")
        head = resolve(items[0], scope, self.module) if is_identifier(items[0]) else None
        loop = loop_of(head, scope)
        fnode = None if loop is not None else self.compile(items[0], scope)
        args = [self.compile(a, scope) for a in items[1:]]
        loc = self.locs.get(id(x)) or self.loc
        loc = loc + (x,) if loc else None
        if loop is not None:
            return self.builder.loop_call(head.depth, loop, args, loc)
        return self.builder.call(fnode, args, loc)

    def compile_seq(self, forms: list, scope: Scope | None) -> Node:
        """Compile forms for `begin` in expression context."""
        if not forms:
            return self.builder.const(UNSPECIFIED)
        return self.builder.sequence([self.compile(f, scope) for f in forms], self.contexts(forms))

    def contexts(self, forms: list) -> list:
        """Per statement of a body, its location plus the `(begin stmt rest...)` form that a
        continuation waiting on that statement shows."""
        begin = Symbol("begin")
        out = []
        for i, form in enumerate(forms):
            loc = self.locs.get(id(form)) or self.loc
            out.append(loc[:3] + (Pair(begin, from_list(forms[i:])),) if loc else None)
        return out

    # -- bodies --------------------------------------------------------------------------------
    def compile_body(self, forms: list, scope: Scope) -> Node:
        """Compile a lambda/let body: internal definitions become slots of SCOPE's frame."""
        items = self.scan_body(forms, scope)
        if not items:
            raise syntax_error(None, "body should end with an expression", NIL)
        nodes = []
        forms = []
        for item in items:
            if item[0] == "define":
                _, ident, expr = item
                nodes.append(self.compile_set(ident, self.compile(expr, scope, base_symbol(ident)), scope))
                forms.append(from_list([Symbol("define"), ident, expr]))
            else:
                nodes.append(self.compile(item[1], scope))
                forms.append(item[1])
        if items[-1][0] == "define":
            nodes.append(self.builder.const(UNSPECIFIED))
            forms.append(UNSPECIFIED)
        return self.builder.sequence(nodes, self.contexts(forms))

    def scan_body(self, forms: list, scope: Scope) -> list:
        """Expand head macros to find internal definitions; allocate their slots in order."""
        from ..syntax import definitions
        items: list = []
        queue = list(forms)
        while queue:
            f = self.expand_head(queue.pop(0), scope)
            kind = definitions.classify(self, f, scope)
            if kind == "begin":
                queue[0:0] = proper_list(f.cdr, "begin")
            elif kind == "define":
                ident, expr = definitions.parse_define(f)
                if ident not in scope.runtime_frame().names:
                    scope.runtime_frame().add_var(ident)
                items.append(("define", ident, expr))
            elif kind == "define-syntax":
                definitions.define_syntax_local(self, f, scope)
            else:
                items.append(("expr", f))
        return items

    # -- lambda --------------------------------------------------------------------------------
    def compile_lambda(self, params: object, body: list, scope: Scope | None, name: object,
                       loc: tuple | None) -> Node:
        """Compile (lambda PARAMS . BODY), including Guile's lambda* #:optional/#:key/#:rest."""
        from .lambda_list import parse_params
        spec = parse_params(params)
        ls = Scope(scope, self.module, runtime=True)
        for p in spec.req:
            ls.add_var(p)
        prologue = self.bind_with_defaults(spec.opt, ls)
        if spec.rest is not None:
            ls.add_var(spec.rest)
        prologue += self.bind_with_defaults([(p, d) for p, _, d in spec.keys], ls)
        doc = None
        if len(body) > 1 and type(body[0]) is MString:
            doc = body[0].s
            body = body[1:]
        body_node = self.compile_body(body, ls)
        if prologue:
            body_node = self.builder.sequence(prologue + [body_node])
        body_node = self.builder.tail(body_node)
        lam = Lambda(base_symbol(name) if name is not None else None, len(spec.req), len(spec.opt),
                     spec.rest is not None, ls.nslots, body_node[0], spec.names(), loc, doc, spec)
        from .lambda_list import make_enter
        lam.enter = make_enter(lam, spec)
        return self.builder.lambda_(lam)

    def bind_with_defaults(self, params: list, ls: Scope) -> list:
        """Add optional/keyword PARAMS to LS in order; return the nodes that fill in defaults.

        Each default expression is compiled before its own parameter is bound, so it sees the
        earlier parameters and, for its own name, the outer binding -- as in Guile.
        """
        nodes = []
        for ident, default in params:
            value = self.compile(default, ls) if default is not None else None
            index = ls.add_var(ident)
            if value is None:
                continue
            test = (lambda env, i=index: env[i] is DEFAULT), VALUE
            nodes.append(self.builder.if_(test, self.builder.local_set(0, index, value),
                                          self.builder.const(UNSPECIFIED)))
        return nodes


"""Parameter lists: plain, dotted, and Guile's lambda* with #:optional, #:key, #:rest, #:allow-other-keys.

`parse_params` reads a parameter list into a `ParamSpec`; `make_enter` builds the function that binds
arguments into a fresh frame `[closure-env, req..., opt..., rest, key..., internal-defines...]` and jumps
into the body.  Parameters whose default is an expression are left as DEFAULT for the body's prologue.
"""
from __future__ import annotations

from typing import Callable

from ..data.conditions import guile_error, syntax_error, wrong_num_args
from ..data.procedures import Lambda
from ..data.values import DEFAULT, NIL, UNBOUND, Keyword, Pair, from_list
from ..syntax.scope import base_symbol, is_identifier, strip

OPTIONAL, KEY, REST, ALLOW = (Keyword("optional"), Keyword("key"), Keyword("rest"),
                              Keyword("allow-other-keys"))


class ParamSpec:
    """A parsed parameter list."""

    def __init__(self) -> None:
        self.req: list = []
        self.opt: list = []        # (ident, default-form | None)
        self.rest: object = None
        self.keys: list = []       # (ident, keyword, default-form | None)
        self.allow_other_keys = False

    def names(self) -> list:
        """Parameter names in frame order, for printing the procedure."""
        out = [base_symbol(p) for p in self.req] + [base_symbol(p) for p, _ in self.opt]
        if self.rest is not None:
            out.append(base_symbol(self.rest))
        return out + [base_symbol(p) for p, _, _ in self.keys]

    def is_simple(self) -> bool:
        """True when only required (and maybe rest) parameters are used."""
        return not self.opt and not self.keys


def parse_params(params: object) -> ParamSpec:
    """Parse a lambda or lambda* parameter list."""
    spec = ParamSpec()
    mode = "req"
    x = params
    while type(x) is Pair:
        p = x.car
        x = x.cdr
        if p is OPTIONAL or p is KEY:
            mode = "opt" if p is OPTIONAL else "key"
        elif p is REST:
            if type(x) is not Pair or not is_identifier(x.car):
                raise syntax_error("lambda*", "bad #:rest", strip(params))
            spec.rest = x.car
            x = x.cdr
        elif p is ALLOW:
            spec.allow_other_keys = True
        else:
            add_param(spec, mode, p, params)
    if x is not NIL:
        if not is_identifier(x):
            raise syntax_error("lambda", "invalid argument list", strip(params))
        spec.rest = x
    return spec


def add_param(spec: ParamSpec, mode: str, p: object, params: object) -> None:
    """Record one parameter of the current section."""
    ident, default = p, None
    if type(p) is Pair and mode != "req":
        ident = p.car
        default = p.cdr.car if type(p.cdr) is Pair else None
    if not is_identifier(ident):
        raise syntax_error("lambda", "invalid argument list", strip(params))
    if mode == "req":
        spec.req.append(ident)
    elif mode == "opt":
        spec.opt.append((ident, default))
    else:
        spec.keys.append((ident, Keyword(base_symbol(ident).name), default))


def make_enter(lam: Lambda, spec: ParamSpec) -> Callable:
    """Build lam.enter for this parameter shape (the fixed-arity case is the hot path)."""
    body, nreq, nslots = lam.body, lam.nreq, lam.nslots
    if spec.is_simple() and spec.rest is None:
        if nslots == nreq:
            lam.fixed = nreq
            def enter(f: object, args: tuple) -> tuple:
                if len(args) != nreq:
                    raise wrong_num_args(f)
                return (body, [f.env, *args])
            return enter
        pad = (UNBOUND,) * (nslots - nreq)

        def enter_padded(f: object, args: tuple) -> tuple:
            if len(args) != nreq:
                raise wrong_num_args(f)
            return (body, [f.env, *args, *pad])
        return enter_padded
    if spec.is_simple():
        pad = (UNBOUND,) * (nslots - nreq - 1)

        def enter_rest(f: object, args: tuple) -> tuple:
            if len(args) < nreq:
                raise wrong_num_args(f)
            return (body, [f.env, *args[:nreq], from_list(args[nreq:]), *pad])
        return enter_rest
    return make_general_enter(lam, spec)


def make_general_enter(lam: Lambda, spec: ParamSpec) -> Callable:
    """lam.enter for lambda* parameter lists."""
    body, nreq, nopt = lam.body, len(spec.req), len(spec.opt)
    opt_fill = [DEFAULT if d is not None else False for _, d in spec.opt]
    key_fill = [DEFAULT if d is not None else False for _, _, d in spec.keys]
    key_index = {kw: i for i, (_, kw, _) in enumerate(spec.keys)}
    nfixed = 1 + nreq + nopt + (spec.rest is not None) + len(spec.keys)
    pad = (UNBOUND,) * (lam.nslots + 1 - nfixed)
    has_rest, has_keys, allow = spec.rest is not None, bool(spec.keys), spec.allow_other_keys

    def enter(f: object, args: tuple) -> tuple:
        n = len(args)
        if n < nreq or (not has_rest and not has_keys and n > nreq + nopt):
            raise wrong_num_args(f)
        nopt_given = min(nopt, n - nreq)
        if has_keys:
            # with #:key, a keyword ends the optional positionals (as Guile does)
            for i in range(nreq, nreq + nopt_given):
                if type(args[i]) is Keyword:
                    nopt_given = i - nreq
                    break
        opts = list(args[nreq:nreq + nopt_given]) + opt_fill[nopt_given:]
        more = args[nreq + nopt_given:]
        env = [f.env, *args[:nreq], *opts]
        if has_rest:
            env.append(from_list(more))
        if has_keys:
            env.extend(parse_keywords(f, more, key_index, key_fill, allow or has_rest))
        elif more and not has_rest:
            raise wrong_num_args(f)
        env.extend(pad)
        return (body, env)
    return enter


def parse_keywords(f: object, more: tuple, key_index: dict, fill: list, allow_other: bool) -> list:
    """Bind keyword arguments; unknown keywords are an error unless allowed (as in Guile)."""
    values = list(fill)
    i = 0
    while i < len(more):
        kw = more[i]
        if type(kw) is not Keyword:
            if allow_other:
                i += 1
                continue
            raise guile_error("keyword-argument-error", None, "Invalid keyword", [], [kw])
        if i + 1 >= len(more):
            raise guile_error("keyword-argument-error", None, "Keyword argument has no value",
                              [], [kw])
        slot = key_index.get(kw)
        if slot is not None:
            values[slot] = more[i + 1]
        elif not allow_other:
            raise guile_error("keyword-argument-error", None, "Unrecognized keyword", [], [kw])
        i += 2
    return values

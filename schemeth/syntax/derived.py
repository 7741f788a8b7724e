"""Derived forms as source rewrites into core forms; `REWRITERS` lists them for the core module."""
from __future__ import annotations

from ..data.conditions import syntax_error
from ..data.values import NIL, UNSPECIFIED, Pair, Symbol, from_list
from .core import core, fresh
from .scope import base_symbol, is_identifier, strip
from .syntax_case import SYNTAX_CASE_REWRITERS

ELSE, ARROW = Symbol("else"), Symbol("=>")


def items_of(form: Pair, n_min: int, who: str) -> list:
    """Operands of FORM as a Python list, at least N_MIN of them."""
    items = []
    x = form.cdr
    while type(x) is Pair:
        items.append(x.car)
        x = x.cdr
    if x is not NIL or len(items) < n_min:
        raise syntax_error(who, "bad syntax", strip(form))
    return items


def is_sym(x: object, sym: Symbol) -> bool:
    """True when identifier X names SYM."""
    return is_identifier(x) and base_symbol(x) is sym


def L(*xs: object) -> object:
    """Shorthand for building a Scheme list."""
    return from_list(xs)


def body(forms: list) -> object:
    """A single expression for FORMS: (let () forms...) keeps internal definitions legal."""
    return Pair(core("let"), Pair(NIL, from_list(forms)))


def rewrite_let_star(form: Pair) -> object:
    """(let* ((a 1) (b a)) body) -> nested lets."""
    items = items_of(form, 2, "let*")
    bindings = list(items[0]) if items[0] is not NIL else []
    result = Pair(core("let"), Pair(NIL, from_list(items[1:])))
    for b in reversed(bindings):
        result = L(core("let"), L(b), result)
    return result


def rewrite_cond(form: Pair) -> object:
    """cond with else and => clauses."""
    clauses = items_of(form, 0, "cond")
    result: object = UNSPECIFIED
    for clause in reversed(clauses):
        if type(clause) is not Pair:
            raise syntax_error("cond", "invalid clause", strip(clause))
        test, rest = clause.car, list(clause.cdr)
        if is_sym(test, ELSE):
            result = Pair(core("begin"), from_list(rest)) if rest else UNSPECIFIED
        elif rest and is_sym(rest[0], ARROW):
            t = fresh("t")
            result = L(core("let"), L(L(t, test)), L(core("if"), t, L(rest[1], t), result))
        elif not rest:
            result = L(core("or"), test, result)
        else:
            result = L(core("if"), test, Pair(core("begin"), from_list(rest)), result)
    return result


def rewrite_case(form: Pair) -> object:
    """case with datum lists, else and =>."""
    items = items_of(form, 1, "case")
    key = fresh("key")
    result: object = UNSPECIFIED
    for clause in reversed(items[1:]):
        if type(clause) is not Pair:
            raise syntax_error("case", "invalid clause", strip(clause))
        data, rest = clause.car, list(clause.cdr)
        if rest and is_sym(rest[0], ARROW):
            action = L(rest[1], key)
        else:
            action = Pair(core("begin"), from_list(rest))
        if is_sym(data, ELSE):
            result = action
        else:
            test = L(core("memv"), key, L(core("quote"), strip(data)))
            result = L(core("if"), test, action, result)
    return L(core("let"), L(L(key, items[0])), result)


def rewrite_when(form: Pair) -> object:
    """(when test body ...)"""
    items = items_of(form, 1, "when")
    return L(core("if"), items[0], Pair(core("begin"), from_list(items[1:])))


def rewrite_unless(form: Pair) -> object:
    """(unless test body ...)"""
    items = items_of(form, 1, "unless")
    return L(core("if"), items[0], UNSPECIFIED, Pair(core("begin"), from_list(items[1:])))


def rewrite_do(form: Pair) -> object:
    """(do ((var init step) ...) (test result ...) body ...) -> a named let."""
    items = items_of(form, 2, "do")
    loop = fresh("loop")
    specs = [list(s) for s in (items[0] if items[0] is not NIL else [])]
    bindings = from_list([L(s[0], s[1]) for s in specs])
    steps = [s[2] if len(s) > 2 else s[0] for s in specs]
    exit_clause = list(items[1])
    done = Pair(core("begin"), from_list(exit_clause[1:])) if len(exit_clause) > 1 else UNSPECIFIED
    again = Pair(core("begin"), from_list(items[2:] + [Pair(loop, from_list(steps))]))
    return L(core("let"), loop, bindings, L(core("if"), exit_clause[0], done, again))


def rewrite_let_values(form: Pair) -> object:
    """(let-values (((a b) expr) ...) body ...): inits are evaluated outside all the bindings."""
    items = items_of(form, 2, "let-values")
    bindings = list(items[0]) if items[0] is not NIL else []
    renames: list = []
    inner = body(items[1:])
    outer_binds = []
    for b in bindings:
        formals, expr = b.car, b.cdr.car
        temps = rename_formals(formals, renames)
        outer_binds.append((temps, expr))
    inner = L(core("let"), from_list([L(n, t) for n, t in renames]), inner)
    for temps, expr in reversed(outer_binds):
        inner = L(core("call-with-values"), L(core("lambda"), NIL, expr),
                  L(core("lambda"), temps, inner))
    return inner


def rename_formals(formals: object, renames: list) -> object:
    """FORMALS with fresh temporaries, recording (name, temp) pairs in RENAMES."""
    if type(formals) is Pair:
        t = fresh("t")
        renames.append((formals.car, t))
        return Pair(t, rename_formals(formals.cdr, renames))
    if formals is NIL:
        return NIL
    t = fresh("t")
    renames.append((formals, t))
    return t


def rewrite_let_star_values(form: Pair) -> object:
    """(let*-values (((a b) expr) ...) body ...): each binding sees the previous ones."""
    items = items_of(form, 2, "let*-values")
    result = body(items[1:])
    bindings = list(items[0]) if items[0] is not NIL else []
    for b in reversed(bindings):
        result = L(core("call-with-values"), L(core("lambda"), NIL, b.cdr.car),
                   L(core("lambda"), b.car, result))
    return result


def rewrite_receive(form: Pair) -> object:
    """(receive formals expr body ...)"""
    items = items_of(form, 3, "receive")
    return L(core("call-with-values"), L(core("lambda"), NIL, items[1]),
             Pair(core("lambda"), Pair(items[0], from_list(items[2:]))))


def rewrite_parameterize(form: Pair) -> object:
    """(parameterize ((p v) ...) body ...) -> (%parameterize (list p ...) (list v ...) thunk)."""
    items = items_of(form, 2, "parameterize")
    bindings = [list(b) for b in (items[0] if items[0] is not NIL else [])]
    return L(core("%parameterize"), Pair(core("list"), from_list([b[0] for b in bindings])),
             Pair(core("list"), from_list([b[1] for b in bindings])),
             Pair(core("lambda"), Pair(NIL, from_list(items[1:]))))


def rewrite_delay(form: Pair) -> object:
    """(delay expr) -> a promise of a thunk."""
    (expr,) = items_of(form, 1, "delay")
    return L(core("%make-promise"), False, L(core("lambda"), NIL, expr))


def rewrite_delay_force(form: Pair) -> object:
    """(delay-force expr): a promise whose thunk yields another promise (iterative force)."""
    (expr,) = items_of(form, 1, "delay-force")
    return L(core("%make-promise"), True, L(core("lambda"), NIL, expr))


REWRITERS = {
    "let*": rewrite_let_star, "cond": rewrite_cond, "case": rewrite_case,
    "when": rewrite_when, "unless": rewrite_unless, "do": rewrite_do,
    "let-values": rewrite_let_values, "let*-values": rewrite_let_star_values,
    "receive": rewrite_receive, "parameterize": rewrite_parameterize,
    "delay": rewrite_delay, "delay-force": rewrite_delay_force, "lazy": rewrite_delay_force,
    **SYNTAX_CASE_REWRITERS,
}


def rewrite_define_values(form: Pair) -> object:
    """(define-values formals expr) -> (begin (define v #f) ... (call-with-values ... set! ...))."""
    items = items_of(form, 2, "define-values")
    formals, expr = items
    renames: list = []
    temps = rename_formals(formals, renames)
    defs = [L(core("define"), n, False) for n, _ in renames]
    sets = [L(core("set!"), n, t) for n, t in renames]
    receiver = Pair(core("lambda"), Pair(temps, from_list(sets + [UNSPECIFIED])))
    call = L(core("call-with-values"), L(core("lambda"), NIL, expr), receiver)
    return Pair(core("begin"), from_list(defs + [call]))


REWRITERS["define-values"] = rewrite_define_values

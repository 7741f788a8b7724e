"""quasiquote -> calls of cons/list/append/list->vector, with nesting levels as R7RS defines them."""
from __future__ import annotations

from ..data.conditions import syntax_error
from ..data.values import NIL, Pair, Symbol, from_list
from .core import core
from .scope import base_symbol, is_identifier, strip

UNQUOTE, SPLICING, QUASI = Symbol("unquote"), Symbol("unquote-splicing"), Symbol("quasiquote")


def tagged(x: object, tag: Symbol) -> bool:
    """True for a two-element list (TAG datum)."""
    return (type(x) is Pair and is_identifier(x.car) and base_symbol(x.car) is tag
            and type(x.cdr) is Pair and x.cdr.cdr is NIL)


def quoted(x: object) -> object:
    """(quote X)"""
    return from_list([core("quote"), x])


def expand_quasiquote(x: object, depth: int) -> object:
    """The expression that builds template X at nesting DEPTH."""
    if tagged(x, UNQUOTE):
        if depth == 1:
            return x.cdr.car
        return from_list([core("list"), quoted(UNQUOTE), expand_quasiquote(x.cdr.car, depth - 1)])
    if tagged(x, QUASI):
        return from_list([core("list"), quoted(QUASI), expand_quasiquote(x.cdr.car, depth + 1)])
    if type(x) is Pair:
        return expand_pair(x, depth)
    if type(x) is list:
        return from_list([core("list->vector"), expand_quasiquote(from_list(x), depth)])
    return quoted(strip(x))


def expand_pair(x: Pair, depth: int) -> object:
    """Expand a list template, handling unquote-splicing elements and an unquoted tail."""
    head = x.car
    if tagged(x, SPLICING):
        raise syntax_error("quasiquote", "unquote-splicing in bad context", strip(x))
    tail = expand_quasiquote(x.cdr, depth)
    if tagged(head, SPLICING):
        if depth == 1:
            return from_list([core("append"), head.cdr.car, tail])
        inner = from_list([core("list"), quoted(SPLICING), expand_quasiquote(head.cdr.car, depth - 1)])
        return from_list([core("cons"), inner, tail])
    return from_list([core("cons"), expand_quasiquote(head, depth), tail])

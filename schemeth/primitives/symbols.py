"""Symbols, keywords, booleans and the eof/unspecified objects, as in Guile 3.0.8.

Contract: symbols are `Symbol` (interned) or `UninternedSymbol` (from make-symbol); keywords are `Keyword`.
Like Guile, gensym returns an *interned* symbol named PREFIX followed by a global counter (default prefix " g",
so it prints as #{ g42}#), and symbol->string returns an immutable string.
"""
from __future__ import annotations

import itertools
from typing import Callable

from ..data.conditions import guile_error, misc_error, wrong_type
from ..data.values import EOF, UNSPECIFIED, Keyword, MString, Symbol, UninternedSymbol
from .numbers import untyped_error
from .registry import primitive

_NO = object()  # an optional argument that was not supplied
_GENSYM_COUNTER = itertools.count()
_SCHEME_BASE = ("scheme", "base")


def _check_symbol(name: str, x: object) -> None:
    """Raise wrong-type-arg (expecting a symbol) unless X is a symbol."""
    if not isinstance(x, Symbol):
        raise wrong_type(name, 1, x, "symbol")


def _check_string(name: str, x: object) -> None:
    """Raise wrong-type-arg (expecting a string) unless X is a string."""
    if type(x) is not MString:
        raise wrong_type(name, 1, x, "string")


@primitive("symbol?")
def is_symbol(x: object) -> bool:
    """Is X a symbol (interned or not)?"""
    return isinstance(x, Symbol)


@primitive("symbol->string")
def symbol_to_string(s: object) -> MString:
    """Name of S as an immutable string."""
    _check_symbol("symbol->string", s)
    return MString(s.name, False)


@primitive("string->symbol")
def string_to_symbol(s: object) -> Symbol:
    """Interned symbol named S."""
    _check_string("string->symbol", s)
    return Symbol(s.s)


@primitive("symbol-append")
def symbol_append(*symbols: object) -> Symbol:
    """Interned symbol whose name joins the names of SYMBOLS."""
    for s in symbols:
        _check_symbol("symbol->string", s)
    return Symbol("".join(s.name for s in symbols))


@primitive("gensym")
def gensym(prefix: object = _NO) -> Symbol:
    """Fresh interned symbol named PREFIX (default \" g\") followed by a counter."""
    if prefix is _NO:
        text = " g"
    elif type(prefix) is MString:
        text = prefix.s
    else:
        raise guile_error("wrong-type-arg", "string-append", "Wrong type (expecting ~A): ~S",
                          [MString("string", False), prefix], [prefix])
    return Symbol(f"{text}{next(_GENSYM_COUNTER)}")


@primitive("make-symbol")
def make_symbol(name: object) -> UninternedSymbol:
    """New uninterned symbol called NAME."""
    _check_string("make-symbol", name)
    return UninternedSymbol(name.s)


@primitive("symbol-interned?")
def is_symbol_interned(s: object) -> bool:
    """Is S an interned symbol?"""
    _check_symbol("symbol-interned?", s)
    return type(s) is Symbol


@primitive("keyword?")
def is_keyword(x: object) -> bool:
    """Is X a keyword?"""
    return type(x) is Keyword


@primitive("symbol->keyword")
def symbol_to_keyword(s: object) -> Keyword:
    """Keyword with the name of S."""
    if not isinstance(s, Symbol):
        raise untyped_error("symbol", s)
    return Keyword(s.name)


@primitive("keyword->symbol")
def keyword_to_symbol(k: object) -> Symbol:
    """Symbol with the name of K."""
    if type(k) is not Keyword:
        raise wrong_type("keyword->symbol", 1, k, "keyword")
    return Symbol(k.name)


@primitive("not")
def not_(x: object) -> bool:
    """Is X false?"""
    return x is False


@primitive("boolean?")
def is_boolean(x: object) -> bool:
    """Is X #t or #f?"""
    return x is True or x is False


@primitive("eof-object?")
def is_eof_object(x: object) -> bool:
    """Is X the end-of-file object?"""
    return x is EOF


@primitive("unspecified?")
def is_unspecified(x: object) -> bool:
    """Is X the unspecified value?"""
    return x is UNSPECIFIED


@primitive("eof-object", module=_SCHEME_BASE)
def eof_object() -> object:
    """The end-of-file object."""
    return EOF


def _chain_same(kind: str, test: Callable, args: tuple) -> bool:
    """Are the ARGS all the same object?  Each is checked with TEST just before it is compared."""
    for i in range(len(args) - 1):
        for x in args[i:i + 2]:
            if not test(x):
                raise misc_error(None, f"not a {kind} ~S", [x])
        if args[i] is not args[i + 1]:
            return False
    return True


@primitive("boolean=?", module=_SCHEME_BASE)
def boolean_eq(a: object, b: object, *rest: object) -> bool:
    """Are all the arguments the same boolean?"""
    return _chain_same("boolean", lambda x: x is True or x is False, (a, b) + rest)


@primitive("symbol=?", module=_SCHEME_BASE)
def symbol_eq(a: object, b: object, *rest: object) -> bool:
    """Are all the arguments the same symbol?"""
    return _chain_same("symbol", lambda x: isinstance(x, Symbol), (a, b) + rest)

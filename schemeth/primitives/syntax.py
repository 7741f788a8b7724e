"""The procedures on syntax objects that syntax-case transformers call (Guile's core names).

A syntax object is a form whose identifiers are Symbols or Aliases; see schemeth/syntax/syntax_case.py.
"""
from __future__ import annotations

from ..data.conditions import syntax_error
from ..data.values import MString, Symbol
from ..syntax.scope import is_identifier, strip
from ..syntax.syntax_case import DefmacroTransformer, datum_to_syntax, free_identifier_eq, generate_temporaries
from .registry import primitive


@primitive("identifier?")
def identifier_p(x: object) -> bool:
    """True for a syntax object that is an identifier."""
    return is_identifier(x)


@primitive("syntax->datum")
def syntax_to_datum(x: object) -> object:
    """X with every identifier turned back into its symbol."""
    return strip(x)


@primitive("datum->syntax")
def datum_to_syntax_(context: object, datum: object) -> object:
    """DATUM as syntax that means what it would mean where CONTEXT appeared."""
    return datum_to_syntax(context, datum)


@primitive("bound-identifier=?")
def bound_identifier_eq(a: object, b: object) -> bool:
    """Whether binding one of A, B would capture the other."""
    check_identifiers("bound-identifier=?", a, b)
    return a is b


@primitive("free-identifier=?")
def free_identifier_eq_(a: object, b: object) -> bool:
    """Whether A and B refer to the same binding."""
    check_identifiers("free-identifier=?", a, b)
    return free_identifier_eq(a, b)


def check_identifiers(who: str, a: object, b: object) -> None:
    """Guile's syntax-error for a non-identifier operand."""
    for x in (a, b):
        if not is_identifier(x):
            raise syntax_error(who, "invalid argument", x)


@primitive("generate-temporaries")
def generate_temporaries_(items: object) -> object:
    """A list of fresh identifiers, one per element of ITEMS."""
    return generate_temporaries(items)


@primitive("syntax-violation")
def syntax_violation(who: object, message: object, form: object, subform: object = False) -> object:
    """Raise a syntax-error for FORM (and SUBFORM) found by WHO."""
    name = who.name if type(who) is Symbol else (who.s if type(who) is MString else None)
    text = message.s if type(message) is MString else str(message)
    raise syntax_error(name, text, strip(form), strip(subform))


@primitive("%defmacro-transformer")
def defmacro_transformer(proc: object) -> DefmacroTransformer:
    """Mark PROC as a define-macro transformer (operands in, data out)."""
    return DefmacroTransformer(proc)

"""Procedural macros: syntax-case, syntax templates, quasisyntax, with-syntax and define-macro.

Syntax objects are plain forms whose identifiers are Symbols or Aliases (scope.py), so a transformer
is an ordinary Scheme procedure from form to form, run by the machine while the compiler expands.

- `(syntax-case e (literal ...) (pattern [fender] output) ...)` compiles to runtime code: each clause
  calls a matcher (syntax_rules.py's pattern matcher) and, on success, compiles the fender and output
  where the pattern variables are bound as compile-time `PatternVariable`s over the match.
- `(syntax template)` compiles to a call that instantiates the template at run time: pattern variables
  are replaced by what they matched, every other identifier becomes an Alias of the macro's definition
  environment.  All templates instantiated by one macro call share one renaming (an `Expansion`), so
  `#'t` built twice is the same identifier, and `datum->syntax` can join that renaming later.
- `define-macro` transformers receive the operands as data and return data (no hygiene, as in Guile).
"""
from __future__ import annotations

from typing import Callable

from ..data.conditions import SchemeError, syntax_error, wrong_type
from ..data.procedures import Primitive, Procedure
from ..data.values import NIL, Pair, Symbol, from_list, to_list
from .core import core, fresh
from .scope import Alias, MacroRef, Scope, base_symbol, is_identifier, resolve, strip
from .syntax_rules import ELLIPSIS, UNDERSCORE, Instantiation, SyntaxRules, identifiers_in, list_to_pairs


class Expansion:
    """One call of a procedural macro: where its templates' free identifiers are resolved, and the
    renaming shared by every template it instantiates."""

    __slots__ = ("scope", "renames")

    def __init__(self, scope: Scope | None) -> None:
        self.scope = scope
        self.renames: dict = {}


# The procedural macro calls in progress, innermost last (a transformer may expand macros itself).
EXPANSIONS: list[Expansion] = []
# Per module, the renaming of templates instantiated outside any macro call: like Guile's top-level
# syntax objects, `#'x` is then the same identifier each time.
_TOPLEVEL: dict = {}


def outside_expansion(module: object) -> Expansion:
    """The renaming shared by MODULE's templates run outside a macro call."""
    expansion = _TOPLEVEL.get(module)
    if expansion is None:
        expansion = _TOPLEVEL[module] = Expansion(None)
    return expansion


class ProceduralMacro:
    """A macro whose transformer is a Scheme procedure (lambda + syntax-case, or define-macro)."""

    def __init__(self, proc: object, scope: Scope | None, machine: object, name: object,
                 defmacro: bool = False) -> None:
        self.proc = proc
        self.scope = scope
        self.machine = machine
        self.name = name
        self.defmacro = defmacro

    def scheme_repr(self, write: bool) -> str:
        return f"#<syntax-transformer {base_symbol(self.name).name if self.name else ''}>"

    def expand(self, form: object) -> object:
        """Run the transformer on FORM (a use `(name ...)`, or the bare identifier)."""
        if self.defmacro:
            if type(form) is not Pair:
                raise syntax_error(base_symbol(form).name, "bad use of syntax", strip(form))
            return run_transformer(self.machine, self.proc, tuple(to_list(strip(form.cdr))))
        EXPANSIONS.append(Expansion(self.scope))
        try:
            return run_transformer(self.machine, self.proc, (form,))
        finally:
            EXPANSIONS.pop()

    def expand_identifier(self, ident: object) -> object:
        """An identifier macro: the transformer sees the identifier itself."""
        return self.expand(ident)


class DefmacroTransformer:
    """What `define-macro` binds before define-syntax turns it into a macro."""

    def __init__(self, proc: object) -> None:
        self.proc = proc


def run_transformer(machine: object, proc: object, args: tuple) -> object:
    """Apply a transformer at expansion time."""
    return at_expansion_time(machine, lambda: machine.call(proc, args))


def at_expansion_time(machine: object, run: Callable[[], object]) -> object:
    """RUN Scheme code for the expander.  Handlers of a program running `eval` or `load` must not see
    its errors (their frames are outside this run), so an error becomes the compiler's error."""
    from ..machine.machine import UncaughtError
    regs = machine.regs
    saved = regs.handlers
    regs.handlers = None
    try:
        return run()
    except UncaughtError as exc:
        error = SchemeError(exc.payload)
        if not is_syntax_error(exc.payload):
            error.scheme_loc = exc.loc      # a bug in the transformer: show where it is
        raise error from None
    finally:
        regs.handlers = saved


def is_syntax_error(payload: object) -> bool:
    """True for a syntax-error condition (reported at the macro use, not inside the transformer)."""
    key = getattr(payload, "key", None)
    return type(key) is Symbol and key.name == "syntax-error"


def make_procedural_macro(compiler: object, spec: object, scope: Scope | None, name: object) -> object:
    """Evaluate a transformer expression (at top level of the module) into a macro."""
    code, _ = compiler.compile(spec, None, name)
    machine = compiler.machine
    saved = machine.module
    machine.module = compiler.module
    try:
        value = at_expansion_time(machine, lambda: machine.execute(code, None))
    finally:
        machine.module = saved
    if type(value) is DefmacroTransformer:
        return ProceduralMacro(value.proc, scope, machine, name, defmacro=True)
    if isinstance(value, Procedure):
        return ProceduralMacro(value, scope, machine, name)
    raise syntax_error("define-syntax", "transformer is not a procedure", strip(spec))


# -- syntax-case ----------------------------------------------------------------------------------

class PatternVariable:
    """A compile-time binding: what identifier KEY matched, in the match held in variable MATCH."""

    __slots__ = ("match", "key")

    def __init__(self, match: object, key: object) -> None:
        self.match = match
        self.key = key

    def expand(self, form: object) -> object:
        raise syntax_error("syntax", "reference to pattern variable outside syntax form", strip(form))


def pattern_variables(pat: object, literals: list) -> list:
    """The pattern variables of PAT: its identifiers but literals, `_` and the ellipsis."""
    return [x for x in identifiers_in(pat)
            if base_symbol(x) not in (UNDERSCORE, ELLIPSIS)
            and not any(base_symbol(x) is base_symbol(lit) for lit in literals)]


def matcher(pattern: object, literals: list) -> Primitive:
    """A primitive matching a form against PATTERN: the bindings (a dict) or #f."""
    rules = SyntaxRules(literals, [], ELLIPSIS, None, None)

    def match(form: object) -> object:
        b: dict = {}
        return b if rules.match(pattern, form, b) else False
    return Primitive("syntax-case", match, 1)


def no_match(form: object) -> object:
    """The error of a syntax-case whose clauses all failed."""
    raise syntax_error(None, "source expression failed to match any pattern", strip(form))


NO_MATCH = Primitive("syntax-case", no_match, 1)


def analyze_syntax_case(c: object, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(syntax-case expr (literal ...) clause ...)"""
    items = to_list(form.cdr) if type(form.cdr) is Pair else []
    if len(items) < 2 or (items[1] is not NIL and type(items[1]) is not Pair):
        raise syntax_error("syntax-case", "bad syntax", strip(form))
    literals = to_list(items[1])
    tmp = fresh("x")
    body = clauses_form(items[2:], tmp, literals)
    return c.compile(from_list([core("let"), from_list([from_list([tmp, items[0]])]), body]), scope, name)


def clauses_form(clauses: list, tmp: object, literals: list) -> object:
    """Code trying CLAUSES in order on the form in variable TMP."""
    if not clauses:
        return from_list([NO_MATCH, tmp])
    parts = to_list(clauses[0]) if type(clauses[0]) is Pair else []
    if len(parts) not in (2, 3):
        raise syntax_error("syntax-case", "invalid clause", strip(clauses[0]))
    pattern, output = parts[0], parts[-1]
    m, nxt = fresh("m"), fresh("next")
    fail = from_list([nxt])
    guarded = output if len(parts) == 2 else from_list([core("if"), parts[1], output, fail])
    bind = from_list([core("%pattern-bind"), m, tuple(pattern_variables(pattern, literals)), guarded])
    attempt = from_list([core("let"), from_list([from_list([m, from_list([matcher(pattern, literals), tmp])])]),
                         from_list([core("if"), m, bind, fail])])
    rest = clauses_form(clauses[1:], tmp, literals)
    return from_list([core("let"), from_list([from_list([nxt, from_list([core("lambda"), NIL, rest])])]),
                      attempt])


def analyze_pattern_bind(c: object, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(%pattern-bind match-var (ident ...) body): BODY sees the pattern variables."""
    match, variables, body = to_list(form.cdr)
    ps = Scope(scope, c.module, runtime=False)
    for ident in variables:
        ps.add_macro(ident, PatternVariable(match, ident))
    return c.compile(body, ps, name)


# -- templates ------------------------------------------------------------------------------------

class Template:
    """A syntax template with its pattern variables replaced by placeholders, instantiated at run time."""

    def __init__(self, form: object, placeholders: list, module: object) -> None:
        self.form = form
        self.placeholders = placeholders   # [(placeholder Alias, key in its match dict)]
        self.module = module
        self.scope: Scope | None = None
        self.ellipsis: object = ELLIPSIS

    def is_ellipsis(self, x: object) -> bool:
        return is_identifier(x) and base_symbol(x) is self.ellipsis

    def instantiate(self, *matches: dict) -> object:
        """Build the syntax object: MATCHES are the match dicts, one per placeholder."""
        bindings = {ph: m[key] for (ph, key), m in zip(self.placeholders, matches)}
        expansion = EXPANSIONS[-1] if EXPANSIONS else outside_expansion(self.module)
        self.scope = expansion.scope
        return Instantiation(self, bindings, expansion.renames).build(self.form)


def analyze_syntax(c: object, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(syntax template), also written #'template."""
    items = to_list(form.cdr) if type(form.cdr) is Pair else []
    if len(items) != 1:
        raise syntax_error("syntax", "bad syntax", strip(form))
    found: dict = {}
    template = substitute(items[0], scope, c.module, found)
    tpl = Template(template, [(ph, pv.key) for ph, pv in found.values()], c.module)
    build = Primitive("syntax", tpl.instantiate, 0, 0, True)
    return c.compile(from_list([build, *[pv.match for _, pv in found.values()]]), scope, name)


def substitute(t: object, scope: Scope | None, module: object, found: dict, escaped: bool = False) -> object:
    """T with each pattern variable replaced by its placeholder (recorded in FOUND by variable)."""
    if is_identifier(t):
        b = resolve(t, scope, module)
        if type(b) is MacroRef and type(b.macro) is PatternVariable:
            pv = b.macro
            entry = found.get(id(pv))
            if entry is None:
                entry = found[id(pv)] = (Alias(base_symbol(t), None, None), pv)
            return entry[0]
        return t
    if type(t) is Pair:
        if not escaped and is_identifier(t.car) and base_symbol(t.car) is ELLIPSIS and type(t.cdr) is Pair:
            return Pair(t.car, Pair(substitute(t.cdr.car, scope, module, found, True), t.cdr.cdr))
        return Pair(substitute(t.car, scope, module, found, escaped),
                    substitute(t.cdr, scope, module, found, escaped))
    if type(t) is list:
        return [substitute(x, scope, module, found, escaped) for x in t]
    return t


# -- quasisyntax and with-syntax --------------------------------------------------------------------

UNSYNTAX, UNSYNTAX_SPLICING = Symbol("unsyntax"), Symbol("unsyntax-splicing")
QUASISYNTAX = Symbol("quasisyntax")


def rewrite_quasisyntax(form: Pair) -> object:
    """(quasisyntax T) -> (with-syntax ((g expr) ...) (syntax T')) with each #,expr / #,@expr of T
    replaced by a fresh pattern variable (followed by an ellipsis for a splice)."""
    items = to_list(form.cdr) if type(form.cdr) is Pair else []
    if len(items) != 1:
        raise syntax_error("quasisyntax", "bad syntax", strip(form))
    bindings: list = []
    template = lift_unsyntax(items[0], 1, bindings)
    return from_list([core("with-syntax"), from_list(bindings), from_list([core("syntax"), template])])


def lift_unsyntax(t: object, level: int, bindings: list) -> object:
    """T at quasisyntax nesting LEVEL with its level-1 unsyntax forms lifted into BINDINGS."""
    if type(t) is list:
        return to_list(lift_unsyntax(list_to_pairs(t), level, bindings))
    if type(t) is not Pair:
        return t
    head = base_symbol(t.car) if is_identifier(t.car) else None
    if head is UNSYNTAX and type(t.cdr) is Pair:
        if level == 1:
            g = fresh("u")
            bindings.append(from_list([g, t.cdr.car]))
            return g
        return from_list([t.car, lift_unsyntax(t.cdr.car, level - 1, bindings)])
    if head is QUASISYNTAX and type(t.cdr) is Pair:
        return from_list([t.car, lift_unsyntax(t.cdr.car, level + 1, bindings)])
    first = t.car
    if (level == 1 and type(first) is Pair and is_identifier(first.car)
            and base_symbol(first.car) is UNSYNTAX_SPLICING and type(first.cdr) is Pair):
        g = fresh("u")
        bindings.append(from_list([from_list([g, core("...")]), first.cdr.car]))
        return Pair(g, Pair(core("..."), lift_unsyntax(t.cdr, level, bindings)))
    return Pair(lift_unsyntax(first, level, bindings), lift_unsyntax(t.cdr, level, bindings))


def rewrite_with_syntax(form: Pair) -> object:
    """(with-syntax ((pattern expr) ...) body ...) -> a one-clause syntax-case on (list expr ...)."""
    items = to_list(form.cdr) if type(form.cdr) is Pair else []
    if len(items) < 2:
        raise syntax_error("with-syntax", "bad syntax", strip(form))
    pairs = [to_list(b) for b in to_list(items[0])] if items[0] is not NIL else []
    if any(len(p) != 2 for p in pairs):
        raise syntax_error("with-syntax", "bad binding", strip(form))
    body = from_list([core("let"), NIL, *items[1:]])
    exprs = from_list([core("list"), *[p[1] for p in pairs]])
    clause = from_list([from_list([p[0] for p in pairs]), body])
    return from_list([core("syntax-case"), exprs, NIL, clause])


def rewrite_define_macro(form: Pair) -> object:
    """(define-macro (name . params) body ...) or (define-macro name transformer)."""
    items = to_list(form.cdr) if type(form.cdr) is Pair else []
    if len(items) < 2:
        raise syntax_error("define-macro", "bad syntax", strip(form))
    target = items[0]
    if type(target) is Pair:
        name, proc = target.car, from_list([core("lambda"), target.cdr, *items[1:]])
    else:
        name, proc = target, items[1]
    return from_list([core("define-syntax"), name, from_list([core("%defmacro-transformer"), proc])])


def rewrite_identifier_syntax(form: Pair) -> object:
    """(identifier-syntax expr) -> a transformer: the bare keyword means EXPR, (keyword arg ...)
    means (EXPR arg ...)."""
    items = to_list(form.cdr) if type(form.cdr) is Pair else []
    if len(items) != 1:
        raise syntax_error("identifier-syntax", "only the (identifier-syntax expr) form is supported",
                           strip(form))
    x, ident, arg, dots = fresh("x"), fresh("id"), fresh("arg"), core("...")
    bare = from_list([ident, from_list([core("identifier?"), from_list([core("syntax"), ident])]),
                      from_list([core("syntax"), items[0]])])
    call = from_list([from_list([core("_"), arg, dots]),
                      from_list([core("syntax"), from_list([items[0], arg, dots])])])
    return from_list([core("lambda"), from_list([x]), from_list([core("syntax-case"), x, NIL, bare, call])])


SYNTAX_CASE_FORMS = {"syntax-case": analyze_syntax_case, "syntax": analyze_syntax,
                     "%pattern-bind": analyze_pattern_bind}
SYNTAX_CASE_REWRITERS = {"quasisyntax": rewrite_quasisyntax, "with-syntax": rewrite_with_syntax,
                         "define-macro": rewrite_define_macro, "identifier-syntax": rewrite_identifier_syntax}


# -- the procedures of syntax objects -------------------------------------------------------------

def datum_to_syntax(context: object, datum: object) -> object:
    """DATUM with its symbols made identifiers of the same renaming as CONTEXT."""
    while type(context) is Pair:
        context = context.car
    if not is_identifier(context):
        raise wrong_type("syntax-wrap", 1, context, "syntax object")
    return rename_datum(context, datum)


def rename_datum(context: object, x: object) -> object:
    """Walk X, renaming each symbol like CONTEXT."""
    if type(x) is Symbol:
        return rename_like(context, x)
    if type(x) is Pair:
        return Pair(rename_datum(context, x.car), rename_datum(context, x.cdr))
    if type(x) is list:
        return [rename_datum(context, e) for e in x]
    return x


def rename_like(context: object, sym: object) -> object:
    """The identifier SYM would be had it been introduced where CONTEXT was."""
    if type(context) is not Alias:
        return sym
    inner = rename_like(context.sym, sym)
    if inner is context.sym:
        return context
    table = context.mark
    if table is None:
        return Alias(inner, context.scope, context.module)
    alias = table.get(inner)
    if alias is None:
        alias = table[inner] = Alias(inner, context.scope, context.module, table)
    return alias


def free_identifier_eq(a: object, b: object) -> bool:
    """Whether A and B would mean the same binding where the current macro was used."""
    scope = EXPANSIONS[-1].scope if EXPANSIONS else None
    ra, rb = resolve(a, scope, None), resolve(b, scope, None)
    if type(ra) is not type(rb):
        return False
    if type(ra) is MacroRef:
        return ra.macro is rb.macro
    if hasattr(ra, "depth"):
        return (ra.depth, ra.index) == (rb.depth, rb.index)
    if ra.module is None or rb.module is None:
        return base_symbol(a) is base_symbol(b)
    va, vb = ra.module.lookup(ra.sym), rb.module.lookup(rb.sym)
    return va is vb if va is not None or vb is not None else ra.sym is rb.sym


def generate_temporaries(items: object) -> object:
    """A list of fresh identifiers, one per element of ITEMS."""
    if items is not NIL and type(items) is not Pair:
        raise syntax_error("generate-temporaries", "invalid argument", items)
    return from_list([fresh("t") for _ in to_list(items)])


__all__ = ["SYNTAX_CASE_FORMS", "SYNTAX_CASE_REWRITERS", "ProceduralMacro", "DefmacroTransformer",
           "make_procedural_macro", "datum_to_syntax", "free_identifier_eq", "generate_temporaries"]

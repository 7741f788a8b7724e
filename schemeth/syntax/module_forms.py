"""Module forms: define-module, use-modules, export, re-export, @, @@.

They act at compile time (imports must be in place before the following forms are expanded) and
compile to nothing, or to a variable reference for `@`/`@@`.
"""
from __future__ import annotations

from ..compiler.compiler import Compiler, proper_list
from ..data.conditions import misc_error, syntax_error
from ..data.values import NIL, UNSPECIFIED, Keyword, MString, Pair, Symbol
from ..modules import Interface, Module
from .scope import Scope, base_symbol, is_identifier, strip


def module_name(x: object) -> tuple:
    """(a b c) -> ('a', 'b', 'c')."""
    return tuple(base_symbol(s).name for s in proper_list(strip(x), "module name"))


def analyze_define_module(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(define-module (name ...) option ...): create the module and make it current."""
    items = proper_list(form.cdr, "define-module")
    mod = registry_of(c).make(module_name(items[0]))
    opts = items[1:]
    if Keyword("pure") in opts:
        mod.uses = [u for u in mod.uses if u.module.name != ("guile",)]
    i = 0
    while i < len(opts):
        kw = opts[i]
        if kw is Keyword("pure"):
            i += 1
            continue
        if i + 1 >= len(opts):
            raise syntax_error("define-module", "missing argument to option", strip(kw))
        apply_module_option(c, mod, kw, strip(opts[i + 1]))
        i += 2
    c.module = mod
    return c.builder.const(UNSPECIFIED)


def apply_module_option(c: Compiler, mod: Module, kw: object, arg: object) -> None:
    """Handle one define-module keyword option."""
    key = kw.name if type(kw) is Keyword else None
    if key == "use-module":
        mod.uses.insert(0, interface_from_spec(c, arg))
    elif key == "autoload":
        mod.uses.insert(0, interface_from_spec(c, arg))
    elif key in ("export", "export-syntax", "replace", "re-export", "re-export-syntax"):
        for n in proper_list(arg, "define-module"):
            export_name(mod, n)
    elif key in ("version", "duplicates", "declarative?", "no-backtrace"):
        return
    else:
        raise syntax_error("define-module", "unrecognized define-module argument", kw)


def export_name(mod: Module, n: object) -> None:
    """Export N, or (own . public) as Guile's #:export allows."""
    if type(n) is Pair:
        mod.export(n.car, n.cdr)
    else:
        mod.export(n)


def registry_of(c: Compiler) -> object:
    """The module registry behind a compiler."""
    return c.machine.registry


def analyze_use_modules(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(use-modules spec ...)"""
    for spec in proper_list(form.cdr, "use-modules"):
        iface = interface_from_spec(c, strip(spec))
        c.module.uses.insert(0, iface)
    return c.builder.const(UNSPECIFIED)


def interface_from_spec(c: Compiler, spec: object) -> Interface:
    """(a b) or ((a b) #:select (...) #:hide (...) #:prefix p #:renamer proc) -> an Interface."""
    if type(spec) is Pair and type(spec.car) is Symbol:
        return Interface(registry_of(c).resolve(module_name(spec)))
    items = proper_list(spec, "use-modules")
    mod = registry_of(c).resolve(module_name(items[0]))
    select = hide = prefix = renamer = None
    for kw, arg in zip(items[1::2], items[2::2]):
        key = kw.name if type(kw) is Keyword else None
        if key == "select":
            select = {}
            for n in proper_list(arg):
                if type(n) is Pair:
                    select[n.cdr] = n.car
                else:
                    select[n] = n
        elif key == "hide":
            hide = frozenset(proper_list(arg))
        elif key == "prefix":
            prefix = base_symbol(arg).name
        elif key == "renamer":
            renamer = make_renamer(c, arg)
        elif key == "version":
            continue
        else:
            raise syntax_error("use-modules", "unrecognized interface option", kw)
    return Interface(mod, select, hide or frozenset(), prefix or "", renamer)


def make_renamer(c: Compiler, expr: object) -> object:
    """Evaluate a #:renamer expression into a Python function Symbol -> Symbol."""
    code, _ = c.compile(expr, None)
    proc = c.machine.execute(code, None)

    def rename(sym: Symbol) -> Symbol:
        out = c.machine.call(proc, (sym,))
        if type(out) is not Symbol:
            raise misc_error(None, "renamer returned a non-symbol: ~S", [out])
        return out
    return rename


def analyze_export(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(export name ...) and (re-export name ...)"""
    for n in proper_list(strip(form.cdr), "export"):
        export_name(c.module, n)
    return c.builder.const(UNSPECIFIED)


def analyze_module_ref(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(@ (mod) name) for exported bindings, (@@ (mod) name) for any binding."""
    items = proper_list(form.cdr, "@")
    if len(items) != 2 or not is_identifier(items[1]):
        raise syntax_error("@", "bad module reference", strip(form))
    mod = registry_of(c).resolve(module_name(items[0]))
    sym = base_symbol(items[1])
    private = base_symbol(form.car).name == "@@"
    var = mod.lookup(sym) if private else mod.public_variable(sym)
    if var is None:
        raise misc_error(None, "no binding ~A in module ~A", [sym, MString(" ".join(mod.name), False)])
    if hasattr(var.value, "expand") or hasattr(var.value, "analyze"):
        raise syntax_error("@", "macro references through @ are not supported", strip(form))
    return c.builder.global_ref(mod, sym, var)


def analyze_eval_when(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(eval-when (situation ...) body ...): schemeth has no separate compile time, so just run BODY."""
    items = proper_list(form.cdr, "eval-when")
    return c.compile_seq(items[1:], scope)


MODULE_FORMS = {
    "define-module": analyze_define_module, "use-modules": analyze_use_modules,
    "export": analyze_export, "re-export": analyze_export, "export-syntax": analyze_export,
    "re-export-syntax": analyze_export, "@": analyze_module_ref, "@@": analyze_module_ref,
    "eval-when": analyze_eval_when,
}

__all__ = ["MODULE_FORMS", "NIL"]

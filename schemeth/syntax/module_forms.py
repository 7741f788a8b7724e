"""Module forms: define-module, use-modules, export, @, @@, R7RS define-library and import, include,
cond-expand.

They act at compile time (imports must be in place before the following forms are expanded) and
compile to nothing, or to a variable reference for `@`/`@@`.  `define-library` runs its body forms in
the library's module as it meets them, like a file of toplevel forms.
"""
from __future__ import annotations

import os

from ..compiler.compiler import Compiler, SpecialForm, proper_list
from ..data.conditions import guile_error, misc_error, syntax_error
from ..data.values import NIL, UNBOUND, UNSPECIFIED, Keyword, MString, Pair, Symbol, from_list
from ..modules import Autoload, AutoloadInterface, Interface, Module, interface_mapping
from .core import core
from .scope import Scope, base_symbol, is_identifier, strip

# What cond-expand and (features) recognise: Guile 3.0.8's list, and this implementation's name.
FEATURES = ("little-endian", "guile", "guile-2", "guile-2.2", "guile-3", "guile-3.0", "r5rs", "r6rs",
            "r7rs", "exact-closed", "ieee-float", "full-unicode", "ratios", "srfi-0", "srfi-4", "srfi-6",
            "srfi-13", "srfi-14", "srfi-16", "srfi-23", "srfi-30", "srfi-39", "srfi-46", "srfi-55",
            "srfi-61", "srfi-62", "srfi-87", "srfi-105", "schemeth")


def module_name(x: object) -> tuple:
    """(a b c) -> ('a', 'b', 'c'); R7RS numeric parts follow Guile: (srfi 1) is (srfi srfi-1)."""
    parts = proper_list(strip(x), "module name")
    if len(parts) == 2 and parts[0] is Symbol("srfi") and type(parts[1]) is int:
        return ("srfi", f"srfi-{parts[1]}")
    return tuple(str(p) if type(p) is int else base_symbol(p).name for p in parts)


def registry_of(c: Compiler) -> object:
    """The module registry behind a compiler."""
    return c.machine.registry


# -- define-module -------------------------------------------------------------------------------

def analyze_define_module(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(define-module (name ...) option ...): create the module and make it current."""
    items = proper_list(form.cdr, "define-module")
    mod = registry_of(c).make(module_name(items[0]))
    opts = [strip(o) for o in items[1:]]
    if Keyword("pure") in opts:
        mod.uses = [u for u in mod.uses if u.module_name != ("guile",)]
    i = 0
    while i < len(opts):
        kw = opts[i]
        if kw is Keyword("pure"):
            i += 1
            continue
        if i + 1 >= len(opts):
            raise syntax_error("define-module", "missing argument to option", kw)
        if kw is Keyword("autoload") and i + 2 < len(opts):
            mod.uses.insert(0, autoload_interface(c, opts[i + 1], opts[i + 2]))
            i += 3
            continue
        apply_module_option(c, mod, kw, opts[i + 1])
        i += 2
    c.module = mod
    return c.builder.const(UNSPECIFIED)


def apply_module_option(c: Compiler, mod: Module, kw: object, arg: object) -> None:
    """Handle one define-module keyword option."""
    key = kw.name if type(kw) is Keyword else None
    if key == "use-module":
        mod.uses.insert(0, interface_from_spec(c, arg))
    elif key in ("export", "export-syntax", "re-export", "re-export-syntax", "replace"):
        for n in proper_list(arg, "define-module"):
            public = export_name(mod, n)
            if key == "replace":
                mod.replacements.add(public)
    elif key in ("version", "duplicates", "declarative?", "no-backtrace"):
        return
    else:
        raise syntax_error("define-module", "unrecognized define-module argument", kw)


def autoload_interface(c: Compiler, spec: object, names: object) -> Interface:
    """#:autoload (mod) (name ...): NAMES, whose module loads when one of them is first looked up."""
    return AutoloadInterface(registry_of(c), module_name(spec), proper_list(names, "define-module"))


def export_name(mod: Module, n: object) -> Symbol:
    """Export N, or (own . public) as Guile's #:export allows; return the public name."""
    if type(n) is Pair:
        mod.export(n.car, n.cdr)
        return n.cdr
    mod.export(n)
    return n


# -- use-modules ---------------------------------------------------------------------------------

def analyze_use_modules(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(use-modules spec ...)"""
    for spec in proper_list(form.cdr, "use-modules"):
        c.module.uses.insert(0, interface_from_spec(c, strip(spec)))
    return c.builder.const(UNSPECIFIED)


def interface_from_spec(c: Compiler, spec: object) -> Interface:
    """(a b) or ((a b) #:select (...) #:hide (...) #:prefix p #:renamer proc) -> an Interface."""
    if type(spec) is Pair and type(spec.car) is Symbol:
        return Interface(registry_of(c).resolve(module_name(spec)))
    items = proper_list(spec, "use-modules")
    mod = registry_of(c).resolve(module_name(items[0]))
    options: dict = {}
    for kw, arg in zip(items[1::2], items[2::2]):
        key = kw.name if type(kw) is Keyword else None
        if key == "select":
            options["select"] = selection(mod, arg)
        elif key == "hide":
            options["hide"] = frozenset(proper_list(arg))
        elif key == "prefix":
            options["prefix"] = base_symbol(arg).name
        elif key == "renamer":
            options["renamer"] = make_renamer(c, arg)
        elif key != "version":
            raise syntax_error("use-modules", "unrecognized interface option", kw)
    return Interface(mod, interface_mapping(mod, **options))


def selection(mod: Module, names: object) -> dict:
    """A #:select list -> {local name: exported name}; every name must be exported."""
    select = {}
    for n in proper_list(names, "use-modules"):
        orig, local = (n.car, n.cdr) if type(n) is Pair else (n, n)
        if mod.public_variable(orig) is None:
            raise guile_error("unbound-variable", "resolve-interface", "no binding `~A' in module ~A",
                              [orig, from_list([Symbol(p) for p in mod.name])])
        select[local] = orig
    return select


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
        raise guile_error("unbound-variable", "module-lookup", "Unbound variable: ~S", [sym])
    if type(var.value) is Autoload:
        stub, var.value = var.value, UNBOUND
        c.machine.autoload(stub)
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

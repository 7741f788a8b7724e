"""Module forms: define-module, use-modules, export, @, @@, R7RS define-library and import, include,
cond-expand.

They act at compile time (imports must be in place before the following forms are expanded) and
compile to nothing, or to a variable reference for `@`/`@@`.  `define-library` runs its body forms in
the library's module as it meets them, like a file of toplevel forms.
"""
from __future__ import annotations

import os

from ..compiler.compiler import Compiler, proper_list
from ..data.conditions import guile_error, misc_error, syntax_error
from ..data.values import NIL, UNBOUND, UNSPECIFIED, Keyword, MString, Pair, Symbol, from_list
from ..modules import (Autoload, AutoloadInterface, Interface, Module, interface_mapping,
                       to_scheme_name)
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
                              [orig, to_scheme_name(mod.name)])
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


# -- running toplevel forms -------------------------------------------------------------------------

def next_toplevel_form(c: Compiler, queue: list) -> object:
    """Take the next form to compile off QUEUE, expanding head macros and splicing `begin`s; None
    when QUEUE is exhausted.  Called again only after the previous form ran, as at a toplevel."""
    from .definitions import head_form
    while queue:
        form = c.expand_head(queue.pop(0), None)
        if head_form(c, form, None) == "begin":
            queue[0:0] = proper_list(form.cdr, "begin")
            continue
        return form
    return None


def run_forms_in(c: Compiler, forms: list, module: Module) -> object:
    """Compile and run FORMS one at a time in MODULE (a nested run of the machine)."""
    machine = c.machine
    sub = Compiler(machine, module)
    sub.locs = c.locs
    queue = list(forms)
    saved = machine.module
    result: object = UNSPECIFIED
    try:
        form = next_toplevel_form(sub, queue)
        while form is not None:
            code, _ = sub.compile(form, None)
            machine.module = sub.module
            result = machine.execute(code, None)
            form = next_toplevel_form(sub, queue)
    finally:
        machine.module = saved
    return result


# -- include ---------------------------------------------------------------------------------------

def source_dir(c: Compiler) -> str | None:
    """The directory of the file holding the form being compiled, if it came from a file."""
    return os.path.dirname(os.path.abspath(c.loc[0])) if c.loc and c.loc[0] else None


def read_source(c: Compiler, path: str) -> list:
    """The forms of the file at PATH; their source locations join the compiler's."""
    from ..reader.reader import read_file
    data, locs = read_file(path)
    c.locs.update(locs)
    return data


def include_path(c: Compiler, name: object, directory: str | None) -> str:
    """Resolve an included file name against DIRECTORY, the including file's."""
    if type(name) is not MString:
        raise syntax_error("include", "expected a file name", name)
    if os.path.isabs(name.s):
        return name.s
    if directory is None:
        raise misc_error(None, "attempt to include relative file name but could not determine base dir")
    return os.path.join(directory, name.s)


def analyze_include(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(include "file" ...) and include-ci: the files' forms, spliced in as a `begin`."""
    directory = source_dir(c)
    forms: list = []
    for f in proper_list(strip(form.cdr), "include"):
        forms.extend(read_source(c, include_path(c, f, directory)))
    return c.compile(Pair(core("begin"), from_list(forms)), scope, name)


def analyze_include_from_path(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(include-from-path "file"): include a file found on %load-path (with or without .scm)."""
    items = proper_list(strip(form.cdr), "include-from-path")
    f = items[0] if len(items) == 1 else None
    if type(f) is not MString:
        raise syntax_error("include-from-path", "expected a file name", strip(form))
    path = c.machine.registry.find_source(f.s)
    if path is None:
        raise misc_error("include-from-path", "file not found in path: ~S", [f])
    return c.compile(Pair(core("begin"), from_list(read_source(c, path))), scope, name)


def analyze_current_filename(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(current-filename): the absolute name of the file this form was read from, or #f."""
    if proper_list(form.cdr, "current-filename"):
        raise syntax_error("current-filename", "bad syntax", strip(form))
    path = c.loc[0] if c.loc else None
    return c.builder.const(MString(os.path.abspath(path), False) if path else False)


def analyze_current_source_location(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(current-source-location): ((filename . F) (line . L) (column . C)) of this form (of the macro
    use it came from, inside an expansion), lines counted from 0 as Guile does; '() when unknown."""
    if proper_list(form.cdr, "current-source-location"):
        raise syntax_error("current-source-location", "bad syntax", strip(form))
    if not c.loc:
        return c.builder.const(NIL)
    file, line, col = c.loc[:3]
    props = [Pair(Symbol("line"), line - 1), Pair(Symbol("column"), col)]
    if file:
        props.insert(0, Pair(Symbol("filename"), MString(os.path.abspath(file), False)))
    return c.builder.const(from_list(props))


# -- cond-expand and features ----------------------------------------------------------------------

def feature_match(req: object, registry: object = None) -> bool:
    """Whether the feature requirement REQ holds ((library ...) needs a module REGISTRY)."""
    if is_identifier(req):
        return base_symbol(req).name in FEATURES
    parts = proper_list(req, "cond-expand") if type(req) is Pair else []
    op = base_symbol(parts[0]).name if parts and is_identifier(parts[0]) else None
    if op == "and":
        return all(feature_match(r, registry) for r in parts[1:])
    if op == "or":
        return any(feature_match(r, registry) for r in parts[1:])
    if op == "not" and len(parts) == 2:
        return not feature_match(parts[1], registry)
    if op == "library" and len(parts) == 2 and registry is not None:
        return registry.exists(module_name(parts[1]))
    raise syntax_error("cond-expand", "invalid feature requirement", strip(req))


def chosen_clause(form: Pair, registry: object = None) -> object:
    """The body of the first cond-expand clause whose requirement holds."""
    for clause in proper_list(form.cdr, "cond-expand"):
        if type(clause) is not Pair:
            raise syntax_error("cond-expand", "invalid clause", strip(clause))
        if (is_identifier(clause.car) and base_symbol(clause.car).name == "else") \
                or feature_match(clause.car, registry):
            return clause.cdr
    raise syntax_error("cond-expand", "unfulfilled cond-expand", strip(form))


def rewrite_cond_expand(form: Pair) -> object:
    """(cond-expand (requirement body ...) ... [(else body ...)]) -> (begin body ...)."""
    return Pair(core("begin"), chosen_clause(form))


def rewrite_add_to_load_path(form: Pair) -> object:
    """(add-to-load-path dir): put DIR in front of the module search path."""
    args = proper_list(form.cdr, "add-to-load-path")
    if len(args) != 1:
        raise syntax_error("add-to-load-path", "bad syntax", strip(form))
    return from_list([core("%add-to-load-path!"), args[0]])


def analyze_syntax_error(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(syntax-error "message" irritant ...): fail while expanding, as R7RS asks."""
    from ..data.printer import write_string
    args = [strip(a) for a in proper_list(form.cdr, "syntax-error")]
    if not args or type(args[0]) is not MString:
        raise syntax_error("syntax-error", "bad syntax", strip(form))
    message = " ".join([args[0].s] + [write_string(a) for a in args[1:]])
    raise syntax_error(None, message, strip(form))


# -- R7RS libraries --------------------------------------------------------------------------------

IMPORT_SET_OPS = ("only", "except", "prefix", "rename")


def import_set(registry: object, spec: object) -> tuple[Module, dict | None]:
    """An R7RS/R6RS import set -> (module, {local name: exported name}, or None for all names)."""
    op = spec.car.name if type(spec) is Pair and type(spec.car) is Symbol else None
    if op in ("library", "for") and type(spec.cdr) is Pair:
        return import_set(registry, spec.cdr.car)
    if op not in IMPORT_SET_OPS or type(spec.cdr) is not Pair or type(spec.cdr.car) is not Pair:
        return registry.resolve(module_name(spec)), None
    mod, mapping = import_set(registry, spec.cdr.car)
    names = mapping if mapping is not None else {n: n for n in mod.public_names()}
    args = proper_list(spec.cdr.cdr, "import")
    if op == "prefix":
        return mod, {Symbol(args[0].name + k.name): v for k, v in names.items()}
    renames = dict(tuple(proper_list(r, "import")) for r in args) if op == "rename" else {}
    for n in renames or args:
        if n not in names:
            raise misc_error(None, "no binding `~A' in module ~A", [n, to_scheme_name(mod.name)])
    if op == "only":
        return mod, {k: v for k, v in names.items() if k in args}
    if op == "except":
        return mod, {k: v for k, v in names.items() if k not in args}
    return mod, {renames.get(k, k): v for k, v in names.items()}


def import_interface(registry: object, spec: object) -> Interface:
    """The interface an import set brings in."""
    mod, mapping = import_set(registry, strip(spec))
    return Interface(mod, mapping)


def analyze_import(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(import import-set ...) at toplevel: like use-modules, with R7RS import sets."""
    for spec in proper_list(form.cdr, "import"):
        c.module.uses.insert(0, import_interface(registry_of(c), spec))
    return c.builder.const(UNSPECIFIED)


def analyze_define_library(c: Compiler, form: Pair, scope: Scope | None, name: object) -> tuple:
    """(define-library (name ...) declaration ...): a module importing only what it says."""
    items = proper_list(form.cdr, "define-library")
    if not items:
        raise syntax_error("define-library", "missing library name", strip(form))
    mod = registry_of(c).make(module_name(items[0]))
    mod.uses = [u for u in mod.uses if u.module_name != ("guile",)]
    run_declarations(c, mod, items[1:], source_dir(c))
    return c.builder.const(UNSPECIFIED)


def run_declarations(c: Compiler, mod: Module, decls: list, directory: str | None) -> None:
    """Process library declarations in order; DIRECTORY resolves relative includes."""
    for decl in decls:
        head = base_symbol(decl.car).name if type(decl) is Pair and is_identifier(decl.car) else None
        args = proper_list(decl.cdr, "define-library") if head else []
        if head == "export":
            for spec in args:
                export_spec(mod, strip(spec))
        elif head == "import":
            for spec in args:
                mod.uses.insert(0, import_interface(registry_of(c), spec))
        elif head == "begin":
            run_forms_in(c, args, mod)
        elif head in ("include", "include-ci"):
            for f in args:
                run_forms_in(c, read_source(c, include_path(c, strip(f), directory)), mod)
        elif head == "include-library-declarations":
            for f in args:
                path = include_path(c, strip(f), directory)
                run_declarations(c, mod, read_source(c, path), os.path.dirname(path))
        elif head == "cond-expand":
            run_declarations(c, mod, proper_list(chosen_clause(decl, registry_of(c))), directory)
        else:
            raise syntax_error("define-library", "invalid library declaration", strip(decl))


def export_spec(mod: Module, spec: object) -> None:
    """An R7RS export spec: a name, or (rename own public)."""
    if type(spec) is Pair and spec.car is Symbol("rename"):
        own, public = proper_list(spec.cdr, "export")
        mod.export(own, public)
    elif type(spec) is Symbol:
        mod.export(spec)
    else:
        raise syntax_error("export", "invalid export spec", spec)


MODULE_FORMS = {
    "define-module": analyze_define_module, "use-modules": analyze_use_modules,
    "export": analyze_export, "re-export": analyze_export, "export-syntax": analyze_export,
    "re-export-syntax": analyze_export, "@": analyze_module_ref, "@@": analyze_module_ref,
    "eval-when": analyze_eval_when, "import": analyze_import, "define-library": analyze_define_library,
    "include": analyze_include, "include-ci": analyze_include,
    "include-from-path": analyze_include_from_path, "syntax-error": analyze_syntax_error,
    "current-filename": analyze_current_filename, "current-source-location": analyze_current_source_location,
}

MODULE_REWRITERS = {"cond-expand": rewrite_cond_expand, "add-to-load-path": rewrite_add_to_load_path}

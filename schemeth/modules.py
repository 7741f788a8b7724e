"""Guile's module system: variables, modules, interfaces and the load path.

A module owns a table of `Variable`s and a list of imported interfaces; a name resolves to the module's
own variable, else to the first import that provides it.  Imported variables are shared objects, so a
later `define` in the exporting module is seen by every importer, as in Guile.  Module `(a b c)` loads
from `a/b/c.scm` on the load path; primitive tables registered for a module name are bound first.
"""
from __future__ import annotations

import os
from typing import Callable

from .data.conditions import misc_error, unbound_variable
from .data.values import UNBOUND, MString, Symbol


class Variable:
    """A top-level location."""

    __slots__ = ("value", "name")

    def __init__(self, name: Symbol, value: object = UNBOUND) -> None:
        self.name = name
        self.value = value

    def scheme_repr(self, write: bool) -> str:
        return f"#<variable {self.name.name}>"


class Autoload:
    """Placeholder value of a (guile) binding defined by a Scheme file loaded on first use."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path


class Interface:
    """What one import clause brings in: `select` maps local name -> exported name (None = all)."""

    def __init__(self, module: "Module", select: dict | None = None, hide: frozenset = frozenset(),
                 prefix: str = "", renamer: Callable | None = None) -> None:
        self.module = module
        self.select = select
        self.hide = hide
        self.prefix = prefix
        self.renamer = renamer

    def lookup(self, name: Symbol) -> Variable | None:
        """The variable this interface offers under local NAME."""
        if self.select is not None:
            orig = self.select.get(name)
            return self.module.public_variable(orig) if orig is not None else None
        if self.prefix:
            if not name.name.startswith(self.prefix):
                return None
            name = Symbol(name.name[len(self.prefix):])
        if name in self.hide:
            return None
        if self.renamer is not None:
            return self.renamed().get(name)
        return self.module.public_variable(name)

    def renamed(self) -> dict:
        """Local name -> variable, for renamer interfaces."""
        out = {}
        for exported in self.module.exports:
            if exported not in self.hide:
                var = self.module.public_variable(exported)
                if var is not None:
                    out[self.renamer(exported)] = var
        return out

    def names(self) -> list[Symbol]:
        """Every local name this interface offers."""
        if self.select is not None:
            return list(self.select)
        if self.renamer is not None:
            return list(self.renamed())
        exported = self.module.visible_names() if self.module.export_all else self.module.exports
        return [Symbol(self.prefix + n.name) for n in exported if n not in self.hide]


class Module:
    """A Guile module."""

    def __init__(self, name: tuple, pure: bool = False) -> None:
        self.name = name
        self.table: dict[Symbol, Variable] = {}
        self.uses: list[Interface] = []
        self.exports: dict[Symbol, Symbol] = {}   # public name -> own name
        self.pure = pure
        self.export_all = False                   # the root modules export every binding
        self.filename: str | None = None
        # name -> cells that compiled code reads an imported variable through; a later definition
        # of the name here repoints them, so references see the new binding (as Guile's do)
        self.import_cells: dict[Symbol, list[list]] = {}

    def scheme_repr(self, write: bool) -> str:
        return f"#<directory ({' '.join(self.name)}) {id(self):x}>"

    def lookup(self, name: Symbol) -> Variable | None:
        """The variable NAME refers to in this module (own binding first, then imports)."""
        var = self.table.get(name)
        if var is not None:
            return var
        for iface in self.uses:
            var = iface.lookup(name)
            if var is not None:
                return var
        return None

    def ref(self, name: Symbol) -> object:
        """The value of NAME, or an unbound-variable error."""
        var = self.lookup(name)
        if var is None or var.value is UNBOUND:
            raise unbound_variable(name)
        return var.value

    def define(self, name: Symbol, value: object) -> Variable:
        """Create or update this module's own binding of NAME."""
        var = self.ensure_variable(name)
        var.value = value
        return var

    def ensure_variable(self, name: Symbol) -> Variable:
        """This module's own variable NAME, created unbound if needed."""
        var = self.table.get(name)
        if var is None:
            var = self.table[name] = Variable(name)
            for cell in self.import_cells.pop(name, ()):
                cell[0] = var
        return var

    def reference_cell(self, name: Symbol, var: Variable) -> list:
        """A cell holding VAR (what NAME means here now) for compiled code to read through."""
        cell = [var]
        if self.table.get(name) is not var:
            self.import_cells.setdefault(name, []).append(cell)
        return cell

    def export(self, name: Symbol, public: Symbol | None = None) -> None:
        """Make NAME visible to importers (as PUBLIC); it may stay unbound, as Guile allows."""
        self.exports[public or name] = name

    def public_variable(self, name: Symbol) -> Variable | None:
        """The variable exported under NAME, or None."""
        own = self.exports.get(name)
        if own is None:
            return self.lookup(name) if self.export_all else None
        var = self.lookup(own)
        if var is None:
            var = self.ensure_variable(own)
        return var

    def visible_names(self) -> set[Symbol]:
        """Every name usable in this module (for completion and apropos)."""
        names = set(self.table)
        for iface in self.uses:
            names.update(iface.names())
        return names


class ModuleRegistry:
    """All modules of one interpreter, and how to find the ones not loaded yet."""

    def __init__(self, load_file: Callable[[str, "Module"], None], stdlib_dir: str) -> None:
        self.modules: dict[tuple, Module] = {}
        self.load_file = load_file
        self.user_path: list[str] = []
        self.stdlib_dir = stdlib_dir
        self.loading: list[tuple] = []

    def load_path(self) -> list[str]:
        """Directories searched for modules: -L dirs, $SCHEMETH_LOAD_PATH, then the built-in stdlib."""
        env = [p for p in os.environ.get("SCHEMETH_LOAD_PATH", "").split(os.pathsep) if p]
        return self.user_path + env + [self.stdlib_dir]

    def find_file(self, name: tuple) -> str | None:
        """Locate the source file of module NAME on the load path."""
        rel = os.path.join(*name) + ".scm"
        for d in self.load_path():
            path = os.path.join(d, rel)
            if os.path.isfile(path):
                return path
        return None

    def get(self, name: tuple) -> Module | None:
        """An already loaded module."""
        return self.modules.get(name)

    def make(self, name: tuple) -> Module:
        """Return module NAME, creating it empty if needed."""
        mod = self.modules.get(name)
        if mod is None:
            mod = self.modules[name] = Module(name)
            root = self.modules.get(("guile",))
            if root is not None and mod is not root:
                mod.uses.append(Interface(root))
        return mod

    def resolve(self, name: tuple) -> Module:
        """Return module NAME, loading its file the first time; error if it does not exist."""
        mod = self.modules.get(name)
        if mod is not None:
            return mod
        path = self.find_file(name)
        if path is None:
            raise misc_error(None, "no code for module ~S", [to_scheme_name(name)])
        if name in self.loading:
            cycle = " -> ".join("(" + " ".join(n) + ")" for n in self.loading + [name])
            raise misc_error(None, "module import cycle: ~A", [MString(cycle, False)])
        self.loading.append(name)
        try:
            mod = self.make(name)
            mod.filename = path
            self.load_file(path, mod)
        except BaseException:
            self.modules.pop(name, None)
            raise
        finally:
            self.loading.pop()
        return mod


def to_scheme_name(name: tuple) -> object:
    """A module name as the Scheme list of symbols."""
    from .data.values import from_list
    return from_list([Symbol(n) for n in name])

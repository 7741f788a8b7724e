"""Guile's module system: variables, modules, interfaces and the load path.

A module owns a table of `Variable`s and a list of imported interfaces; a name resolves to the module's
own variable, else to the first import that provides it.  Imported variables are shared objects, so a
later `define` in the exporting module is seen by every importer, as in Guile.  Module `(a b c)` loads
from `a/b/c.scm` on the load path; primitive tables registered for a module name are bound first.
"""
from __future__ import annotations

import os
import sys
from typing import Callable

from .data.conditions import misc_error, unbound_variable
from .data.values import UNBOUND, MString, Pair, Symbol, from_list


class Variable:
    """A top-level location."""

    __slots__ = ("value", "name")

    def __init__(self, name: Symbol, value: object = UNBOUND) -> None:
        self.name = name
        self.value = value

    def scheme_repr(self, write: bool) -> str:
        from .data.printer import write_string
        value = "#<undefined>" if self.value is UNBOUND else write_string(self.value)
        return f"#<variable {id(self):x} value: {value}>"


class Autoload:
    """Placeholder value of a (guile) binding defined by a Scheme file loaded on first use."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path


class Interface:
    """What one import clause brings in: every public name of MODULE, or MAPPING local -> exported."""

    def __init__(self, module: "Module", mapping: dict | None = None) -> None:
        self._module = module
        self.mapping = mapping

    @property
    def module(self) -> "Module":
        return self._module

    @property
    def module_name(self) -> tuple:
        return self._module.name

    def scheme_repr(self, write: bool) -> str:
        return f"#<interface ({' '.join(self.module_name)}) {id(self):x}>"

    def lookup(self, name: Symbol) -> Variable | None:
        """The variable this interface offers under local NAME."""
        if self.mapping is None:
            return self.module.public_variable(name)
        exported = self.mapping.get(name)
        return self.module.public_variable(exported) if exported is not None else None

    def exported_name(self, name: Symbol) -> Symbol:
        """The name the module exports the binding known here as NAME under."""
        return name if self.mapping is None else self.mapping.get(name, name)

    def names(self) -> list[Symbol]:
        """Every local name this interface offers."""
        if self.mapping is not None:
            return list(self.mapping)
        return self.module.public_names()


class AutoloadInterface(Interface):
    """`#:autoload (mod) (name ...)`: the module loads the first time one of its names is looked up."""

    def __init__(self, registry: "ModuleRegistry", name: tuple, names: list[Symbol]) -> None:
        super().__init__(None, {n: n for n in names})
        self.registry = registry
        self.name = name

    @property
    def module(self) -> "Module":
        if self._module is None:
            self._module = self.registry.resolve(self.name)
        return self._module

    @property
    def module_name(self) -> tuple:
        return self.name


def interface_mapping(module: "Module", select: dict | None = None, hide: frozenset = frozenset(),
                      prefix: str = "", renamer: Callable | None = None) -> dict | None:
    """Local name -> exported name after Guile's #:select, #:hide, #:prefix, #:renamer (in that order)."""
    if select is None and not hide and not prefix and renamer is None:
        return None
    pairs = dict(select) if select is not None else {n: n for n in module.public_names()}
    pairs = {local: orig for local, orig in pairs.items() if local not in hide}
    if prefix:
        pairs = {Symbol(prefix + local.name): orig for local, orig in pairs.items()}
    if renamer is not None:
        pairs = {renamer(local): orig for local, orig in pairs.items()}
    return pairs


class Module:
    """A Guile module."""

    def __init__(self, name: tuple, pure: bool = False) -> None:
        self.name = name
        self.table: dict[Symbol, Variable] = {}
        self.uses: list[Interface] = []
        self.exports: dict[Symbol, Symbol] = {}   # public name -> own name
        self.replacements: set[Symbol] = set()    # public names declared with #:replace
        self.pure = pure
        self.export_all = False                   # the root modules export every binding
        self.filename: str | None = None
        self.checked: set[Symbol] = set()         # imported names already checked for conflicts
        self.interface: Interface | None = None   # what module-public-interface returns
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
        for i, iface in enumerate(self.uses):
            var = iface.lookup(name)
            if var is not None:
                if name not in self.checked and len(self.uses) > 1:
                    self.checked.add(name)
                    self.warn_duplicates(name, var, i)
                return var
        return None

    def warn_duplicates(self, name: Symbol, var: Variable, i: int) -> None:
        """Warn, as Guile does, when an import hides another import's different binding of NAME."""
        winner = self.uses[i]
        for other in self.uses[i + 1:]:
            hidden = other.lookup(name)
            if hidden is None or hidden is var or hidden.value is var.value:
                continue
            if other.module_name == ("guile",):
                if winner.exported_name(name) not in winner.module.replacements:
                    warn(f"{format_name(self.name)}: imported module {format_name(winner.module_name)} "
                         f"overrides core binding `{name.name}'")
            else:
                warn(f"{format_name(self.name)}: `{name.name}' imported from both "
                     f"{format_name(other.module_name)} and {format_name(winner.module_name)}")

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

    def reference_cell(self, name: Symbol, var: Variable | None) -> list:
        """A cell [variable, module, name] for compiled code to read NAME through.  VAR is what
        NAME means here now (None: nothing yet, a placeholder stands in until it is defined)."""
        if var is None:
            var = Variable(name)
        cell = [var, self, name]
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

    def public_interface(self) -> Interface:
        """The interface of all this module's exports (always the same object, as in Guile)."""
        if self.interface is None:
            self.interface = Interface(self)
        return self.interface

    def public_names(self) -> list[Symbol]:
        """Every name importers of the whole module see."""
        return list(self.visible_names() if self.export_all else self.exports)

    def visible_names(self) -> set[Symbol]:
        """Every name usable in this module (for completion and apropos)."""
        names = set(self.table)
        for iface in self.uses:
            names.update(iface.names())
        return names


def format_name(name: tuple) -> str:
    """A module name as Guile prints it: (a b c)."""
    return "(" + " ".join(name) + ")"


def warn(message: str) -> None:
    """Print a module-system warning on stderr, after what the program already wrote."""
    sys.stdout.flush()
    sys.stderr.write(f"WARNING: {message}\n")
    sys.stderr.flush()


class ModuleRegistry:
    """All modules of one interpreter, and how to find the ones not loaded yet."""

    def __init__(self, load_file: Callable[[str, "Module"], None], stdlib_dir: str) -> None:
        self.modules: dict[tuple, Module] = {}
        self.load_file = load_file
        self.user_path: list[str] = []
        self.stdlib_dir = stdlib_dir
        self.loading: list[tuple] = []
        self.tables: dict[tuple, dict] = {}      # module name -> Python bindings installed on creation
        self.path_var: Variable | None = None    # (guile)'s %load-path, once bound
        self.files: list[tuple[str, int]] = []   # files being loaded, with the machine stack height
        self.cycle: list[tuple] | None = None    # the import cycle met by the current load, if any

    def default_load_path(self) -> list[str]:
        """-L dirs, $SCHEMETH_LOAD_PATH, then the built-in stdlib."""
        env = [p for p in os.environ.get("SCHEMETH_LOAD_PATH", "").split(os.pathsep) if p]
        return self.user_path + env + [self.stdlib_dir]

    def bind_load_path(self, module: Module) -> None:
        """Define `%load-path` in MODULE; setting it changes where modules are searched for."""
        value = from_list([MString(d, True) for d in self.default_load_path()])
        self.path_var = module.define(Symbol("%load-path"), value)

    def load_path(self) -> list[str]:
        """Directories searched for modules: `%load-path` (by default -L dirs, $SCHEMETH_LOAD_PATH,
        then the built-in stdlib)."""
        if self.path_var is None:
            return self.default_load_path()
        dirs = []
        x = self.path_var.value
        while type(x) is Pair:
            if type(x.car) is MString:
                dirs.append(x.car.s)
            x = x.cdr
        return dirs

    def add_to_load_path(self, directory: str) -> None:
        """Put DIRECTORY in front of the module search path."""
        if self.path_var is None:
            self.user_path.insert(0, directory)
        else:
            self.path_var.value = Pair(MString(directory, True), self.path_var.value)

    def find_file(self, name: tuple) -> str | None:
        """Locate the source file of module NAME on the load path."""
        rel = os.path.join(*name) + ".scm"
        for d in self.load_path():
            path = os.path.join(d, rel)
            if os.path.isfile(path):
                return path
        return None

    def find_source(self, name: str) -> str | None:
        """The file NAME (or NAME.scm) in the first load-path directory that has it, as
        load-from-path and include-from-path look for it; an absolute NAME is taken as it is."""
        directories = [""] if os.path.isabs(name) else self.load_path()
        for d in directories:
            for path in (os.path.join(d, name), os.path.join(d, name + ".scm")):
                if os.path.isfile(path):
                    return path
        return None

    def get(self, name: tuple) -> Module | None:
        """An already loaded module."""
        return self.modules.get(name)

    def make(self, name: tuple) -> Module:
        """Return module NAME, creating it (with its Python bindings, if any) when needed."""
        mod = self.modules.get(name)
        if mod is None:
            mod = self.modules[name] = Module(name)
            root = self.modules.get(("guile",))
            if root is not None and mod is not root:
                mod.uses.append(Interface(root))
            for sym, value in self.tables.get(name, {}).items():
                mod.define(Symbol(sym), value)
                mod.export(Symbol(sym))
                mod.replacements.add(Symbol(sym))
        return mod

    def exists(self, name: tuple) -> bool:
        """Whether module NAME is loaded or can be."""
        return name in self.modules or name in self.tables or self.find_file(name) is not None

    def resolve(self, name: tuple) -> Module:
        """Return module NAME, loading its file the first time; error if it does not exist.

        A module is registered before its file runs, so an import cycle sees the partly loaded
        module, as in Guile; if the load then fails, the cycle is named on stderr.
        """
        mod = self.modules.get(name)
        if mod is not None:
            if name in self.loading:
                self.cycle = self.loading[self.loading.index(name):] + [name]
            return mod
        path = self.find_file(name)
        if path is None:
            if name in self.tables:
                return self.make(name)
            raise misc_error(None, "no code for module ~S", [to_scheme_name(name)])
        self.loading.append(name)
        try:
            mod = self.make(name)
            mod.filename = path
            self.load_file(path, mod)
        except BaseException:
            self.modules.pop(name, None)
            self.report_cycle()
            raise
        finally:
            self.loading.pop()
            if not self.loading:
                self.cycle = None
        return mod

    def report_cycle(self) -> None:
        """After a failed load, name the import cycle it went through (once)."""
        if self.cycle:
            warn("module import cycle: " + " -> ".join(format_name(n) for n in self.cycle))
            self.cycle = None


def resolve_late(cell: list) -> object:
    """The value behind a reference cell whose variable is unbound: look the name up again (it may
    have been imported since the reference was compiled), repoint the cell, or raise unbound."""
    var = cell[1].lookup(cell[2])
    if var is None or var.value is UNBOUND:
        raise unbound_variable(cell[2])
    cell[0] = var
    return var.value


def to_scheme_name(name: tuple) -> object:
    """A module name as the Scheme list of symbols."""
    return from_list([Symbol(n) for n in name])

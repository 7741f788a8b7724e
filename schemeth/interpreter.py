"""The embedding API: one Interpreter = one machine, one module registry, a current module.

    interp = Interpreter()
    interp.eval("(+ 1 2)")            # -> 3
    interp.define("py-add", lambda a, b: a + b)
    interp.load("file.scm")
"""
from __future__ import annotations

import gc
import os
from typing import Callable

from .compiler.compiler import Compiler, Rewriter, SpecialForm
from .data.procedures import Primitive, Procedure
from .data.values import UNSPECIFIED, Pair, Symbol
from .machine.machine import Machine
from .modules import Autoload, Interface, Module, ModuleRegistry
from .primitives import control, ports, registry
from .reader.reader import read_all
from .syntax.core import CORE
from .syntax.definitions import head_form

STDLIB_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stdlib")
if not os.path.isdir(STDLIB_DIR):
    STDLIB_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "stdlib")


def populate_core() -> None:
    """Fill the shared core module once: special forms, rewriters, primitives of (guile)."""
    if CORE.table:
        return
    from .syntax.derived import REWRITERS
    from .syntax.module_forms import MODULE_FORMS, MODULE_REWRITERS
    from .syntax.special import SPECIAL_FORMS
    for name, analyze in {**SPECIAL_FORMS, **MODULE_FORMS}.items():
        CORE.define(Symbol(name), SpecialForm(name, analyze))
    for name, fn in {**REWRITERS, **MODULE_REWRITERS}.items():
        CORE.define(Symbol(name), Rewriter(name, fn))
    for name, value in registry.install_all().get(registry.GUILE, {}).items():
        CORE.define(Symbol(name), value)


def tune_gc(was_enabled: bool) -> None:
    """Collect less often than Python's defaults: the machine allocates many short-lived frames and
    environments.  Young collections stay small, since each pauses every ethread: with 1,000
    sleeping ethreads, whose continuations are young again after every wake-up, a young collection
    every 5,000 objects pauses about 2 ms, every 20,000 objects 7-10 ms.  Middle ones come after 100
    young ones and full ones are rare.  Boot ran with the collector off and leaves little garbage,
    so its objects are frozen uncollected."""
    gc.freeze()
    gc.set_threshold(5_000, 100, 1000)
    if was_enabled:
        gc.enable()


class Interpreter:
    """A Scheme system: evaluate source, load files, call procedures, expose Python functions."""

    def __init__(self, load_path: list[str] | None = None) -> None:
        gc_enabled = gc.isenabled()
        gc.disable()
        try:
            self.boot(load_path)
        finally:
            tune_gc(gc_enabled)

    def boot(self, load_path: list[str] | None) -> None:
        """Build the machine, the module registry and the default environment."""
        populate_core()
        self.machine = Machine()
        control.install(self.machine)
        self.machine.block_hook = ports.wait_and_retry
        self.modules = ModuleRegistry(self.load_into, STDLIB_DIR)
        self.machine.registry = self.modules
        self.modules.user_path = list(load_path or [])
        guile = self.modules.make(("guile",))
        guile.uses.append(Interface(CORE))
        guile.export_all = True
        self.modules.bind_load_path(guile)
        self.install_primitive_modules()
        self.load_into(os.path.join(STDLIB_DIR, "ice-9", "boot.scm"), guile)
        self.install_autoloads(guile)
        self.user = self.modules.make(("guile-user",))
        self.module = self.user

    def install_primitive_modules(self) -> None:
        """Register the modules whose bindings are Python primitives (e.g. (rnrs bytevectors)): each
        is created with them when first used, then its .scm file, if there is one, adds the rest."""
        self.modules.tables = {name: table for name, table in registry.TABLES.items()
                               if name != registry.GUILE}

    def install_autoloads(self, guile: Module) -> None:
        """Bind the names each stdlib/ice-9/autoload/*.scm file provides to a load-on-first-use stub.

        A file declares its names on lines starting with `;;; provides:`; keeping these files out of
        boot.scm keeps start-up fast while their procedures still live in the default environment.
        """
        folder = os.path.join(STDLIB_DIR, "ice-9", "autoload")
        for entry in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if not entry.endswith(".scm"):
                continue
            path = os.path.join(folder, entry)
            stub = Autoload(path)
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if not line.startswith(";;;"):
                        break
                    if line.startswith(";;; provides:"):
                        for name in line.split(":", 1)[1].split():
                            guile.define(Symbol(name), stub)
        self.machine.autoload = lambda stub: self.load_into(stub.path, guile)

    # -- evaluation ------------------------------------------------------------------------------
    def eval(self, source: str, module: Module | None = None) -> object:
        """Evaluate every form in SOURCE; return the last value."""
        data, locs = read_all(source, None)
        return self.run_forms(data, locs, module or self.module)

    def eval_datum(self, datum: object, module: Module | None = None) -> object:
        """Evaluate one already-read datum."""
        return self.run_forms([datum], {}, module or self.module)

    def load(self, path: str, module: Module | None = None) -> object:
        """Load a source file into MODULE (default: the current module)."""
        return self.load_into(path, module or self.module)

    def load_into(self, path: str, module: Module) -> object:
        """Read and evaluate the file at PATH with MODULE as the initial current module."""
        with open(path, encoding="utf-8") as f:
            text = f.read()
        data, locs = read_all(text, path)
        files = self.modules.files
        depth = len(files)
        files.append((path, len(self.machine.regs.stack)))
        saved = self.machine.module
        try:
            return self.run_forms(data, locs, module)
        finally:
            del files[depth:]
            self.machine.module = saved

    def run_forms(self, data: list, locs: dict, module: Module) -> object:
        """Compile and run toplevel forms one at a time, so each sees the definitions before it."""
        compiler = Compiler(self.machine, module)
        compiler.locs = locs
        result: object = UNSPECIFIED
        for datum in data:
            result = self.run_toplevel(compiler, datum)
        return result

    def run_toplevel(self, compiler: Compiler, form: object) -> object:
        """Run one toplevel form; a toplevel `begin` splices its forms."""
        form = compiler.expand_head(form, None)
        if head_form(compiler, form, None) == "begin":
            result: object = UNSPECIFIED
            x = form.cdr
            while type(x) is Pair:
                result = self.run_toplevel(compiler, x.car)
                x = x.cdr
            return result
        code, _ = compiler.builder.tail(compiler.compile(form, None))
        self.machine.module = compiler.module
        result = self.machine.execute(code, None)
        compiler.module = self.machine.take_next_module(compiler.module)
        return result

    # -- Python interop --------------------------------------------------------------------------
    def define(self, name: str, value: object) -> None:
        """Bind NAME in the current module; Python callables become primitives."""
        if callable(value) and not isinstance(value, Procedure):
            value = Primitive(name, value, 0, 0, True, getattr(value, "__doc__", None))
        self.module.define(Symbol(name), value)

    def lookup(self, name: str) -> object:
        """The value of NAME in the current module."""
        return self.module.ref(Symbol(name))

    def call(self, proc: object, *args: object) -> object:
        """Call a Scheme procedure (or the procedure named PROC) with ARGS."""
        if isinstance(proc, str):
            proc = self.lookup(proc)
        return self.machine.call(proc, args)

    def procedure(self, name: str) -> Callable:
        """A Python callable that runs the Scheme procedure NAME."""
        proc = self.lookup(name)
        return lambda *args: self.machine.call(proc, args)

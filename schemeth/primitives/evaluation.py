"""eval, load and their relatives: running Scheme source from inside a running program.

The forms of a `load` or an `eval` are compiled one at a time, each when the previous one has
returned, by a frame on the machine stack rather than a nested run: an error in loaded code reaches
the handlers around the `load`, and continuations captured in it work like any other.
"""
from __future__ import annotations

import os

from ..data.conditions import guile_error, wrong_type
from ..data.values import UNSPECIFIED, MString, Symbol, from_list
from ..modules import Module
from .control import arity, check_arity
from .registry import control, primitive


class ToplevelRun:
    """The forms of one load or eval still to run, and where they come from."""

    __slots__ = ("compiler", "queue", "filename", "result", "saved_module")

    def __init__(self, machine: object, forms: list, locs: dict, module: Module,
                 filename: str | None) -> None:
        from ..compiler.compiler import Compiler
        self.compiler = Compiler(machine, module)
        self.compiler.locs = locs
        self.queue = list(forms)
        self.filename = filename
        self.result: object = UNSPECIFIED
        self.saved_module = machine.module


def run_next(m: object, run: ToplevelRun) -> object:
    """Jump into the next form of RUN with a frame that comes back here; at the end, its value."""
    from ..syntax.module_forms import next_toplevel_form
    form = next_toplevel_form(run.compiler, run.queue)
    if form is None:
        m.module = run.saved_module
        return run.result
    code, _ = run.compiler.compile(form, None)
    m.module = run.compiler.module
    m.regs.stack.append((k_next_form, m, run))
    return code, None


def k_next_form(v: object, m: object, run: ToplevelRun) -> object:
    """Frame under each form of a load or eval: keep its value, go on with the next form (in the
    module the form left current, which set-current-module may have changed)."""
    run.result = v
    run.compiler.module = m.take_next_module(run.compiler.module)
    return run_next(m, run)


def start_run(m: object, forms: list, locs: dict, module: Module, filename: str | None) -> object:
    """Run FORMS in MODULE as toplevel forms; the value of the last one."""
    return run_next(m, ToplevelRun(m, forms, locs, module, filename))


def current_file(m: object) -> str | None:
    """The file being loaded by the innermost load still running, if any."""
    files = m.registry.files
    path, height = files[-1] if files else (None, 0)
    stack = m.regs.stack
    for i in range(len(stack) - 1, height - 1, -1):
        frame = stack[i]
        if frame[0] is k_next_form and frame[2].filename:
            return frame[2].filename
    return path


def load_file(m: object, path: str) -> object:
    """Run the file at PATH in the current module."""
    from ..reader.reader import read_file
    forms, locs = read_file(path)
    return start_run(m, forms, locs, m.current_module(), path)


def path_arg(x: object, who: str) -> str:
    if type(x) is not MString:
        raise wrong_type(who, 1, x, "string")
    return x.s


@control("load")
@arity(1, 1)
def load(m: object, args: tuple) -> object:
    """(load file): run FILE, found relative to the file being loaded, if any, else to the cwd."""
    check_arity("load", args, 1, 1)
    name = path_arg(args[0], "load")
    base = current_file(m)
    directory = os.path.dirname(os.path.abspath(base)) if base else os.getcwd()
    return load_file(m, os.path.join(directory, name))


@control("primitive-load")
@arity(1)
def primitive_load(m: object, args: tuple) -> object:
    """(primitive-load file): run FILE, a name relative to the current directory."""
    check_arity("primitive-load", args, 1)
    return load_file(m, path_arg(args[0], "primitive-load"))


@control("eval")
@arity(2)
def eval_(m: object, args: tuple) -> object:
    """(eval exp module): the value of EXP compiled and run in MODULE."""
    check_arity("eval", args, 2)
    if not isinstance(args[1], Module):
        raise wrong_type("eval", 2, args[1], "module")
    return start_run(m, [args[0]], {}, args[1], None)


@control("primitive-eval")
@arity(1)
def primitive_eval(m: object, args: tuple) -> object:
    """(primitive-eval exp): EXP's value in the current module."""
    check_arity("primitive-eval", args, 1)
    return start_run(m, [args[0]], {}, m.current_module(), None)


@control("interaction-environment")
@arity(0)
def interaction_environment(m: object, args: tuple) -> object:
    """The module the REPL or program evaluates in: the current module."""
    check_arity("interaction-environment", args, 0)
    return m.current_module()


@control("environment", module=("scheme", "eval"))
@arity(0, 0, True)
def environment(m: object, args: tuple) -> object:
    """(environment import-set ...): a fresh module importing just those sets."""
    from ..syntax.module_forms import import_interface
    mod = Module(("%anonymous",))
    for spec in args:
        mod.uses.insert(0, import_interface(m.registry, spec))
    return mod


@control("%add-to-load-path!")
@arity(1)
def add_to_load_path(m: object, args: tuple) -> object:
    """Put a directory in front of the module search path (what add-to-load-path expands to)."""
    check_arity("add-to-load-path", args, 1)
    m.registry.add_to_load_path(path_arg(args[0], "add-to-load-path"))
    return UNSPECIFIED


@primitive("features", module=("scheme", "base"))
def features() -> object:
    """The feature identifiers cond-expand recognises."""
    from ..syntax.module_forms import FEATURES
    return from_list([Symbol(f) for f in FEATURES])


@control("eval-string")
@arity(1, 1)
def eval_string(m: object, args: tuple) -> object:
    """(eval-string string [module]): read every form of STRING and run them; the last value."""
    from ..reader.reader import read_all
    check_arity("eval-string", args, 1, 1)
    module = args[1] if len(args) > 1 else m.current_module()
    if not isinstance(module, Module):
        raise wrong_type("eval-string", 2, module, "module")
    forms, locs = read_all(path_arg(args[0], "eval-string"), None)
    return start_run(m, forms, locs, module, None)


@control("load-from-path", "primitive-load-path")
@arity(1, 1)
def load_from_path(m: object, args: tuple) -> object:
    """(load-from-path file): run FILE, searched for on %load-path (with or without .scm)."""
    check_arity("load-from-path", args, 1, 1)
    name = path_arg(args[0], "load-from-path")
    path = m.registry.find_source(name)
    if path is None:
        raise guile_error("misc-error", "primitive-load-path", "Unable to find file ~S in load path",
                          [args[0]], None)
    return load_file(m, path)


# What `provided?` reports: the optional Guile facilities schemeth has, then what `provide` adds.
PROVIDED = ["posix", "socket"]


@primitive("provide")
def provide(feature: object) -> object:
    """Record that FEATURE (a symbol) is available."""
    if type(feature) is not Symbol:
        raise wrong_type("provide", 1, feature, "symbol")
    if feature.name not in PROVIDED:
        PROVIDED.append(feature.name)
    return UNSPECIFIED


@primitive("provided?")
def provided(feature: object) -> bool:
    """Whether FEATURE has been provided."""
    return type(feature) is Symbol and feature.name in PROVIDED

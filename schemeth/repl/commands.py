"""Meta-commands: `,name argument-text` -> output, named and abbreviated as in Guile's REPL.

Each command is a function of the REPL core and the text after its name; it returns an exit status to
end the REPL (only `,quit`) or None.  Errors inside a command are reported like evaluation errors.
"""
from __future__ import annotations

import os
import re
import time
from typing import Callable

from ..data.printer import write_string
from ..data.procedures import Closure, Procedure
from ..data.values import UNBOUND, MString, Pair, Symbol, from_list, to_list
from ..modules import Autoload
from ..reader.reader import read_all
from .pretty import pretty

Handler = Callable[[object, str], "int | None"]


class Command:
    """A meta-command: its names (full name first), argument synopsis, help line and handler."""

    def __init__(self, names: tuple[str, ...], usage: str, summary: str, handler: Handler) -> None:
        self.names = names
        self.usage = usage
        self.summary = summary
        self.handler = handler


COMMANDS: list[Command] = []
BY_NAME: dict[str, Command] = {}


def command(*names: str, usage: str = "", summary: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as the meta-command NAMES."""
    def register(fn: Handler) -> Handler:
        cmd = Command(names, usage, summary, fn)
        COMMANDS.append(cmd)
        BY_NAME.update(dict.fromkeys(names, cmd))
        return fn
    return register


def command_names() -> list[str]:
    """Every full name and abbreviation, for completion."""
    return list(BY_NAME)


def run_command(core: object, text: str) -> int | None:
    """Run the meta-command line TEXT (starting with a comma)."""
    parts = text[1:].split(None, 1)
    name = parts[0] if parts else ""
    cmd = BY_NAME.get(name)
    if cmd is None:
        core.write(f"Unknown meta command: {name}\n")
        return None
    return cmd.handler(core, parts[1].strip() if len(parts) > 1 else "")


def read_data(core: object, arg: str) -> list | None:
    """The data written in ARG, or None after reporting a read error."""
    ok, result = core.guarded(lambda: read_all(arg, None)[0])
    return result if ok else None


def module_name_of(datum: object) -> tuple | None:
    """A module name given as a list of symbols, as a tuple of strings."""
    items = to_list(datum) if type(datum) is Pair else []
    if not items or any(type(s) is not Symbol for s in items):
        return None
    return tuple(s.name for s in items)


def module_arg(core: object, arg: str) -> tuple | None:
    """The module name ARG spells, or None after saying what is wrong with it."""
    data = read_data(core, arg)
    name = module_name_of(data[0]) if data else None
    if name is None and data is not None:
        core.write(f"Not a module name: {arg}\n")
    return name


def format_module(name: tuple) -> str:
    """(a b c) as Guile writes a module name."""
    return "(" + " ".join(name) + ")"


# -- help and exit ------------------------------------------------------------------------------
@command("help", "h", usage="[COMMAND]", summary="Show help.")
def help_(core: object, arg: str) -> None:
    """List the meta-commands, or describe one."""
    name = arg.lstrip(",")
    chosen = [BY_NAME[name]] if name in BY_NAME else COMMANDS
    rows = [(f" ,{c.names[0]} {c.usage}".rstrip(), " ".join("," + n for n in c.names[1:]), c.summary)
            for c in chosen]
    left = max(len(r[0]) for r in rows)
    right = max(len(r[1]) for r in rows) + 2
    lines = [f"{r[0]:<{left}} {'[' + r[1] + ']' if r[1] else '':>{right}} - {r[2]}" for r in rows]
    if len(chosen) > 1:
        lines = ["Meta-commands [abbrev]:", ""] + lines + [
            "", "Enter evaluates a complete expression; Meta-Enter inserts a newline;",
            "Tab completes names; Ctrl-R searches the history; Ctrl-C interrupts; Ctrl-D quits."]
    core.write("\n".join(lines) + "\n")


@command("quit", "q", "continue", "cont", summary="Quit this session.")
def quit_(core: object, arg: str) -> int:
    """End the REPL."""
    return 0


# -- evaluation ---------------------------------------------------------------------------------
@command("time", "t", usage="EXP", summary="Time execution.")
def time_(core: object, arg: str) -> None:
    """Evaluate ARG and say how long it took."""
    real, run = time.perf_counter(), time.process_time()
    core.eval_text(arg)
    real, run = time.perf_counter() - real, time.process_time() - run
    core.fresh_line()
    core.write(f";; {real:.6f}s real time, {run:.6f}s run time.\n")


@command("pretty-print", "pp", usage="EXP", summary="Pretty-print the result(s) of evaluating EXP.")
def pretty_print(core: object, arg: str) -> None:
    """Evaluate ARG and show its values laid out over several lines."""
    core.eval_text(arg, pretty)


@command("expand", "exp", usage="EXP", summary="Expand any macros in a form.")
def expand(core: object, arg: str) -> None:
    """Show ARG with its macros expanded, without evaluating it."""
    from .expand import expand_form
    for datum in read_data(core, arg) or []:
        ok, form = core.guarded(lambda: expand_form(core.interp, datum))
        if ok:
            core.show(form, pretty)


@command("describe", "d", usage="OBJ", summary="Show description/documentation.")
def describe(core: object, arg: str) -> None:
    """Evaluate ARG and show the object with its documentation."""
    for datum in read_data(core, arg) or []:
        ok, value = core.guarded(lambda: core.run_form(datum, {}))
        if ok:
            doc = documentation(value)
            core.write(write_string(value) + "\n" + (doc + "\n" if doc else ""))


def documentation(value: object) -> str | None:
    """The docstring of a procedure, if it has one."""
    if type(value) is Closure:
        return value.lam.doc
    if isinstance(value, Procedure):
        return getattr(value, "doc", None)
    return None


@command("apropos", "a", usage="REGEXP", summary="Find bindings whose name matches REGEXP.")
def apropos(core: object, arg: str) -> None:
    """List the bindings of loaded modules whose names match ARG."""
    try:
        pattern = re.compile(arg)
    except re.error:
        pattern = re.compile(re.escape(arg))
    current = core.interp.module
    lines = set()
    for label, mod in searched_modules(core.interp.modules):
        public = mod is current or mod.export_all
        for name, var in mod.table.items():
            if (public or name in mod.exports) and var.value is not UNBOUND and pattern.search(name.name):
                lines.add(f"{format_module(label)}: {name.name}\t{describe_value(var.value)}")
    core.write("".join(line + "\n" for line in sorted(lines)))


def searched_modules(registry: object) -> list[tuple[tuple, object]]:
    """(label, module) for every loaded module; one reachable only through an import (the shared
    core behind (guile)) is labelled with the name of the module importing it."""
    found = [(mod.name, mod) for mod in registry.modules.values()]
    seen = {id(mod) for _, mod in found}
    for mod in list(registry.modules.values()):
        for iface in mod.uses:
            if id(iface.module) not in seen:
                seen.add(id(iface.module))
                found.append((mod.name, iface.module))
    return found


def describe_value(value: object) -> str:
    """A binding's value as apropos shows it."""
    if type(value) is Autoload:
        return f"#<autoload {os.path.basename(value.path)}>"
    return write_string(value)


# -- modules and files --------------------------------------------------------------------------
@command("module", "m", usage="[MODULE]", summary="Change modules / Show current module.")
def module(core: object, arg: str) -> None:
    """Make ARG the current module (loading or creating it), or name the current one."""
    interp = core.interp
    if not arg:
        core.write(format_module(interp.module.name) + "\n")
        return
    name = module_arg(core, arg)
    if name is None:
        return
    registry = interp.modules
    if registry.get(name) is None and registry.find_file(name) is None:
        interp.module = registry.make(name)
        return
    ok, mod = core.guarded(lambda: registry.resolve(name))
    if ok:
        interp.module = mod


@command("import", "use", usage="[MODULE ...]", summary="Import modules / List those imported.")
def import_(core: object, arg: str) -> None:
    """Import the modules ARG names into the current module, or list the imported ones."""
    if not arg:
        names = [format_module(iface.module.name) for iface in core.interp.module.uses]
        core.write("".join(n + "\n" for n in names))
        return
    for spec in read_data(core, arg) or []:
        core.guarded(lambda: core.run_form(from_list([Symbol("use-modules"), spec]), {}))


@command("load", "l", usage="FILE", summary="Load a file in the current module.")
def load(core: object, arg: str) -> None:
    """Load the file ARG (a bare path or a string literal)."""
    path = arg
    if arg.startswith('"'):
        data = read_data(core, arg)
        if not data or type(data[0]) is not MString:
            return
        path = data[0].s
    path = os.path.expanduser(path)
    if not os.path.isfile(path):
        core.write(f"While executing meta-command:\nIn procedure open-file: No such file or directory: "
                   f"{write_string(MString(path, False))}\n")
        return
    core.guarded(lambda: core.interp.load(path))


@command("reload", "re", usage="[MODULE]", summary="Reload the given module, or the current module.")
def reload(core: object, arg: str) -> None:
    """Evaluate a module's file again in the same module."""
    interp = core.interp
    name = interp.module.name
    if arg:
        name = module_arg(core, arg)
        if name is None:
            return
    mod = interp.modules.get(name)
    if mod is None:
        core.guarded(lambda: interp.modules.resolve(name))
    elif not mod.filename:
        core.write(f"While executing meta-command:\nunknown file name for module {write_string(mod)}\n")
    else:
        core.guarded(lambda: interp.load_into(mod.filename, mod))


@command("binding", "b", summary="List current bindings.")
def binding(core: object, arg: str) -> None:
    """Show the current module's own bindings."""
    table = core.interp.module.table
    lines = [f"{name.name}\t{describe_value(var.value)}" for name, var in table.items()
             if var.value is not UNBOUND]
    core.write("".join(line + "\n" for line in sorted(lines)))


# -- debugging ----------------------------------------------------------------------------------
@command("backtrace", "bt", summary="Print the whole backtrace of the last error.")
def backtrace(core: object, arg: str) -> None:
    """Show every Scheme frame of the last error."""
    core.write(core.full_backtrace())


@command("k", summary="Show the frames of the most recently captured continuation.")
def continuation(core: object, arg: str) -> None:
    """Print the frames of the last continuation the machine captured, one per line."""
    from ..machine.inspect import describe_continuation, frame_lines
    k = getattr(core.interp.machine, "last_continuation", None)
    if k is None:
        core.write(";; No continuation has been captured yet.\n")
        return
    core.write(describe_continuation(k) + "\n")
    for line in frame_lines(k) or ["(no frames with source locations)"]:
        core.write(f"  {line}\n")


@command("trace-control", summary="Toggle logging of prompts, aborts, continuations, dynamic-wind.")
def trace_control(core: object, arg: str) -> None:
    """Switch --trace-control logging on or off."""
    from ..machine.trace import enable_tracing
    machine = core.interp.machine
    if machine.regs.trace is None:
        enable_tracing(machine)
        core.write(";; trace-control on\n")
    else:
        machine.regs.trace = None
        core.write(";; trace-control off\n")

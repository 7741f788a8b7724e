"""First-class access to modules: resolve-module, module-ref, current-module, defined? ...

These are control primitives because they need the machine's module registry and the current
module, which live with the interpreter rather than in any one primitive's arguments.
"""
from __future__ import annotations

from ..data.conditions import unbound_variable, wrong_type
from ..data.values import UNBOUND, UNSPECIFIED, Pair, Symbol, from_list, to_list
from ..modules import Module
from .control import arity, check_arity
from .registry import control


def module_name_of(name: object, who: str) -> tuple:
    """A Scheme module name (list of symbols) as a tuple of strings."""
    if type(name) is not Pair or not all(type(s) is Symbol for s in to_list(name)):
        raise wrong_type(who, 1, name, "module name")
    return tuple(s.name for s in to_list(name))


def module_arg(x: object, who: str, pos: int) -> Module:
    if not isinstance(x, Module):
        raise wrong_type(who, pos, x, "module")
    return x


@control("resolve-module")
@arity(1, 0, True)
def resolve_module(m: object, args: tuple) -> object:
    """(resolve-module name [autoload?]): the module, loading it if needed; #f if there is none."""
    name = module_name_of(args[0], "resolve-module")
    try:
        return m.registry.resolve(name)
    except Exception:
        return m.registry.get(name) or False


@control("resolve-interface")
@arity(1, 0, True)
def resolve_interface(m: object, args: tuple) -> object:
    """(resolve-interface name): the module (its public bindings), or an error."""
    return m.registry.resolve(module_name_of(args[0], "resolve-interface"))


@control("current-module")
@arity(0)
def current_module(m: object, args: tuple) -> object:
    """The module the code being run was compiled in."""
    check_arity("current-module", args, 0)
    return m.current_module()


@control("module-ref")
@arity(2, 1)
def module_ref(m: object, args: tuple) -> object:
    """(module-ref module name [default])"""
    check_arity("module-ref", args, 2, 1)
    mod = module_arg(args[0], "module-ref", 1)
    var = mod.lookup(args[1])
    if var is None or var.value is UNBOUND:
        if len(args) == 3:
            return args[2]
        raise unbound_variable(args[1])
    return var.value


@control("module-define!")
@arity(3)
def module_define(m: object, args: tuple) -> object:
    """(module-define! module name value)"""
    check_arity("module-define!", args, 3)
    module_arg(args[0], "module-define!", 1).define(args[1], args[2])
    return UNSPECIFIED


@control("module-bound?", "module-defined?")
@arity(2)
def module_bound(m: object, args: tuple) -> object:
    """Whether NAME has a value in MODULE."""
    var = module_arg(args[0], "module-bound?", 1).lookup(args[1])
    return var is not None and var.value is not UNBOUND


@control("module-name")
@arity(1)
def module_name(m: object, args: tuple) -> object:
    return from_list([Symbol(n) for n in module_arg(args[0], "module-name", 1).name])


@control("defined?")
@arity(1, 1)
def defined(m: object, args: tuple) -> object:
    """(defined? symbol [module])"""
    mod = args[1] if len(args) > 1 else m.current_module()
    var = mod.lookup(args[0])
    return var is not None and var.value is not UNBOUND


@control("module-exports")
@arity(1)
def module_exports(m: object, args: tuple) -> object:
    return from_list(list(module_arg(args[0], "module-exports", 1).exports))


@control("module?")
@arity(1)
def module_p(m: object, args: tuple) -> object:
    return isinstance(args[0], Module)




"""First-class access to modules: resolve-module, module-ref, current-module, defined? ...

These are control primitives because they need the machine's module registry and the current
module, which live with the interpreter rather than in any one primitive's arguments.  Where Guile
accepts a module, an interface (what `resolve-interface` returns) works too, showing only its names.
"""
from __future__ import annotations

from ..data.conditions import guile_error, unbound_variable, wrong_type
from ..data.procedures import CaseLambda, Primitive, Procedure
from ..data.values import NIL, UNBOUND, UNSPECIFIED, Keyword, MString, Pair, Symbol, from_list, to_list
from ..modules import Autoload, Interface, Module, Variable, interface_mapping
from .control import arity, check_arity
from .registry import control, primitive


def module_name_of(name: object, who: str) -> tuple:
    """A Scheme module name (list of symbols) as a tuple of strings."""
    if type(name) is not Pair or not all(type(s) is Symbol for s in to_list(name)):
        raise wrong_type(who, 1, name, "module name")
    return tuple(s.name for s in to_list(name))


def module_arg(x: object, who: str, pos: int) -> Module:
    if not isinstance(x, Module):
        raise wrong_type(who, pos, x, "module")
    return x


def scope_arg(x: object, who: str, pos: int) -> Module | Interface:
    """A module or an interface: anything names can be looked up in."""
    if not isinstance(x, (Module, Interface)):
        raise wrong_type(who, pos, x, "module")
    return x


def variable_in(m: object, scope: Module | Interface, name: object) -> Variable | None:
    """NAME's variable in SCOPE, loading the file behind an autoload binding first."""
    var = scope.lookup(name)
    if var is not None and type(var.value) is Autoload:
        stub, var.value = var.value, UNBOUND
        m.autoload(stub)
    return var


@control("resolve-module")
@arity(1, 0, True)
def resolve_module(m: object, args: tuple) -> object:
    """(resolve-module name [autoload?] [#:ensure #t]): the module, loading it if needed; a missing
    one is created empty, or with #:ensure #f the result is #f."""
    name = module_name_of(args[0], "resolve-module")
    if m.registry.exists(name):
        return m.registry.resolve(name)
    ensure = True
    for kw, value in zip(args[1:], args[2:]):
        if kw is Keyword("ensure"):
            ensure = value is not False
    return m.registry.make(name) if ensure else False


@control("resolve-interface")
@arity(1, 0, True)
def resolve_interface(m: object, args: tuple) -> object:
    """(resolve-interface name #:select #:hide #:prefix #:renamer): the module's public names."""
    mod = m.registry.resolve(module_name_of(args[0], "resolve-interface"))
    options: dict = {}
    for kw, value in zip(args[1::2], args[2::2]):
        key = kw.name if type(kw) is Keyword else None
        if key == "select":
            from ..syntax.module_forms import selection
            options["select"] = selection(mod, value)
        elif key == "hide":
            options["hide"] = frozenset(to_list(value))
        elif key == "prefix" and value is not False:
            options["prefix"] = value.name
        elif key == "renamer" and value is not False:
            options["renamer"] = lambda sym, proc=value: m.call(proc, (sym,))
    return Interface(mod, interface_mapping(mod, **options)) if options else mod.public_interface()


@control("module-public-interface")
@arity(1)
def module_public_interface(m: object, args: tuple) -> object:
    """The interface importers of MODULE see."""
    return module_arg(args[0], "module-public-interface", 1).public_interface()


@control("module-use!")
@arity(2)
def module_use(m: object, args: tuple) -> object:
    """(module-use! module interface): MODULE imports INTERFACE (a module means all its exports)."""
    mod = module_arg(args[0], "module-use!", 1)
    iface = scope_arg(args[1], "module-use!", 2)
    mod.uses.insert(0, iface if isinstance(iface, Interface) else iface.public_interface())
    return UNSPECIFIED


@control("set-current-module")
@arity(1)
def set_current_module(m: object, args: tuple) -> object:
    """Make MODULE current: later toplevel forms of the file or REPL are compiled in it."""
    check_arity("set-current-module", args, 1)
    m.module = m.next_module = module_arg(args[0], "set-current-module", 1)
    return UNSPECIFIED


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
    var = variable_in(m, scope_arg(args[0], "module-ref", 1), args[1])
    if var is None or var.value is UNBOUND:
        if len(args) == 3:
            return args[2]
        raise unbound_variable(args[1])
    return var.value


@control("module-variable")
@arity(2)
def module_variable(m: object, args: tuple) -> object:
    """(module-variable module name): the variable NAME denotes there, or #f."""
    var = variable_in(m, scope_arg(args[0], "module-variable", 1), args[1])
    return var if var is not None else False


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
    var = variable_in(m, scope_arg(args[0], "module-bound?", 1), args[1])
    return var is not None and var.value is not UNBOUND


@control("module-name")
@arity(1)
def module_name(m: object, args: tuple) -> object:
    """A module's (or interface's) name as a list of symbols."""
    scope = scope_arg(args[0], "module-name", 1)
    name = scope.module_name if isinstance(scope, Interface) else scope.name
    return from_list([Symbol(n) for n in name])


@control("defined?")
@arity(1, 1)
def defined(m: object, args: tuple) -> object:
    """(defined? symbol [module])"""
    scope = scope_arg(args[1], "defined?", 2) if len(args) > 1 else m.current_module()
    var = variable_in(m, scope, args[0])
    return var is not None and var.value is not UNBOUND


@control("module-exports")
@arity(1)
def module_exports(m: object, args: tuple) -> object:
    return from_list(list(module_arg(args[0], "module-exports", 1).exports))


@control("module?")
@arity(1)
def module_p(m: object, args: tuple) -> object:
    return isinstance(args[0], (Module, Interface))


@control("%module-bindings")
@arity(1)
def module_bindings(m: object, args: tuple) -> object:
    """A module's own bindings, or an interface's, as a list of (name . variable)."""
    scope = scope_arg(args[0], "module-for-each", 1)
    if isinstance(scope, Module):
        return from_list([Pair(name, var) for name, var in scope.table.items()])
    pairs = [(name, scope.lookup(name)) for name in scope.names()]
    return from_list([Pair(name, var) for name, var in pairs if var is not None])


# -- first-class variables ------------------------------------------------------------------------

def variable_arg(x: object, who: str) -> Variable:
    if type(x) is not Variable:
        raise wrong_type(who, 1, x, "variable")
    return x


@primitive("make-variable")
def make_variable(value: object) -> Variable:
    """A fresh variable holding VALUE, in no module."""
    return Variable(Symbol("anonymous"), value)


@primitive("make-undefined-variable")
def make_undefined_variable() -> Variable:
    return Variable(Symbol("anonymous"))


@primitive("variable?")
def variable_p(x: object) -> bool:
    return type(x) is Variable


@primitive("variable-bound?")
def variable_bound_p(var: object) -> bool:
    return variable_arg(var, "variable-bound?").value is not UNBOUND


@primitive("variable-ref")
def variable_ref(var: object) -> object:
    """The value of VAR, an error if it has none."""
    value = variable_arg(var, "variable-ref").value
    if value is UNBOUND:
        raise guile_error("misc-error", "variable-ref", "Unbound variable: ~S", [var])
    return value


@primitive("variable-set!")
def variable_set(var: object, value: object) -> object:
    variable_arg(var, "variable-set!").value = value
    return UNSPECIFIED


@primitive("procedure-name")
def procedure_name(proc: object) -> object:
    """The name PROC was defined with (a symbol), or #f."""
    if not isinstance(proc, Procedure):
        raise wrong_type("procedure-name", 1, proc, "procedure")
    name = getattr(proc, "name", None)
    if type(name) is str:
        return Symbol(name)
    return name if type(name) is Symbol else False


@primitive("procedure-documentation")
def procedure_documentation(proc: object) -> object:
    """The docstring of the Scheme procedure PROC, or #f (built-ins have none, as in Guile)."""
    if not isinstance(proc, Procedure):
        raise wrong_type("procedure-documentation", 1, proc, "procedure")
    lam = getattr(proc, "lam", None)
    return MString(lam.doc, False) if lam is not None and lam.doc else False


# -- procedures with setters and properties ----------------------------------------------------------

class ProcedureWithSetter(Procedure):
    """A procedure that `(set! (proc arg ...) value)` updates by calling its setter."""

    __slots__ = ("procedure", "setter", "name")

    def __init__(self, procedure: object, setter: object) -> None:
        self.procedure = procedure
        self.setter = setter
        self.name = getattr(procedure, "name", None)

    def scheme_apply(self, machine: object, args: tuple) -> object:
        return machine.apply(self.procedure, args)

    def scheme_repr(self, write: bool) -> str:
        from ..data.printer import write_string
        return write_string(self.procedure)


@primitive("make-procedure-with-setter")
def make_procedure_with_setter(procedure: object, setter: object) -> ProcedureWithSetter:
    """PROCEDURE, made settable with SETTER."""
    for i, p in enumerate((procedure, setter), 1):
        if not isinstance(p, Procedure):
            raise wrong_type("make-procedure-with-setter", i, p, "procedure")
    return ProcedureWithSetter(procedure, setter)


@primitive("procedure-with-setter?")
def is_procedure_with_setter(obj: object) -> bool:
    """Whether OBJ has a setter."""
    return type(obj) is ProcedureWithSetter


@primitive("setter")
def setter(proc: object) -> object:
    """The setter of PROC."""
    if type(proc) is not ProcedureWithSetter:
        raise wrong_type("setter", 1, proc, "procedure with setter")
    return proc.setter


class PropertyTable:
    """Values attached to objects by identity (objects with properties stay alive)."""

    def __init__(self) -> None:
        self.entries: dict[int, tuple[object, object]] = {}

    def get(self, obj: object, default: object = False) -> object:
        entry = self.entries.get(id(obj))
        return entry[1] if entry is not None and entry[0] is obj else default

    def put(self, obj: object, value: object) -> object:
        self.entries[id(obj)] = (obj, value)
        return UNSPECIFIED


OBJECT_PROPERTIES = PropertyTable()      # object -> alist of (key . value)


@primitive("make-object-property")
def make_object_property() -> ProcedureWithSetter:
    """A procedure mapping objects to a property (#f if unset), settable with set!."""
    table = PropertyTable()
    return ProcedureWithSetter(Primitive("object-property", table.get, 1),
                               Primitive("set-object-property!", table.put, 2))


def alist_get(alist: object, key: object) -> object:
    """The value of KEY (by eq?) in ALIST, or #f."""
    while type(alist) is Pair:
        if alist.car.car is key:
            return alist.car.cdr
        alist = alist.cdr
    return False


def alist_set(alist: object, key: object, value: object) -> object:
    """ALIST with KEY's entry replaced by VALUE (or added in front)."""
    items = [e for e in to_list(alist) if e.car is not key]
    return Pair(Pair(key, value), from_list(items))


@primitive("object-properties")
def object_properties(obj: object) -> object:
    """The alist of OBJ's properties."""
    return OBJECT_PROPERTIES.get(obj, NIL)


@primitive("object-property")
def object_property(obj: object, key: object) -> object:
    """OBJ's property KEY, or #f."""
    return alist_get(OBJECT_PROPERTIES.get(obj, NIL), key)


@primitive("set-object-property!")
def set_object_property(obj: object, key: object, value: object) -> object:
    """Set OBJ's property KEY to VALUE."""
    return OBJECT_PROPERTIES.put(obj, alist_set(OBJECT_PROPERTIES.get(obj, NIL), key, value))


def closure_arg(proc: object, who: str) -> object:
    """PROC checked to be a procedure."""
    if not isinstance(proc, Procedure):
        raise wrong_type(who, 1, proc, "procedure")
    return proc


@primitive("procedure-properties")
def procedure_properties(proc: object) -> object:
    """The alist of PROC's properties (its name and documentation are not among them)."""
    return OBJECT_PROPERTIES.get(closure_arg(proc, "procedure-properties"), NIL)


@primitive("procedure-property")
def procedure_property(proc: object, key: object) -> object:
    """PROC's property KEY, or #f."""
    return alist_get(OBJECT_PROPERTIES.get(closure_arg(proc, "procedure-property"), NIL), key)


@primitive("set-procedure-property!")
def set_procedure_property(proc: object, key: object, value: object) -> object:
    """Set PROC's property KEY to VALUE."""
    closure_arg(proc, "set-procedure-property!")
    return set_object_property(proc, key, value)


@primitive("thunk?")
def is_thunk(obj: object) -> bool:
    """Whether OBJ is a Scheme procedure that accepts no arguments."""
    if type(obj) is CaseLambda:
        return any(c.lam.nreq == 0 for c in obj.clauses)
    lam = getattr(obj, "lam", None)
    return lam is not None and lam.nreq == 0


@primitive("noop")
def noop(*args: object) -> object:
    """Do nothing; the first argument, as Guile returns."""
    return args[0] if args else False

"""Compile-time environments and hygienic identifiers.

An identifier is a Symbol, or an `Alias` that a macro expansion introduced: the alias remembers the
scope (or module) where its macro was defined, so a free alias means what its symbol meant there, and a
binding made with an alias captures only that alias.  `Scope` frames mirror runtime environment frames
(`[parent, slot1, ...]`) except the `runtime=False` ones that only hold macros.
"""
from __future__ import annotations

from ..data.values import Pair, Symbol


class Alias:
    """A renamed identifier introduced by one macro expansion."""

    __slots__ = ("sym", "scope", "module", "mark")

    def __init__(self, sym: object, scope: "Scope | None", module: object, mark: dict | None = None) -> None:
        self.sym = sym          # a Symbol, or the Alias it renames (macros writing macros)
        self.scope = scope      # the Scope the macro was defined in, None for a toplevel macro
        self.module = module    # the module the macro was defined in
        self.mark = mark        # the renaming (identifier -> Alias) of the expansion that made it

    def scheme_repr(self, write: bool) -> str:
        return base_symbol(self).name

    def __repr__(self) -> str:
        return f"<alias {base_symbol(self).name}>"


def is_identifier(x: object) -> bool:
    """True for symbols and aliases."""
    return type(x) is Symbol or type(x) is Alias


def base_symbol(x: object) -> Symbol:
    """Strip every layer of renaming from an identifier."""
    while type(x) is Alias:
        x = x.sym
    return x


def strip(x: object) -> object:
    """syntax->datum: replace aliases by their symbols throughout a form (iteratively along cdrs)."""
    t = type(x)
    if t is Alias:
        return base_symbol(x)
    if t is Pair:
        head = out = Pair(None, None)
        while type(x) is Pair:
            cell = Pair(strip(x.car), None)
            out.cdr = cell
            out = cell
            x = x.cdr
        out.cdr = strip(x)
        return head.cdr
    if t is list:
        return [strip(e) for e in x]
    return x


class Local:
    """A lexical variable: slot INDEX of the frame found DEPTH frames up."""

    __slots__ = ("depth", "index")

    def __init__(self, depth: int, index: int) -> None:
        self.depth = depth
        self.index = index


class Global:
    """A module-level variable named SYM in MODULE."""

    __slots__ = ("module", "sym")

    def __init__(self, module: object, sym: Symbol) -> None:
        self.module = module
        self.sym = sym


class MacroRef:
    """A macro or special form binding."""

    __slots__ = ("macro",)

    def __init__(self, macro: object) -> None:
        self.macro = macro


class Scope:
    """One compile-time frame: identifier -> slot index, or -> macro object."""

    __slots__ = ("parent", "names", "runtime", "nslots", "module", "loops")

    def __init__(self, parent: "Scope | None", module: object, runtime: bool = True) -> None:
        self.parent = parent
        self.names: dict = {}
        self.runtime = runtime
        self.nslots = 0
        self.module = module
        self.loops: dict | None = None     # slot -> LoopInfo, for the procedure of a named let

    def add_var(self, ident: object) -> int:
        """Allocate a slot for IDENT in this frame (slot 0 holds the parent link)."""
        self.nslots += 1
        self.names[ident] = self.nslots
        return self.nslots

    def add_loop(self, ident: object) -> "LoopInfo":
        """Allocate a slot for IDENT, the procedure of a named let (see LoopInfo)."""
        info = LoopInfo()
        self.loops = {self.add_var(ident): info}
        return info

    def add_macro(self, ident: object, macro: object) -> None:
        """Bind IDENT to a compile-time macro in this frame."""
        self.names[ident] = MacroRef(macro)

    def runtime_frame(self) -> "Scope":
        """The nearest enclosing scope that exists at run time (where new slots go)."""
        s = self
        while not s.runtime:
            s = s.parent
        return s


class LoopInfo:
    """The procedure of a named let.  Calls of it by name enter its body directly, in a frame
    whose parent is the named let's frame, so no closure is needed for them; only when its name
    is used otherwise (ESCAPES) is a closure made and stored in the frame.  That closure and the
    frame refer to each other, garbage that only the cycle collector frees.  A named let whose
    name is ASSIGNED is compiled again the classic way."""

    __slots__ = ("lam", "escapes", "assigned")

    def __init__(self) -> None:
        self.lam: object = None
        self.escapes = False
        self.assigned = False


def loop_of(binding: object, scope: Scope | None) -> LoopInfo | None:
    """The LoopInfo when BINDING, what an identifier used at a site whose innermost scope is
    SCOPE resolved to, is the procedure of a named let."""
    if type(binding) is not Local:
        return None
    s, depth = scope, binding.depth
    while s is not None:
        if s.runtime:
            if depth == 0:
                return s.loops.get(binding.index) if s.loops else None
            depth -= 1
        s = s.parent
    return None


def resolve(ident: object, scope: Scope | None, module: object) -> Local | Global | MacroRef:
    """Find what IDENT means at a use site whose innermost scope is SCOPE."""
    depth = 0
    s = scope
    while s is not None:
        hit = s.names.get(ident)
        if hit is not None:
            if type(hit) is int:
                return Local(depth, hit)
            return hit
        if s.runtime:
            depth += 1
        s = s.parent
    if type(ident) is Alias:
        return resolve_alias(ident, scope)
    return Global(module, ident)


def resolve_alias(alias: Alias, scope: Scope | None) -> Local | Global | MacroRef:
    """Resolve a free alias in the environment of the macro that introduced it."""
    if alias.scope is None:
        return resolve(alias.sym, None, alias.module)
    depth = 0
    s = scope
    while s is not None and s is not alias.scope:
        if s.runtime:
            depth += 1
        s = s.parent
    found = resolve(alias.sym, alias.scope, alias.module)
    if type(found) is Local and s is not None:
        return Local(found.depth + depth, found.index)
    return found

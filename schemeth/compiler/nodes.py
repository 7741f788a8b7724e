"""Builders of compiled nodes: Python closures `code(env) -> value | jump`.

Every node has a kind: VALUE nodes (constants, variables, lambda) always return a value; JUMPY nodes may
return a jump instead.  No node pushes a frame while it runs.  When a child returns a jump in the middle
of a node's work, the node returns a *deferred push* `(push_then, (frame, jump))`: its parent may wrap
that again, and the driver loop pushes the frames innermost-last, outermost-first, exactly in stack
order.  So the common case (every callee a primitive) runs straight through Python with no frames at all.
Calls are generated from templates per arity, so operands are plain local variables.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

from ..data.conditions import SchemeError, guile_error, unbound_variable, wrong_num_args, wrong_type
from ..data.procedures import Closure, Primitive
from ..data.values import UNBOUND, UNSPECIFIED, MString, Values
from ..modules import Variable, resolve_late
from .codecache import compiled

VALUE, JUMPY = 0, 1
Node = tuple  # (code, kind)


class Builder:
    """Node construction bound to one machine (its stack and apply)."""

    def __init__(self, machine: object) -> None:
        self.machine = machine
        stack = self.stack = machine.regs.stack
        apply = machine.apply

        def push_then(d: tuple) -> object:
            stack.append(d[0])
            return d[1]

        def apply_jump(d: tuple) -> object:
            return apply(d[0], d[1])
        self.push_then = push_then
        self.apply_jump = apply_jump

    # -- leaves ---------------------------------------------------------------------------------
    def const(self, value: object) -> Node:
        """A literal."""
        code = lambda env: value  # noqa: E731
        code.shape = ("K", value)
        return code, VALUE

    def local_ref(self, depth: int, index: int) -> Node:
        """Read slot INDEX of the frame DEPTH levels up."""
        if depth == 0:
            code = lambda env: env[index]  # noqa: E731
            code.shape = ("L0", index)
            return code, VALUE
        if depth == 1:
            code = lambda env: env[0][index]  # noqa: E731
            code.shape = ("L1", index)
            return code, VALUE
        if depth == 2:
            return (lambda env: env[0][0][index]), VALUE

        def ref(env: list) -> object:
            for _ in range(depth):
                env = env[0]
            return env[index]
        return ref, VALUE

    def global_ref(self, module: object, sym: object, var: Variable | None) -> Node:
        """Read a module variable through a cell that the module repoints when it (re)defines SYM,
        so a reference compiled before the definition (recursion, forward calls) is direct too."""
        cell = module.reference_cell(sym, var)

        def ref(env: list) -> object:
            v = cell[0].value
            if v is UNBOUND:
                return resolve_late(cell)
            return v
        ref.shape = ("G", cell)
        return ref, VALUE

    def local_set(self, depth: int, index: int, value: Node) -> Node:
        """Assign a lexical variable."""
        def store(env: list, v: object) -> object:
            for _ in range(depth):
                env = env[0]
            env[index] = v
            return UNSPECIFIED
        return self.then(value, store)

    def global_set(self, module: object, sym: object, value: Node, define: bool) -> Node:
        """Assign (or with DEFINE create) a module variable."""
        if define:
            def define_(env: list, v: object) -> object:
                module.define(sym, v)
                return UNSPECIFIED
            return self.then(value, define_)
        cell: list = []

        def store(env: list, v: object) -> object:
            if not cell:
                var = module.lookup(sym)
                if var is None or var.value is UNBOUND:
                    raise unbound_variable(sym)
                cell.append(var)
            cell[0].value = v
            return UNSPECIFIED
        return self.then(value, store)

    # -- sequencing -----------------------------------------------------------------------------
    def then(self, node: Node, finish: Callable) -> Node:
        """Evaluate NODE, then return `finish(env, value)` (which must not jump)."""
        code, kind = node
        if kind == VALUE:
            return (lambda env: finish(env, code(env))), VALUE
        push_then = self.push_then

        def resume(v: object, env: list, data: object) -> object:
            if type(v) is Values:
                v = single_value(v)
            return finish(env, v)

        def step(env: list) -> object:
            v = code(env)
            if type(v) is tuple:
                return (push_then, ((resume, env, None), v))
            return finish(env, v)
        return step, JUMPY

    def sequence(self, nodes: list[Node], contexts: list | None = None) -> Node:
        """`begin`: the value of the last node.  CONTEXTS, when given, holds per node the location
        and the `(begin <node's form> rest...)` form its resume frame shows in a continuation."""
        if len(nodes) == 1:
            return nodes[0]
        last_code, last_kind = nodes[-1]
        if all(k == VALUE for _, k in nodes[:-1]):
            firsts = [c for c, _ in nodes[:-1]]

            def seq(env: list) -> object:
                for c in firsts:
                    c(env)
                return last_code(env)
            return seq, last_kind
        step: Callable = last_code
        for i in range(len(nodes) - 2, -1, -1):
            code, kind = nodes[i]
            step = self.sequence_step(code, kind, step, contexts[i] if contexts else None)
        return step, JUMPY

    def sequence_step(self, code: Callable, kind: int, nxt: Callable, loc: tuple | None = None) -> Callable:
        """One link of a `begin` chain: run CODE for effect, then NXT."""
        if kind == VALUE:
            def step_value(env: list) -> object:
                code(env)
                return nxt(env)
            return step_value
        push_then = self.push_then

        def resume(v: object, env: list, data: object) -> object:
            return nxt(env)
        resume.loc = loc
        resume.hole = 1

        def step(env: list) -> object:
            v = code(env)
            if type(v) is tuple:
                return (push_then, ((resume, env, None), v))
            return nxt(env)
        return step

    def if_(self, test: Node, then: Node, else_: Node, loc: tuple | None = None) -> Node:
        """`if`; LOC (with the form) lets a continuation waiting on the test show itself."""
        tcode, tkind = test
        a, akind = then
        b, bkind = else_
        if tkind == VALUE:
            return (lambda env: a(env) if tcode(env) is not False else b(env)), max(akind, bkind)
        push_then = self.push_then

        def resume(v: object, env: list, data: object) -> object:
            if type(v) is Values:
                v = single_value(v)
            return a(env) if v is not False else b(env)
        resume.loc = loc
        resume.hole = 1

        inline = getattr(tcode, "inline", None)
        if inline is not None and all(k in INLINE_KINDS for k in inline[0]):
            kinds, params, tloc = inline
            return if_factory(kinds)(params, tloc, tcode, a, b, push_then, resume), JUMPY

        def branch(env: list) -> object:
            v = tcode(env)
            if type(v) is tuple:
                return (push_then, ((resume, env, None), v))
            return a(env) if v is not False else b(env)
        return branch, JUMPY

    def or_(self, nodes: list[Node]) -> Node:
        """`or`: the first true value, evaluating the last operand in tail position."""
        step: Callable = nodes[-1][0]
        for code, kind in reversed(nodes[:-1]):
            step = self.or_step(code, kind, step)
        kind = VALUE if all(k == VALUE for _, k in nodes) else JUMPY
        return step, kind

    def or_step(self, code: Callable, kind: int, nxt: Callable) -> Callable:
        """One link of an `or` chain."""
        if kind == VALUE:
            def step_value(env: list) -> object:
                v = code(env)
                return v if v is not False else nxt(env)
            return step_value
        push_then = self.push_then

        def resume(v: object, env: list, data: object) -> object:
            return v if v is not False else nxt(env)

        def step(env: list) -> object:
            v = code(env)
            if type(v) is tuple:
                return (push_then, ((resume, env, None), v))
            return v if v is not False else nxt(env)
        return step

    # -- operand lists ---------------------------------------------------------------------------
    def operands(self, nodes: list[Node], finish: Callable, loc: tuple | None) -> tuple[Callable, list]:
        """Code evaluating NODES left to right into a tuple, then returning `finish(env, values)`.

        Also returns, per position, the resume function that continues after that operand jumped;
        specialised call nodes use those for their slow path.
        """
        push_then = self.push_then
        step: Callable = finish
        resumes: list = [None] * len(nodes)
        for i in range(len(nodes) - 1, -1, -1):
            code, kind = nodes[i]
            step, resumes[i] = self.operand_step(code, kind, step, push_then, loc, i)
        first = step
        return (lambda env: first(env, ())), resumes

    @staticmethod
    def operand_step(code: Callable, kind: int, nxt: Callable, push_then: Callable,
                     loc: tuple | None, position: int) -> tuple[Callable, Callable]:
        """One link of an operand chain, and the resume used when its operand jumped.

        The resume records its call form and the operand POSITION in it: that is the hole of the
        continuation it belongs to, which printing a continuation shows.
        """
        def resume(v: object, env: list, acc: tuple) -> object:
            if type(v) is Values:
                v = single_value(v)
            return nxt(env, acc + (v,))
        resume.loc = loc
        resume.hole = position
        if kind == VALUE:
            return (lambda env, acc: nxt(env, acc + (code(env),))), resume

        def step(env: list, acc: tuple) -> object:
            v = code(env)
            if type(v) is tuple:
                return (push_then, ((resume, env, acc), v))
            return nxt(env, acc + (v,))
        return step, resume

    # -- binding ---------------------------------------------------------------------------------
    def let(self, inits: list[Node], nslots: int, body: Node, loc: tuple | None) -> Node:
        """Evaluate INITS, then run BODY in a new frame holding them (plus unbound extra slots)."""
        bcode, bkind = body
        pad = (UNBOUND,) * (nslots - len(inits))
        if all(k == VALUE for _, k in inits):
            codes = [c for c, _ in inits]
            if len(codes) == 1 and not pad:
                c0 = codes[0]
                return (lambda env: bcode([env, c0(env)])), bkind
            return (lambda env: bcode([env, *[c(env) for c in codes], *pad])), bkind
        code, _ = self.operands(inits, lambda env, vals: bcode([env, *vals, *pad]), loc)
        return code, JUMPY

    def letrec(self, nslots: int, body: Node) -> Node:
        """A frame of NSLOTS unbound slots around BODY (letrec and bodies with internal defines)."""
        bcode, bkind = body
        pad = [UNBOUND] * nslots
        return (lambda env: bcode([env, *pad])), bkind

    def lambda_(self, lam: object) -> Node:
        """Closure creation."""
        return (lambda env: Closure(lam, env)), VALUE

    # -- application -------------------------------------------------------------------------------
    def call(self, fnode: Node, args: list[Node], loc: tuple | None) -> Node:
        """Procedure call; primitives run inline, closures are entered by a jump."""
        apply_jump = self.apply_jump

        def finish(env: list, vals: tuple) -> object:
            f = vals[0]
            try:
                if type(f) is Primitive:
                    return f.fn(*vals[1:])
                if type(f) is Closure:
                    return f.lam.enter(f, vals[1:])
            except Exception as exc:
                raise located(exc, loc, f, vals[1:]) from None
            return (apply_jump, (f, vals[1:]))
        nodes = [fnode, *args]
        generic, resumes = self.operands(nodes, finish, loc)
        if fnode[1] != VALUE or len(args) > 4:
            return generic, JUMPY
        shapes = [operand_shape(code, kind) for code, kind in nodes]
        factory = call_factory(tuple(s[0] for s in shapes))
        code = factory([s[1] for s in shapes], resumes, self.push_then, apply_jump, loc)
        return code, JUMPY


INLINE_KINDS = ("L0", "L1", "K", "G")


def operand_shape(code: Callable, kind: int) -> tuple:
    """How a generated call evaluates an operand: inline (local slot, constant, global), as an
    inline primitive call (kind C:...), or by calling its node."""
    inline = getattr(code, "inline", None)
    if inline is not None:
        kinds, params, loc = inline
        return (("C", kinds), (params, code, loc))
    if kind != VALUE:
        return ("J", code)
    shape = getattr(code, "shape", None)
    if shape is None:
        return ("X", code)
    return shape


OPERAND_TEMPLATES = {
    "L0": ["{v} = env[P{i}]"],
    "L1": ["{v} = env[0][P{i}]"],
    "K": ["{v} = P{i}"],
    "G": ["{v} = P{i}[0].value", "if {v} is UNBOUND: {v} = resolve_late(P{i})"],
    "X": ["{v} = P{i}(env)"],
    "J": ["{v} = P{i}(env)"],
}


def inline_expr(kind: str, name: str) -> str:
    """A Python expression reading an inline operand whose parameter is NAME."""
    return {"L0": f"env[{name}]", "L1": f"env[0][{name}]", "K": name, "G": f"{name}[0].value"}[kind]


def is_call_kind(kind: object) -> bool:
    """True for the kind of an operand that is an inline call."""
    return type(kind) is tuple


def inline_call_lines(kind: tuple, v: str, p: str, indent: str) -> list[str]:
    """Evaluate an operand that calls a global procedure on inline operands (one of which may be
    such a call of a primitive itself) without calling its node.  Every operator is checked first,
    so when one is not what the fast path expects, nothing has run yet and the operand's own node
    is called instead.  A closure of fixed arity is entered by returning the jump directly."""
    sub = kind[1]
    n = len(sub) - 1
    checks = [f"type({p}_g) is Primitive or (type({p}_g) is Closure and {p}_g.lam.fixed == {n})"]
    lines = [f"{indent}{p}_g = {p}_0[0].value"]
    for j, sk in enumerate(sub[1:], 1):
        if is_call_kind(sk):
            lines.append(f"{indent}{p}_{j}g = {p}_{j}_0[0].value")
            checks.append(f"type({p}_{j}g) is Primitive")
    lines.append(f"{indent}if {' and '.join('(' + c + ')' for c in checks)}:")
    body = indent + "    "
    args = []
    for j, sk in enumerate(sub[1:], 1):
        if is_call_kind(sk):
            inner = ", ".join(inline_expr(k, f"{p}_{j}_{m}") for m, k in enumerate(sk[1]) if m)
            lines.append(f"{body}try: {p}_a{j} = {p}_{j}g.fn({inner})")
            lines.append(f"{body}except Exception as exc: raise located(exc, {p}_{j}_loc, {p}_{j}g, ()) from None")
            args.append(f"{p}_a{j}")
        else:
            args.append(inline_expr(sk, f"{p}_{j}"))
    arglist = ", ".join(args)
    lines += [f"{body}if type({p}_g) is Primitive:",
              f"{body}    try: {v} = {p}_g.fn({arglist})",
              f"{body}    except Exception as exc: raise located(exc, {p}_loc, {p}_g, ()) from None",
              f"{body}else: {v} = ({p}_g.lam.body, [{p}_g.env{', ' if args else ''}{arglist}])",
              f"{indent}else: {v} = {p}_node(env)"]
    return lines


def inline_params(kind: tuple, p: str, source: str, indent: str) -> list[str]:
    """Factory lines binding the parameters an inline-call operand needs, under prefix P."""
    lines = [f"{indent}{p}_params, {p}_node, {p}_loc = {source}"]
    for j, sk in enumerate(kind[1]):
        if is_call_kind(sk):
            lines += inline_params(sk, f"{p}_{j}", f"{p}_params[{j}]", indent)
        else:
            lines.append(f"{indent}{p}_{j} = {p}_params[{j}]")
    return lines


def operand_lines(kinds: tuple, start: int, indent: str) -> list[str]:
    """Source lines evaluating operands START.. (0 is the operator `f`) with deferred pushes."""
    lines = []
    for i in range(start, len(kinds)):
        v = "f" if i == 0 else f"a{i - 1}"
        if is_call_kind(kinds[i]):
            lines += inline_call_lines(kinds[i], v, f"P{i}", indent)
        else:
            lines += [indent + t.format(v=v, i=i) for t in OPERAND_TEMPLATES[kinds[i]]]
        if kinds[i] == "J" or is_call_kind(kinds[i]):
            done = ", ".join(["f"] + [f"a{j}" for j in range(i - 1)])
            lines.append(f"{indent}if type({v}) is tuple: return (push_then, ((R{i}, env, ({done},)), {v}))")
    return lines


def dispatch_lines(n: int, indent: str) -> list[str]:
    """Source lines applying `f` to a0..a{n-1}: primitives inline, closures entered, others deferred."""
    args = ", ".join(f"a{i}" for i in range(n))
    tup = f"({args},)" if n == 1 else f"({args})"
    env = f"[f.env, {args}]" if n else "[f.env]"
    return [
        f"{indent}try:",
        f"{indent}    if type(f) is Primitive: return f.fn({args})",
        f"{indent}    if type(f) is Closure:",
        f"{indent}        lam = f.lam",
        f"{indent}        if lam.fixed == {n}: return (lam.body, {env})",
        f"{indent}        return lam.enter(f, {tup})",
        f"{indent}except Exception as exc:",
        f"{indent}    raise located(exc, loc, f, {tup}) from None",
        f"{indent}return (apply_jump, (f, {tup}))",
    ]


def inlinable(kind: object) -> bool:
    """Operand kinds a call can have and still be inlined into its parent: plain reads, or a call
    of flat reads (one level of nesting keeps the generated code small)."""
    if is_call_kind(kind):
        return all(k in INLINE_KINDS for k in kind[1])
    return kind in INLINE_KINDS


@lru_cache(maxsize=None)
def call_factory(kinds: tuple) -> Callable:
    """Generate the node factory for a call whose operator and operands have the given shapes.

    The node evaluates everything into locals; an operand that may jump gets a resume function,
    generated too, that picks up at the next operand with the values so far.
    """
    n = len(kinds) - 1
    lines = ["def factory(P, RG, push_then, apply_jump, loc):"]
    for i, kind in enumerate(kinds):
        if is_call_kind(kind):
            lines += inline_params(kind, f"P{i}", f"P[{i}]", "    ")
        else:
            lines.append(f"    P{i} = P[{i}]")
    for i in range(1, len(kinds)):
        if kinds[i] == "J" or is_call_kind(kinds[i]):
            done = ", ".join(["f"] + [f"a{j}" for j in range(i - 1)])
            lines.append(f"    def R{i}(v, env, acc):")
            lines.append(f"        {done}, = acc")
            lines.append(f"        a{i - 1} = single_value(v) if type(v) is Values else v")
            lines += operand_lines(kinds, i + 1, "        ")
            lines += dispatch_lines(n, "        ")
            lines.append(f"    R{i}.loc = loc")
            lines.append(f"    R{i}.hole = {i}")
    lines.append("    def node(env):")
    lines.append("        try:")
    lines += operand_lines(kinds, 0, "            ")
    lines.append("        except Exception as exc:")
    lines.append("            raise located(exc, loc, None, ()) from None")
    lines += dispatch_lines(n, "        ")
    if kinds[0] == "G" and 0 < n <= 3 and all(inlinable(k) for k in kinds[1:]):
        lines.append("    node.inline = (KINDS, P, loc)")
    lines.append("    return node")
    namespace = {"KINDS": kinds, "UNBOUND": UNBOUND, "resolve_late": resolve_late, "Values": Values,
                 "single_value": single_value, "located": located, "Primitive": Primitive,
                 "Closure": Closure}
    exec(compiled("\n".join(lines)), namespace)
    return namespace["factory"]


@lru_cache(maxsize=None)
def if_factory(kinds: tuple) -> Callable:
    """Generate an `if` whose test calls a global primitive on inline operands, run in place."""
    args = ", ".join(inline_expr(k, f"P_{j}") for j, k in enumerate(kinds) if j)
    lines = ["def factory(P, tloc, TNODE, A, B, push_then, IFR):"]
    lines += [f"    P_{j} = P[{j}]" for j in range(len(kinds))]
    lines += [
        "    def node(env):",
        "        g = P_0[0].value",
        "        if type(g) is Primitive:",
        f"            try: t = g.fn({args})",
        "            except Exception as exc: raise located(exc, tloc, g, ()) from None",
        "        else:",
        "            t = TNODE(env)",
        "            if type(t) is tuple: return (push_then, ((IFR, env, None), t))",
        "        return A(env) if t is not False else B(env)",
        "    return node",
    ]
    namespace = {"Primitive": Primitive, "located": located}
    exec(compiled("\n".join(lines)), namespace)
    return namespace["factory"]


def single_value(v: Values) -> object:
    """What a single-value continuation receives from several values: the first, as Guile does."""
    if not v.items:
        raise guile_error("misc-error", None, "Zero values returned to single-valued continuation", [], None)
    return v.items[0]


def located(exc: Exception, loc: tuple | None, f: object, args: tuple) -> SchemeError:
    """Turn any Python error escaping a call into a SchemeError that knows the call site."""
    if not isinstance(exc, SchemeError):
        exc = python_error(exc, f, args)
    if getattr(exc, "scheme_loc", None) is None:
        exc.scheme_loc = loc
    return exc


def python_error(exc: Exception, f: object, args: tuple) -> SchemeError:
    """Map a Python exception raised inside a primitive to Guile's error of the same meaning."""
    name = getattr(f, "name", None)
    if isinstance(exc, TypeError) and type(f) is Primitive and not arity_ok(f, len(args)):
        return wrong_num_args(f)
    if isinstance(exc, ZeroDivisionError):
        return guile_error("numerical-overflow", name, "Numerical overflow", None, None)
    if isinstance(exc, RecursionError):
        return guile_error("stack-overflow", name, "Stack overflow", None, None)
    if isinstance(exc, (TypeError, AttributeError)) and args:
        return wrong_type(name or "apply", 1, args[0])
    return guile_error("misc-error", name, "~A", [MString(f"{type(exc).__name__}: {exc}", False)], None)


def arity_ok(f: Primitive, n: int) -> bool:
    """True when a primitive accepts N arguments."""
    return n >= f.nreq and (f.rest or n <= f.nreq + f.nopt)

"""Builders of compiled nodes: Python closures `code(env) -> value | jump`.

Every node comes with a kind that tells its parent how to sequence it:
  VALUE   always returns a value and never touches the stack (constants, variables, lambda);
  NOPUSH  may return a jump but never pushes frames (a call whose operands are all VALUE);
  COMPLEX may push frames before returning (anything that evaluates a call and then continues).
A parent evaluates a NOPUSH child directly and pushes its resume frame only when a jump comes back; it
pushes its frame *before* running a COMPLEX child, so frames are always stacked in the right order.
"""
from __future__ import annotations

from typing import Callable

from ..data.conditions import SchemeError, guile_error, unbound_variable, wrong_num_args, wrong_type
from ..data.procedures import Closure, Primitive
from ..data.values import UNBOUND, UNSPECIFIED, MString, Values
from ..modules import Variable

VALUE, NOPUSH, COMPLEX = 0, 1, 2
Node = tuple  # (code, kind)


class Builder:
    """Node construction bound to one machine (its stack and apply)."""

    def __init__(self, machine: object) -> None:
        self.machine = machine
        self.stack = machine.regs.stack

    # -- leaves ---------------------------------------------------------------------------------
    def const(self, value: object) -> Node:
        """A literal."""
        return (lambda env: value), VALUE

    def local_ref(self, depth: int, index: int) -> Node:
        """Read slot INDEX of the frame DEPTH levels up."""
        if depth == 0:
            return (lambda env: env[index]), VALUE
        if depth == 1:
            return (lambda env: env[0][index]), VALUE
        if depth == 2:
            return (lambda env: env[0][0][index]), VALUE

        def ref(env: list) -> object:
            for _ in range(depth):
                env = env[0]
            return env[index]
        return ref, VALUE

    def global_ref(self, module: object, sym: object, var: Variable | None) -> Node:
        """Read a module variable; resolved now if it exists, else at first use."""
        if var is not None:
            def ref(env: list) -> object:
                v = var.value
                if v is UNBOUND:
                    raise unbound_variable(sym)
                return v
            return ref, VALUE
        cell: list = []

        def lazy_ref(env: list) -> object:
            if not cell:
                found = module.lookup(sym)
                if found is None or found.value is UNBOUND:
                    raise unbound_variable(sym)
                cell.append(found)
            return cell[0].value
        return lazy_ref, VALUE

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
        def store(env: list, v: object) -> object:
            if define:
                module.define(sym, v)
                return UNSPECIFIED
            var = module.lookup(sym)
            if var is None or var.value is UNBOUND:
                raise unbound_variable(sym)
            var.value = v
            return UNSPECIFIED
        return self.then(value, store)

    # -- sequencing -----------------------------------------------------------------------------
    def then(self, node: Node, finish: Callable) -> Node:
        """Evaluate NODE, then return `finish(env, value)` (which must not jump)."""
        code, kind = node
        stack = self.stack
        if kind == VALUE:
            return (lambda env: finish(env, code(env))), VALUE

        def resume(v: object, env: list, data: object) -> object:
            if type(v) is Values:
                v = single_value(v)
            return finish(env, v)
        if kind == NOPUSH:
            def step(env: list) -> object:
                v = code(env)
                if type(v) is tuple:
                    stack.append((resume, env, None))
                    return v
                return finish(env, v)
            return step, COMPLEX

        def step_complex(env: list) -> object:
            stack.append((resume, env, None))
            return (code, env)
        return step_complex, COMPLEX

    def operands(self, nodes: list[Node], finish: Callable, loc: tuple | None) -> Callable:
        """Code evaluating NODES left to right into a tuple, then returning `finish(env, values)`."""
        stack = self.stack
        step: Callable = lambda env, acc: finish(env, acc)
        for code, kind in reversed(nodes):
            step = self.operand_step(code, kind, step, stack, loc)
        first = step
        return lambda env: first(env, ())

    @staticmethod
    def operand_step(code: Callable, kind: int, nxt: Callable, stack: list, loc: tuple | None) -> Callable:
        """One link of an operand chain."""
        if kind == VALUE:
            return lambda env, acc: nxt(env, acc + (code(env),))

        def resume(v: object, env: list, acc: tuple) -> object:
            if type(v) is Values:
                v = single_value(v)
            return nxt(env, acc + (v,))
        resume.loc = loc
        if kind == NOPUSH:
            def step(env: list, acc: tuple) -> object:
                v = code(env)
                if type(v) is tuple:
                    stack.append((resume, env, acc))
                    return v
                return nxt(env, acc + (v,))
            return step

        def step_complex(env: list, acc: tuple) -> object:
            stack.append((resume, env, acc))
            return (code, env)
        return step_complex

    def sequence(self, nodes: list[Node]) -> Node:
        """`begin`: the value of the last node."""
        if len(nodes) == 1:
            return nodes[0]
        stack = self.stack
        last_code, last_kind = nodes[-1]
        if all(k == VALUE for _, k in nodes[:-1]):
            firsts = [c for c, _ in nodes[:-1]]

            def seq(env: list) -> object:
                for c in firsts:
                    c(env)
                return last_code(env)
            return seq, last_kind
        step: Callable = last_code
        for code, kind in reversed(nodes[:-1]):
            step = self.sequence_step(code, kind, step, stack)
        return step, COMPLEX

    @staticmethod
    def sequence_step(code: Callable, kind: int, nxt: Callable, stack: list) -> Callable:
        """One link of a `begin` chain: run CODE for effect, then NXT."""
        if kind == VALUE:
            def step_value(env: list) -> object:
                code(env)
                return nxt(env)
            return step_value

        def resume(v: object, env: list, data: object) -> object:
            return nxt(env)
        if kind == NOPUSH:
            def step(env: list) -> object:
                v = code(env)
                if type(v) is tuple:
                    stack.append((resume, env, None))
                    return v
                return nxt(env)
            return step

        def step_complex(env: list) -> object:
            stack.append((resume, env, None))
            return (code, env)
        return step_complex

    def if_(self, test: Node, then: Node, else_: Node) -> Node:
        """`if`."""
        tcode, tkind = test
        a, akind = then
        b, bkind = else_
        if tkind == VALUE:
            return (lambda env: a(env) if tcode(env) is not False else b(env)), max(akind, bkind)
        stack = self.stack

        def resume(v: object, env: list, data: object) -> object:
            if type(v) is Values:
                v = single_value(v)
            return a(env) if v is not False else b(env)
        if tkind == NOPUSH:
            def branch(env: list) -> object:
                v = tcode(env)
                if type(v) is tuple:
                    stack.append((resume, env, None))
                    return v
                return a(env) if v is not False else b(env)
            return branch, COMPLEX

        def branch_complex(env: list) -> object:
            stack.append((resume, env, None))
            return (tcode, env)
        return branch_complex, COMPLEX

    def or_(self, nodes: list[Node]) -> Node:
        """`or`: the first true value, evaluating the last operand in tail position."""
        stack = self.stack
        step: Callable = nodes[-1][0]
        for code, kind in reversed(nodes[:-1]):
            step = self.or_step(code, kind, step, stack)
        kind = VALUE if all(k == VALUE for _, k in nodes) else COMPLEX
        return step, kind

    @staticmethod
    def or_step(code: Callable, kind: int, nxt: Callable, stack: list) -> Callable:
        """One link of an `or` chain."""
        if kind == VALUE:
            def step_value(env: list) -> object:
                v = code(env)
                return v if v is not False else nxt(env)
            return step_value

        def resume(v: object, env: list, data: object) -> object:
            return v if v is not False else nxt(env)
        if kind == NOPUSH:
            def step(env: list) -> object:
                v = code(env)
                if type(v) is tuple:
                    stack.append((resume, env, None))
                    return v
                return v if v is not False else nxt(env)
            return step

        def step_complex(env: list) -> object:
            stack.append((resume, env, None))
            return (code, env)
        return step_complex

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
        return self.operands(inits, lambda env, vals: bcode([env, *vals, *pad]), loc), COMPLEX

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
        apply = self.machine.apply
        if fnode[1] == VALUE and all(k == VALUE for _, k in args):
            return self.simple_call(fnode[0], [c for c, _ in args], loc, apply), NOPUSH

        def finish(env: list, vals: tuple) -> object:
            f = vals[0]
            try:
                if type(f) is Primitive:
                    return f.fn(*vals[1:])
                if type(f) is Closure:
                    return f.lam.enter(f, vals[1:])
            except Exception as exc:
                raise located(exc, loc, f, vals[1:]) from None
            return (lambda _: apply(f, vals[1:])), None
        return self.operands([fnode, *args], finish, loc), COMPLEX

    @staticmethod
    def simple_call(fcode: Callable, codes: list, loc: tuple | None, apply: Callable) -> Callable:
        """A call whose operator and operands are all VALUE nodes, specialised by arity."""
        n = len(codes)
        if n == 1:
            a0 = codes[0]

            def call1(env: list) -> object:
                f = fcode(env)
                a = a0(env)
                try:
                    if type(f) is Primitive:
                        return f.fn(a)
                    if type(f) is Closure:
                        return f.lam.enter(f, (a,))
                except Exception as exc:
                    raise located(exc, loc, f, (a,)) from None
                return (lambda _: apply(f, (a,))), None
            return call1
        if n == 2:
            a0, a1 = codes

            def call2(env: list) -> object:
                f = fcode(env)
                a = a0(env)
                b = a1(env)
                try:
                    if type(f) is Primitive:
                        return f.fn(a, b)
                    if type(f) is Closure:
                        return f.lam.enter(f, (a, b))
                except Exception as exc:
                    raise located(exc, loc, f, (a, b)) from None
                return (lambda _: apply(f, (a, b))), None
            return call2

        def calln(env: list) -> object:
            f = fcode(env)
            args = tuple([c(env) for c in codes])
            try:
                if type(f) is Primitive:
                    return f.fn(*args)
                if type(f) is Closure:
                    return f.lam.enter(f, args)
            except Exception as exc:
                raise located(exc, loc, f, args) from None
            return (lambda _: apply(f, args)), None
        return calln


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

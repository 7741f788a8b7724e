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
from ..data.procedures import Closure, ControlPrimitive, Primitive
from ..data.values import NIL, UNBOUND, UNSPECIFIED, MString, Pair, Values
from ..modules import Variable, resolve_late
from ..primitives.equality import is_eq
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
            f = d[0]
            if type(f) is ControlPrimitive:     # the common case here: values, call-with-values...
                return f.fn(machine, d[1])
            return apply(f, d[1])
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
            code = lambda env: env[0][0][index]  # noqa: E731
            code.shape = ("L2", index)
            return code, VALUE

        def ref(env: list) -> object:
            for _ in range(depth):
                env = env[0]
            return env[index]
        if depth < len(LOCAL_KINDS):
            ref.shape = (LOCAL_KINDS[depth], index)
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
        if depth < len(LOCAL_KINDS):
            kind, param = operand_shape(*value)
            code = set_factory(kind, depth)([index, param], self.push_then, self.stack, self.apply_jump,
                                            None)[0]
            return code, value[1]
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
        kind, param = operand_shape(*value)
        code = set_factory(kind, -1)([(cell, store), param], self.push_then, self.stack, self.apply_jump,
                                     None)[0]
        return code, value[1]

    # -- tail position ----------------------------------------------------------------------------
    def tail(self, node: Node) -> Node:
        """NODE as it runs in tail position: called by the driver loop (a procedure body, a toplevel
        form, or what such a node returns unwrapped), so it may push the frame of a jumping child
        itself instead of returning a deferred push for a parent that does not exist."""
        make = getattr(node[0], "make_tail", None)
        return make() if make is not None else node

    def push_now(self, frame: tuple, jump: object) -> object:
        """Push FRAME and continue with JUMP (only from code the driver loop calls directly)."""
        self.stack.append(frame)
        return jump

    def defer_push(self, frame: tuple, jump: object) -> object:
        """Ask the driver loop to push FRAME, then continue with JUMP."""
        return (self.push_then, (frame, jump))

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

    def sequence(self, nodes: list[Node], contexts: list | None = None, tail: bool = False) -> Node:
        """`begin`: the value of the last node.  CONTEXTS, when given, holds per node the location
        and the `(begin <node's form> rest...)` form its resume frame shows in a continuation."""
        if len(nodes) == 1:
            return nodes[0]
        last_code, last_kind = nodes[-1]
        if len(nodes) <= MAX_GENERATED_OPERANDS:
            step = self.generated_sequence(nodes, contexts, tail)
            kind = last_kind if all(k == VALUE for _, k in nodes[:-1]) else JUMPY
        elif all(k == VALUE for _, k in nodes[:-1]):
            firsts = [c for c, _ in nodes[:-1]]

            def seq(env: list) -> object:
                for c in firsts:
                    c(env)
                return last_code(env)
            step, kind = seq, last_kind
        else:
            step, kind = last_code, JUMPY
            for i in range(len(nodes) - 2, -1, -1):
                code, k = nodes[i]
                step = self.sequence_step(code, k, step, contexts[i] if contexts else None, tail)
        if not tail and (kind == JUMPY or hasattr(last_code, "make_tail")):
            step.make_tail = lambda: self.sequence([*nodes[:-1], self.tail(nodes[-1])], contexts, True)
        return step, kind

    def generated_sequence(self, nodes: list[Node], contexts: list | None, tail: bool) -> Callable:
        """A `begin` whose statements run in place in generated code (see sequence_factory)."""
        shapes = [operand_shape(code, kind) for code, kind in nodes[:-1]]
        last_kind, last_param = branch_shape(nodes[-1])
        factory = sequence_factory(tuple(s[0] for s in shapes), last_kind, tail)
        return factory([s[1] for s in shapes], last_param, contexts or [None] * len(shapes),
                       self.push_then, self.stack, self.apply_jump)

    def sequence_step(self, code: Callable, kind: int, nxt: Callable, loc: tuple | None = None,
                      tail: bool = False) -> Callable:
        """One link of a `begin` chain: run CODE for effect, then NXT."""
        if kind == VALUE:
            def step_value(env: list) -> object:
                code(env)
                return nxt(env)
            return step_value
        push_then, stack = self.push_then, self.stack

        def resume(v: object, env: list, data: object) -> object:
            return nxt(env)
        resume.loc = loc
        resume.hole = 1
        if tail:
            def step_tail(env: list) -> object:
                v = code(env)
                if type(v) is tuple:
                    stack.append((resume, env, None))
                    return v
                return nxt(env)
            return step_tail

        def step(env: list) -> object:
            v = code(env)
            if type(v) is tuple:
                return (push_then, ((resume, env, None), v))
            return nxt(env)
        return step

    def if_(self, test: Node, then: Node, else_: Node, loc: tuple | None = None,
            tail: bool = False) -> Node:
        """`if`; LOC (with the form) lets a continuation waiting on the test show itself."""
        tcode, tkind = test
        a, b = then[0], else_[0]

        def resume(v: object, env: list, data: object) -> object:
            if type(v) is Values:
                v = single_value(v)
            return a(env) if v is not False else b(env)
        resume.loc = loc
        resume.hole = 1
        kind, param, tloc = if_test_shape(tcode, tkind)
        (akind, aparam), (bkind, bparam) = branch_shape(then), branch_shape(else_)
        code = if_factory(kind, tail, akind, bkind)(
            param, tloc, tcode, aparam, bparam, self.push_then, self.stack, self.apply_jump, resume)
        if not tail and (tkind == JUMPY or hasattr(a, "make_tail") or hasattr(b, "make_tail")):
            code.make_tail = lambda: self.if_(test, self.tail(then), self.tail(else_), loc, True)
        return code, JUMPY if tkind == JUMPY else max(then[1], else_[1])

    def or_(self, nodes: list[Node], tail: bool = False) -> Node:
        """`or`: the first true value, evaluating the last operand in tail position."""
        if len(nodes) <= MAX_GENERATED_OPERANDS:
            shapes = [operand_shape(code, kind) for code, kind in nodes[:-1]]
            last_kind, last_param = branch_shape(nodes[-1])
            step = or_factory(tuple(s[0] for s in shapes), last_kind, tail)(
                [s[1] for s in shapes], last_param, self.push_then, self.stack, self.apply_jump)
        else:
            step = nodes[-1][0]
            push = self.push_now if tail else self.defer_push
            for code, kind in reversed(nodes[:-1]):
                step = self.or_step(code, kind, step, push)
        if all(k == VALUE for _, k in nodes):
            return step, VALUE
        if not tail:
            step.make_tail = lambda: self.or_([*nodes[:-1], self.tail(nodes[-1])], True)
        return step, JUMPY

    @staticmethod
    def or_step(code: Callable, kind: int, nxt: Callable, push: Callable) -> Callable:
        """One link of an `or` chain."""
        if kind == VALUE:
            def step_value(env: list) -> object:
                v = code(env)
                return v if v is not False else nxt(env)
            return step_value

        def resume(v: object, env: list, data: object) -> object:
            return v if v is not False else nxt(env)

        def step(env: list) -> object:
            v = code(env)
            if type(v) is tuple:
                return push((resume, env, None), v)
            return v if v is not False else nxt(env)
        return step

    # -- operand lists ---------------------------------------------------------------------------
    def operands(self, nodes: list[Node], finish: Callable, loc: tuple | None,
                 tail: bool = False) -> Callable:
        """Code evaluating NODES left to right into a tuple, then returning `finish(env, values)`."""
        push = self.push_now if tail else self.defer_push
        step: Callable = finish
        for i in range(len(nodes) - 1, -1, -1):
            code, kind = nodes[i]
            step = self.operand_step(code, kind, step, push, loc, i)
        first = step
        return lambda env: first(env, ())

    @staticmethod
    def operand_step(code: Callable, kind: int, nxt: Callable, push: Callable,
                     loc: tuple | None, position: int) -> Callable:
        """One link of an operand chain.

        Its resume records its call form and the operand POSITION in it: that is the hole of the
        continuation it belongs to, which printing a continuation shows.
        """
        if kind == VALUE:
            return lambda env, acc: nxt(env, acc + (code(env),))

        def resume(v: object, env: list, acc: tuple) -> object:
            if type(v) is Values:
                v = single_value(v)
            return nxt(env, acc + (v,))
        resume.loc = loc
        resume.hole = position

        def step(env: list, acc: tuple) -> object:
            v = code(env)
            if type(v) is tuple:
                return push((resume, env, acc), v)
            return nxt(env, acc + (v,))
        return step

    # -- binding ---------------------------------------------------------------------------------
    def let(self, inits: list[Node], nslots: int, body: Node, loc: tuple | None,
            tail: bool = False) -> Node:
        """Evaluate INITS, then run BODY in a new frame holding them (plus unbound extra slots)."""
        bcode, bkind = body
        pad = (UNBOUND,) * (nslots - len(inits))
        if 0 < len(inits) <= MAX_GENERATED_OPERANDS:
            return self.generated_let(inits, nslots, body, loc, tail)
        if all(k == VALUE for _, k in inits):
            codes = [c for c, _ in inits]
            if len(codes) == 1 and not pad:
                c0 = codes[0]
                code, kind = (lambda env: bcode([env, c0(env)])), bkind
            else:
                code, kind = (lambda env: bcode([env, *[c(env) for c in codes], *pad])), bkind
        else:
            code = self.operands(inits, lambda env, vals: bcode([env, *vals, *pad]), loc, tail)
            kind = JUMPY
        if not tail and (kind == JUMPY or hasattr(bcode, "make_tail")):
            code.make_tail = lambda: self.let(inits, nslots, self.tail(body), loc, True)
        return code, kind

    def generated_let(self, inits: list[Node], nslots: int, body: Node, loc: tuple | None,
                      tail: bool) -> Node:
        """A `let` whose inits are read or run in place by generated code (see let_factory)."""
        bcode, bkind = body
        shapes = [operand_shape(code, kind) for code, kind in inits]
        kinds = ("K", *(s[0] for s in shapes))
        code, tail_code, _ = let_factory(kinds, nslots - len(inits))(
            [bcode, *(s[1] for s in shapes)], self.push_then, self.stack, self.apply_jump, loc)
        if tail:
            code = tail_code
        kind = bkind if all(k == VALUE for _, k in inits) else JUMPY
        if not tail and (kind == JUMPY or hasattr(bcode, "make_tail")):
            code.make_tail = lambda: self.let(inits, nslots, self.tail(body), loc, True)
        return code, kind

    def letrec(self, nslots: int, body: Node) -> Node:
        """A frame of NSLOTS unbound slots around BODY (letrec and bodies with internal defines)."""
        bcode, bkind = body
        pad = [UNBOUND] * nslots
        code = lambda env: bcode([env, *pad])  # noqa: E731
        if hasattr(bcode, "make_tail"):
            code.make_tail = lambda: self.letrec(nslots, self.tail(body))
        return code, bkind

    def lambda_(self, lam: object) -> Node:
        """Closure creation."""
        code = lambda env: Closure(lam, env)  # noqa: E731
        code.lam = lam
        return code, VALUE

    # -- application -------------------------------------------------------------------------------
    def call(self, fnode: Node, args: list[Node], loc: tuple | None) -> Node:
        """Procedure call; primitives run inline, closures are entered by a jump."""
        nodes = [fnode, *args]
        if fnode[1] != VALUE or len(args) > MAX_GENERATED_OPERANDS:
            code = self.generic_call(nodes, loc, False)
            code.make_tail = lambda: (self.generic_call(nodes, loc, True), JUMPY)
            return code, JUMPY
        shapes = [operand_shape(code, kind) for code, kind in nodes]
        kinds = tuple(s[0] for s in shapes)
        op = open_op(shapes[0][1], len(args)) if kinds[0] == "G" else None
        params = [s[1] for s in shapes]
        code, tail_code, resumes = call_factory(kinds, op)(
            params, self.push_then, self.stack, self.apply_jump, loc)
        tail_code.call_spec = (kinds, op, params, loc, resumes)
        if kinds[0] == "G" and is_receive(params[0], args):
            return self.receive(params[0], args[0][0].lam, args[1][0].lam, code, tail_code, loc)
        code.make_tail = lambda: (tail_code, JUMPY)
        return code, JUMPY

    def receive(self, cell: list, producer: object, consumer: object, call: Callable,
                tail_call: Callable, loc: tuple | None) -> Node:
        """`(call-with-values (lambda () ...) (lambda formals ...))` run without making either
        closure: the producer's body runs in a frame of its own under a frame that hands its
        values to the consumer's body.  While the global no longer holds call-with-values, the
        call it is (CALL, or TAIL_CALL in tail position) runs instead."""
        cwv, stack, push_then = receive_primitive(), self.stack, self.push_then
        pbody, cbody, nvalues = producer.body, consumer.body, consumer.fixed

        def k_receive(v: object, env: list, data: object) -> object:
            items = v.items if type(v) is Values else (v,)
            if len(items) == nvalues:
                return cbody([env, *items])
            try:
                return consumer.enter(Closure(consumer, env), items)
            except SchemeError as exc:
                raise located(exc, loc, None, ()) from None

        def node(env: list) -> object:
            if cell[0].value is not cwv:
                return call(env)
            return (push_then, ((k_receive, env, None), (pbody, [env])))

        def tail(env: list) -> object:
            if cell[0].value is not cwv:
                return tail_call(env)
            stack.append((k_receive, env, None))
            return (pbody, [env])
        node.make_tail = lambda: (tail, JUMPY)
        return node, JUMPY

    def loop_call(self, depth: int, loop: object, args: list[Node], loc: tuple | None) -> Node:
        """A call by name of the procedure of a named let (LOOP, a LoopInfo) whose frame is DEPTH
        frames up: its body is entered in a new frame under that one, no closure needed."""
        if len(args) > MAX_GENERATED_OPERANDS or depth >= len(LOCAL_KINDS):
            def closure(env: list) -> Closure:
                for _ in range(depth):
                    env = env[0]
                return Closure(loop.lam, env)
            return self.call((closure, VALUE), args, loc)
        shapes = [operand_shape(code, kind) for code, kind in args]
        kinds = (f"KL{depth}", *(s[0] for s in shapes))
        params = [loop, *(s[1] for s in shapes)]
        code, tail_code, resumes = call_factory(kinds, None)(
            params, self.push_then, self.stack, self.apply_jump, loc)
        tail_code.call_spec = (kinds, None, params, loc, resumes)
        code.make_tail = lambda: (tail_code, JUMPY)
        return code, JUMPY

    def generic_call(self, nodes: list[Node], loc: tuple | None, tail: bool) -> Callable:
        """A call of any shape, its operands evaluated by an operand chain."""
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
        return self.operands(nodes, finish, loc, tail)


# -- generated call nodes --------------------------------------------------------------------------
# An operand's kind says how generated code evaluates it: "L0".."L7" a local slot, "K" a constant
# ("N" an exact integer one), "G" a global, "X" a value node and "J" a node that may jump, both
# called; ("C", kinds, op) an inline call of a global on operands of KINDS, where OP names the
# open-coded primitive the global held when compiled (see OPEN_OPS), or is None.

LOCAL_KINDS = tuple(f"L{depth}" for depth in range(8))   # a local slot in the frame DEPTH levels up
INLINE_KINDS = (*LOCAL_KINDS, "K", "N", "G")
READ_TESTS = (*LOCAL_KINDS, "G")  # `if` tests a generated `if` reads in place
MAX_GENERATED_OPERANDS = 12     # a call or `let` with more is built from an operand chain

# name -> (arity, type every non-constant argument must have or None, Python expression).  While
# the global holds that very primitive and the arguments pass the type test, the expression gives
# the primitive's result; anything else calls the primitive.
OPEN_OPS = {
    "+": (2, "int", "{0} + {1}"), "-": (2, "int", "{0} - {1}"), "*": (2, "int", "{0} * {1}"),
    "<": (2, "int", "{0} < {1}"), ">": (2, "int", "{0} > {1}"), "<=": (2, "int", "{0} <= {1}"),
    ">=": (2, "int", "{0} >= {1}"), "=": (2, "int", "{0} == {1}"),
    "1+": (1, "int", "{0} + 1"), "1-": (1, "int", "{0} - 1"), "zero?": (1, "int", "{0} == 0"),
    "car": (1, "Pair", "{0}.car"), "cdr": (1, "Pair", "{0}.cdr"),
    "null?": (1, None, "{0} is NIL"), "pair?": (1, None, "type({0}) is Pair"),
    "not": (1, None, "{0} is False"), "cons": (2, None, "Pair({0}, {1})"),
    "eq?": (2, None, "({0} is {1} or is_eq({0}, {1}))"),
}
_open_prims: dict = {}


def open_prims() -> dict:
    """The primitive objects of OPEN_OPS -> their names (once the primitives are registered)."""
    if not _open_prims:
        from ..primitives.registry import GUILE, TABLES
        table = TABLES.get(GUILE, {})
        _open_prims.update({table[name]: name for name in OPEN_OPS if name in table})
    return _open_prims


def open_op(cell: list, nargs: int) -> str | None:
    """The name of the open-coded primitive the global behind CELL holds now, if called with NARGS."""
    name = open_prims().get(cell[0].value)
    return name if name is not None and OPEN_OPS[name][0] == nargs else None


def receive_primitive() -> object:
    """The built-in call-with-values."""
    from ..primitives.registry import GUILE, TABLES
    return TABLES[GUILE]["call-with-values"]


def is_receive(cell: list, args: list[Node]) -> bool:
    """Is this a call of the built-in call-with-values on a lambda of no parameters (nor internal
    definitions) and another lambda?"""
    if len(args) != 2 or cell[0].value is not receive_primitive():
        return False
    producer, consumer = (getattr(code, "lam", None) for code, _ in args)
    return producer is not None and consumer is not None and producer.fixed == 0


def op_param(op: str) -> str:
    """The generated code's name for the primitive object of open-coded OP."""
    return f"OP{list(OPEN_OPS).index(op)}"


def operand_shape(code: Callable, kind: int) -> tuple:
    """How a generated call evaluates an operand, and the parameter it needs for that."""
    inline = getattr(code, "inline", None)
    if inline is not None:
        kinds, params, loc = inline
        return (("C", kinds, open_op(params[0], len(kinds) - 1)), (params, code, loc))
    if kind != VALUE:
        return ("J", code)
    shape = getattr(code, "shape", None)
    if shape is None:
        return ("X", code)
    if shape[0] == "K" and type(shape[1]) is int:
        return ("N", shape[1])
    return shape


def is_call_kind(kind: object) -> bool:
    """True for the kind of an operand that is an inline call."""
    return type(kind) is tuple


def inlinable(kind: object) -> bool:
    """Operand kinds a call can have and still be inlined into its parent: plain reads, or a call
    of flat reads (one level of nesting keeps the generated code small)."""
    if is_call_kind(kind):
        return all(k in INLINE_KINDS for k in kind[1])
    return kind in INLINE_KINDS


def test_inlinable(kinds: tuple) -> bool:
    """True when an `if` can run a test call of these operand kinds in place."""
    return kinds[0] == "G" and all(inlinable(k) for k in kinds[1:])


def read_lines(kind: str, v: str, p: str, indent: str) -> list[str]:
    """Lines reading a plain operand whose parameter is P into V."""
    if kind in ("K", "N"):
        return [f"{indent}{v} = {p}"]
    if kind == "G":
        return [f"{indent}{v} = {p}[0].value", f"{indent}if {v} is UNBOUND: {v} = resolve_late({p})"]
    if kind in LOCAL_KINDS:
        return [f"{indent}{v} = env{'[0]' * LOCAL_KINDS.index(kind)}[{p}]"]
    if kind.startswith("KL"):
        return [f"{indent}{v} = {p}.lam"]
    return [f"{indent}{v} = {p}(env)"]


def arg_lines(sub: tuple, p: str, indent: str) -> tuple[list[str], list[str]]:
    """Lines evaluating the operands of inline call P (whose operators are known primitives),
    and the Python expressions of their values."""
    lines, args = [], []
    for j, sk in enumerate(sub[1:], 1):
        if is_call_kind(sk):
            lines += primitive_lines(sk, f"{p}_{j}", f"{p}_a{j}", indent)
            args.append(f"{p}_a{j}")
        elif sk in ("K", "N"):
            args.append(f"{p}_{j}")
        else:
            lines += read_lines(sk, f"{p}_a{j}", f"{p}_{j}", indent)
            args.append(f"{p}_a{j}")
    return lines, args


def apply_primitive_lines(op: str | None, kinds: tuple, g: str, args: list[str], v: str,
                          loc: str, indent: str) -> list[str]:
    """Lines setting V to primitive G applied to ARGS: open-coded while G is OP's primitive and
    the arguments have the type it expects."""
    call = [f"{indent}try: {v} = {g}.fn({', '.join(args)})",
            f"{indent}except Exception as exc: raise located(exc, {loc}, {g}, ()) from None"]
    if op is None:
        return call
    _, typ, expr = OPEN_OPS[op]
    guard = [f"{g} is {op_param(op)}"]
    if typ is not None:
        guard += [f"type({a}) is {typ}" for a, k in zip(args, kinds[1:]) if not (typ == "int" and k == "N")]
    return ([f"{indent}if {' and '.join(guard)}: {v} = {expr.format(*args)}", f"{indent}else:"]
            + ["    " + line for line in call])


def primitive_lines(kind: tuple, p: str, v: str, indent: str) -> list[str]:
    """Lines computing inline call P into V, its operator (in P_g) already known to be a primitive."""
    _, sub, op = kind
    lines, args = arg_lines(sub, p, indent)
    return lines + apply_primitive_lines(op, sub, f"{p}_g", args, v, f"{p}_loc", indent)


def operator_lines(kind: tuple, p: str, indent: str) -> tuple[list[str], list[str]]:
    """Lines reading the operators of inline call P and of its inline sub-calls, and the checks
    that the sub-call operators are primitives."""
    lines = [f"{indent}{p}_g = {p}_0[0].value"]
    checks = []
    for j, sk in enumerate(kind[1][1:], 1):
        if is_call_kind(sk):
            lines.append(f"{indent}{p}_{j}_g = {p}_{j}_0[0].value")
            checks.append(f"type({p}_{j}_g) is Primitive")
    return lines, checks


def inline_call_lines(kind: tuple, v: str, p: str, indent: str, frame: str, tail: bool,
                      direct: bool) -> list[str]:
    """Evaluate an operand that calls a global procedure on inline operands (one of which may be
    such a call of a primitive itself) without calling its node.  Every operator is checked first,
    so when one is not what the fast path expects, nothing has run yet and the operand's own node
    is called instead.  A closure of fixed arity is entered by leaving with its jump, FRAME pushed
    under it; with DIRECT (code the driver loop calls, so at most one body runs nested in it) the
    body is called in place instead, and when it returns a value at once the frame comes off again
    and the operand has its value without a trip through the driver loop."""
    _, sub, op = kind
    n = len(sub) - 1
    g = f"{p}_g"
    lines, checks = operator_lines(kind, p, indent)
    closure = f"type({g}) is Closure and {g}.lam.fixed == {n}"
    head = f"type({g}) is Primitive or {closure}" if op else f"{closure} or type({g}) is Primitive"
    lines.append(f"{indent}if {' and '.join(['(' + head + ')'] + checks)}:")
    body = indent + "    "
    arg_code, args = arg_lines(sub, p, body)
    lines += arg_code
    env = f"[{g}.env{', ' if args else ''}{', '.join(args)}]"
    if direct:
        enter = [f"{body}    stack.append({frame})",
                 f"{body}    {v} = {g}.lam.body({env})",
                 f"{body}    if type({v}) is tuple: return {v}",
                 f"{body}    stack.pop()",
                 f"{body}    if type({v}) is Values: {v} = single_value({v})"]
    elif tail:
        enter = [f"{body}    stack.append({frame})", f"{body}    return ({g}.lam.body, {env})"]
    else:
        enter = [f"{body}    return (push_then, ({frame}, ({g}.lam.body, {env})))"]
    if op:
        lines += [f"{body}if type({g}) is Primitive:"]
        lines += apply_primitive_lines(op, sub, g, args, v, f"{p}_loc", body + "    ")
        lines += [f"{body}else:"] + enter
    else:
        lines += [f"{body}if type({g}) is Closure:"] + enter + [f"{body}else:"]
        lines += apply_primitive_lines(None, sub, g, args, v, f"{p}_loc", body + "    ")
    lines += [f"{indent}else:",
              f"{indent}    {v} = {p}_node(env)",
              push_line(frame, v, tail, indent + "    ")]
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


def push_line(frame: str, v: str, tail: bool, indent: str) -> str:
    """Return jump V with FRAME pushed under it: at once in code the driver loop calls directly,
    else as a deferred push for the caller to wrap."""
    if tail:
        return f"{indent}if type({v}) is tuple: stack.append({frame}); return {v}"
    return f"{indent}if type({v}) is tuple: return (push_then, ({frame}, {v}))"


def done_names(pre: str, i: int) -> list[str]:
    """The values a call with prefix PRE holds when its operand I jumps: `f`, a0 .. a{i-2}."""
    return [f"{pre}f"] + [f"{pre}a{j}" for j in range(i - 1)]


def operand_lines(kinds: tuple, start: int, indent: str, tail: bool, pre: str = "",
                  direct: bool = False) -> list[str]:
    """Source lines evaluating operands START.. (0 is the operator `f`); an operand that jumps
    leaves with the frame of the resume that continues after it (its data: the values so far,
    or the operator alone).  DIRECT: see inline_call_lines."""
    lines = []
    for i in range(start, len(kinds)):
        v = f"{pre}f" if i == 0 else f"{pre}a{i - 1}"
        done = done_names(pre, i)
        frame = f"({pre}R{i}, env, {done[0] if len(done) == 1 else '(' + ', '.join(done) + ')'})"
        if is_call_kind(kinds[i]):
            lines += inline_call_lines(kinds[i], v, f"{pre}P{i}", indent, frame, tail, direct)
        else:
            lines += read_lines(kinds[i], v, f"{pre}P{i}", indent)
        if kinds[i] == "J":
            lines.append(push_line(frame, v, tail, indent))
    return lines


def dispatch_lines(n: int, op: str | None, kinds: tuple, indent: str, pre: str = "") -> list[str]:
    """Source lines applying `f` to a0..a{n-1}: primitives inline, closures entered, others deferred."""
    f = f"{pre}f"
    names = [f"{pre}a{i}" for i in range(n)]
    args = ", ".join(names)
    tup = f"({args},)" if n == 1 else f"({args})"
    if kinds[0].startswith("KL"):
        return loop_dispatch_lines(n, int(kinds[0][2:]), indent, pre)
    env = f"[{f}.env, {args}]" if n else f"[{f}.env]"
    lines = []
    if op is not None:
        _, typ, expr = OPEN_OPS[op]
        guard = [f"{f} is {op_param(op)}"]
        if typ is not None:
            guard += [f"type({a}) is {typ}" for a, k in zip(names, kinds[1:]) if not (typ == "int" and k == "N")]
        lines.append(f"{indent}if {' and '.join(guard)}: return {expr.format(*names)}")
    return lines + [
        f"{indent}try:",
        f"{indent}    if type({f}) is Closure:",
        f"{indent}        {pre}lam = {f}.lam",
        f"{indent}        if {pre}lam.fixed == {n}: return ({pre}lam.body, {env})",
        f"{indent}        return {pre}lam.enter({f}, {tup})",
        f"{indent}    if type({f}) is Primitive: return {f}.fn({args})",
        f"{indent}except Exception as exc:",
        f"{indent}    raise located(exc, {pre}loc, {f}, {tup}) from None",
        f"{indent}return (apply_jump, ({f}, {tup}))",
    ]


def loop_dispatch_lines(n: int, depth: int, indent: str, pre: str = "") -> list[str]:
    """Source lines entering `f`, the Lambda of a named let whose frame is DEPTH frames up, with
    a0..a{n-1}; a wrong count of arguments is reported with a closure made for the message."""
    f = f"{pre}f"
    names = [f"{pre}a{i}" for i in range(n)]
    parent = "env" + "[0]" * depth
    tup = f"({names[0]},)" if n == 1 else f"({', '.join(names)})"
    return [f"{indent}if {f}.fixed == {n}: return ({f}.body, [{', '.join([parent, *names])}])",
            f"{indent}try:",
            f"{indent}    return {f}.enter(Closure({f}, {parent}), {tup})",
            f"{indent}except Exception as exc:",
            f"{indent}    raise located(exc, {pre}loc, None, {tup}) from None"]


def call_body_lines(kinds: tuple, op: str | None, indent: str, tail: bool, pre: str = "") -> list[str]:
    """The statements of a call node with prefix PRE, deferring or (TAIL) making its pushes."""
    return (operand_block_lines(kinds, indent, tail, pre)
            + dispatch_lines(len(kinds) - 1, op, kinds, indent, pre))


def operand_block_lines(kinds: tuple, indent: str, tail: bool, pre: str = "") -> list[str]:
    """Statements evaluating all the operands of a call, errors located at the call."""
    return ([f"{indent}try:"] + operand_lines(kinds, 0, indent + "    ", tail, pre)
            + [f"{indent}except Exception as exc:",
               f"{indent}    raise located(exc, {pre}loc, None, ()) from None"])


def call_param_lines(kinds: tuple, pre: str, source: str, indent: str) -> list[str]:
    """Factory lines binding a call's operand parameters from SOURCE under prefix PRE."""
    lines = []
    for i, kind in enumerate(kinds):
        if is_call_kind(kind):
            lines += inline_params(kind, f"{pre}P{i}", f"{source}[{i}]", indent)
        else:
            lines.append(f"{indent}{pre}P{i} = {source}[{i}]")
    return lines


def resume_positions(kinds: tuple) -> list[int]:
    """The operand positions of a call that may jump, each with a resume function."""
    return [i for i in range(1, len(kinds)) if kinds[i] == "J" or is_call_kind(kinds[i])]


@lru_cache(maxsize=None)
def call_factory(kinds: tuple, op: str | None) -> Callable:
    """Generate the node factory for a call whose operator and operands have the given shapes.

    The factory returns the node, its tail-position variant and its resume functions.  The nodes
    evaluate everything into locals; an operand that may jump gets a resume function, generated
    too, that picks up at the next operand with the values so far (resumes are called by the
    driver loop, so they push frames themselves).  OP names the open-coded primitive the operator
    held when compiled.
    """
    n = len(kinds) - 1
    extra = ["    node.inline = (KINDS, P, loc)"] \
        if kinds[0] == "G" and 0 < n <= 3 and all(inlinable(k) for k in kinds[1:]) else []
    return operands_factory(kinds, lambda indent: dispatch_lines(n, op, kinds, indent), extra)


@lru_cache(maxsize=None)
def let_factory(kinds: tuple, npad: int) -> Callable:
    """Generate the node factory for a `let` whose inits have the shapes KINDS[1:]: a call-like
    node whose operator, a constant, is the body's code, entered in a frame of the init values
    and NPAD unbound slots."""
    slots = ", ".join(["env"] + [f"a{i}" for i in range(len(kinds) - 1)] + ["UNBOUND"] * npad)
    return operands_factory(kinds, lambda indent: [f"{indent}return f([{slots}])"], [])


@lru_cache(maxsize=None)
def set_factory(kind: object, depth: int) -> Callable:
    """Generate the node factory for `set!` from a value of operand shape KIND: a call-like node
    whose operator, a constant, is the slot index of a local DEPTH frames out, or with DEPTH -1
    a global's (cell, store): CELL holds its variable once STORE has found it."""
    if depth < 0:
        store = ["if f[0]: f[0][0].value = a0", "else: f[1](env, a0)"]
    else:
        store = [f"env{'[0]' * depth}[f] = a0"]
    return operands_factory(("K", kind), lambda indent: [indent + line for line in store]
                            + [f"{indent}return UNSPECIFIED"], [])


def operands_factory(kinds: tuple, finish: Callable[[str], list[str]], extra: list[str]) -> Callable:
    """The source of a call-shaped node factory (see call_factory) whose last step, once every
    operand has its value, is the lines FINISH(indent) give; EXTRA lines end the factory."""
    lines = ["def factory(P, push_then, stack, apply_jump, loc):"]
    lines += call_param_lines(kinds, "", "P", "    ")
    positions = resume_positions(kinds)
    for i in positions:
        done = done_names("", i)
        lines.append(f"    def R{i}(v, env, acc):")
        lines.append(f"        {done[0] if len(done) == 1 else ', '.join(done) + ','} = acc")
        lines.append(f"        a{i - 1} = single_value(v) if type(v) is Values else v")
        lines += operand_lines(kinds, i + 1, "        ", True, "", True)
        lines += finish("        ")
        lines.append(f"    R{i}.loc = loc")
        lines.append(f"    R{i}.hole = {i}")
    for name, tail in (("node", False), ("tail", True)):
        lines.append(f"    def {name}(env):")
        lines += operand_block_lines(kinds, "        ", tail) + finish("        ")
    lines += extra
    lines.append(f"    return node, tail, ({''.join(f'R{i}, ' for i in positions)})")
    return generated("\n".join(lines), {"KINDS": kinds})


def branch_shape(node: Node) -> tuple:
    """How a generated `if` runs a branch: a plain read in place, the statements of a call in
    tail position (its kind tagged "call"), or by calling its node ("X")."""
    code, kind = node
    spec = getattr(code, "call_spec", None)
    if spec is not None:
        kinds, op, params, loc, resumes = spec
        return ("call", kinds, op), (params, loc, resumes)
    shape = getattr(code, "shape", None) if kind == VALUE else None
    if shape is not None and shape[0] in INLINE_KINDS:
        return ("N" if shape[0] == "K" and type(shape[1]) is int else shape[0]), shape[1]
    return "X", code


def branch_lines(kind: object, name: str, indent: str, tail: bool) -> list[str]:
    """The statements returning the value or jump of a branch whose parameter is NAME."""
    if kind == "X":
        return [f"{indent}return {name}(env)"]
    if type(kind) is tuple:
        return call_body_lines(kind[1], kind[2], indent, tail, f"{name}_")
    return read_lines(kind, "v", name, indent) + [f"{indent}return v"]


def branch_param_lines(kind: object, name: str) -> list[str]:
    """Factory lines binding what a call branch needs under prefix NAME_."""
    if type(kind) is not tuple:
        return []
    lines = [f"    {name}_P, {name}_loc, {name}_RS = {name}"]
    lines += call_param_lines(kind[1], f"{name}_", f"{name}_P", "    ")
    return lines + [f"    {name}_R{i} = {name}_RS[{j}]" for j, i in enumerate(resume_positions(kind[1]))]


@lru_cache(maxsize=None)
def sequence_factory(kinds: tuple, last: object, tail: bool) -> Callable:
    """Generate a `begin` whose statements have the operand shapes KINDS and whose last
    expression the branch shape LAST (see branch_shape).  A statement that is an inline call runs
    in place; one that jumps leaves with the frame of a resume that runs the statements after it
    (each resume carries its statement's context, CTX[i])."""
    lines = ["def factory(P, L, CTX, push_then, stack, apply_jump):"]
    lines += statement_param_lines(kinds)
    lines += branch_param_lines(last, "L")
    for i in range(len(kinds)):
        lines.append(f"    def R{i}(v, env, data):")
        lines += statement_lines(kinds, i + 1, last, "        ", True, True)
        lines += [f"    R{i}.loc = CTX[{i}]", f"    R{i}.hole = 1"]
    lines.append("    def node(env):")
    lines += statement_lines(kinds, 0, last, "        ", tail, False)
    lines.append("    return node")
    return generated("\n".join(lines), {})


@lru_cache(maxsize=None)
def or_factory(kinds: tuple, last: object, tail: bool) -> Callable:
    """Generate an `or` whose operands but the last have the operand shapes KINDS and whose last
    the branch shape LAST: each operand runs in place, and one that jumps leaves with the frame of
    a resume that returns its value if true, else goes on with the next."""
    lines = ["def factory(P, L, push_then, stack, apply_jump):"]
    lines += statement_param_lines(kinds)
    lines += branch_param_lines(last, "L")
    for i in range(len(kinds)):
        lines += [f"    def R{i}(v, env, data):", "        if v is not False: return v"]
        lines += statement_lines(kinds, i + 1, last, "        ", True, True, "if v is not False: return v")
    lines.append("    def node(env):")
    lines += statement_lines(kinds, 0, last, "        ", tail, False, "if v is not False: return v")
    lines.append("    return node")
    return generated("\n".join(lines), {})


def statement_param_lines(kinds: tuple) -> list[str]:
    """Factory lines binding the parameters of statements P0.. of operand shapes KINDS."""
    lines = []
    for i, kind in enumerate(kinds):
        if is_call_kind(kind):
            lines += inline_params(kind, f"P{i}", f"P[{i}]", "    ")
        else:
            lines.append(f"    P{i} = P[{i}]")
    return lines


def statement_lines(kinds: tuple, start: int, last: object, indent: str, tail: bool,
                    direct: bool, after: str | None = None) -> list[str]:
    """The statements START.. of a generated `begin` or `or`, each followed by the line AFTER
    if given, then its last expression."""
    lines = []
    for i in range(start, len(kinds)):
        frame = f"(R{i}, env, None)"
        if is_call_kind(kinds[i]):
            lines += inline_call_lines(kinds[i], "v", f"P{i}", indent, frame, tail, direct)
        else:
            lines += read_lines(kinds[i], "v", f"P{i}", indent)
            if kinds[i] == "J":
                lines.append(push_line(frame, "v", tail, indent))
        if after:
            lines.append(indent + after)
    return lines + branch_lines(last, "L", indent, tail)


def if_test_shape(code: Callable, kind: int) -> tuple:
    """How a generated `if` runs its test (see if_factory): kind, parameter and location."""
    inline = getattr(code, "inline", None)
    if inline is not None and test_inlinable(inline[0]):
        kinds, params, loc = inline
        return ("C", kinds, open_op(params[0], len(kinds) - 1)), params, loc
    shape = getattr(code, "shape", None) if kind == VALUE else None
    if shape is not None and shape[0] in READ_TESTS:
        return shape[0], shape[1], None
    return ("J" if kind == JUMPY else "X"), code, None


@lru_cache(maxsize=None)
def if_factory(kind: object, tail: bool, akind: object, bkind: object) -> Callable:
    """Generate an `if` whose test, run in place, is a plain read (KIND one of READ_TESTS), a
    call of a global primitive on inline operands (KIND a call kind) or a node it calls (KIND "X"
    or, when it may jump, "J": its resume IFR continues with the branches), and whose branches are
    plain reads, calls whose statements are generated into it too (in tail position only, where
    a call pushes its own frames), or other nodes it calls."""
    lines = ["def factory(P, tloc, TNODE, A, B, push_then, stack, apply_jump, IFR):"]
    if is_call_kind(kind):
        lines += inline_params(kind, "T", "(P, TNODE, tloc)", "    ")
    lines += branch_param_lines(akind, "A") + branch_param_lines(bkind, "B")
    lines.append("    def node(env):")
    body = "        "
    if is_call_kind(kind):
        operators, checks = operator_lines(kind, "T", body)
        lines += operators
        lines.append(f"{body}if {' and '.join(['type(T_g) is Primitive'] + checks)}:")
        lines += primitive_lines(kind, "T", "t", body + "    ")
        lines += [f"{body}else:",
                  f"{body}    t = TNODE(env)",
                  push_line("(IFR, env, None)", "t", tail, body + "    ")]
    else:
        lines += read_lines(kind, "t", "P", body)
        if kind == "J":
            lines.append(push_line("(IFR, env, None)", "t", tail, body))
    lines.append(f"{body}if t is not False:")
    lines += branch_lines(akind, "A", body + "    ", tail)
    lines += branch_lines(bkind, "B", body, tail)
    lines.append("    return node")
    return generated("\n".join(lines), {})


def generated(source: str, extra: dict) -> Callable:
    """The `factory` function that generated SOURCE defines."""
    namespace = {"UNBOUND": UNBOUND, "resolve_late": resolve_late, "Values": Values,
                 "single_value": single_value, "located": located, "Primitive": Primitive,
                 "Closure": Closure, "Pair": Pair, "NIL": NIL, "is_eq": is_eq,
                 "UNSPECIFIED": UNSPECIFIED, **extra}
    for prim, name in open_prims().items():
        namespace[op_param(name)] = prim
    exec(compiled(source), namespace)
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

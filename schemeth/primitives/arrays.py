"""Guile's multidimensional arrays: make-array, array-ref, array-set!, shapes and conversions.

An array of rank 1 whose index starts at 0 is simply a vector (a string or bytevector counts as an
array too), as in Guile; any other shape is an `Array`: its elements in row-major order plus one
(lower, upper) bound pair per dimension.  The procedures that take a procedure argument
(array-for-each, array-map!, array-index-map!) are Scheme, in stdlib/ice-9/autoload/arrays.scm,
over the leaves here.
"""
from __future__ import annotations

from ..data.conditions import guile_error, wrong_type
from ..data.printer import display_string, write_string
from ..data.values import NIL, UNSPECIFIED, Char, MString, Pair, Symbol, from_list, to_list
from .registry import primitive


class Array:
    """A Guile array that is not a plain vector."""

    __slots__ = ("shape", "data", "kind")

    def __init__(self, shape: list[tuple[int, int]], data: list, kind: object = True) -> None:
        self.shape = shape
        self.data = data
        self.kind = kind            # #t, or the type symbol of a typed array (u8, f64 ...)

    def equal_parts(self) -> list:
        return [from_list(Pair(lo, hi) for lo, hi in self.shape), *self.data]

    def scheme_repr(self, write: bool) -> str:
        prefix = f"#{len(self.shape)}" + ("" if self.kind is True else self.kind.name)
        empty = any(hi < lo for lo, hi in self.shape)
        for lo, hi in self.shape:
            prefix += (f"@{lo}" if lo else "") + (f":{hi - lo + 1}" if empty else "")
        return prefix + nested_repr(self.data, [hi - lo + 1 for lo, hi in self.shape], write)


def nested_repr(data: list, lengths: list[int], write: bool) -> str:
    """DATA, row-major with dimensions LENGTHS, as nested parenthesized lists."""
    render = write_string if write else display_string
    if not lengths:
        return "(" + render(data[0]) + ")" if data else "()"
    if len(lengths) == 1:
        return "(" + " ".join(render(x) for x in data) + ")"
    step = len(data) // lengths[0] if lengths[0] else 0
    rows = [nested_repr(data[i * step:(i + 1) * step], lengths[1:], write) for i in range(lengths[0])]
    return "(" + " ".join(rows) + ")"


def bounds(spec: object, who: str, pos: int) -> tuple[int, int]:
    """A dimension given as a length N or a list (LOWER UPPER)."""
    if type(spec) is int and spec >= 0:
        return 0, spec - 1
    items = to_list(spec) if type(spec) is Pair else []
    if len(items) == 2 and all(type(x) is int for x in items):
        return items[0], items[1]
    raise wrong_type(who, pos, spec)


def size(shape: list[tuple[int, int]]) -> int:
    """The number of elements of an array of SHAPE."""
    n = 1
    for lo, hi in shape:
        n *= max(0, hi - lo + 1)
    return n


def build(shape: list[tuple[int, int]], data: list, kind: object = True) -> object:
    """A vector when SHAPE is one dimension from 0 (and the array is untyped), else an Array."""
    if kind is True and len(shape) == 1 and shape[0][0] == 0:
        return data
    return Array(shape, data, kind)


@primitive("make-array")
def make_array(fill: object, *dims: object) -> object:
    """An array of the given dimensions (lengths or (lower upper) lists), every element FILL."""
    shape = [bounds(d, "make-array", i) for i, d in enumerate(dims, 2)]
    return build(shape, [fill] * size(shape))


@primitive("make-typed-array")
def make_typed_array(kind: object, fill: object, *dims: object) -> object:
    """Like make-array, for elements of type KIND (#t for any object)."""
    if kind is not True and type(kind) is not Symbol:
        raise wrong_type("make-typed-array", 1, kind)
    shape = [bounds(d, "make-typed-array", i) for i, d in enumerate(dims, 3)]
    return build(shape, [fill] * size(shape), kind)


def shape_of(a: object, who: str) -> list[tuple[int, int]]:
    """The bounds of every dimension of A (vectors, strings and bytevectors are rank 1)."""
    if type(a) is Array:
        return a.shape
    if type(a) is list or type(a) is bytearray:
        return [(0, len(a) - 1)]
    if type(a) is MString:
        return [(0, len(a.s) - 1)]
    raise wrong_type(who, 1, a, "array")


def offset(a: object, indices: tuple, who: str) -> int:
    """The row-major position of INDICES in A, or Guile's out-of-range error."""
    shape = shape_of(a, who)
    if len(indices) != len(shape):
        raise guile_error("misc-error", who, "wrong number of indices, expecting ~A", [len(shape)], None)
    pos = 0
    for i, (lo, hi) in zip(indices, shape):
        if type(i) is not int or not lo <= i <= hi:
            raise guile_error("out-of-range", None, "Value out of range ~S to ~S: ~S", [lo, hi, i], [i])
        pos = pos * (hi - lo + 1) + (i - lo)
    return pos


@primitive("array-ref")
def array_ref(a: object, *indices: object) -> object:
    """The element of A at INDICES."""
    pos = offset(a, indices, "array-ref")
    if type(a) is Array:
        return a.data[pos]
    if type(a) is MString:
        return Char(a.s[pos])
    return a[pos]


@primitive("array-set!")
def array_set(a: object, value: object, *indices: object) -> object:
    """Store VALUE in A at INDICES."""
    pos = offset(a, indices, "array-set!")
    if type(a) is Array:
        a.data[pos] = value
    elif type(a) is MString:
        if type(value) is not Char:
            raise wrong_type("array-set!", 2, value, "character")
        a.s = a.s[:pos] + value.ch + a.s[pos + 1:]
    else:
        a[pos] = value
    return UNSPECIFIED


@primitive("array?")
def is_array(obj: object) -> bool:
    """Whether OBJ is an array (vectors, strings and bytevectors are)."""
    return type(obj) in (Array, list, bytearray, MString)


@primitive("array-rank")
def array_rank(a: object) -> int:
    """The number of dimensions of A (0 for a non-array)."""
    return len(shape_of(a, "array-rank")) if is_array(a) else 0


@primitive("array-shape")
def array_shape(a: object) -> object:
    """((lower upper) ...) for each dimension of A."""
    return from_list(from_list([lo, hi]) for lo, hi in shape_of(a, "array-shape"))


@primitive("array-dimensions")
def array_dimensions(a: object) -> object:
    """Each dimension of A: its length when it starts at 0, else (lower upper)."""
    return from_list(hi + 1 if lo == 0 else from_list([lo, hi]) for lo, hi in shape_of(a, "array-dimensions"))


@primitive("array-length")
def array_length(a: object) -> int:
    """The length of A's first dimension."""
    shape = shape_of(a, "array-length")
    if not shape:
        raise wrong_type("array-length", 1, a, "array of nonzero rank")
    return shape[0][1] - shape[0][0] + 1


@primitive("array-type")
def array_type(a: object) -> object:
    """#t for an array of any objects, else its element type."""
    if type(a) is Array:
        return a.kind
    shape_of(a, "array-type")
    return Symbol("a") if type(a) is MString else Symbol("vu8") if type(a) is bytearray else True


def elements(a: object) -> list:
    """A's elements in row-major order."""
    if type(a) is Array:
        return a.data
    if type(a) is MString:
        return [Char(c) for c in a.s]
    return list(a)


@primitive("array->list")
def array_to_list(a: object) -> object:
    """A as nested lists, one level per dimension."""
    shape = shape_of(a, "array->list")
    data = elements(a)

    def nest(items: list, dims: list) -> object:
        if not dims:
            return items[0]
        n = dims[0][1] - dims[0][0] + 1
        step = len(items) // n if n > 0 else 0
        return from_list(nest(items[i * step:(i + 1) * step], dims[1:]) for i in range(max(n, 0)))
    return nest(data, shape)


@primitive("list->array")
def list_to_array(ndim: object, lst: object) -> object:
    """The array of rank NDIM (or with the bounds NDIM lists) holding the nested list LST."""
    lows = [0] * ndim if type(ndim) is int else [bounds(b, "list->array", 1)[0] if type(b) is Pair else b
                                              for b in to_list(ndim)]
    data: list = []
    lengths: list[int] = []

    def walk(x: object, depth: int) -> None:
        if depth == len(lows):
            data.append(x)
            return
        items = to_list(x) if type(x) is Pair or x is NIL else None
        if items is None:
            raise wrong_type("list->array", 2, lst)
        if len(lengths) == depth:
            lengths.append(len(items))
        elif lengths[depth] != len(items):
            raise guile_error("misc-error", "list->array", "non-rectangular list: ~S", [lst], None)
        for item in items:
            walk(item, depth + 1)
    walk(lst, 0)
    lengths += [0] * (len(lows) - len(lengths))
    return build([(lo, lo + n - 1) for lo, n in zip(lows, lengths)], data)


@primitive("array-fill!")
def array_fill(a: object, fill: object) -> object:
    """Store FILL in every element of A."""
    for pos in range(size(shape_of(a, "array-fill!"))):
        store(a, pos, fill)
    return UNSPECIFIED


def store(a: object, pos: int, value: object) -> None:
    """Put VALUE at row-major position POS of A."""
    if type(a) is Array:
        a.data[pos] = value
    elif type(a) is MString:
        a.s = a.s[:pos] + value.ch + a.s[pos + 1:]
    else:
        a[pos] = value


@primitive("array-copy!", "array-copy-in-order!")
def array_copy(source: object, dest: object) -> object:
    """Copy the elements of SOURCE into DEST, which has the same shape."""
    items = elements(source)
    if len(items) != size(shape_of(dest, "array-copy!")):
        raise guile_error("misc-error", "array-copy!", "array shapes differ", [], None)
    for pos, x in enumerate(items):
        store(dest, pos, x)
    return UNSPECIFIED


@primitive("array-in-bounds?")
def array_in_bounds(a: object, *indices: object) -> bool:
    """Whether INDICES address an element of A."""
    shape = shape_of(a, "array-in-bounds?")
    return len(indices) == len(shape) and all(type(i) is int and lo <= i <= hi
                                              for i, (lo, hi) in zip(indices, shape))


@primitive("%array-indices")
def array_indices(a: object) -> object:
    """Every index list of A, in row-major order (for the Scheme array walkers)."""
    out: list = [[]]
    for lo, hi in shape_of(a, "array-for-each"):
        out = [prefix + [i] for prefix in out for i in range(lo, hi + 1)]
    return from_list(from_list(ix) for ix in out)

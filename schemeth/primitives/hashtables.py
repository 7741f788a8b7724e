"""Hash tables: Guile's native tables and its hash functions, as leaves.

Lookups go through a Python dict keyed by a Python image of the Scheme key (built for equal?, eqv? or
eq? semantics), so they are O(1).  Alongside, each table keeps Guile's own bucket layout: every entry
sits in bucket `guile_hash(key) % size`, newest first, and the table grows and shrinks through the same
prime sizes at the same load factors as libguile's hashtab.c.  Iteration walks the buckets in Guile's
order, so `hash-map->list` and friends list entries in the very order Guile 3.0.8 does (for keys whose
Guile hash does not depend on an address: numbers, characters, strings, symbols, keywords and lists,
vectors of them).  The `hashx-` procedures call user procedures, so they are Scheme (autoload/
hashtables.scm) over the bucket leaves below.
"""
from __future__ import annotations

import math
from fractions import Fraction
from typing import Callable

from ..data.conditions import wrong_type
from ..data.printer import format_number
from ..data.values import (EOF, NIL, UNSPECIFIED, Char, Keyword, MString, Nil, Pair, Symbol,
                           from_list, to_list)
from .charsets import who_name
from .equality import is_eq, is_equal, is_eqv
from .lists import FIXNUM_MAX, FIXNUM_MIN, bounds, proper_length, range_error, wrong_type_in, wrong_type_plain
from .registry import primitive
from .strings import downcase

MASK32 = 0xFFFFFFFF
MASK64 = (1 << 64) - 1
ULONG_MAX = MASK64
SIZES = (31, 61, 113, 223, 443, 883, 1759, 3517, 7027, 14051, 28099, 56197, 112363, 224717, 449419,
         898823, 1797641, 3595271, 7190537, 14381041, 28762081, 57524111, 115048217, 230096423,
         460192829)
DEPTH = 10                      # how deep Guile's equal-hash looks into pairs and vectors
_IMMEDIATE_BITS = {True: 0x404, False: 0x004, NIL: 0x304, UNSPECIFIED: 0x804, EOF: 0xA04}
_TC7_VECTOR = 0x0D
_BYTEVECTOR_WORD = 0x81CD    # a bytevector's first word (type and flags, not contents) on 64-bit Guile


# ---------------------------------------------------------------------------------------------------
# Guile's hash functions (libguile/hash.c, 64-bit)


def ihashq(bits: int) -> int:
    """Thomas Wang's 64-bit integer mix, as scm_raw_ihashq applies it to an object's bits."""
    k = bits & MASK64
    k = (~k + (k << 21)) & MASK64
    k ^= k >> 24
    k = (k + (k << 3) + (k << 8)) & MASK64
    k ^= k >> 14
    k = (k + (k << 2) + (k << 4)) & MASK64
    k ^= k >> 28
    k = (k + (k << 31)) & MASK64
    return k >> 2


def _mix(a: int, b: int, c: int) -> tuple[int, int, int]:
    """lookup3's mix step, on 32-bit words (rotations written out for speed)."""
    m = MASK32
    a = (a - c) & m; a ^= ((c << 4) | (c >> 28)) & m; c = (c + b) & m       # noqa: E702
    b = (b - a) & m; b ^= ((a << 6) | (a >> 26)) & m; a = (a + c) & m       # noqa: E702
    c = (c - b) & m; c ^= ((b << 8) | (b >> 24)) & m; b = (b + a) & m       # noqa: E702
    a = (a - c) & m; a ^= ((c << 16) | (c >> 16)) & m; c = (c + b) & m      # noqa: E702
    b = (b - a) & m; b ^= ((a << 19) | (a >> 13)) & m; a = (a + c) & m      # noqa: E702
    c = (c - b) & m; c ^= ((b << 4) | (b >> 28)) & m; b = (b + a) & m       # noqa: E702
    return a, b, c


def _final(a: int, b: int, c: int) -> tuple[int, int, int]:
    """lookup3's final step, on 32-bit words."""
    m = MASK32
    c ^= b; c = (c - (((b << 14) | (b >> 18)) & m)) & m       # noqa: E702
    a ^= c; a = (a - (((c << 11) | (c >> 21)) & m)) & m       # noqa: E702
    b ^= a; b = (b - (((a << 25) | (a >> 7)) & m)) & m        # noqa: E702
    c ^= b; c = (c - (((b << 16) | (b >> 16)) & m)) & m       # noqa: E702
    a ^= c; a = (a - (((c << 4) | (c >> 28)) & m)) & m        # noqa: E702
    b ^= a; b = (b - (((a << 14) | (a >> 18)) & m)) & m       # noqa: E702
    c ^= b; c = (c - (((b << 24) | (b >> 8)) & m)) & m        # noqa: E702
    return a, b, c


_STRING_HASHES: dict[str, int] = {}
_MEMO_LIMIT = 1 << 16


def string_hash(s: str) -> int:
    """Guile's string (and symbol) hash: Jenkins' lookup3 over the code points (memoised)."""
    h = _STRING_HASHES.get(s)
    if h is None:
        h = _lookup3(s)
        if len(_STRING_HASHES) < _MEMO_LIMIT:
            _STRING_HASHES[s] = h
    return h


def _lookup3(s: str) -> int:
    """JENKINS_LOOKUP3_HASHWORD2 on the code points of S, shifted to fit a fixnum."""
    k = [ord(ch) for ch in s]
    n = len(k)
    a = b = c = (0xDEADBEEF + ((n << 2) & MASK32) + 47) & MASK32
    i = 0
    while n > 3:
        a = (a + k[i]) & MASK32
        b = (b + k[i + 1]) & MASK32
        c = (c + k[i + 2]) & MASK32
        a, b, c = _mix(a, b, c)
        n -= 3
        i += 3
    if n:
        if n == 3:
            c = (c + k[i + 2]) & MASK32
        if n >= 2:
            b = (b + k[i + 1]) & MASK32
        a = (a + k[i]) & MASK32
        a, b, c = _final(a, b, c)
    return ((c << 32) | b) >> 2


def _fixnum_bits(n: int) -> int:
    """The SCM bits of a fixnum."""
    return ((n << 2) | 2) & MASK64


def _number_hash(x: object) -> int:
    """Hash of a heap number: integers by value modulo most-positive-fixnum, others by their text."""
    t = type(x)
    if t is int:
        return ihashq(x % FIXNUM_MAX)
    if t is float and math.isfinite(x) and x == int(x):
        return ihashq(int(x) % FIXNUM_MAX)
    return string_hash(format_number(x))


def _immediate_bits(x: object) -> int | None:
    """The SCM bits of an immediate value, or None for heap objects."""
    t = type(x)
    if t is int:
        return _fixnum_bits(x) if FIXNUM_MIN <= x <= FIXNUM_MAX else None
    if t is Char:
        return (ord(x.ch) << 8) | 0x0C
    if t is bool or t is Nil or x is UNSPECIFIED or x is EOF:
        return _IMMEDIATE_BITS[x]
    return None


def hashq_raw(x: object) -> int:
    """Guile's hashq before reduction; symbols and keywords use their name (Guile uses addresses)."""
    bits = _immediate_bits(x)
    if bits is not None:
        return ihashq(bits)
    t = type(x)
    if t is Symbol or t is Keyword:
        return string_hash(x.name)
    return ihashq(id(x))


def hashv_raw(x: object) -> int:
    """Guile's hashv before reduction."""
    t = type(x)
    if (t is int and not FIXNUM_MIN <= x <= FIXNUM_MAX) or t is float or t is Fraction or t is complex:
        return _number_hash(x)
    return hashq_raw(x)


def equal_hash_raw(x: object, depth: int = DEPTH) -> int:
    """Guile's equal-hash (scm_raw_ihash) before reduction."""
    t = type(x)
    if t is MString:
        return string_hash(x.s)
    if t is int and FIXNUM_MIN <= x <= FIXNUM_MAX:
        return ihashq(((x << 2) | 2) & MASK64)
    bits = _immediate_bits(x)
    if bits is not None:
        return ihashq(bits)
    if t is Symbol or t is Keyword:
        return string_hash(x.name)
    if t is int or t is float or t is Fraction or t is complex:
        return _number_hash(x)
    if t is Pair:
        if not depth:
            return ihashq(0)
        return equal_hash_raw(x.car, depth // 2) ^ equal_hash_raw(x.cdr, depth // 2)
    if t is list:
        return _vector_hash(x, depth)
    if t is bytearray:
        return ihashq(_BYTEVECTOR_WORD)
    return ihashq(id(x))


def _vector_hash(v: list, depth: int) -> int:
    """Guile's vector hash: the header word, then a few elements picked by the running hash."""
    n = len(v)
    h = ihashq((n << 8) | _TC7_VECTOR)
    if n:
        i = depth // 2
        while i:
            i -= 1
            h ^= equal_hash_raw(v[h % n], i)
    return h


# ---------------------------------------------------------------------------------------------------
# Python images of Scheme keys, one per equivalence


class Ident:
    """Wraps an object so that a dict compares it by identity."""

    __slots__ = ("obj",)

    def __init__(self, obj: object) -> None:
        self.obj = obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other: object) -> bool:
        return type(other) is Ident and other.obj is self.obj


_TRUE_KEY = Ident(True)
_FALSE_KEY = Ident(False)
_SELF_KEYED = frozenset((Symbol, Char, Keyword, Pair, Nil))   # hash and compare by identity already


def eq_key(x: object) -> object:
    """Image of X under eq?: fixnums by value, everything else by identity."""
    t = type(x)
    if t in _SELF_KEYED or (t is int and FIXNUM_MIN <= x <= FIXNUM_MAX):
        return x
    if t is bool:
        return _TRUE_KEY if x else _FALSE_KEY
    return Ident(x)


def _float_key(x: float) -> tuple:
    """eqv? image of a float: distinguishes 0.0 from -0.0 and makes NaNs equal."""
    return ("f", x.hex())


def eqv_key(x: object) -> object:
    """Image of X under eqv?: numbers by exactness and value, everything else as eq?."""
    t = type(x)
    if t is int or t is Fraction:
        return x
    if t is float:
        return _float_key(x)
    if t is complex:
        return ("c", x.real.hex(), x.imag.hex())
    return eq_key(x)


def equal_key(x: object) -> object:
    """Image of X under equal?: strings, pairs, vectors and bytevectors by content.

    Circular or absurdly deep structure is keyed by identity instead (equal? would not terminate on it).
    """
    t = type(x)
    if t is MString:
        return x.s
    if t is int or t is Symbol:
        return x
    if t is Pair or t is list or hasattr(x, "equal_parts"):
        try:
            return _structure_key(x)
        except (_Circular, RecursionError):
            return Ident(x)
    if t is bytearray:
        return ("b", bytes(x))
    return eqv_key(x)


class _Circular(Exception):
    """Raised on a circular list, which has no finite equal? image."""


_CHECK_AFTER = 10000     # list length from which a circular list is suspected


def _structure_key(x: object) -> object:
    """equal? image of pairs, vectors and objects with equal_parts, recursively."""
    t = type(x)
    if t is MString:
        return x.s
    if t is Pair:
        items: list = ["p"]
        p = x
        while type(p) is Pair:
            items.append(_structure_key(p.car))
            p = p.cdr
            if len(items) == _CHECK_AFTER and proper_length(x) is None:
                raise _Circular()
        items.append(("t", _structure_key(p)))
        return tuple(items)
    if t is list:
        return ("v",) + tuple(map(_structure_key, x))
    if t is bytearray:
        return ("b", bytes(x))
    parts = getattr(x, "equal_parts", None)
    if parts is not None:
        return ("e", t) + tuple(map(_structure_key, parts()))
    return eqv_key(x)


# ---------------------------------------------------------------------------------------------------
# The table


class Entry:
    """One association: its (key . value) handle, its dict key (None via hashx) and its Guile hash.

    HASH_OF computes the Guile hash when the entry is first placed in a bucket; RAW caches it.
    """

    __slots__ = ("handle", "key", "hash_of", "raw")

    def __init__(self, handle: Pair, key: object, hash_of: Callable[[object], int] | None,
                 raw: int | None = None) -> None:
        self.handle = handle
        self.key = key
        self.hash_of = hash_of
        self.raw = raw

    def guile_hash(self) -> int:
        if self.raw is None:
            self.raw = self.hash_of(self.handle.car)
        return self.raw


class HashTable:
    """A Guile hash table: a dict for lookups, plus Guile's buckets for iteration order and size.

    Placing entries in buckets needs Guile's hash of every key, which is slow to compute here, so
    native insertions and removals are only logged in `pending`; `settle` replays them into the
    buckets (growing and shrinking exactly when Guile would) when something needs the buckets:
    iteration, printing, the hashx procedures.
    """

    __slots__ = ("buckets", "index", "count", "pending", "placed", "size_index", "min_size_index",
                 "lower", "upper", "weak")

    def __init__(self, k: int = 0, weak: str | None = None) -> None:
        n = k or SIZES[0]
        i = 0
        while i + 1 < len(SIZES) and n > SIZES[i]:
            i += 1
        self.buckets: list[list[Entry]] = [[] for _ in range(SIZES[i])]   # each oldest first
        self.index: dict[object, Entry] = {}
        self.count = 0                                 # entries in the table
        self.pending: list[tuple[bool, Entry]] = []    # (added?, entry) not yet applied to the buckets
        self.placed = 0                                # entries in the buckets
        self.size_index = self.min_size_index = i
        self.lower = 0
        self.upper = 9 * SIZES[i] // 10
        self.weak = weak

    def scheme_repr(self, write: bool) -> str:
        self.settle()
        size = f"{self.count}/{len(self.buckets)}"
        if self.weak:
            return f"#<weak-table {size}>"
        return f"#<hash-table {id(self):x} {size}>"

    # -- the dict side --------------------------------------------------------------------------
    def add(self, entry: Entry) -> None:
        """Add a natively keyed ENTRY."""
        self.index[entry.key] = entry
        self.count += 1
        self.log(True, entry)

    def discard(self, entry: Entry) -> None:
        """Remove ENTRY."""
        if entry.key is not None:
            self.index.pop(entry.key, None)
        self.count -= 1
        self.log(False, entry)

    def log(self, added: bool, entry: Entry) -> None:
        """Note a change for the buckets, replaying the log before it grows past the table."""
        self.pending.append((added, entry))
        if len(self.pending) > 2 * self.count + 64:
            self.settle()

    # -- the bucket side ------------------------------------------------------------------------
    def settle(self) -> None:
        """Apply the pending insertions and removals to the buckets, in order."""
        if self.pending:
            pending, self.pending = self.pending, []
            for added, entry in pending:
                if added:
                    self.place(entry, entry.guile_hash() % len(self.buckets))
                else:
                    self.unplace(entry)

    def entries(self) -> list[Entry]:
        """Every entry in Guile's iteration order: bucket by bucket, newest first in each."""
        self.settle()
        out: list[Entry] = []
        for bucket in self.buckets:
            if bucket:
                out.extend(reversed(bucket))
        return out

    def place(self, entry: Entry, bucket: int) -> None:
        """Put ENTRY at the front of BUCKET; grow when the load factor passes 0.9."""
        self.buckets[bucket].append(entry)
        self.placed += 1
        if self.placed > self.upper or self.placed < self.lower:
            self.rehash(self.next_size())

    def unplace(self, entry: Entry) -> None:
        """Take ENTRY out of its bucket; shrink when the load factor drops under 0.25."""
        self.buckets[entry.raw % len(self.buckets)].remove(entry)
        self.placed -= 1
        if self.placed < self.lower:
            self.rehash(self.next_size())

    def next_size(self) -> int | None:
        """Index into SIZES that Guile would move to now, or None to stay."""
        if self.placed < self.lower:
            i = self.size_index - 1
            while i > self.min_size_index and self.placed < SIZES[i] // 4:
                i -= 1
            return i
        i = self.size_index + 1
        return i if i < len(SIZES) else None

    def rehash(self, size_index: int | None) -> None:
        """Move to SIZES[size_index], re-bucketing the entries in iteration order by their hashes."""
        if size_index is None:
            return
        size = SIZES[size_index]
        self.size_index = size_index
        self.lower = 0 if size_index <= self.min_size_index else size // 4
        self.upper = 9 * size // 10
        old = [e for bucket in self.buckets for e in reversed(bucket)]
        self.buckets = [[] for _ in range(size)]
        for entry in old:
            self.buckets[entry.raw % size].append(entry)

    def clear(self) -> None:
        """Remove every entry, keeping the size the table has grown to."""
        self.settle()
        self.buckets = [[] for _ in range(len(self.buckets))]
        self.index.clear()
        self.count = self.placed = 0


# ---------------------------------------------------------------------------------------------------
# Constructors and predicates


def _table_size(k: object) -> int:
    """Check make-hash-table's optional size."""
    if k is None:
        return 0
    if type(k) is not int:
        raise wrong_type_plain(None, "exact integer", k)
    if not 0 <= k <= ULONG_MAX:
        raise range_error(0, ULONG_MAX, k)
    return k


@primitive("make-hash-table")
def make_hash_table(k: object = None) -> HashTable:
    """A new hash table with at least K buckets."""
    return HashTable(_table_size(k))


def _define_weak(name: str, predicate: str, weak: str) -> None:
    """Register a weak-table constructor and its predicate (entries are held strongly here)."""
    def make(k: object = None) -> HashTable:
        return HashTable(_table_size(k), weak)

    def test(x: object) -> bool:
        return type(x) is HashTable and x.weak == weak

    make.__doc__ = f"A new {weak}-weak hash table (weakness is not observable here)."
    test.__doc__ = f"Is X a {weak}-weak hash table?"
    primitive(name)(make)
    primitive(predicate)(test)


_define_weak("make-weak-key-hash-table", "weak-key-hash-table?", "key")
_define_weak("make-weak-value-hash-table", "weak-value-hash-table?", "value")
_define_weak("make-doubly-weak-hash-table", "doubly-weak-hash-table?", "both")


@primitive("hash-table?")
def hash_table_p(x: object) -> bool:
    """Is X a hash table?"""
    return type(x) is HashTable


def table_arg(t: object, who: str, pos: int = 1) -> HashTable:
    """Check a hash-table argument with the error Guile reports from WHO."""
    if type(t) is not HashTable:
        raise wrong_type(who, pos, t, "hash-table")
    return t


def _strong(t: HashTable, who: str) -> HashTable:
    """Refuse handles on weak tables, as Guile does."""
    if t.weak:
        raise wrong_type(who, 1, t, "hash-table")
    return t


# ---------------------------------------------------------------------------------------------------
# The four operations for each equivalence


_GET = "scm_hash_fn_get_handle"
_CREATE = "scm_hash_fn_create_handle_x"
_REMOVE = "hash_fn_remove_x"


def _define_kind(prefix: str, key_of: Callable[[object], object], raw_of: Callable[[object], int],
                 same: Callable[[object, object], bool]) -> None:
    """Register PREFIX-ref, -set!, -remove!, -get-handle and -create-handle! for one equivalence."""

    def find(t: HashTable, key: object, k: object) -> Entry | None:
        entry = t.index.get(k)
        if entry is None and len(t.index) != t.count:       # hashx- put entries the dict cannot see
            t.settle()
            for e in reversed(t.buckets[raw_of(key) % len(t.buckets)]):
                if same(key, e.handle.car):
                    return e
        return entry

    def ref(t: object, key: object, default: object = False) -> object:
        entry = find(table_arg(t, _GET), key, key_of(key))
        return default if entry is None else entry.handle.cdr

    def get_handle(t: object, key: object) -> object:
        entry = find(_strong(table_arg(t, _GET), _GET), key, key_of(key))
        return False if entry is None else entry.handle

    def create(t: HashTable, key: object, init: object) -> Pair:
        k = key_of(key)
        entry = find(t, key, k)
        if entry is None:
            entry = Entry(Pair(key, init), k, raw_of)
            t.add(entry)
        return entry.handle

    def create_handle(t: object, key: object, init: object) -> Pair:
        return create(_strong(table_arg(t, _CREATE), _CREATE), key, init)

    def set_(t: object, key: object, value: object) -> object:
        create(table_arg(t, _CREATE), key, value).cdr = value
        return value

    def remove(t: object, key: object) -> object:
        table = table_arg(t, _REMOVE)
        entry = find(table, key, key_of(key))
        if entry is None:
            return False
        table.discard(entry)
        return False if table.weak else entry.handle

    what = {"hash": "equal?", "hashv": "eqv?", "hashq": "eq?"}[prefix]
    for suffix, fn, doc in (("-ref", ref, "The value of KEY in T, or DEFAULT"),
                            ("-get-handle", get_handle, "The (key . value) handle of KEY in T, or #f"),
                            ("-create-handle!", create_handle, "KEY's handle in T, made with INIT if new"),
                            ("-set!", set_, "Associate KEY with VALUE in T"),
                            ("-remove!", remove, "Remove KEY from T, returning its old handle or #f")):
        fn.__doc__ = f"{doc} (keys compared with {what})."
        primitive(prefix + suffix)(fn)


_define_kind("hash", equal_key, equal_hash_raw, is_equal)
_define_kind("hashv", eqv_key, hashv_raw, is_eqv)
_define_kind("hashq", eq_key, hashq_raw, is_eq)


@primitive("hash-clear!")
def hash_clear(t: object) -> object:
    """Remove every entry from T."""
    table_arg(t, "hash-clear!").clear()
    return UNSPECIFIED


@primitive("%hash-table-handles")
def hash_table_handles(t: object, who: object, pos: object) -> object:
    """T's (key . value) handles in Guile's iteration order, for the Scheme iterators."""
    table = table_arg(t, who_name(who), pos)
    return from_list([e.handle for e in table.entries()])


# ---------------------------------------------------------------------------------------------------
# Hash functions


def _hash_size(size: object) -> int:
    """Check the SIZE argument of hash, hashq, hashv."""
    if type(size) is not int:
        raise wrong_type_plain(None, "exact integer", size)
    if not 1 <= size <= ULONG_MAX:
        raise range_error(1, ULONG_MAX, size)
    return size


@primitive("hash")
def hash_(key: object, size: object) -> int:
    """KEY's equal?-hash reduced modulo SIZE."""
    return equal_hash_raw(key) % _hash_size(size)


@primitive("hashv")
def hashv(key: object, size: object) -> int:
    """KEY's eqv?-hash reduced modulo SIZE."""
    return hashv_raw(key) % _hash_size(size)


@primitive("hashq")
def hashq(key: object, size: object) -> int:
    """KEY's eq?-hash reduced modulo SIZE."""
    return hashq_raw(key) % _hash_size(size)


@primitive("symbol-hash")
def symbol_hash(s: object) -> int:
    """The hash of a symbol's name."""
    if type(s) is not Symbol:
        raise wrong_type("symbol-hash", 1, s, "symbol")
    return string_hash(s.name)


def _string_hash(s: object, bound: object, start: object, end: object, fold: bool) -> int:
    """SRFI-13 string-hash(-ci) of a section of S, reduced modulo BOUND (default most-positive-fixnum)."""
    if type(s) is not MString:
        raise wrong_type("substring/shared", 1, s, "string")
    size = FIXNUM_MAX if bound is None else _hash_size(bound)
    lo, hi = bounds(len(s.s), start, end)
    text = s.s[lo:hi]
    return string_hash(downcase(text) if fold else text) % size


@primitive("string-hash")
def string_hash_(s: object, bound: object = None, start: object = None, end: object = None) -> int:
    """Hash of (a section of) S, below BOUND."""
    return _string_hash(s, bound, start, end, False)


@primitive("string-hash-ci")
def string_hash_ci(s: object, bound: object = None, start: object = None, end: object = None) -> int:
    """Case-insensitive hash of (a section of) S, below BOUND."""
    return _string_hash(s, bound, start, end, True)


# ---------------------------------------------------------------------------------------------------
# Buckets, for the hashx procedures written in Scheme


@primitive("%hash-table-size")
def hash_table_size(t: object, who: object) -> int:
    """Number of buckets of T (checked as WHO's first argument)."""
    table = table_arg(t, who_name(who))
    table.settle()
    return len(table.buckets)


@primitive("%hash-table-bucket")
def hash_table_bucket(t: HashTable, i: int) -> object:
    """The handles of bucket I, newest first, as Guile's alist."""
    return from_list([e.handle for e in reversed(t.buckets[i])])


@primitive("%hashx-insert!")
def hashx_insert(t: HashTable, i: int, handle: Pair) -> object:
    """Add HANDLE at the front of bucket I; return the new bucket count if the table must grow."""
    t.settle()
    t.buckets[i].append(Entry(handle, None, None, i))
    t.count += 1
    t.placed += 1
    return _pending_resize(t)


@primitive("%hashx-remove!")
def hashx_remove(t: HashTable, i: int, handle: Pair) -> object:
    """Delete HANDLE from bucket I; return the new bucket count if the table must shrink."""
    t.settle()
    bucket = t.buckets[i]
    for j, e in enumerate(bucket):
        if e.handle is handle:
            del bucket[j]
            if e.key is not None:
                t.index.pop(e.key, None)
            t.count -= 1
            t.placed -= 1
            break
    return _pending_resize(t)


def _pending_resize(t: HashTable) -> object:
    """The size Guile would rehash to now, or #f."""
    if t.lower <= t.placed <= t.upper:
        return False
    i = t.next_size()
    return False if i is None else SIZES[i]


@primitive("%hashx-rehash!")
def hashx_rehash(t: HashTable, size: int, indices: object) -> object:
    """Re-bucket T's entries (in iteration order) into SIZE buckets at INDICES, from the hash procedure."""
    for entry, h in zip(t.entries(), to_list(indices)):
        entry.raw = h
    t.rehash(SIZES.index(size))
    return UNSPECIFIED


# ---------------------------------------------------------------------------------------------------
# SRFI-69's table record, for stdlib/srfi/srfi-69.scm


SRFI_69 = ("srfi", "srfi-69", "internal")
_SRFI_69_FIELDS = ("real-table", "associator", "size", "weakness", "equivalence-function", "hash-function")


class Srfi69Table:
    """SRFI-69's hash table: a native table plus its equivalence, hash function and size.

    `kind` names the native procedures that behave exactly like the table's equivalence and hash
    (hash, hashv or hashq), or is #f when every access must go through the hashx procedures.
    """

    __slots__ = ("real", "associator", "size", "weakness", "equivalence", "hash", "kind")

    def __init__(self, *fields: object) -> None:
        (self.real, self.associator, self.size, self.weakness, self.equivalence, self.hash,
         self.kind) = fields

    def scheme_repr(self, write: bool) -> str:
        from ..data.printer import write_string
        values = (self.real, self.associator, self.size, self.weakness, self.equivalence, self.hash)
        fields = " ".join(f"{name}: {write_string(v)}" for name, v in zip(_SRFI_69_FIELDS, values))
        return f"#<srfi-69:hash-table {fields}>"


def _srfi_69(t: object) -> Srfi69Table:
    """Check a SRFI-69 table argument, with the error Guile's record accessors give."""
    if type(t) is not Srfi69Table:
        raise wrong_type_in("struct-vtable", 1, t, "struct")
    return t


@primitive("make-srfi-69-hash-table", module=SRFI_69)
def make_srfi_69_hash_table(real: object, associator: object, size: object, weakness: object,
                            equivalence: object, hash_fn: object, kind: object) -> Srfi69Table:
    """Build a SRFI-69 table record."""
    return Srfi69Table(real, associator, size, weakness, equivalence, hash_fn, kind)


@primitive("hash-table?", module=SRFI_69)
def srfi_69_table_p(x: object) -> bool:
    """Is X a SRFI-69 hash table?"""
    return type(x) is Srfi69Table


def _define_field(name: str, attr: str) -> None:
    """Register the SRFI-69 record accessor NAME for slot ATTR."""
    def get(t: object) -> object:
        return getattr(_srfi_69(t), attr)
    get.__doc__ = f"The {attr} field of a SRFI-69 table."
    primitive(name, module=SRFI_69)(get)


for _name, _attr in (("ht-real-table", "real"), ("ht-associator", "associator"), ("ht-size", "size"),
                     ("ht-weakness", "weakness"), ("hash-table-equivalence-function", "equivalence"),
                     ("hash-table-hash-function", "hash"), ("ht-kind", "kind")):
    _define_field(_name, _attr)


@primitive("ht-size!", module=SRFI_69)
def ht_size_set(t: object, n: object) -> object:
    """Record the number of associations of a SRFI-69 table."""
    _srfi_69(t).size = n
    return UNSPECIFIED

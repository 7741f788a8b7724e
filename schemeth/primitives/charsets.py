"""Character sets (SRFI-14 as built into Guile 3.0.8), and the char-set flavours of string searching.

A char-set is a sorted list of disjoint code-point ranges, printed as Guile prints it.  The standard sets
(char-set:letter ...) are immutable and defined by predicates over Unicode 14 data, exactly as Guile's
unidata_to_charset.awk derives them; their ranges are only computed when something enumerates them.
The `%string-...` leaves at the end are the char and char-set cases of Guile's string procedures that
also take a predicate; stdlib/ice-9/autoload/strings.scm dispatches to them.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from typing import Callable, Iterator

from ..data.conditions import guile_error, misc_error, wrong_type
from ..data.printer import write_char
from ..data.values import Char, MString, Pair, Symbol, from_list, make_values
from .chars import upcase
from .lists import bounds, proper_length, range_error, wrong_type_plain
from .registry import define, primitive

MAX_CODE = 0x10FFFF
SURROGATES = (0xD800, 0xDFFF)
MAX_PRINTED_RANGES = 50
DEFAULT_HASH_BOUND = 871
MASK64 = (1 << 64) - 1

Ranges = list[tuple[int, int]]


# ---------------------------------------------------------------------------------------------------
# Range arithmetic


def normalize(ranges: Ranges) -> Ranges:
    """Sort RANGES and merge the overlapping or adjacent ones."""
    out: Ranges = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def intersect(a: Ranges, b: Ranges) -> Ranges:
    """The ranges common to A and B."""
    out: Ranges = []
    i = j = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo <= hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def complement(a: Ranges) -> Ranges:
    """Every character (surrogates excluded) not in A."""
    gaps: Ranges = []
    start = 0
    for lo, hi in a:
        if lo > start:
            gaps.append((start, lo - 1))
        start = hi + 1
    if start <= MAX_CODE:
        gaps.append((start, MAX_CODE))
    return difference_plain(gaps, [SURROGATES])


def difference_plain(a: Ranges, b: Ranges) -> Ranges:
    """A without B, computed by cutting B's ranges out of A's."""
    out: Ranges = []
    j = 0
    for lo, hi in a:
        while j < len(b) and b[j][1] < lo:
            j += 1
        k = j
        while lo <= hi and k < len(b) and b[k][0] <= hi:
            if b[k][0] > lo:
                out.append((lo, b[k][0] - 1))
            lo = max(lo, b[k][1] + 1)
            k += 1
        if lo <= hi:
            out.append((lo, hi))
    return out


def _codes(text: str) -> Ranges:
    """The ranges of the characters of TEXT."""
    return normalize([(ord(c), ord(c)) for c in text])


# ---------------------------------------------------------------------------------------------------
# The object


class CharSet:
    """A set of characters: ranges, or for the standard sets a membership predicate."""

    __slots__ = ("_ranges", "_los", "pred", "immutable")

    def __init__(self, ranges: Ranges | None = None, pred: Callable[[int], bool] | None = None,
                 immutable: bool = False) -> None:
        self._ranges: Ranges | None = None
        self._los: list[int] = []
        self.pred = pred
        self.immutable = immutable
        if ranges is not None:
            self.ranges = ranges

    @property
    def ranges(self) -> Ranges:
        """The sorted disjoint ranges (computed from the predicate on first use)."""
        if self._ranges is None:
            self.ranges = _scan(self.pred)
        return self._ranges

    @ranges.setter
    def ranges(self, value: Ranges) -> None:
        self._ranges = value
        self._los = [lo for lo, _ in value]

    def contains(self, code: int) -> bool:
        """Is the code point CODE in the set?"""
        if self.pred is not None:
            return self.pred(code)
        i = bisect_right(self._los, code) - 1
        return i >= 0 and self._ranges[i][1] >= code

    def has(self, ch: str) -> bool:
        """Is the character CH in the set?"""
        return self.contains(ord(ch))

    def codes(self) -> Iterator[int]:
        """Every code point, in increasing order."""
        for lo, hi in self.ranges:
            yield from range(lo, hi + 1)

    def size(self) -> int:
        """Number of characters."""
        return sum(hi - lo + 1 for lo, hi in self.ranges)

    def scheme_repr(self, write: bool) -> str:
        parts = []
        for i, (lo, hi) in enumerate(self.ranges):
            text = write_char(chr(lo)) if lo == hi else f"{write_char(chr(lo))}..{write_char(chr(hi))}"
            parts.append(text)
            if i >= MAX_PRINTED_RANGES:
                parts.append("...")
                break
        return "#<charset {" + " ".join(parts) + "}>"


class Cursor:
    """A position in a char-set: range index and code point (range -1 at the end)."""

    __slots__ = ("range", "code")

    def __init__(self, rng: int, code: int) -> None:
        self.range = rng
        self.code = code

    def scheme_repr(self, write: bool) -> str:
        return "#<charset-cursor (empty)>" if self.range < 0 else f"#<charset-cursor {self.range}:{self.code}>"


# Stretches of unassigned code points (Unicode 14): a predicate over character properties treats each
# one as a block, so scanning them costs one test.
_UNASSIGNED = ((0x323B0, 0xDFFFF), (0xE01F0, 0xEFFFF))


def _scan(pred: Callable[[int], bool]) -> Ranges:
    """The ranges of the code points satisfying PRED."""
    out: Ranges = []
    lo = 0
    for gap_lo, gap_hi in _UNASSIGNED + ((MAX_CODE + 1, MAX_CODE + 1),):
        out += _scan_codes(pred, lo, gap_lo - 1)
        if gap_lo <= MAX_CODE and pred(gap_lo):
            out.append((gap_lo, gap_hi))
        lo = gap_hi + 1
    return normalize(out)


def _scan_codes(pred: Callable[[int], bool], lo: int, hi: int) -> Ranges:
    """The ranges of the code points in [LO, HI] satisfying PRED, testing each one."""
    out: Ranges = []
    start = None
    for code in range(lo, hi + 2):
        if code <= hi and pred(code):
            if start is None:
                start = code
        elif start is not None:
            out.append((start, code - 1))
            start = None
    return out


# ---------------------------------------------------------------------------------------------------
# The standard sets


def _category(code: int) -> str:
    return unicodedata.category(chr(code))


def _has_lower_mapping(ch: str) -> bool:
    return ch.lower() != ch


def _has_upper_mapping(ch: str) -> bool:
    return upcase(ch) != ch


_SMALL = re.compile("SMALL LETTER|SMALL LIGATURE")
_CAPITAL = re.compile("CAPITAL LETTER|CAPITAL LIGATURE")


def _is_lower(code: int) -> bool:
    """Guile's lower-case: no lowercase mapping, and an uppercase mapping or a 'small letter' name."""
    if 0x2000 <= code <= 0x2FFF or _category(code) == "Cn":
        return False
    ch = chr(code)
    return not _has_lower_mapping(ch) and (_has_upper_mapping(ch) or bool(_SMALL.search(unicodedata.name(ch, ""))))


def _is_upper(code: int) -> bool:
    """Guile's upper-case: no uppercase mapping, and a lowercase mapping or a 'capital letter' name."""
    if 0x2000 <= code <= 0x2FFF or _category(code) == "Cn":
        return False
    ch = chr(code)
    return not _has_upper_mapping(ch) and (_has_lower_mapping(ch) or bool(_CAPITAL.search(unicodedata.name(ch, ""))))


def _in_categories(classes: str) -> Callable[[int], bool]:
    """Membership by general category: CLASSES lists categories or major classes (one letter)."""
    wanted = frozenset(classes.split())
    category = unicodedata.category

    def test(code: int) -> bool:
        cat = category(chr(code))
        return cat in wanted or cat[0] in wanted
    return test


def _is_whitespace(code: int) -> bool:
    return 9 <= code <= 13 or _category(code) in ("Zs", "Zl", "Zp")


def _is_blank(code: int) -> bool:
    return code == 9 or _category(code) == "Zs"


_graphic = _in_categories("L M N P S")

STANDARD = {
    "lower-case": _is_lower,
    "upper-case": _is_upper,
    "title-case": _in_categories("Lt"),
    "letter": _in_categories("L"),
    "digit": _in_categories("Nd"),
    "letter+digit": _in_categories("L Nd"),
    "graphic": _graphic,
    "printing": lambda code: _graphic(code) or _is_whitespace(code),
    "whitespace": _is_whitespace,
    "iso-control": lambda code: code <= 31 or 127 <= code <= 159,
    "punctuation": _in_categories("P"),
    "symbol": _in_categories("S"),
    "blank": _is_blank,
    "designated": lambda code: _category(code) not in ("Cn", "Cs"),
}
EXPLICIT = {
    "hex-digit": [(48, 57), (65, 70), (97, 102)],
    "ascii": [(0, 127)],
    "empty": [],
    "full": [(0, SURROGATES[0] - 1), (SURROGATES[1] + 1, MAX_CODE)],
}
SETS = {name: CharSet(pred=pred, immutable=True) for name, pred in STANDARD.items()}
SETS.update({name: CharSet(ranges, immutable=True) for name, ranges in EXPLICIT.items()})
for _name, _cs in SETS.items():
    define("char-set:" + _name, _cs)


# ---------------------------------------------------------------------------------------------------
# Argument checks


def charset_arg(subr: str | None, pos: int, cs: object) -> CharSet:
    """Check a char-set argument (Guile's SCM_VALIDATE_SMOB error)."""
    if type(cs) is not CharSet:
        raise wrong_type(subr, pos, cs)
    return cs


def _mutable(subr: str, pos: int, cs: object) -> CharSet:
    """Check a char-set argument that a ! procedure may modify."""
    if type(cs) is not CharSet or cs.immutable:
        raise wrong_type(subr, pos, cs, "mutable charset")
    return cs


def _char_code(subr: str | None, pos: int, c: object) -> int:
    """Check a character argument; position 0 gives Guile's position-less message."""
    if type(c) is not Char:
        if pos == 0:
            raise guile_error("wrong-type-arg", subr, "Wrong type: ~S", [c], [c])
        raise wrong_type(subr, pos, c)
    return ord(c.ch)


def _list_codes(subr: str, lst: object) -> Ranges:
    """The characters of a proper list, as ranges."""
    if proper_length(lst) is None:
        raise wrong_type(subr, 1, lst)
    return normalize([(code, code) for code in (_char_code(subr, 0, c) for c in lst)])


def _text(subr: str, pos: int, s: object) -> str:
    """Check a string argument."""
    if type(s) is not MString:
        raise wrong_type(subr, pos, s, "string")
    return s.s


def _base(subr: str, pos: int, base: object) -> Ranges:
    """The ranges of an optional base char-set."""
    return [] if base is None else list(charset_arg(subr, pos, base).ranges)


# ---------------------------------------------------------------------------------------------------
# Predicates, comparison, hashing


@primitive("char-set?")
def char_set_p(x: object) -> bool:
    """Is X a char-set?"""
    return type(x) is CharSet


def _all_sets(subr: str, sets: tuple) -> list[CharSet]:
    """Check every argument of an n-ary char-set procedure."""
    return [charset_arg(subr, i, cs) for i, cs in enumerate(sets, 1)]


@primitive("char-set=")
def char_set_eq(*sets: object) -> bool:
    """Are all the char-sets equal?"""
    checked = _all_sets("char-set=", sets)
    return all(cs.ranges == checked[0].ranges for cs in checked[1:])


@primitive("char-set<=")
def char_set_le(*sets: object) -> bool:
    """Is each char-set a subset of the next?"""
    checked = _all_sets("char-set<=", sets)
    return all(not difference_plain(a.ranges, b.ranges) for a, b in zip(checked, checked[1:]))


@primitive("char-set-hash")
def char_set_hash(cs: object, bound: object = None) -> int:
    """Guile's hash of a char-set: every code point shifted in, modulo BOUND (871 by default)."""
    charset_arg("char-set-hash", 1, cs)
    if bound is not None and type(bound) is not int:
        raise wrong_type_plain(None, "exact integer", bound)
    val = 0
    for code in cs.codes():
        val = (code + (val << 1)) & MASK64
    return val % (bound or DEFAULT_HASH_BOUND)


@primitive("char-set-contains?")
def char_set_contains(cs: object, ch: object) -> bool:
    """Is CH in CS?"""
    charset_arg("char-set-contains?", 1, cs)
    if type(ch) is not Char:
        raise wrong_type("char-set-contains?", 2, ch, "character")
    return cs.has(ch.ch)


# ---------------------------------------------------------------------------------------------------
# Cursors


@primitive("char-set-cursor")
def char_set_cursor(cs: object) -> Cursor:
    """A cursor at the first character of CS."""
    ranges = charset_arg("char-set-cursor", 1, cs).ranges
    return Cursor(0, ranges[0][0]) if ranges else Cursor(-1, 0)


def _valid_cursor(subr: str, cs: object, cur: object) -> tuple[CharSet, Cursor]:
    """Check that CUR still points into CS."""
    charset_arg(subr, 1, cs)
    if type(cur) is not Cursor:
        raise wrong_type(subr, 2, cur)
    ranges = cs.ranges
    if cur.range < 0 or cur.range >= len(ranges) or not ranges[cur.range][0] <= cur.code <= ranges[cur.range][1]:
        raise misc_error(subr, "invalid character set cursor: ~A", [cur])
    return cs, cur


@primitive("char-set-ref")
def char_set_ref(cs: object, cur: object) -> Char:
    """The character at CUR."""
    _, cur = _valid_cursor("char-set-ref", cs, cur)
    return Char(chr(cur.code))


@primitive("char-set-cursor-next")
def char_set_cursor_next(cs: object, cur: object) -> Cursor:
    """Advance CUR (in place) to the next character of CS."""
    cs, cur = _valid_cursor("char-set-cursor-next", cs, cur)
    ranges = cs.ranges
    if cur.code < ranges[cur.range][1]:
        cur.code += 1
    elif cur.range + 1 < len(ranges):
        cur.range += 1
        cur.code = ranges[cur.range][0]
    else:
        cur.range, cur.code = -1, 0
    return cur


@primitive("end-of-char-set?")
def end_of_char_set(cur: object) -> bool:
    """Has CUR run off the end of its set?"""
    if type(cur) is not Cursor:
        raise wrong_type("end-of-char-set?", 1, cur)
    return cur.range < 0


# ---------------------------------------------------------------------------------------------------
# Construction


@primitive("char-set")
def char_set(*chars: object) -> CharSet:
    """The set of the given characters."""
    return CharSet(normalize([(c, c) for c in (_char_code("char-set", i, ch) for i, ch in enumerate(chars, 1))]))


@primitive("list->char-set")
def list_to_char_set(lst: object, base: object = None) -> CharSet:
    """The characters of LST, plus those of BASE."""
    codes = _list_codes("list->char-set", lst)
    return CharSet(normalize(_base("list->char-set", 2, base) + codes))


@primitive("list->char-set!")
def list_to_char_set_x(lst: object, base: object) -> CharSet:
    """Add the characters of LST to BASE."""
    codes = _list_codes("list->char-set!", lst)
    cs = _mutable("list->char-set!", 2, base)
    cs.ranges = normalize(cs.ranges + codes)
    return cs


@primitive("string->char-set")
def string_to_char_set(s: object, base: object = None) -> CharSet:
    """The characters of S, plus those of BASE."""
    codes = _codes(_text("string->char-set", 1, s))
    return CharSet(normalize(_base("string->char-set", 2, base) + codes))


@primitive("string->char-set!")
def string_to_char_set_x(s: object, base: object) -> CharSet:
    """Add the characters of S to BASE."""
    codes = _codes(_text("string->char-set!", 1, s))
    cs = _mutable("string->char-set!", 2, base)
    cs.ranges = normalize(cs.ranges + codes)
    return cs


def _ucs_range(subr: str, lower: object, upper: object, error: object) -> Ranges:
    """The code points in [LOWER, UPPER), surrogates and out-of-range codes left out."""
    for x in (lower, upper):
        if type(x) is not int:
            raise wrong_type_plain(None, "exact integer", x)
        if x < 0:
            raise range_error(0, MASK64, x)
    lo, hi = lower, upper - 1
    if hi < lo:
        raise guile_error("out-of-range", subr, "Argument ~A out of range: ~S", [2, upper], [upper])
    if error is not None and error is not False:
        if lo > MAX_CODE or SURROGATES[0] <= lo <= SURROGATES[1]:
            raise guile_error("out-of-range", subr, "Argument ~A out of range: ~S", [1, lower], [lower])
        if hi > MAX_CODE or SURROGATES[0] <= hi <= SURROGATES[1]:
            raise guile_error("out-of-range", subr, "Argument ~A out of range: ~S", [2, upper], [upper])
        if lo < SURROGATES[0] and hi > SURROGATES[1]:
            raise guile_error("out-of-range", subr, "invalid range - contains surrogate characters: ~S to ~S",
                              [lower, upper], [upper])
    return difference_plain([(lo, min(hi, MAX_CODE))], [SURROGATES])


@primitive("ucs-range->char-set")
def ucs_range_to_char_set(lower: object, upper: object, error: object = None, base: object = None) -> CharSet:
    """The characters with codes in [LOWER, UPPER), plus those of BASE."""
    codes = _ucs_range("ucs-range->char-set", lower, upper, error)
    return CharSet(normalize(_base("ucs-range->char-set", 3, base) + codes))


@primitive("ucs-range->char-set!")
def ucs_range_to_char_set_x(lower: object, upper: object, error: object, base: object) -> CharSet:
    """Add the characters with codes in [LOWER, UPPER) to BASE."""
    charset_arg("ucs-range->char-set!", 4, base)
    codes = _ucs_range("ucs-range->char-set!", lower, upper, error)
    cs = _mutable("ucs-range->char-set!", 3, base)
    cs.ranges = normalize(cs.ranges + codes)
    return cs


@primitive("->char-set")
def to_char_set(x: object) -> CharSet:
    """X as a char-set: a string's characters, a single character, or X itself."""
    if type(x) is MString:
        return CharSet(_codes(x.s))
    if type(x) is Char:
        return CharSet(_codes(x.ch))
    if type(x) is CharSet:
        return x
    raise guile_error("wrong-type-arg", None, "Wrong type: ~S", [x], [x])


@primitive("char-set-copy")
def char_set_copy(cs: object) -> CharSet:
    """A fresh mutable copy of CS."""
    return CharSet(list(charset_arg("char-set-copy", 1, cs).ranges))


# ---------------------------------------------------------------------------------------------------
# Queries


@primitive("char-set-size")
def char_set_size(cs: object) -> int:
    """The number of characters in CS."""
    return charset_arg("char-set-size", 1, cs).size()


@primitive("char-set->list")
def char_set_to_list(cs: object) -> object:
    """The characters of CS in increasing order."""
    return from_list([Char(chr(c)) for c in charset_arg("char-set->list", 1, cs).codes()])


@primitive("char-set->string")
def char_set_to_string(cs: object) -> MString:
    """A string of the characters of CS in increasing order."""
    return MString("".join(map(chr, charset_arg("char-set->string", 1, cs).codes())))


@primitive("%char-set-chars")
def char_set_chars(cs: object, who: object, pos: object) -> object:
    """The characters of CS as a list, CS checked as argument POS of WHO (for the Scheme iterators)."""
    return from_list([Char(chr(c)) for c in charset_arg(who_name(who), pos, cs).codes()])


@primitive("%char-set-dump")
def char_set_dump(cs: object) -> object:
    """Debugging view of CS: itself, its number of ranges, and the ranges."""
    ranges = charset_arg("%char-set-dump", 1, cs).ranges

    def label(code: int) -> MString:
        return MString(f"U+{code:06x}" if code > 0xFFFF else f"U+{code:04x}")

    items = [from_list([Char(chr(lo)), Char(chr(hi)), label(lo), label(hi)]) for lo, hi in ranges]
    return from_list([Pair(Symbol("char-set"), cs), Pair(Symbol("n"), len(ranges)),
                      Pair(Symbol("ranges"), from_list(items))])


# ---------------------------------------------------------------------------------------------------
# Adding and removing characters


def _adjust(subr: str, cs: CharSet, chars: tuple, add: bool) -> Ranges:
    """CS's ranges with CHARS added or removed."""
    codes = normalize([(c, c) for c in (_char_code(subr, 1, ch) for ch in chars)])
    return normalize(cs.ranges + codes) if add else difference_plain(cs.ranges, codes)


@primitive("char-set-adjoin")
def char_set_adjoin(cs: object, *chars: object) -> CharSet:
    """CS with CHARS added."""
    return CharSet(_adjust("char-set-adjoin", charset_arg("char-set-adjoin", 1, cs), chars, True))


@primitive("char-set-delete")
def char_set_delete(cs: object, *chars: object) -> CharSet:
    """CS with CHARS removed."""
    return CharSet(_adjust("char-set-delete", charset_arg("char-set-delete", 1, cs), chars, False))


@primitive("char-set-adjoin!")
def char_set_adjoin_x(cs: object, *chars: object) -> CharSet:
    """Add CHARS to CS."""
    target = _mutable("char-set-adjoin!", 1, cs)
    target.ranges = _adjust("char-set-adjoin!", target, chars, True)
    return target


@primitive("char-set-delete!")
def char_set_delete_x(cs: object, *chars: object) -> CharSet:
    """Remove CHARS from CS."""
    target = _mutable("char-set-delete!", 1, cs)
    target.ranges = _adjust("char-set-delete!", target, chars, False)
    return target


# ---------------------------------------------------------------------------------------------------
# Algebra (Guile's ! variants return fresh sets too, after checking that the first is mutable)


def who_name(who: object) -> str:
    """The subr name a Scheme caller passes for error messages (a symbol or a string)."""
    return who.name if type(who) is Symbol else who.s if type(who) is MString else str(who)


def _union(subr: str, sets: tuple, first: int = 1) -> CharSet:
    """The union of SETS, numbered from FIRST in error messages."""
    acc: Ranges = []
    for i, cs in enumerate(sets, first):
        acc += charset_arg(subr, i, cs).ranges
    return CharSet(normalize(acc))


def _intersection(subr: str, sets: tuple) -> CharSet:
    """The intersection of SETS (empty for none)."""
    if not sets:
        return CharSet([])
    acc = list(charset_arg("char-set-copy", 1, sets[0]).ranges)
    for i, cs in enumerate(sets[1:], 2):
        acc = intersect(acc, charset_arg(subr, i, cs).ranges)
    return CharSet(acc)


def _difference(subr: str, cs1: object, rest: tuple) -> CharSet:
    """CS1 without the characters of the REST."""
    acc = list(charset_arg(subr, 1, cs1).ranges)
    for i, cs in enumerate(rest, 2):
        acc = difference_plain(acc, charset_arg(subr, i, cs).ranges)
    return CharSet(acc)


def _xor(subr: str, sets: tuple) -> CharSet:
    """The characters in an odd number of SETS."""
    if not sets:
        return CharSet([])
    acc = list(charset_arg("char-set-copy", 1, sets[0]).ranges)
    for i, cs in enumerate(sets[1:], 2):
        other = charset_arg(subr, i, cs).ranges
        acc = normalize(difference_plain(acc, other) + difference_plain(other, acc))
    return CharSet(acc)


@primitive("char-set-complement")
def char_set_complement(cs: object) -> CharSet:
    """Every character not in CS."""
    return CharSet(complement(charset_arg("char-set-complement", 1, cs).ranges))


@primitive("char-set-union")
def char_set_union(*sets: object) -> CharSet:
    """The characters in any of SETS."""
    return _union("char-set-union", sets)


@primitive("char-set-intersection")
def char_set_intersection(*sets: object) -> CharSet:
    """The characters in all of SETS."""
    return _intersection("char-set-intersection", sets)


@primitive("char-set-difference")
def char_set_difference(cs1: object, *rest: object) -> CharSet:
    """The characters of CS1 in none of REST."""
    return _difference("char-set-difference", cs1, rest)


@primitive("char-set-xor")
def char_set_xor(*sets: object) -> CharSet:
    """The characters in an odd number of SETS."""
    return _xor("char-set-xor", sets)


@primitive("char-set-diff+intersection")
def char_set_diff_intersection(cs1: object, *rest: object) -> object:
    """Two values, as Guile 3.0.8 computes them: CS1 intersected with each of REST, and REST's union."""
    acc = list(charset_arg("char-set-diff+intersection", 1, cs1).ranges)
    for i, cs in enumerate(rest, 2):
        acc = intersect(acc, charset_arg("char-set-diff+intersection", i, cs).ranges)
    return make_values((CharSet(acc), _union("char-set-diff+intersection", rest, 2)))


@primitive("char-set-complement!")
def char_set_complement_x(cs: object) -> CharSet:
    """The complement of CS."""
    return CharSet(complement(_mutable("char-set-complement!", 1, cs).ranges))


@primitive("char-set-union!")
def char_set_union_x(cs1: object, *rest: object) -> CharSet:
    """The union of CS1 and REST."""
    _mutable("char-set-union!", 1, cs1)
    return _union("char-set-union", (cs1,) + rest)


@primitive("char-set-intersection!")
def char_set_intersection_x(cs1: object, *rest: object) -> CharSet:
    """The intersection of CS1 and REST."""
    _mutable("char-set-intersection!", 1, cs1)
    return _intersection("char-set-intersection", (cs1,) + rest)


@primitive("char-set-difference!")
def char_set_difference_x(cs1: object, *rest: object) -> CharSet:
    """CS1 without the characters of REST."""
    _mutable("char-set-difference!", 1, cs1)
    return _difference("char-set-difference", cs1, rest)


@primitive("char-set-xor!")
def char_set_xor_x(cs1: object, *rest: object) -> CharSet:
    """The exclusive or of CS1 and REST."""
    _mutable("char-set-xor!", 1, cs1)
    return _xor("char-set-xor", (cs1,) + rest)


@primitive("char-set-diff+intersection!")
def char_set_diff_intersection_x(cs1: object, cs2: object, *rest: object) -> object:
    """Two values: CS1 without CS2 and REST, and CS1 intersected with all of them."""
    sets = (cs2,) + rest
    diff = _difference("char-set-difference", cs1, sets)
    return make_values((diff, _intersection("char-set-intersection", (cs1,) + sets)))


# ---------------------------------------------------------------------------------------------------
# Strings searched with a character or a char-set (the predicate cases are Scheme)


def matcher(subr: str, pos: int, x: object) -> Callable[[str], bool]:
    """A test for one character from a char or char-set argument, or SUBR's wrong-type-arg."""
    if type(x) is Char:
        return x.ch.__eq__
    if type(x) is CharSet:
        return x.has
    raise wrong_type(subr, pos, x)


def _section(subr: str, pos: int, s: object, start: object, end: object) -> tuple[str, int, int]:
    """Check string argument S (at POS) and its optional START/END."""
    t = _text(subr, pos, s)
    lo, hi = bounds(len(t), start, end)
    return t, lo, hi


def _find(subr: str, s: object, m: object, start: object, end: object, want: bool, backwards: bool) -> object:
    """Index of the first (last) character in the section whose match equals WANT, or #f."""
    t, lo, hi = _section(subr, 1, s, start, end)
    test = matcher(subr, 2, m)
    indices = range(hi - 1, lo - 1, -1) if backwards else range(lo, hi)
    return next((i for i in indices if test(t[i]) is want), False)


def _define_search(name: str, want: bool, backwards: bool) -> None:
    """Register %NAME: NAME's char and char-set cases."""
    def search(s: object, m: object, start: object = None, end: object = None) -> object:
        return _find(name, s, m, start, end, want, backwards)
    search.__doc__ = f"{name} with a character or char-set."
    primitive("%" + name)(search)


for _name, _want, _back in (("string-index", True, False), ("string-rindex", True, True),
                            ("string-index-right", True, True), ("string-skip", False, False),
                            ("string-skip-right", False, True)):
    _define_search(_name, _want, _back)


@primitive("%string-count")
def string_count(s: object, m: object, start: object = None, end: object = None) -> int:
    """How many characters of the section match M."""
    t, lo, hi = _section("string-count", 1, s, start, end)
    test = matcher("string-count", 2, m)
    return sum(1 for c in t[lo:hi] if test(c))


def _trim(subr: str, s: object, m: object, start: object, end: object, left: bool, right: bool) -> MString:
    """The section of S without its leading and/or trailing characters matching M."""
    t, lo, hi = _section(subr, 1, s, start, end)
    test = SETS["whitespace"].has if m is None else matcher(subr, 2, m)
    while left and lo < hi and test(t[lo]):
        lo += 1
    while right and hi > lo and test(t[hi - 1]):
        hi -= 1
    return MString(t[lo:hi])


def _define_trim(name: str, left: bool, right: bool) -> None:
    """Register %NAME: NAME's char and char-set cases."""
    def trim(s: object, m: object = None, start: object = None, end: object = None) -> MString:
        return _trim(name, s, m, start, end, left, right)
    trim.__doc__ = f"{name} with a character or char-set (whitespace by default)."
    primitive("%" + name)(trim)


for _name, _left, _right in (("string-trim", True, False), ("string-trim-right", False, True),
                             ("string-trim-both", True, True)):
    _define_trim(_name, _left, _right)


@primitive("%string-split")
def string_split(s: object, m: object) -> object:
    """S cut at every character matching M."""
    t = _text("string-split", 1, s)
    if type(m) is Char:
        return from_list([MString(part) for part in t.split(m.ch)])
    test = matcher("string-split", 2, m)
    parts, start = [], 0
    for i, c in enumerate(t):
        if test(c):
            parts.append(MString(t[start:i]))
            start = i + 1
    parts.append(MString(t[start:]))
    return from_list(parts)


def _keep(subr: str, m: object, s: object, start: object, end: object, want: bool) -> MString:
    """The characters of the section whose match against M equals WANT."""
    t, lo, hi = _section(subr, 2, s, start, end)
    test = matcher(subr, 1, m)
    return MString("".join(c for c in t[lo:hi] if test(c) is want))


@primitive("%string-filter")
def string_filter(m: object, s: object, start: object = None, end: object = None) -> MString:
    """The characters of S that match M."""
    return _keep("string-filter", m, s, start, end, True)


@primitive("%string-delete")
def string_delete(m: object, s: object, start: object = None, end: object = None) -> MString:
    """The characters of S that do not match M."""
    return _keep("string-delete", m, s, start, end, False)


def _quantify(subr: str, m: object, s: object, start: object, end: object, every: bool) -> bool:
    """Whether any (every) character of the section matches M."""
    t, lo, hi = _section(subr, 2, s, start, end)
    test = matcher(subr, 1, m)
    section = t[lo:hi]
    return all(map(test, section)) if every else any(map(test, section))


@primitive("%string-any")
def string_any(m: object, s: object, start: object = None, end: object = None) -> bool:
    """Does some character of S match M?"""
    return _quantify("string-any-c-code", m, s, start, end, False)


@primitive("%string-every")
def string_every(m: object, s: object, start: object = None, end: object = None) -> bool:
    """Does every character of S match M?"""
    return _quantify("string-every-c-code", m, s, start, end, True)


@primitive("string-tokenize")
def string_tokenize(s: object, token_set: object = None, start: object = None, end: object = None) -> object:
    """The maximal runs of characters of S in TOKEN-SET (graphic characters by default)."""
    t, lo, hi = _section("string-tokenize", 1, s, start, end)
    if token_set is None:
        test = SETS["graphic"].has
    elif type(token_set) is CharSet:
        test = token_set.has
    else:
        raise wrong_type("string-tokenize", 2, token_set)
    tokens, begin = [], None
    for i in range(lo, hi):
        if test(t[i]):
            if begin is None:
                begin = i
        elif begin is not None:
            tokens.append(MString(t[begin:i]))
            begin = None
    if begin is not None:
        tokens.append(MString(t[begin:hi]))
    return from_list(tokens)


@primitive("%string-range")
def string_range(who: object, pos: object, s: object, rng: object) -> Pair:
    """Check S (argument POS of WHO) and an optional (start [end]) list; return (start . end)."""
    t = _text(who_name(who), pos, s)
    start = rng.car if type(rng) is Pair else None
    end = rng.cdr.car if type(rng) is Pair and type(rng.cdr) is Pair else None
    lo, hi = bounds(len(t), start, end)
    return Pair(lo, hi)


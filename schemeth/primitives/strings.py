"""Strings: Guile's leaf string procedures (R7RS, SRFI-13 subset, Guile extras).

Procedures that Guile lets take a char, a char-set or a predicate accept only a char here; the predicate
forms are higher-order and live in Scheme.
"""
from __future__ import annotations

import operator
from typing import Callable

from ..data.conditions import misc_error, out_of_range, wrong_type
from ..data.values import UNSPECIFIED, Char, MString, Symbol, from_list
from .chars import downcase as char_downcase
from .chars import titlecase as char_titlecase
from .chars import upcase as char_upcase
from .lists import (bounds, exact_int, index_in, proper_length, range_error, value_out_of_range,
                    wrong_type_in, wrong_type_plain)
from .registry import primitive

SIZE_MAX = (1 << 64) - 1
WHITESPACE = frozenset("\t\n\v\f\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                       "\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


# ---------------------------------------------------------------------------------------------------
# Argument checks


def text(subr: str, pos: int, s: object) -> str:
    """Return the Python text of the Scheme string S, or raise Guile's wrong-type-arg."""
    if type(s) is not MString:
        raise wrong_type(subr, pos, s, "string")
    return s.s


def _char(subr: str | None, pos: int, c: object) -> str:
    """Return the character C as a str, with Guile's error for a non-character."""
    if type(c) is not Char:
        if subr is None:
            raise wrong_type_plain(None, "character", c)
        raise wrong_type(subr, pos, c, "character")
    return c.ch


def _char_arg(subr: str, c: object) -> str:
    """Check the char argument of a SRFI-13 procedure (Guile also takes char-sets and predicates)."""
    if type(c) is not Char:
        raise wrong_type(subr, 2, c)
    return c.ch


def _mutable(s: MString) -> None:
    """Refuse to modify a literal string, like Guile."""
    if not s.mutable:
        raise misc_error(None, "string is read-only: ~s", [s])


def _section(subr: str, s: object, start: object, end: object) -> tuple[str, int, int]:
    """Check S and its optional START/END; return (text, start, end)."""
    t = text(subr, 1, s)
    lo, hi = bounds(len(t), start, end)
    return t, lo, hi


# ---------------------------------------------------------------------------------------------------
# Case mappings, one character to one character as in Guile


def upcase(s: str) -> str:
    """Uppercase S character by character."""
    return s.upper() if s.isascii() else "".join(map(char_upcase, s))


def downcase(s: str) -> str:
    """Lowercase S character by character."""
    return s.lower() if s.isascii() else "".join(map(char_downcase, s))


def _fold_char(c: str) -> str:
    """Guile's string-ci folding of one character: downcase of upcase (so ı, I, İ and i all match)."""
    return char_downcase(char_upcase(c))


def foldcase(s: str) -> str:
    """Case-fold S character by character, keeping its length."""
    return s.lower() if s.isascii() else "".join(map(_fold_char, s))


def titlecase(s: str) -> str:
    """Titlecase the first letter of each run of letters and downcase the rest."""
    out = []
    in_word = False
    for c in s:
        if c.isalpha():
            out.append(char_downcase(c) if in_word else char_titlecase(c))
            in_word = True
        else:
            out.append(c)
            in_word = False
    return "".join(out)


# ---------------------------------------------------------------------------------------------------
# Basics


@primitive("string?")
def string_p(x: object) -> bool:
    """Return #t for a string."""
    return type(x) is MString


@primitive("make-string")
def make_string(k: object, ch: object = None) -> MString:
    """Return a fresh string of K copies of CH (NUL by default)."""
    index_in(k, 0, SIZE_MAX)
    c = "\0" if ch is None else _char(None, 2, ch)
    return MString(c * k)


@primitive("string")
def string(*chars: object) -> MString:
    """Return a fresh string of the given characters."""
    for c in chars:
        if type(c) is not Char:
            raise wrong_type_plain("string", "character", c)
    return MString("".join([c.ch for c in chars]))


@primitive("string-length")
def string_length(s: object) -> int:
    """Return the number of characters in S."""
    if type(s) is not MString:
        raise wrong_type_in("string-length", 1, s, "string")
    return len(s.s)


def _char_index(s: str, k: object) -> int:
    """Check K as an index of an existing character of S."""
    if type(k) is not int:
        raise wrong_type_plain(None, "exact integer", k)
    if not s:
        raise value_out_of_range(None, k)
    if k < 0 or k >= len(s):
        raise range_error(0, len(s) - 1, k)
    return k


@primitive("string-ref")
def string_ref(s: object, k: object) -> Char:
    """Return character K of S."""
    if type(s) is not MString:
        raise wrong_type("string-ref", 1, s, "string")
    t = s.s
    if type(k) is int and 0 <= k < len(t):
        return Char(t[k])
    return Char(t[_char_index(t, k)])


@primitive("string-set!")
def string_set(s: object, k: object, ch: object) -> object:
    """Replace character K of a mutable string."""
    t = text("string-set!", 1, s)
    i = _char_index(t, k)
    c = _char("string-set!", 3, ch)
    _mutable(s)
    s.s = t[:i] + c + t[i + 1:]
    return UNSPECIFIED


@primitive("string-null?")
def string_null_p(s: object) -> bool:
    """Return #t for the empty string."""
    return not text("string-null?", 1, s)


@primitive("substring")
def substring(s: object, start: object, end: object = None) -> MString:
    """Return a fresh copy of characters START..END of S."""
    if type(s) is not MString:
        raise wrong_type("substring", 1, s, "string")
    t = s.s
    if type(start) is int and type(end) is int and 0 <= start <= end <= len(t):
        return MString(t[start:end])
    lo, hi = bounds(len(t), start, end)
    return MString(t[lo:hi])


@primitive("substring/copy")
def substring_copy(s: object, start: object, end: object = None) -> MString:
    """Like substring."""
    t, lo, hi = _section("substring/copy", s, start, end)
    return MString(t[lo:hi])


@primitive("substring/shared")
def substring_shared(s: object, start: object, end: object = None) -> MString:
    """Like substring, but keeps S's read-only status (sharing is not observable otherwise here)."""
    t, lo, hi = _section("substring/shared", s, start, end)
    if lo == 0 and hi == len(t):
        return s
    return MString(t[lo:hi], s.mutable)


@primitive("substring/read-only")
def substring_read_only(s: object, start: object, end: object = None) -> MString:
    """Like substring, but the result cannot be modified."""
    t, lo, hi = _section("substring/read-only", s, start, end)
    return MString(t[lo:hi], False)


def _join(strings: tuple | list) -> str:
    """Concatenate Scheme strings, reporting a non-string like Guile's string-append."""
    return "".join([s.s if type(s) is MString else _not_a_string(s) for s in strings])


def _not_a_string(s: object) -> str:
    """Raise string-append's error for the non-string S."""
    raise wrong_type_plain("string-append", "string", s)


@primitive("string-append")
def string_append(*strings: object) -> MString:
    """Return a fresh string concatenating the arguments."""
    return MString(_join(strings))


@primitive("string-append/shared")
def string_append_shared(*strings: object) -> MString:
    """Like string-append."""
    return MString(_join(strings))


def _string_list(subr: str, lst: object) -> list:
    """Return the elements of the proper list LST, or raise SUBR's wrong-type-arg."""
    if proper_length(lst) is None:
        raise wrong_type(subr, 1, lst)
    return list(lst)


@primitive("string-concatenate")
def string_concatenate(lst: object) -> MString:
    """Concatenate a list of strings."""
    return MString(_join(_string_list("string-concatenate", lst)))


@primitive("string-concatenate/shared")
def string_concatenate_shared(lst: object) -> MString:
    """Like string-concatenate."""
    return MString(_join(_string_list("string-concatenate/shared", lst)))


def _concatenate_reverse(lst: object, final: object, end: object) -> MString:
    """Concatenate the strings of LST in reverse order, then FINAL up to END."""
    items = _string_list("reverse", lst)[::-1]
    if final is not None:
        if type(final) is not MString:
            raise wrong_type_plain("string-append", "string", final)
        _, hi = bounds(len(final.s), None, end)
        items.append(MString(final.s[:hi]))
    return MString(_join(items))


@primitive("string-concatenate-reverse")
def string_concatenate_reverse(lst: object, final: object = None, end: object = None) -> MString:
    """Concatenate the reversed list of strings LST, followed by FINAL."""
    return _concatenate_reverse(lst, final, end)


@primitive("string-concatenate-reverse/shared")
def string_concatenate_reverse_shared(lst: object, final: object = None, end: object = None) -> MString:
    """Like string-concatenate-reverse."""
    return _concatenate_reverse(lst, final, end)


@primitive("string-copy")
def string_copy(s: object, start: object = None, end: object = None) -> MString:
    """Return a fresh mutable copy of (part of) S."""
    t, lo, hi = _section("string-copy", s, start, end)
    return MString(t[lo:hi])


@primitive("string-copy!")
def string_copy_x(target: object, at: object, source: object, start: object = None,
                  end: object = None) -> object:
    """Copy characters START..END of SOURCE into TARGET at index AT."""
    t = text("string-copy!", 1, target)
    at = index_in(at, 0, len(t))
    src = text("string-copy!", 3, source)
    lo, hi = bounds(len(src), start, end)
    if at + hi - lo > len(t):
        raise out_of_range("string-copy!", 3, source)
    _mutable(target)
    target.s = t[:at] + src[lo:hi] + t[at + hi - lo:]
    return UNSPECIFIED


@primitive("string-fill!")
def string_fill(s: object, ch: object, start: object = None, end: object = None) -> object:
    """Set characters START..END of S to CH."""
    t = text("string-fill!", 1, s)
    c = _char("string-fill!", 2, ch)
    lo, hi = bounds(len(t), start, end)
    _mutable(s)
    s.s = t[:lo] + c * (hi - lo) + t[hi:]
    return UNSPECIFIED


@primitive("string->list")
def string_to_list(s: object, start: object = None, end: object = None) -> object:
    """Return the characters START..END of S as a list."""
    t, lo, hi = _section("string->list", s, start, end)
    return from_list([Char(c) for c in t[lo:hi]])


def _chars_of(lst: object) -> str:
    """Return the text made of the characters in the proper list LST (list->string's checks)."""
    if proper_length(lst) is None:
        raise wrong_type("string", 1, lst)
    for c in lst:
        if type(c) is not Char:
            raise wrong_type_plain("string", "character", c)
    return "".join([c.ch for c in lst])


@primitive("list->string")
def list_to_string(lst: object) -> MString:
    """Return a fresh string made of a list of characters."""
    return MString(_chars_of(lst))


@primitive("reverse-list->string")
def reverse_list_to_string(lst: object) -> MString:
    """Return a fresh string made of a list of characters, in reverse order."""
    return MString(_chars_of(lst)[::-1])


# ---------------------------------------------------------------------------------------------------
# Joining and splitting

_GRAMMARS = ("infix", "strict-infix", "prefix", "suffix")


@primitive("string-join")
def string_join(lst: object, delim: object = None, grammar: object = None) -> MString:
    """Join a list of strings with DELIM (default a space) according to GRAMMAR."""
    if proper_length(lst) is None:
        raise wrong_type("string-join", 1, lst)
    d = " " if delim is None else text("string-join", 2, delim)
    mode = "infix" if grammar is None else grammar.name if type(grammar) is Symbol else None
    if mode not in _GRAMMARS:
        raise wrong_type("string-join", 3, grammar)
    parts = [s.s if type(s) is MString else _not_a_string(s) for s in lst]
    if not parts:
        if mode == "strict-infix":
            raise misc_error("string-join", "strict-infix grammar requires non-empty list")
        return MString("")
    joined = d.join(parts)
    if mode == "prefix":
        return MString(d + joined)
    if mode == "suffix":
        return MString(joined + d)
    return MString(joined)


@primitive("string-split")
def string_split(s: object, ch: object) -> object:
    """Split S at every occurrence of the character CH."""
    t = text("string-split", 1, s)
    if type(ch) is not Char:
        raise wrong_type("string-split", 2, ch)
    return from_list([MString(part) for part in t.split(ch.ch)])


# ---------------------------------------------------------------------------------------------------
# Comparison


def _compare_section(subr: str, s1: object, s2: object, start1: object, end1: object, start2: object,
                     end2: object, fold: bool) -> tuple[str, str]:
    """Check two strings with their optional bounds and return the (folded) sections compared."""
    t1 = text(subr, 1, s1)
    t2 = text(subr, 2, s2)
    lo1, hi1 = bounds(len(t1), start1, end1)
    lo2, hi2 = bounds(len(t2), start2, end2)
    a, b = t1[lo1:hi1], t2[lo2:hi2]
    return (foldcase(a), foldcase(b)) if fold else (a, b)


def _define_comparison(name: str, op: Callable[[str, str], bool], fold: bool) -> None:
    """Register SRFI-13's two-string NAME and R7RS's n-ary NAME? built on it."""

    def compare2(s1: object, s2: object, start1: object = None, end1: object = None,
                 start2: object = None, end2: object = None) -> bool:
        a, b = _compare_section(name, s1, s2, start1, end1, start2, end2, fold)
        return op(a, b)

    def compare_n(s1: object = None, s2: object = None, *rest: object) -> bool:
        if s2 is None:
            return True
        args = (s1, s2) + rest
        for a, b in zip(args, args[1:]):
            if not op(*_compare_section(name, a, b, None, None, None, None, fold)):
                return False
        return True

    compare2.__doc__ = f"SRFI-13 {name}: compare two (sections of) strings."
    compare_n.__doc__ = f"R7RS {name}?: compare any number of strings pairwise."
    primitive(name)(compare2)
    if op is not operator.ne:
        primitive(name + "?")(compare_n)


for _name, _op in (("=", operator.eq), ("<>", operator.ne), ("<", operator.lt), (">", operator.gt),
                   ("<=", operator.le), (">=", operator.ge)):
    _define_comparison("string" + _name, _op, False)
    _define_comparison("string-ci" + _name, _op, True)


# ---------------------------------------------------------------------------------------------------
# Case


def _recase(subr: str, s: object, start: object, end: object, fn: Callable[[str], str]) -> str:
    """Return S's text with section START..END passed through FN."""
    t, lo, hi = _section(subr, s, start, end)
    return t[:lo] + fn(t[lo:hi]) + t[hi:]


def _define_case(name: str, fn: Callable[[str], str]) -> None:
    """Register string-NAME (fresh result) and string-NAME! (in place, returns the string)."""

    def fresh(s: object, start: object = None, end: object = None) -> MString:
        return MString(_recase("string-" + name, s, start, end, fn))

    def in_place(s: object, start: object = None, end: object = None) -> object:
        t = _recase(f"string-{name}!", s, start, end, fn)
        _mutable(s)
        s.s = t
        return s

    fresh.__doc__ = f"Return a {name}d copy of (a section of) a string."
    in_place.__doc__ = f"Convert (a section of) a string to {name} in place."
    primitive(f"string-{name}")(fresh)
    primitive(f"string-{name}!")(in_place)


_define_case("upcase", upcase)
_define_case("downcase", downcase)
_define_case("titlecase", titlecase)


@primitive("string-capitalize")
def string_capitalize(s: object) -> MString:
    """Return S with each word capitalised."""
    return MString(titlecase(text("string-capitalize", 1, s)))


@primitive("string-capitalize!")
def string_capitalize_x(s: object) -> object:
    """Capitalise each word of S in place."""
    t = titlecase(text("string-capitalize!", 1, s))
    _mutable(s)
    s.s = t
    return s


# ---------------------------------------------------------------------------------------------------
# Searching


def _search_args(subr: str, s: object, ch: object, start: object, end: object) -> tuple[str, str, int, int]:
    """Check (S CH [START END]) in Guile's order: string, bounds, then the character."""
    t, lo, hi = _section(subr, s, start, end)
    return t, _char_arg(subr, ch), lo, hi


def _index(subr: str, s: object, ch: object, start: object, end: object) -> object:
    """Return the first index of CH in the section, or #f."""
    t, c, lo, hi = _search_args(subr, s, ch, start, end)
    i = t.find(c, lo, hi)
    return i if i >= 0 else False


def _rindex(subr: str, s: object, ch: object, start: object, end: object) -> object:
    """Return the last index of CH in the section, or #f."""
    t, c, lo, hi = _search_args(subr, s, ch, start, end)
    i = t.rfind(c, lo, hi)
    return i if i >= 0 else False


@primitive("string-index")
def string_index(s: object, ch: object, start: object = None, end: object = None) -> object:
    """Return the index of the first CH in S, or #f."""
    return _index("string-index", s, ch, start, end)


@primitive("string-rindex")
def string_rindex(s: object, ch: object, start: object = None, end: object = None) -> object:
    """Return the index of the last CH in S, or #f."""
    return _rindex("string-rindex", s, ch, start, end)


@primitive("string-index-right")
def string_index_right(s: object, ch: object, start: object = None, end: object = None) -> object:
    """Return the index of the last CH in S, or #f."""
    return _rindex("string-index-right", s, ch, start, end)


def _skip(subr: str, s: object, ch: object, start: object, end: object, backwards: bool) -> object:
    """Return the index of the first (or last) character other than CH in the section, or #f."""
    t, c, lo, hi = _search_args(subr, s, ch, start, end)
    indices = range(hi - 1, lo - 1, -1) if backwards else range(lo, hi)
    return next((i for i in indices if t[i] != c), False)


@primitive("string-skip")
def string_skip(s: object, ch: object, start: object = None, end: object = None) -> object:
    """Return the index of the first character that is not CH, or #f."""
    return _skip("string-skip", s, ch, start, end, False)


@primitive("string-skip-right")
def string_skip_right(s: object, ch: object, start: object = None, end: object = None) -> object:
    """Return the index of the last character that is not CH, or #f."""
    return _skip("string-skip-right", s, ch, start, end, True)


@primitive("string-count")
def string_count(s: object, ch: object, start: object = None, end: object = None) -> int:
    """Count the occurrences of CH in S."""
    t, c, lo, hi = _search_args("string-count", s, ch, start, end)
    return t.count(c, lo, hi)


def _contains(subr: str, s1: object, s2: object, start1: object, end1: object, start2: object,
              end2: object, fold: bool) -> object:
    """Return the index in S1 where the section of S2 first occurs, or #f."""
    t1 = text(subr, 1, s1)
    t2 = text(subr, 2, s2)
    lo1, hi1 = bounds(len(t1), start1, end1)
    lo2, hi2 = bounds(len(t2), start2, end2)
    hay, needle = t1[:hi1], t2[lo2:hi2]
    if fold:
        hay, needle = foldcase(hay), foldcase(needle)
    i = hay.find(needle, lo1)
    return i if i >= 0 else False


@primitive("string-contains")
def string_contains(s1: object, s2: object, start1: object = None, end1: object = None,
                    start2: object = None, end2: object = None) -> object:
    """Return the index of the first occurrence of S2 in S1, or #f."""
    return _contains("string-contains", s1, s2, start1, end1, start2, end2, False)


@primitive("string-contains-ci")
def string_contains_ci(s1: object, s2: object, start1: object = None, end1: object = None,
                       start2: object = None, end2: object = None) -> object:
    """Like string-contains, ignoring case."""
    return _contains("string-contains-ci", s1, s2, start1, end1, start2, end2, True)


def _common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix of A and B."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _define_affix(kind: str, fold: bool) -> None:
    """Register string-KIND? and string-KIND-length (with -ci variants when FOLD)."""
    ci = "-ci" if fold else ""
    test_name, length_name = f"string-{kind}{ci}?", f"string-{kind}-length{ci}"

    def test(s1: object, s2: object, start1: object = None, end1: object = None,
             start2: object = None, end2: object = None) -> bool:
        a, b = _compare_section(test_name, s1, s2, start1, end1, start2, end2, fold)
        return b.endswith(a) if kind == "suffix" else b.startswith(a)

    def length(s1: object, s2: object, start1: object = None, end1: object = None,
               start2: object = None, end2: object = None) -> int:
        a, b = _compare_section(length_name, s1, s2, start1, end1, start2, end2, fold)
        return _common_prefix(a[::-1], b[::-1]) if kind == "suffix" else _common_prefix(a, b)

    test.__doc__ = f"Return #t if (a section of) S1 is a {kind} of S2."
    length.__doc__ = f"Return the length of the common {kind} of two strings."
    primitive(test_name)(test)
    primitive(length_name)(length)


for _kind in ("prefix", "suffix"):
    _define_affix(_kind, False)
    _define_affix(_kind, True)


# ---------------------------------------------------------------------------------------------------
# Trimming, padding, slicing


def _trim_set(subr: str, ch: object) -> Callable[[str], bool]:
    """Return the membership test for the characters to trim."""
    if ch is None:
        return WHITESPACE.__contains__
    c = _char_arg(subr, ch)
    return c.__eq__


def _trim(subr: str, s: object, ch: object, start: object, end: object, left: bool, right: bool) -> MString:
    """Trim characters of the given kind from the section of S."""
    t, lo, hi = _section(subr, s, start, end)
    drop = _trim_set(subr, ch)
    while left and lo < hi and drop(t[lo]):
        lo += 1
    while right and hi > lo and drop(t[hi - 1]):
        hi -= 1
    return MString(t[lo:hi])


@primitive("string-trim")
def string_trim(s: object, ch: object = None, start: object = None, end: object = None) -> MString:
    """Remove leading whitespace (or CH) from S."""
    return _trim("string-trim", s, ch, start, end, True, False)


@primitive("string-trim-right")
def string_trim_right(s: object, ch: object = None, start: object = None, end: object = None) -> MString:
    """Remove trailing whitespace (or CH) from S."""
    return _trim("string-trim-right", s, ch, start, end, False, True)


@primitive("string-trim-both")
def string_trim_both(s: object, ch: object = None, start: object = None, end: object = None) -> MString:
    """Remove leading and trailing whitespace (or CH) from S."""
    return _trim("string-trim-both", s, ch, start, end, True, True)


def _pad_args(subr: str, s: object, n: object, ch: object, start: object,
              end: object) -> tuple[str, int, str]:
    """Check (S N [CH START END]) and return (section, n, pad character)."""
    t = text(subr, 1, s)
    k = exact_int(n)
    if k < 0:
        raise out_of_range(subr, 2, n)
    c = " " if ch is None else _char(subr, 3, ch)
    lo, hi = bounds(len(t), start, end)
    return t[lo:hi], k, c


@primitive("string-pad")
def string_pad(s: object, n: object, ch: object = None, start: object = None, end: object = None) -> MString:
    """Pad S on the left to length N (or keep its last N characters)."""
    t, k, c = _pad_args("string-pad", s, n, ch, start, end)
    return MString(t[len(t) - k:] if len(t) >= k else c * (k - len(t)) + t)


@primitive("string-pad-right")
def string_pad_right(s: object, n: object, ch: object = None, start: object = None,
                     end: object = None) -> MString:
    """Pad S on the right to length N (or keep its first N characters)."""
    t, k, c = _pad_args("string-pad-right", s, n, ch, start, end)
    return MString(t[:k] if len(t) >= k else t + c * (k - len(t)))


@primitive("string-take")
def string_take(s: object, n: object) -> MString:
    """Return the first N characters of S."""
    return substring(s, 0, n)


@primitive("string-drop")
def string_drop(s: object, n: object) -> MString:
    """Return S without its first N characters."""
    return substring(s, n)


def _length_for_right(s: object) -> int:
    """string-take-right's check of S (Guile reports it from string-length)."""
    return len(text("string-length", 1, s))


@primitive("string-take-right")
def string_take_right(s: object, n: object) -> MString:
    """Return the last N characters of S."""
    size = _length_for_right(s)
    return substring(s, size - exact_int(n))


@primitive("string-drop-right")
def string_drop_right(s: object, n: object) -> MString:
    """Return S without its last N characters."""
    size = _length_for_right(s)
    return substring(s, 0, size - exact_int(n))


@primitive("string-reverse")
def string_reverse(s: object, start: object = None, end: object = None) -> MString:
    """Return a copy of S with section START..END reversed."""
    t, lo, hi = _section("string-reverse", s, start, end)
    return MString(t[:lo] + t[lo:hi][::-1] + t[hi:])


@primitive("string-reverse!")
def string_reverse_x(s: object, start: object = None, end: object = None) -> object:
    """Reverse section START..END of S in place."""
    t, lo, hi = _section("string-reverse!", s, start, end)
    _mutable(s)
    s.s = t[:lo] + t[lo:hi][::-1] + t[hi:]
    return UNSPECIFIED


@primitive("string-replace")
def string_replace(s1: object, s2: object, start1: object = None, end1: object = None,
                   start2: object = None, end2: object = None) -> MString:
    """Return S1 with section START1..END1 replaced by section START2..END2 of S2."""
    t1 = text("string-replace", 1, s1)
    t2 = text("string-replace", 2, s2)
    lo1, hi1 = bounds(len(t1), start1, end1)
    lo2, hi2 = bounds(len(t2), start2, end2)
    return MString(t1[:lo1] + t2[lo2:hi2] + t1[hi1:])


@primitive("string-utf8-length")
def string_utf8_length(s: object) -> int:
    """Return the number of bytes S takes in UTF-8."""
    return len(text("string-utf8-length", 1, s).encode("utf-8"))


# ---------------------------------------------------------------------------------------------------
# Replicated substrings, symbols


def _replicate(subr: str, t: str, start: object, end: object, frm: object, to: object) -> str:
    """Characters FRM..TO of T repeated forever, with the period END - START.

    Guile 3.0.8 indexes from the start of T rather than from START; so do we.
    """
    lo, hi = bounds(len(t), start, end)
    frm = exact_int(frm)
    to = frm + hi - lo if to is None else exact_int(to)
    if hi == lo:
        if to != frm:
            raise misc_error(subr, "start and end indices must not be equal")
        return ""
    return "".join(t[i % (hi - lo)] for i in range(frm, to))


@primitive("xsubstring")
def xsubstring(s: object, frm: object, to: object = None, start: object = None, end: object = None) -> MString:
    """Characters FROM..TO of (a section of) S replicated in both directions."""
    return MString(_replicate("xsubstring", text("xsubstring", 1, s), start, end, frm, to))


@primitive("string-xcopy!")
def string_xcopy(target: object, tstart: object, s: object, sfrom: object, sto: object = None,
                 start: object = None, end: object = None) -> object:
    """Copy characters SFROM..STO of replicated S into TARGET.

    Like Guile 3.0.8, the room is checked from TSTART but the copy lands at START.
    """
    t = text("string-xcopy!", 1, target)
    src = text("string-xcopy!", 3, s)
    at = exact_int(tstart)
    piece = _replicate("string-xcopy!", src, start, end, sfrom, sto)
    if at < 0 or at + len(piece) > len(t):
        raise out_of_range("string-xcopy!", 1, tstart)
    _mutable(target)
    offset = 0 if start is None else start
    target.s = t[:offset] + piece + t[offset + len(piece):]
    return UNSPECIFIED


@primitive("string-ci->symbol")
def string_ci_to_symbol(s: object) -> Symbol:
    """The symbol named S (Guile 3.0.8 does not fold its case)."""
    if type(s) is not MString:
        raise wrong_type("string->symbol", 1, s, "string")
    return Symbol(s.s)

"""Hash tables, Guile's hash functions and char-sets; expected values checked on Guile 3.0.8."""
from __future__ import annotations

from fractions import Fraction

import pytest

from schemeth.data.conditions import SchemeError
from schemeth.data.printer import write_string
from schemeth.data.values import NIL, Char, MString, Pair, Symbol, from_list
from schemeth.primitives import charsets, hashtables
from schemeth.primitives.registry import TABLES

PRIMS = TABLES[("guile",)]


def call(name: str, *args: object) -> object:
    """Apply the primitive registered as NAME."""
    return PRIMS[name].fn(*args)


@pytest.mark.parametrize("key, expected", [
    (Symbol("abc"), 473949), (MString("abc"), 473949), (1, 153775), (2.0, 862447), (1.5, 426824),
    (Fraction(1, 2), 78587), (Char("a"), 699796), (True, 11815), (False, 360681), (NIL, 185568),
    (from_list([1, 2]), 894986), ([1, 2, 3], 973625), (2 ** 70, 963663), (-5, 455445),
    (bytearray(b"\x01\x02"), 919613),
])
def test_equal_hash_matches_guile(key: object, expected: int) -> None:
    assert call("hash", key, 1000003) == expected


def test_string_hash() -> None:
    assert call("string-hash", MString("0")) == 1700172295935286127
    assert call("string-hash", MString("abc"), 100) == 70
    assert call("string-hash-ci", MString("ABC")) == call("string-hash", MString("abc"))


def test_sizes_and_printing() -> None:
    t = call("make-hash-table", 100)
    assert write_string(t).endswith(" 0/113>")
    for k in range(40):
        call("hash-set!", t, k, k)
    assert len(t.buckets) == 113
    small = call("make-hash-table")
    for k in range(40):
        call("hash-set!", small, k, k)
    assert write_string(small).endswith(" 40/61>")


def test_iteration_order_matches_guile() -> None:
    t = call("make-hash-table")
    names = "apple banana cherry date elder fig grape".split()
    for name in names:
        call("hash-set!", t, Symbol(name), 1)
    order = [e.handle.car.name for e in t.entries()]
    assert order[::-1] == ["elder", "fig", "grape", "apple", "date", "cherry", "banana"]


def test_handles_and_equivalences() -> None:
    t = call("make-hash-table")
    handle = call("hash-create-handle!", t, MString("k"), 1)
    handle.cdr = 2
    assert call("hash-ref", t, MString("k")) == 2
    call("hashv-set!", t, 1.0, Symbol("float"))
    assert call("hashv-ref", t, 1) is False
    assert call("hashv-ref", t, 1.0) == Symbol("float")
    key = MString("same")
    call("hashq-set!", t, key, 3)
    assert call("hashq-ref", t, MString("same")) is False
    assert call("hashq-ref", t, key) == 3
    removed = call("hash-remove!", t, MString("k"))
    assert type(removed) is Pair and removed.cdr == 2
    assert call("hash-remove!", t, MString("k")) is False


def test_hash_table_errors() -> None:
    with pytest.raises(SchemeError) as info:
        call("hash-ref", Symbol("x"), 1)
    assert info.value.payload.args.car.s == "scm_hash_fn_get_handle"


def test_charset_printing_and_algebra() -> None:
    cs = call("char-set", Char("a"), Char("c"), Char("b"), Char("z"))
    assert write_string(cs) == "#<charset {#\\a..#\\c #\\z}>"
    comp = call("char-set-complement", call("char-set", Char("a")))
    assert write_string(comp) == "#<charset {#\\nul..#\\` #\\b..#\\153777 #\\160000..#\\4177777}>"
    both = call("char-set-xor", call("string->char-set", MString("ab")), call("string->char-set", MString("bc")))
    assert write_string(both) == "#<charset {#\\a #\\c}>"
    assert call("char-set-hash", call("char-set", Char("a"), Char("c"), Char("d"), Char("e"))) == 602


def test_standard_charsets() -> None:
    sets = charsets.SETS
    assert sets["letter"].size() == 131756
    assert sets["lower-case"].size() == 1593
    assert sets["upper-case"].size() == 1403
    assert sets["whitespace"].has("\xa0") and not sets["whitespace"].has("a")
    assert sets["designated"].size() == 282230


def test_string_leaves_with_charsets() -> None:
    digits = charsets.SETS["digit"]
    assert call("%string-index", MString("ab12"), digits) == 2
    assert call("%string-trim-both", MString("12ab34"), digits).s == "ab"
    parts = call("%string-split", MString("a,b;c"), call("char-set", Char(","), Char(";")))
    assert [p.s for p in parts] == ["a", "b", "c"]
    tokens = call("string-tokenize", MString("  hello big  world "))
    assert [p.s for p in tokens] == ["hello", "big", "world"]
    assert hashtables.string_hash("abc") == 1781154307454365970


def test_circular_keys_are_keyed_by_identity() -> None:
    cyc = from_list([1, 2, 3])
    cyc.cdr.cdr.cdr = cyc
    t = call("make-hash-table")
    call("hash-set!", t, cyc, Symbol("circular"))
    assert call("hash-ref", t, cyc) == Symbol("circular")
    assert call("hash-ref", t, from_list([1, 2, 3])) is False

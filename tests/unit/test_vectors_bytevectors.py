"""Vector and (rnrs bytevectors) primitives; expected values and error shapes checked on Guile 3.0.8."""
from __future__ import annotations

from fractions import Fraction

import pytest

from schemeth.data.conditions import SchemeError
from schemeth.data.values import NIL, UNSPECIFIED, MString, Pair, Symbol, from_list
from schemeth.primitives import bytevectors, vectors  # noqa: F401  (registers the primitives)
from schemeth.primitives.registry import TABLES
from schemedata import plain

GUILE = TABLES[("guile",)]
RNRS = TABLES[("rnrs", "bytevectors")]


def call(name: str, *args: object) -> object:
    """Apply the primitive registered as NAME (default environment first, then rnrs)."""
    return (GUILE.get(name) or RNRS[name]).fn(*args)


def err(name: str, *args: object) -> tuple:
    """Call NAME expecting a Guile error; return (key subr message fmt-args rest) as plain data."""
    with pytest.raises(SchemeError) as info:
        call(name, *args)
    cond = info.value.payload
    return (cond.key.name,) + tuple(plain(cond.args))


BIG, LITTLE = Symbol("big"), Symbol("little")
WTA, OOR = "wrong-type-arg", "out-of-range"
POS_EXPECT = "Wrong type argument in position ~A (expecting ~A): ~S"
POS_ONLY = "Wrong type argument in position ~A: ~S"
NO_POS = "Wrong type (expecting ~A): ~S"
RANGE = "Value out of range ~S to< ~S: ~S"
ARG_RANGE = "Argument ~A out of range: ~S"
VALUE_RANGE = "Value out of range: ~S"


def bv(*octets: int) -> bytearray:
    """A bytevector."""
    return bytearray(octets)


# ------------------------------------------------------------------------------------------ vectors


def test_make_vector_and_vector():
    assert call("make-vector", 2) == [UNSPECIFIED, UNSPECIFIED]
    assert call("make-vector", 2, 0) == [0, 0]
    assert err("make-vector", -1) == (OOR, False, RANGE, [0, 72057594037927935, -1], [-1])
    assert err("make-vector", 1.0) == (WTA, False, NO_POS, ["exact integer", 1.0], [1.0])
    assert call("vector") == [] and call("vector?", []) is True and call("vector?", MString("a")) is False


def test_vector_ref_and_set_errors():
    assert err("vector-ref", 1, 0) == (WTA, "vector-ref",
                                       "Wrong type argument in position 1 (expecting vector): ~S", [1], [1])
    assert err("vector-ref", [1], -1) == (OOR, "vector-ref", "Argument 2 out of range: ~S", [-1], [-1])
    assert err("vector-ref", [1], 1.0) == (WTA, "vector-ref",
                                           "Wrong type argument in position 2 (expecting small integer): ~S",
                                           [1.0], [1.0])
    assert err("vector-ref", [1], 1 << 61)[2].endswith("(expecting small integer): ~S")
    assert err("vector-ref", [1], (1 << 61) - 1)[0] == OOR
    assert err("vector-set!", 1, 1, 0)[2] == "Wrong type argument in position 1 (expecting mutable vector): ~S"
    v = [1, 2]
    assert call("vector-set!", v, 0, 9) is UNSPECIFIED and v == [9, 2]
    assert err("vector-length", 1)[1] == "vector-length"


def test_list_conversions():
    assert plain(call("vector->list", [1, 2])) == [1, 2]
    assert err("vector->list", 1) == (WTA, False, NO_POS, ["array", 1], [1])
    assert call("list->vector", from_list([1, 2])) == [1, 2]
    assert err("list->vector", Pair(1, 2)) == (WTA, "vector", POS_ONLY, [1, (".", [1], 2)], [(".", [1], 2)])


def test_fill_and_copy():
    v = [1, 2, 3]
    call("vector-fill!", v, 0, 1, 2)
    assert v == [1, 0, 3]
    assert err("vector-fill!", 1, 0) == (WTA, "vector-fill!", POS_EXPECT, [1, "mutable vector", 1], [1])
    assert err("vector-fill!", [1, 2], 0, 1, 0) == (OOR, False, RANGE, [1, 2, 0], [0])
    assert call("vector-copy", [1, 2, 3], 1, 2) == [2]
    assert err("vector-copy", [1, 2, 3], 2, 1) == (OOR, "vector-copy", ARG_RANGE, [3, 1], [1])
    assert err("vector-copy", [1, 2, 3], 4) == (OOR, "vector-copy", ARG_RANGE, [2, 4], [4])


def test_vector_copy_bang_is_overlap_safe():
    v = [1, 2, 3, 4]
    call("vector-copy!", v, 1, v, 0, 2)
    assert v == [1, 1, 2, 4]
    assert err("vector-copy!", [1, 2, 3, 4], 3, [9, 8]) == (OOR, "vector-copy!", ARG_RANGE, [2, 3], [3])
    assert err("vector-copy!", [1, 2], 0, 1) == (WTA, "vector-copy!", POS_ONLY, [3, 1], [1])
    assert err("vector-copy!", [1, 2], 0, [1, 2, 3], 2, 1) == (OOR, "vector-copy!", ARG_RANGE, [5, 1], [1])


def test_vector_move_left_and_right():
    v = [1, 2, 3, 4, 5]
    call("vector-move-left!", v, 1, 4, v, 0)
    assert v == [2, 3, 4, 4, 5]
    v = [1, 2, 3, 4, 5]
    call("vector-move-right!", v, 0, 3, v, 1)
    assert v == [1, 1, 2, 3, 5]
    v = [1, 2, 3, 4, 5]
    call("vector-move-left!", v, 0, 3, v, 1)
    assert v == [1, 1, 1, 1, 5]
    assert err("vector-move-left!", [1, 2], 0, 2, [1], 0) == (OOR, "vector-move-left!", ARG_RANGE, [3, 2], [2])
    assert err("vector-move-left!", [1, 2], 0, 1, [1], 1) == (OOR, "vector-move-left!", ARG_RANGE, [5, 1], [1])
    assert err("vector-move-left!", [1, 2], 1, 3, [1], 0) == (OOR, False, RANGE, [1, 2, 3], [3])
    assert err("vector-move-left!", [1], 0, 0, 1, 0) == (WTA, False, NO_POS, ["array", 1], [1])


# ------------------------------------------------------------------------------------------ bytevectors


def test_bytevectors_live_only_in_rnrs_module():
    assert "bytevector?" not in GUILE and "bytevector?" in RNRS
    assert "bytevector" not in RNRS and "bytevector-append" not in RNRS
    assert call("native-endianness") is LITTLE


def test_make_bytevector():
    assert call("make-bytevector", 3) == bv(0, 0, 0)
    assert call("make-bytevector", 2, -1) == bv(255, 255)
    assert err("make-bytevector", 3, 256) == (OOR, "make-bytevector", VALUE_RANGE, [256], [256])
    assert err("make-bytevector", 2, 1.0) == (WTA, False, NO_POS, ["exact integer", 1.0], [1.0])
    assert err("bytevector-length", 1) == (WTA, "scm_c_bytevector_length", POS_EXPECT, [1, "bytevector", 1], [1])


def test_u8_and_s8():
    assert call("bytevector-s8-ref", bv(255), 0) == -1
    assert err("bytevector-u8-ref", bv(1, 2), 2) == (OOR, "bytevector-u8-ref", VALUE_RANGE, [2], [2])
    assert err("bytevector-u8-ref", 1, 0) == (WTA, "bytevector-u8-ref", POS_EXPECT, [1, "bytevector", 1], [1])
    assert err("bytevector-u8-set!", bv(0), 0, 256) == (OOR, "bytevector-u8-set!", VALUE_RANGE, [256], [256])
    assert err("bytevector-u8-set!", bv(0), 0, 1.0) == (WTA, "bytevector-u8-set!", POS_ONLY, [3, 1.0], [1.0])
    assert err("bytevector-u8-set!", 5, 0, 0)[3] == [1, "mutable bytevector", 5]
    assert err("bytevector-u8-set!", bv(0), 1, Symbol("a")) == (OOR, "bytevector-u8-set!", VALUE_RANGE, [1], [1])


def test_multibyte_integers():
    data = bv(1, 2, 3)
    assert call("bytevector-u16-ref", data, 0, BIG) == 258
    assert call("bytevector-u16-ref", data, 1, LITTLE) == 770
    assert call("bytevector-u16-ref", data, 0, Symbol("middle")) == 258
    assert err("bytevector-u16-ref", data, 0, 5) == (WTA, "bytevector-u16-ref", POS_EXPECT, [3, "symbol", 5], [5])
    assert err("bytevector-u16-ref", data, 2, LITTLE) == (OOR, "bytevector-u16-ref", VALUE_RANGE, [2], [2])
    assert call("bytevector-u16-native-ref", bv(1, 2), 0) == 513
    b = bv(0, 0, 0, 0, 0, 0, 0, 0)
    call("bytevector-s64-native-set!", b, 0, -1)
    assert b == bv(*[255] * 8)
    assert call("bytevector-u64-ref", b, 0, BIG) == (1 << 64) - 1
    overflow = (OOR, "bytevector-u16-set!", VALUE_RANGE, [65536], [65536])
    assert err("bytevector-u16-set!", bv(0, 0), 0, 65536, BIG) == overflow
    assert err("bytevector-u16-set!", bv(0, 0), 0, 1 << 70, BIG)[2] == POS_ONLY
    assert err("bytevector-u64-set!", b, 0, 1 << 70, BIG)[2] == VALUE_RANGE
    assert err("bytevector-s64-set!", b, 0, 1.0, BIG) == (WTA, False, NO_POS, ["exact integer", 1.0], [1.0])
    assert err("bytevector-u16-set!", bv(0, 0), 0, 70000, 5)[3] == [3, "symbol", 5]


def test_arbitrary_size_integers():
    assert call("bytevector-uint-ref", bv(1, 2, 3), 0, BIG, 3) == 66051
    assert call("bytevector-sint-ref", bv(255, 255, 254), 0, LITTLE, 3) == -65537
    assert call("bytevector-uint-ref", bv(1, 2), 0, 5, 2) == 258
    assert err("bytevector-uint-ref", bv(1, 2, 3), 1, BIG, 0) == (OOR, "bytevector-uint-ref", VALUE_RANGE, [0], [0])
    assert err("bytevector-uint-set!", bv(0, 0), 0, Symbol("a"), BIG, 2)[3] == [Symbol("a")]
    assert call("uint-list->bytevector", from_list([1, 2]), BIG, 2) == bv(0, 1, 0, 2)
    assert plain(call("bytevector->sint-list", bv(255, 255, 3, 4), BIG, 2)) == [-1, 772]
    assert err("bytevector->uint-list", bv(1, 2, 3), BIG, 2) == (
        WTA, "bytevector->uint-list", NO_POS, ["an exact positive integer that divides the bytevector length", 2],
        [2])
    assert err("bytevector->uint-list", bv(1, 2), BIG, 0) == (OOR, False, RANGE, [1, (1 << 64) - 1, 0], [0])


def test_ieee_floats():
    assert call("bytevector-ieee-single-ref", bv(0, 0, 128, 63), 0, LITTLE) == 1.0
    b = bv(0, 0, 0, 0)
    call("bytevector-ieee-single-set!", b, 0, Fraction(1, 3), BIG)
    assert b == bv(62, 170, 170, 171)
    call("bytevector-ieee-single-set!", b, 0, 1e300, BIG)
    assert b == bv(127, 128, 0, 0)
    call("bytevector-ieee-single-native-set!", b, 0, 0.1)
    assert call("bytevector-ieee-single-native-ref", b, 0) == 0.10000000149011612
    assert err("bytevector-ieee-single-set!", b, 0, Symbol("a"), 5)[3] == [3, "real", Symbol("a")]
    misaligned = ("bytevector-ieee-double-ref", VALUE_RANGE, [1])
    assert err("bytevector-ieee-double-ref", bv(*[0] * 8), 1, BIG)[1:4] == misaligned


def test_copy_fill_compare():
    b = bv(1, 2, 3, 4)
    call("bytevector-copy!", b, 0, b, 1, 3)
    assert b == bv(1, 1, 2, 3)
    assert err("bytevector-copy!", bv(1, 2), 1, bv(0, 0, 0, 0), 0, 2) == (OOR, "bytevector-copy!", VALUE_RANGE,
                                                                          [1], [1])
    assert err("bytevector-copy!", bv(1, 2), 0, 5, 0, 2)[3] == [3, "mutable bytevector", 5]
    b = bv(0, 0, 0, 0)
    call("bytevector-fill!", b, 1, 1, 3)
    assert b == bv(0, 1, 1, 0)
    assert err("bytevector-fill!", b, 1, 3, 1) == (OOR, False, RANGE, [3, 4, 1], [1])
    copy = call("bytevector-copy", b)
    assert copy == b and copy is not b
    assert call("bytevector=?", bv(1), bv(1, 2)) is False
    assert err("bytevector=?", bv(1), 1)[3] == [2, "bytevector", 1]
    assert call("u8-list->bytevector", from_list([1, 2])) == bv(1, 2)
    assert err("u8-list->bytevector", from_list([1, 256])) == (WTA, "u8-list->bytevector", POS_ONLY, [1, 256],
                                                               [256])


def test_text_encodings():
    assert call("string->utf8", MString("héllo")) == bv(104, 195, 169, 108, 108, 111)
    assert call("utf8->string", bv(104, 195, 169)).s == "hé"
    assert err("utf8->string", bv(65, 255, 67)) == ("decoding-error", "scm_from_utf8_stringn",
                                                    "input locale conversion error", 0, bv(65, 255, 67))
    assert call("string->utf16", MString("aé")) == bv(0, 97, 0, 233)
    assert call("string->utf16", MString("a"), LITTLE) == bv(97, 0)
    assert call("utf16->string", bv(216, 61, 222, 0)).s == "\U0001F600"
    assert call("utf16->string", bv(0, 97, 216, 0)).s == "a"
    assert call("utf32->string", bv(97, 0, 0, 0), LITTLE).s == "a"
    assert call("string->utf32", MString("a"), Symbol("middle")) == bv(0, 0, 0, 97)
    assert err("string->utf16", MString("a"), Symbol("middle")) == (
        "system-error", "string->utf16", "failed to convert string: ~A", ["a"], [-1])
    assert err("utf16->string", bv(0, 97), 5)[3] == [2, "symbol", 5]

"""Bytevectors (bytearray): the procedures of Guile's (rnrs bytevectors) module.

Guile 3.0.8's default environment has none of them, so they are bound only in (rnrs bytevectors).
An endianness argument is a symbol: `little` means little-endian, any other symbol big-endian.
"""
from __future__ import annotations

import codecs
import math
import struct
from fractions import Fraction
from typing import Callable

from ..data.conditions import Condition, SchemeError, guile_error, wrong_type
from ..data.values import UNSPECIFIED, MString, Symbol, from_list
from .lists import bounds, exact_int, index_in, is_fixnum, proper_length, value_out_of_range, wrong_type_plain
from .registry import primitive

RNRS = ("rnrs", "bytevectors")
LITTLE = Symbol("little")
BIG = Symbol("big")
SIZE_MAX = (1 << 64) - 1


def bv_primitive(*names: str) -> Callable:
    """Register a primitive in (rnrs bytevectors)."""
    return primitive(*names, module=RNRS)


def _bv(subr: str, pos: int, x: object) -> bytearray:
    """Check that X is a bytevector."""
    if not isinstance(x, bytearray):
        raise wrong_type(subr, pos, x, "bytevector")
    return x


def _mutable_bv(subr: str, pos: int, x: object) -> bytearray:
    """Check that X is a bytevector that may be modified."""
    if not isinstance(x, bytearray):
        raise wrong_type(subr, pos, x, "mutable bytevector")
    return x


def _offset(subr: str, bv: bytearray, k: object, size: int) -> int:
    """Check that SIZE bytes starting at K lie inside BV."""
    exact_int(k)
    if k < 0 or k + size > len(bv):
        raise value_out_of_range(subr, k)
    return k


def _order(subr: str, e: object) -> str:
    """Return the byte order ("little"/"big") named by the endianness symbol E."""
    if type(e) is not Symbol:
        raise wrong_type(subr, 3, e, "symbol")
    return "little" if e is LITTLE else "big"


@bv_primitive("native-endianness")
def native_endianness() -> Symbol:
    """Return the byte order of this machine as Guile sees it."""
    return LITTLE


@bv_primitive("bytevector?")
def bytevector_p(x: object) -> bool:
    """Return #t for a bytevector."""
    return isinstance(x, bytearray)


def _octet(subr: str, x: object) -> int:
    """Check a fill byte, which may be given signed or unsigned."""
    exact_int(x)
    if not -128 <= x <= 255:
        raise value_out_of_range(subr, x)
    return x & 0xFF


@bv_primitive("make-bytevector")
def make_bytevector(k: object, fill: object = 0) -> bytearray:
    """Return a fresh bytevector of K bytes set to FILL."""
    exact_int(k)
    if k < 0:
        raise value_out_of_range("make-bytevector", k)
    return bytearray([_octet("make-bytevector", fill)]) * k


@bv_primitive("bytevector-length")
def bytevector_length(bv: object) -> int:
    """Return the number of bytes in BV."""
    return len(_bv("scm_c_bytevector_length", 1, bv))


@bv_primitive("bytevector=?")
def bytevector_eq(a: object, b: object) -> bool:
    """Return #t if A and B hold the same bytes."""
    return _bv("bytevector=?", 1, a) == _bv("bytevector=?", 2, b)


@bv_primitive("bytevector-copy")
def bytevector_copy(bv: object) -> bytearray:
    """Return a fresh copy of BV."""
    return bytearray(_bv("bytevector-copy", 1, bv))


@bv_primitive("bytevector-copy!")
def bytevector_copy_x(source: object, source_start: object, target: object, target_start: object,
                      count: object) -> object:
    """Copy COUNT bytes of SOURCE from SOURCE-START into TARGET at TARGET-START (overlap-safe)."""
    subr = "bytevector-copy!"
    src = _bv(subr, 1, source)
    dst = _mutable_bv(subr, 3, target)
    n = exact_int(count)
    if n < 0:
        raise value_out_of_range(subr, n)
    lo = _offset(subr, src, source_start, n)
    at = _offset(subr, dst, target_start, n)
    dst[at:at + n] = src[lo:lo + n]
    return UNSPECIFIED


@bv_primitive("bytevector-fill!")
def bytevector_fill(bv: object, fill: object, start: object = None, end: object = None) -> object:
    """Set bytes START..END of BV to FILL."""
    b = _mutable_bv("bytevector-fill!", 1, bv)
    octet = _octet("bytevector-fill!", fill)
    lo, hi = bounds(len(b), start, end)
    b[lo:hi] = bytes([octet]) * (hi - lo)
    return UNSPECIFIED


@bv_primitive("bytevector->u8-list")
def bytevector_to_u8_list(bv: object) -> object:
    """Return the bytes of BV as a list."""
    return from_list(list(_bv("bytevector->u8-list", 1, bv)))


@bv_primitive("u8-list->bytevector")
def u8_list_to_bytevector(lst: object) -> bytearray:
    """Return a fresh bytevector of the octets in LST."""
    subr = "u8-list->bytevector"
    if proper_length(lst) is None:
        raise wrong_type(subr, 1, lst)
    for x in lst:
        if type(x) is not int or not 0 <= x <= 255:
            raise wrong_type(subr, 1, x)
    return bytearray(lst)


# ---------------------------------------------------------------------------------------------------
# Fixed-size integers: bytevector-{u,s}{8,16,32,64}[-native]-{ref,set!}


def _int_range(size: int, signed: bool) -> tuple[int, int]:
    """Return the bounds of a SIZE-byte integer."""
    bits = 8 * size
    return (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)


def _int_value(subr: str, size: int, signed: bool, v: object) -> int:
    """Check a value for a SIZE-byte slot: Guile wants a fixnum below 64 bits, any integer at 64."""
    if size < 8:
        if not is_fixnum(v):
            raise wrong_type(subr, 3, v)
    else:
        exact_int(v)
    lo, hi = _int_range(size, signed)
    if not lo <= v <= hi:
        raise value_out_of_range(subr, v)
    return v


def _int_reader(subr: str, size: int, signed: bool, native: bool) -> Callable:
    """Build the SUBR accessor reading a SIZE-byte integer."""
    if native:
        def ref(bv: object, k: object) -> int:
            b = _bv(subr, 1, bv)
            i = _offset(subr, b, k, size)
            return int.from_bytes(b[i:i + size], "little", signed=signed)
    else:
        def ref(bv: object, k: object, endianness: object) -> int:
            b = _bv(subr, 1, bv)
            i = _offset(subr, b, k, size)
            return int.from_bytes(b[i:i + size], _order(subr, endianness), signed=signed)
    ref.__doc__ = f"Read a {size}-byte {'signed' if signed else 'unsigned'} integer."
    return ref


def _int_writer(subr: str, size: int, signed: bool, native: bool) -> Callable:
    """Build the SUBR mutator writing a SIZE-byte integer."""
    if native:
        def set_(bv: object, k: object, v: object) -> object:
            b = _mutable_bv(subr, 1, bv)
            i = _offset(subr, b, k, size)
            b[i:i + size] = _int_value(subr, size, signed, v).to_bytes(size, "little", signed=signed)
            return UNSPECIFIED
    else:
        def set_(bv: object, k: object, v: object, endianness: object) -> object:
            b = _mutable_bv(subr, 1, bv)
            i = _offset(subr, b, k, size)
            order = _order(subr, endianness)
            b[i:i + size] = _int_value(subr, size, signed, v).to_bytes(size, order, signed=signed)
            return UNSPECIFIED
    set_.__doc__ = f"Write a {size}-byte {'signed' if signed else 'unsigned'} integer."
    return set_


def _define_int_accessors() -> None:
    """Register every fixed-size integer accessor."""
    for size in (1, 2, 4, 8):
        for signed in (False, True):
            kind = f"bytevector-{'s' if signed else 'u'}{8 * size}"
            if size == 1:
                bv_primitive(kind + "-ref")(_int_reader(kind + "-ref", 1, signed, True))
                bv_primitive(kind + "-set!")(_int_writer(kind + "-set!", 1, signed, True))
                continue
            for native, infix in ((False, ""), (True, "-native")):
                ref, set_ = f"{kind}{infix}-ref", f"{kind}{infix}-set!"
                bv_primitive(ref)(_int_reader(ref, size, signed, native))
                bv_primitive(set_)(_int_writer(set_, size, signed, native))


_define_int_accessors()


# ---------------------------------------------------------------------------------------------------
# Integers of any size: bytevector-{u,s}int-{ref,set!} and the list conversions


def _any_order(e: object) -> str:
    """Byte order for the arbitrary-size procedures, which do not type-check the symbol."""
    return "little" if e is LITTLE else "big"


def _int_size(subr: str, size: object) -> int:
    """Check the byte width of an arbitrary-size integer."""
    exact_int(size)
    if size <= 0:
        raise value_out_of_range(subr, size)
    return size


@bv_primitive("bytevector-uint-ref")
def bytevector_uint_ref(bv: object, k: object, endianness: object, size: object) -> int:
    """Read an unsigned integer of SIZE bytes."""
    return _any_ref("bytevector-uint-ref", bv, k, endianness, size, False)


@bv_primitive("bytevector-sint-ref")
def bytevector_sint_ref(bv: object, k: object, endianness: object, size: object) -> int:
    """Read a signed integer of SIZE bytes."""
    return _any_ref("bytevector-sint-ref", bv, k, endianness, size, True)


def _any_ref(subr: str, bv: object, k: object, endianness: object, size: object, signed: bool) -> int:
    """Read an integer of SIZE bytes at K."""
    b = _bv(subr, 1, bv)
    exact_int(k)
    n = _int_size(subr, size)
    i = _offset(subr, b, k, n)
    return int.from_bytes(b[i:i + n], _any_order(endianness), signed=signed)


def _any_value(subr: str, v: object, size: int, signed: bool) -> int:
    """Check a value for an arbitrary-size slot (Guile reports every problem as out of range)."""
    lo, hi = _int_range(size, signed)
    if type(v) is not int or not lo <= v <= hi:
        raise value_out_of_range(subr, v)
    return v


def _any_set(subr: str, bv: object, k: object, v: object, endianness: object, size: object,
             signed: bool) -> object:
    """Write an integer of SIZE bytes at K."""
    b = _mutable_bv(subr, 1, bv)
    exact_int(k)
    n = _int_size(subr, size)
    i = _offset(subr, b, k, n)
    b[i:i + n] = _any_value(subr, v, n, signed).to_bytes(n, _any_order(endianness), signed=signed)
    return UNSPECIFIED


@bv_primitive("bytevector-uint-set!")
def bytevector_uint_set(bv: object, k: object, v: object, endianness: object, size: object) -> object:
    """Write an unsigned integer of SIZE bytes."""
    return _any_set("bytevector-uint-set!", bv, k, v, endianness, size, False)


@bv_primitive("bytevector-sint-set!")
def bytevector_sint_set(bv: object, k: object, v: object, endianness: object, size: object) -> object:
    """Write a signed integer of SIZE bytes."""
    return _any_set("bytevector-sint-set!", bv, k, v, endianness, size, True)


def _to_int_list(subr: str, bv: object, endianness: object, size: object, signed: bool) -> object:
    """Split BV into SIZE-byte integers."""
    b = _bv(subr, 1, bv)
    n = index_in(size, 1, SIZE_MAX)
    if len(b) % n:
        raise wrong_type_plain(subr, "an exact positive integer that divides the bytevector length", size)
    order = _any_order(endianness)
    return from_list([int.from_bytes(b[i:i + n], order, signed=signed) for i in range(0, len(b), n)])


@bv_primitive("bytevector->uint-list")
def bytevector_to_uint_list(bv: object, endianness: object, size: object) -> object:
    """Return the unsigned SIZE-byte integers of BV as a list."""
    return _to_int_list("bytevector->uint-list", bv, endianness, size, False)


@bv_primitive("bytevector->sint-list")
def bytevector_to_sint_list(bv: object, endianness: object, size: object) -> object:
    """Return the signed SIZE-byte integers of BV as a list."""
    return _to_int_list("bytevector->sint-list", bv, endianness, size, True)


def _from_int_list(subr: str, lst: object, endianness: object, size: object, signed: bool) -> bytearray:
    """Pack a list of integers into SIZE-byte slots."""
    if proper_length(lst) is None:
        raise wrong_type(subr, 1, lst)
    n = _int_size(subr, size)
    order = _any_order(endianness)
    out = bytearray()
    for v in lst:
        out += _any_value(subr, v, n, signed).to_bytes(n, order, signed=signed)
    return out


@bv_primitive("uint-list->bytevector")
def uint_list_to_bytevector(lst: object, endianness: object, size: object) -> bytearray:
    """Return a bytevector of the unsigned integers in LST, SIZE bytes each."""
    return _from_int_list("uint-list->bytevector", lst, endianness, size, False)


@bv_primitive("sint-list->bytevector")
def sint_list_to_bytevector(lst: object, endianness: object, size: object) -> bytearray:
    """Return a bytevector of the signed integers in LST, SIZE bytes each."""
    return _from_int_list("sint-list->bytevector", lst, endianness, size, True)


# ---------------------------------------------------------------------------------------------------
# IEEE floats: bytevector-ieee-{single,double}[-native]-{ref,set!}


def _real(subr: str, v: object) -> float:
    """Convert a real number to a float the way C does (overflow gives an infinity)."""
    if type(v) is float:
        return v
    if type(v) is not int and type(v) is not Fraction:
        raise wrong_type(subr, 3, v, "real")
    try:
        return float(v)
    except OverflowError:
        return float("inf") if v > 0 else float("-inf")


def _float_reader(subr: str, fmt: str, native: bool) -> Callable:
    """Build the SUBR accessor reading a float packed as FMT."""
    size = struct.calcsize(fmt)
    if native:
        def ref(bv: object, k: object) -> float:
            b = _bv(subr, 1, bv)
            i = _offset(subr, b, k, size)
            return struct.unpack_from("<" + fmt, b, i)[0]
    else:
        def ref(bv: object, k: object, endianness: object) -> float:
            b = _bv(subr, 1, bv)
            i = _offset(subr, b, k, size)
            prefix = "<" if _order(subr, endianness) == "little" else ">"
            return struct.unpack_from(prefix + fmt, b, i)[0]
    ref.__doc__ = f"Read an IEEE {'single' if fmt == 'f' else 'double'}."
    return ref


def _float_writer(subr: str, fmt: str, native: bool) -> Callable:
    """Build the SUBR mutator writing a float packed as FMT."""
    size = struct.calcsize(fmt)

    def pack(b: bytearray, i: int, x: float, prefix: str) -> object:
        struct.pack_into(prefix + fmt, b, i, single_float(x) if fmt == "f" else x)
        return UNSPECIFIED

    if native:
        def set_(bv: object, k: object, v: object) -> object:
            b = _mutable_bv(subr, 1, bv)
            i = _offset(subr, b, k, size)
            return pack(b, i, _real(subr, v), "<")
    else:
        def set_(bv: object, k: object, v: object, endianness: object) -> object:
            b = _mutable_bv(subr, 1, bv)
            i = _offset(subr, b, k, size)
            x = _real(subr, v)
            return pack(b, i, x, "<" if _order(subr, endianness) == "little" else ">")
    set_.__doc__ = f"Write an IEEE {'single' if fmt == 'f' else 'double'}."
    return set_


def _define_float_accessors() -> None:
    """Register every IEEE float accessor."""
    for name, fmt in (("single", "f"), ("double", "d")):
        for native, infix in ((False, ""), (True, "-native")):
            ref, set_ = f"bytevector-ieee-{name}{infix}-ref", f"bytevector-ieee-{name}{infix}-set!"
            bv_primitive(ref)(_float_reader(ref, fmt, native))
            bv_primitive(set_)(_float_writer(set_, fmt, native))


_define_float_accessors()


# ---------------------------------------------------------------------------------------------------
# Text encodings


def _question_mark(err: UnicodeError) -> tuple[str, int]:
    """Decode an invalid unit as "?" and drop a truncated one at the end, like Guile's iconv conversions."""
    if isinstance(err, UnicodeDecodeError) and err.end == len(err.object) and "end of data" in err.reason:
        return "", err.end
    return "?", err.end


codecs.register_error("schemeth-question-mark", _question_mark)


def _decoding_error(bv: bytearray) -> SchemeError:
    """Guile's error for bytes that are not valid UTF-8."""
    args = from_list([MString("scm_from_utf8_stringn", False), MString("input locale conversion error", False),
                      0, bv])
    return SchemeError(Condition(Symbol("decoding-error"), args))


@bv_primitive("string->utf8")
def string_to_utf8(s: object) -> bytearray:
    """Encode S as UTF-8."""
    if type(s) is not MString:
        raise wrong_type("string->utf8", 1, s, "string")
    return bytearray(s.s.encode("utf-8"))


@bv_primitive("utf8->string")
def utf8_to_string(bv: object) -> MString:
    """Decode a UTF-8 bytevector."""
    b = _bv("utf8->string", 1, bv)
    try:
        return MString(b.decode("utf-8"))
    except UnicodeDecodeError:
        raise _decoding_error(b) from None


def _codec(subr: str, width: int, e: object, what: object, message: str, strict: bool) -> str:
    """Return the Python codec for UTF-16/32 in byte order E (only big and little are known)."""
    if type(e) is not Symbol:
        raise wrong_type(subr, 2, e, "symbol")
    if e is LITTLE:
        return f"utf-{width}-le"
    if e is BIG or not strict:
        return f"utf-{width}-be"
    raise guile_error("system-error", subr, message, [what], [-1])


def _encoder(width: int) -> Callable:
    """Build string->utf16 or string->utf32."""
    subr = f"string->utf{width}"

    def encode(s: object, endianness: object = BIG) -> bytearray:
        if type(s) is not MString:
            raise wrong_type(subr, 1, s, "string")
        codec = _codec(subr, width, endianness, s, "failed to convert string: ~A", width == 16)
        return bytearray(s.s.encode(codec))

    encode.__doc__ = f"Encode a string as UTF-{width} (big-endian unless told otherwise)."
    return encode


def _decoder(width: int) -> Callable:
    """Build utf16->string or utf32->string."""
    subr = f"utf{width}->string"
    unit = width // 8

    def decode(bv: object, endianness: object = BIG) -> MString:
        b = _bv(subr, 1, bv)
        codec = _codec(subr, width, endianness, b, "failed to convert to string: ~A", True)
        whole = bytes(b[:len(b) - len(b) % unit])
        return MString(whole.decode(codec, "schemeth-question-mark"))

    decode.__doc__ = f"Decode a UTF-{width} bytevector (big-endian unless told otherwise)."
    return decode


for _width in (16, 32):
    bv_primitive(f"string->utf{_width}")(_encoder(_width))
    bv_primitive(f"utf{_width}->string")(_decoder(_width))


def single_float(x: float) -> float:
    """X rounded to IEEE single precision, saturating to infinity like a C float conversion."""
    try:
        return struct.unpack("f", struct.pack("f", x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)

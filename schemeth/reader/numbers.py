"""Guile's number syntax: text -> int | Fraction | float | complex, or None when the text is no number.

The reader calls `parse_number` on every atom (so `+`, `...`, `1+` and `-x` stay symbols) and
`string->number` calls it directly.  Exponents beyond Guile's limits raise its out-of-range error.
"""
from __future__ import annotations

import math
import re
import sys
from fractions import Fraction

from ..data.conditions import SchemeError, guile_error

sys.set_int_max_str_digits(0)   # literals may have any number of digits (printer.py lifts the same limit)

Number = int | Fraction | float | complex

_PLAIN_INT = re.compile(r"[+-]?[0-9]+\Z")
_PLAIN_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+)\Z")
_RADIX_PREFIXES = {"x": 16, "b": 2, "o": 8, "d": 10}
_DIGITS = {radix: re.compile(f"([{chars}]+)(#*)", re.IGNORECASE)
           for radix, chars in ((2, "01"), (8, "0-7"), (10, "0-9"), (16, "0-9a-f"))}
_FRACTION_DIGITS = re.compile(r"([0-9]*)(#*)")
_HASHES = re.compile(r"#*")
_EXPONENT = re.compile(r"[+-]?[0-9]+")
_EXPONENT_MARKERS = frozenset("esfdlESFDL")
_DECIMAL_DIGITS = frozenset("0123456789")
_MAX_EXPONENT = 308          # larger exponents are an error in Guile
_MIN_EXPONENT = -308 - 16    # so are smaller ones

# A "ureal" while scanning: (exact value or inf/nan, whether the syntax made it inexact).
Ureal = tuple[int | Fraction | float, bool]


def parse_number(text: str, radix: int = 10) -> Number | None:
    """Return the number TEXT denotes in Guile's syntax (default RADIX unless prefixed), or None."""
    if radix == 10:
        if _PLAIN_INT.match(text):
            return int(text)
        if _PLAIN_DECIMAL.match(text):
            return float(text)
    if radix not in _DIGITS:
        return None
    exactness = None
    pos = 0
    radix_given = False
    while text.startswith("#", pos):
        prefix = text[pos + 1:pos + 2].lower()
        if prefix in _RADIX_PREFIXES and not radix_given:
            radix, radix_given = _RADIX_PREFIXES[prefix], True
        elif prefix in ("e", "i") and exactness is None:
            exactness = prefix
        else:
            return None
        pos += 2
    return _Scanner(text, pos, radix, exactness).complex()


def _normalize(q: Fraction) -> int | Fraction:
    """Return Q as an int when it is whole."""
    return q.numerator if q.denominator == 1 else q


def _to_float(x: int | Fraction | float) -> float:
    """Convert exactly-known X to the nearest float, overflowing to infinity like Guile."""
    try:
        return float(x)
    except OverflowError:
        return math.inf if x > 0 else -math.inf


def _exponent_error(exponent: int) -> SchemeError:
    """Guile's error for an exponent outside the double range."""
    return guile_error("out-of-range", "string->number", "Value out of range: ~S", [exponent], [exponent])


def _guile_exponent(text: str) -> int:
    """The exponent TEXT as Guile reads it: digits past a value of 308 are ignored; then range-checked."""
    negative = text[0] == "-"
    magnitude = 0
    for digit in text.lstrip("+-"):
        if magnitude <= _MAX_EXPONENT:
            magnitude = magnitude * 10 + ord(digit) - 48
    if magnitude > (-_MIN_EXPONENT if negative else _MAX_EXPONENT):
        raise _exponent_error(int(text))
    return -magnitude if negative else magnitude


def _make_rectangular(real: Number, imag: Number) -> Number:
    """Build a complex number; an exact zero imaginary part leaves the real part alone."""
    if type(imag) is int and imag == 0:
        return real
    return complex(_to_float(real), _to_float(imag))


def _make_polar(magnitude: Number, angle: Number) -> Number:
    """Build a complex number from polar form; an exact zero angle or magnitude stays exact."""
    if type(angle) is int and angle == 0 or type(magnitude) is int and magnitude == 0:
        return magnitude
    m, a = _to_float(magnitude), _to_float(angle)
    try:
        return _make_rectangular(m * math.cos(a), m * math.sin(a))
    except ValueError:
        return complex(math.nan, math.nan)


class _Scanner:
    """A cursor over the text of one number, following Guile's grammar for complex numbers."""

    __slots__ = ("s", "i", "radix", "exactness")

    def __init__(self, s: str, i: int, radix: int, exactness: str | None) -> None:
        self.s = s
        self.i = i
        self.radix = radix
        self.exactness = exactness

    def complex(self) -> Number | None:
        """Scan a whole <complex>: real, real@real, real+imag i, +i, -i, +imag i."""
        sign = self._sign()
        if sign and self.s[self.i:] in ("i", "I"):
            self.i += 1
            return complex(0.0, float(sign))
        real = self.real(sign)
        if real is None or self.i == len(self.s):
            return real
        c = self.s[self.i]
        if c in "iI":
            return _make_rectangular(0, real) if sign and self._at_last() else None
        self.i += 1
        if c == "@":
            angle = self.real(self._sign())
            return _make_polar(real, angle) if angle is not None and self.i == len(self.s) else None
        if c in "+-":
            imag = self.imaginary(-1 if c == "-" else 1)
            return _make_rectangular(real, imag) if imag is not None else None
        return None

    def real(self, sign: int) -> Number | None:
        """Scan an unsigned real after SIGN (0 when there was none)."""
        ureal = self._ureal(sign != 0)
        return None if ureal is None else self._finish(ureal, sign or 1)

    def imaginary(self, sign: int) -> Number | None:
        """Scan the imaginary part after its sign, up to and including the final `i`."""
        ureal = self._ureal(True)
        if ureal is None:
            value: Number | None = sign
        else:
            value = self._finish(ureal, sign)
        if value is None or self.s[self.i:self.i + 1] not in ("i", "I") or not self._at_last():
            return None
        self.i += 1
        return value

    def _at_last(self) -> bool:
        """True when the cursor is on the last character."""
        return self.i == len(self.s) - 1

    def _sign(self) -> int:
        """Consume an optional sign: 1, -1, or 0 when there is none."""
        c = self.s[self.i:self.i + 1]
        if c == "+" or c == "-":
            self.i += 1
            return 1 if c == "+" else -1
        return 0

    def _finish(self, ureal: Ureal, sign: int) -> Number | None:
        """Apply the exactness prefix and the sign (after, so that #i-0 is -0.0)."""
        value, inexact = ureal
        if self.exactness == "e":
            if type(value) is float:
                return None
        elif inexact or self.exactness == "i":
            value = _to_float(value)
        return -value if sign < 0 else value

    def _ureal(self, allow_special: bool) -> Ureal | None:
        """Scan an unsigned real; on failure the cursor stays where it was."""
        start = self.i
        ureal = self._scan_ureal(allow_special)
        if ureal is None:
            self.i = start
        return ureal

    def _scan_ureal(self, allow_special: bool) -> Ureal | None:
        """Scan an unsigned real: integer, ratio, decimal, or inf.0/nan.0 after a sign."""
        s, i = self.s, self.i
        if allow_special:
            word = s[i:i + 5].lower()
            if word == "inf.0":
                self.i = i + 5
                return math.inf, True
            if word[:4] == "nan.":       # Guile takes any digits after nan. that amount to zero
                digits = self._digits(i + 4)
                return (math.nan, True) if digits is not None and not digits[0].strip("0") else None
        if s.startswith(".", i):
            if self.radix != 10 or s[i + 1:i + 2] not in _DECIMAL_DIGITS:
                return None
            return self._decimal("", False)
        digits = self._digits(i)
        if digits is None:
            return None
        if s.startswith("/", self.i):
            return self._ratio(digits)
        if self.radix == 10:
            return self._decimal(*digits)
        return int(digits[0], self.radix), digits[1]

    def _digits(self, i: int) -> tuple[str, bool] | None:
        """Scan digits from I, where trailing # marks stand for 0: (the digits, whether a # was seen)."""
        m = _DIGITS[self.radix].match(self.s, i)
        if m is None:
            return None
        self.i = m.end()
        digits, hashes = m.groups()
        return digits + "0" * len(hashes), bool(hashes)

    def _ratio(self, numerator: tuple[str, bool]) -> Ureal | None:
        """Scan the denominator after `/`; a zero denominator is no number."""
        denominator = self._digits(self.i + 1)
        if denominator is None or not denominator[0].strip("0"):
            return None
        value = Fraction(int(numerator[0], self.radix), int(denominator[0], self.radix))
        return _normalize(value), numerator[1] or denominator[1]

    def _decimal(self, int_digits: str, hash_seen: bool) -> Ureal | None:
        """Scan an optional fraction and exponent after the integer digits INT_DIGITS."""
        s = self.s
        frac = ""
        inexact = hash_seen
        if s.startswith(".", self.i):
            inexact = True
            if hash_seen:
                m = _HASHES.match(s, self.i + 1)
                frac = "0" * (m.end() - m.start())
            else:
                m = _FRACTION_DIGITS.match(s, self.i + 1)
                frac = m.group(1) + "0" * len(m.group(2))
            self.i = m.end()
        exponent = 0
        if self.i < len(s) and s[self.i] in _EXPONENT_MARKERS:
            m = _EXPONENT.match(s, self.i + 1)
            if m is None:
                return None
            exponent = _guile_exponent(m.group())
            inexact = True
            self.i = m.end()
        mantissa = int(int_digits + frac or "0")
        scale = exponent - len(frac)
        value = mantissa * 10 ** scale if scale >= 0 else _normalize(Fraction(mantissa, 10 ** -scale))
        return value, inexact

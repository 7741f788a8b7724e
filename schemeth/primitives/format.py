"""`simple-format` and the full `format` of (ice-9 format), as leaves.

In Guile 3.0.8 the default `format` is `simple-format` (~a ~s ~% ~~ only); `(use-modules (ice-9 format))`
replaces the (guile) binding with the Common-Lisp-style formatter (stdlib/ice-9/format.scm does the
same here).  The full formatter follows Guile's behaviour closely, quirks included: a directive scanner
that also runs while skipping over ~[...~] and ~{...~} bodies, case conversion applied to each piece of
output separately, floating-point output built from the digits of `number->string` with decimal
round-half-up, and Guile's two-part error report (on the error port, then on the current output port)
before it throws misc-error "error in format".
"""
from __future__ import annotations

from fractions import Fraction
from typing import Callable

from ..data.conditions import SchemeError, guile_error, misc_error, wrong_type
from ..data.printer import display_string, format_number, write_string
from ..data.values import NIL, UNSPECIFIED, Char, MString, from_list, to_list
from .lists import proper_length, wrong_type_in
from .portobjects import BasePort, TextPort
from .ports import CURRENT_ERROR, CURRENT_OUTPUT, current
from .registry import GUILE, TABLES, define, primitive
from .strings import downcase, titlecase, upcase

INTERNAL = ("ice-9", "format", "internal")
PARAM_CHARS = frozenset("0123456789-+v#'")
COND_CHARS = frozenset("[];:@^") | PARAM_CHARS
ITER_CHARS = frozenset("{}:@^") | PARAM_CHARS
FN_MAX = 400
AT, COLON, COLON_AT = "at", "colon", "colon-at"
SPACE = ord(" ")


# ---------------------------------------------------------------------------------------------------
# simple-format


def _destination(dest: object, who: str) -> BasePort | None:
    """The port for DEST (#t: current output), or None for #f (build a string)."""
    if dest is False:
        return None
    if dest is True:
        return current(CURRENT_OUTPUT)
    if isinstance(dest, BasePort) and dest.is_output():
        return dest
    raise wrong_type(who, 1, dest)


@primitive("simple-format")
def simple_format(dest: object, fmt: object, *args: object) -> object:
    """Format ARGS by FMT's ~a ~s ~% ~~ directives to DEST (#f: return a string)."""
    port = _destination(dest, "simple-format")
    if type(fmt) is not MString:
        raise wrong_type("simple-format", 2, fmt, "string")
    text, used = _simple(fmt.s, args)
    if port is None:
        result: object = MString(text)
    else:
        port.write(text)
        result = UNSPECIFIED
    if used < len(args):
        raise misc_error("simple-format", "FORMAT: ~A superfluous arguments", [len(args) - used])
    return result


def _simple(fmt: str, args: tuple) -> tuple[str, int]:
    """Expand FMT; return the text and the number of arguments used."""
    out: list[str] = []
    used = 0
    i, n = 0, len(fmt)
    while i < n:
        j = fmt.find("~", i)
        if j < 0 or j == n - 1:
            out.append(fmt[i:])
            break
        out.append(fmt[i:j])
        d = fmt[j + 1]
        i = j + 2
        if d in "aAsS":
            if used >= len(args):
                raise misc_error("simple-format", "FORMAT: Missing argument for ~~~A", [Char(d)])
            out.append(display_string(args[used]) if d in "aA" else write_string(args[used]))
            used += 1
        elif d == "%":
            out.append("\n")
        elif d == "~":
            out.append("~")
        else:
            raise misc_error("simple-format", "FORMAT: Unsupported format option ~~~A - use (ice-9 format) instead",
                             [Char(d)])
    return "".join(out), used


define("format", TABLES[GUILE]["simple-format"])   # Guile's default format, until (ice-9 format)


# ---------------------------------------------------------------------------------------------------
# Numbers in words and numerals


_ONES = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_ONES = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                 "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                 "seventeenth", "eighteenth", "nineteenth")
_ORDINAL_TENS = ("", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
                 "eightieth", "ninetieth")
_SCALES = ("", " thousand", " million", " billion", " trillion", " quadrillion", " quintillion",
           " sextillion", " septillion", " octillion", " nonillion", " decillion", " undecillion",
           " duodecillion", " tredecillion", " quattuordecillion", " quindecillion", " sexdecillion",
           " septendecillion", " octodecillion", " novemdecillion", " vigintillion")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_OLD_ROMAN = ((1000, "M"), (500, "D"), (100, "C"), (50, "L"), (10, "X"), (5, "V"), (1, "I"))


def _below_thousand(n: int) -> str:
    """English words for 1..999."""
    hundreds, rest = divmod(n, 100)
    words = f"{_ONES[hundreds]} hundred" + (" " if rest else "") if hundreds else ""
    if rest < 20:
        return words + _ONES[rest]
    tens, ones = divmod(rest, 10)
    return words + _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


def cardinal(n: int) -> str:
    """English words for the integer N, Guile's way ("one million, one")."""
    if n == 0:
        return "zero"
    if n < 0:
        return "minus " + cardinal(-n)
    blocks: list[str] = []
    power = 0
    while n:
        n, block = divmod(n, 1000)
        if block:
            scale = _SCALES[power] if power < len(_SCALES) else \
                f" times ten to the {ordinal(power * 3)} power"
            blocks.append(_below_thousand(block) + scale)
        power += 1
        if n and block:
            blocks[-1] = ", " + blocks[-1]
    return "".join(reversed(blocks))


def ordinal(n: int) -> str:
    """English ordinal words for the integer N."""
    if n == 0:
        return "zeroth"
    if n < 0:
        return "minus " + ordinal(-n)
    hundreds, rest = divmod(n, 100)
    words = cardinal(hundreds * 100) + ("th" if rest == 0 else " ") if hundreds else ""
    if rest == 0:
        return words
    if rest < 20:
        return words + _ORDINAL_ONES[rest]
    tens, ones = divmod(rest, 10)
    if ones == 0:
        return words + _ORDINAL_TENS[tens]
    return words + f"{_TENS[tens]}-{_ORDINAL_ONES[ones]}"


def roman(n: int, table: tuple) -> str:
    """N in Roman numerals from TABLE (subtractive or old-style additive)."""
    out = []
    for value, letters in table:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


# ---------------------------------------------------------------------------------------------------
# Errors


class FormatError(Exception):
    """A format-error: MESSAGE (with ~ directives) and its arguments, reported by Formatter.report.

    PRELUDE is text Guile displays on the current output port just before reporting.
    """

    def __init__(self, message: str, *args: object, prelude: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.args_ = args
        self.prelude = prelude


def _is_integer(x: object) -> bool:
    """Scheme's integer? (exact integers and integral floats)."""
    t = type(x)
    return t is int or (t is float and x == x and x not in (float("inf"), float("-inf")) and x == int(x))


def _is_number(x: object) -> bool:
    t = type(x)
    return t is int or t is float or t is Fraction or t is complex


def _to_char(code: object) -> str:
    """integer->char of a numeric parameter, with Guile's error for anything else."""
    if type(code) is not int:
        raise wrong_type_in("integer->char", 1, code, "small integer")
    return chr(code)


def _capitalize_first(s: str) -> str:
    """Uppercase the first letter and downcase the following letters."""
    out, seen = [], False
    for c in s:
        if c.isalpha():
            out.append(downcase(c) if seen else upcase(c))
            seen = True
        else:
            out.append(c)
    return "".join(out)


def _identity(s: str) -> str:
    return s


# ---------------------------------------------------------------------------------------------------
# The formatter


class Digits:
    """Guile's float buffers: mantissa digits with a decimal point position, and an exponent."""

    def __init__(self) -> None:
        self.fn: list[str] = []
        self.dot = 0
        self.pos = True
        self.en: list[str] = []
        self.en_pos = True

    def zfill(self, left: bool, n: int) -> None:
        """Add N zeros on the left or right of the mantissa digits."""
        if n + len(self.fn) > FN_MAX:
            raise FormatError("number is too long to format (enlarge format:fn-max)")
        if left:
            self.fn[:0] = ["0"] * n
        else:
            self.fn.extend("0" * n)

    def shift_left(self, n: int) -> None:
        """Drop N leading digits."""
        if n > len(self.fn):
            raise FormatError("internal error in format:fn-shiftleft (~d,~d)", n, len(self.fn))
        del self.fn[:n]

    def en_int(self) -> int:
        value = int("".join(self.en)) if self.en else 0
        return value if self.en_pos else -value

    def en_set(self, e: int) -> None:
        self.en_pos = e >= 0
        self.en = list(str(abs(e)))

    def round(self, digits: int) -> None:
        """Keep DIGITS digits after the point, rounding half up on the decimal digits."""
        end = digits + self.dot
        carry = 5
        i = end
        while carry and i >= 0:
            c = int(self.fn[i]) + carry
            self.fn[i] = str(c % 10)
            carry = 1 if c >= 10 else 0
            i -= 1
        del self.fn[end:]
        if carry:
            self.zfill(True, 1)
            self.fn[0] = "1"
            self.dot += 1

    def strip(self) -> None:
        """Remove trailing zeros but keep one digit after the point."""
        fn = self.fn + ["0"]
        i = len(self.fn)
        while fn[i] == "0" and i > self.dot:
            i -= 1
        self.fn = fn[:i + 1]

    def leading_zeros(self) -> int:
        """Number of leading zero digits (0 for an all-zero mantissa)."""
        for i, c in enumerate(self.fn):
            if c != "0":
                return i
        return 0

    def parse(self, text: str, fixed: bool, scale: int) -> None:
        """Load the digits of a number's text (as number->string writes it) for ~F (FIXED) or ~E."""
        left_zeros, mantissa, all_zeros = 0, True, True
        dot = None
        for c in text:
            if c.isdigit():
                if mantissa:
                    if c == "0":
                        if all_zeros:
                            left_zeros += 1
                    else:
                        all_zeros = False
                    self.fn.append(c)
                else:
                    self.en.append(c)
            elif c in "+-":
                if mantissa:
                    self.pos = c == "+"
                else:
                    self.en_pos = c == "+"
            elif c == ".":
                dot = len(self.fn)
            elif c in "eE":
                mantissa = False
            elif not (c.isspace() or c in "d#"):
                raise FormatError("illegal character `~c' in number->string", Char(c))
        self.dot = len(self.fn) if dot is None else dot
        if all_zeros:
            left_zeros, self.dot = 0, 0
            self.fn = self.fn[:1] or ["0"]
        if fixed:
            self._normalize_fixed(left_zeros, scale, all_zeros)
        else:
            self._normalize_exponent(left_zeros, scale, all_zeros)

    def _normalize_fixed(self, left_zeros: int, scale: int, all_zeros: bool) -> None:
        """Drop leading zeros and apply the exponent and SCALE to the point position."""
        if left_zeros > 0 and self.dot > 0:
            if self.dot > left_zeros:
                self.shift_left(left_zeros)
                self.dot -= left_zeros
                left_zeros = 0
            else:
                self.shift_left(self.dot)
                left_zeros -= self.dot
                self.dot = 0
        if scale == 0 and not self.en:
            return
        shift = scale + self.en_int()
        if all_zeros:
            return
        n = len(self.fn)
        if self.dot + shift > n:
            self.zfill(False, shift - (n - self.dot))
            self.dot = len(self.fn)
        elif self.dot + shift < 0:
            self.zfill(True, -shift - self.dot)
            self.dot = 0
        elif left_zeros > 0:
            if left_zeros <= shift:
                self.shift_left(left_zeros)
                self.dot = shift - left_zeros
            else:
                self.shift_left(shift)
        else:
            self.dot += shift

    def _normalize_exponent(self, left_zeros: int, scale: int, all_zeros: bool) -> None:
        """Put one digit (or SCALE digits) before the point and compute the exponent."""
        if left_zeros > 0:
            negexp = left_zeros - self.dot + 1
            self.shift_left(left_zeros)
            self.dot = 1
        else:
            negexp = 1 if self.dot == 0 else 0
            if self.dot == 0:
                self.dot = 1
        self.en_set(self.dot - scale + self.en_int() - negexp)
        if all_zeros:
            self.en_set(0)
            self.dot = 1
        elif scale < 0:
            self.zfill(True, -scale)
            self.dot = 0
        elif scale > self.dot:
            self.zfill(False, scale - self.dot)
            self.dot = scale
        else:
            self.dot = scale


class Formatter:
    """One call of the full `format`: output, column, case conversion and error context."""

    def __init__(self, dest: object, fmt: str, args: list, col: int) -> None:
        self.dest = dest
        self.fmt = fmt
        self.args = args
        self.out: list[str] = []
        self.col = col
        self.case: Callable[[str], str] | None = None
        self.flush = False
        self.read_proof = False
        self.pos = 0            # Guile's %pos: position in the string being processed
        self.arg_pos = 0        # Guile's %arg-pos: for the error report

    # -- output ---------------------------------------------------------------------------------
    def put(self, s: str) -> None:
        """Write a piece of output (through the case conversion), counting columns like Guile."""
        self.out.append(self.case(s) if self.case else s)
        self.col += len(s)

    def put_char(self, c: str) -> None:
        self.out.append(self.case(c) if self.case else c)
        self.col = 0 if c == "\n" else self.col + 1

    def fill(self, n: int, c: str) -> None:
        if n > 0:
            self.put(c * n)

    # -- errors ---------------------------------------------------------------------------------
    def report(self, err: FormatError) -> None:
        """Write Guile's two error reports: the call and message, then the internal-error block."""
        if self.arg_pos:
            self.arg_pos -= 1
        k = min(self.arg_pos, len(self.args))
        pos = min(self.pos, len(self.fmt))
        before = "".join(display_string(a) + " " for a in self.args[:k])
        after = "".join(display_string(a) + " " for a in self.args[k:])
        message = _expand_message(err.message, err.args_)
        current(CURRENT_ERROR).write(
            f"\nFORMAT: error with call: (format {display_string(self.dest)} "
            f"\"{self.fmt[:pos]}<==={self.fmt[pos:]}\" {before}===>{after})\n        {message}\n")
        current(CURRENT_OUTPUT).write(
            "FORMAT: INTERNAL ERROR IN FORMAT-ERROR!\n"
            f"        destination: {write_string(self.dest)}\n"
            f"        format string: {write_string(MString(self.fmt))}\n"
            f"        format args: {write_string(from_list(self.args))}\n"
            "        error args:  (#f \"error in format\" () #f)\n")

    # -- objects and numbers ----------------------------------------------------------------------
    def obj_text(self, obj: object, slashify: bool) -> str:
        """OBJ written or displayed; with ~:A/~:S, #<...> objects are quoted so they read back."""
        text = write_string(obj) if slashify else display_string(obj)
        if self.read_proof and text.startswith("#<"):
            return write_string(MString(text))
        return text

    def obj_padded(self, pad_left: bool, obj: object, slashify: bool, pars: list) -> None:
        """~A/~S with mincol, colinc, minpad and padchar."""
        text = self.obj_text(obj, slashify)
        if not pars:
            self.put(text)
            return
        mincol = _par(pars, 0, 0, "mincol")
        colinc = _par(pars, 1, 1, "colinc")
        minpad = _par(pars, 2, 0, "minpad")
        padchar = _to_char(_par(pars, 3, SPACE, None))
        if not pad_left:
            self.put(text)
        pad = minpad
        while len(text) + pad < mincol and colinc > 0:
            pad += colinc
        self.fill(pad, padchar)
        if pad_left:
            self.put(text)

    def num_padded(self, modifier: str | None, number: object, pars: list, radix: object) -> None:
        """~D ~X ~O ~B ~nR: an integer with padding, sign and comma grouping."""
        if not _is_integer(number):
            raise FormatError("argument not an integer")
        if type(radix) is not int or not 2 <= radix <= 36:
            raise guile_error("out-of-range", None, "Value out of range ~S to< ~S: ~S", [2, 36, radix], [radix])
        digits = format_number(number, radix)
        if not pars and not modifier:
            self.put(digits)
            return
        mincol = _par(pars, 0, None, "mincol")
        padchar = _to_char(_par(pars, 1, SPACE, None))
        commachar = _to_char(_par(pars, 2, ord(","), None))
        commawidth = _par(pars, 3, 3, "commawidth")
        sign = modifier in (AT, COLON_AT) and number >= 0
        commas = modifier in (COLON, COLON_AT)
        if mincol is not None:
            numlen = len(digits) + (1 if sign else 0)
            if commas:
                numlen += (len(digits) - (2 if number < 0 else 1)) // commawidth
            if mincol > numlen:
                self.fill(mincol - numlen, padchar)
        if sign:
            self.put_char("+")
        if not commas:
            self.put(digits)
            return
        start = len(digits) % commawidth
        first = 1 if number < 0 else 0
        self.put(digits[:start])
        for i in range(start, len(digits), commawidth):
            if i > first:
                self.put_char(commachar)
            self.put(digits[i:i + commawidth])

    def tabulate(self, modifier: str | None, pars: list) -> None:
        """~T: move to column COLNUM (or by COLREL with @), in steps of COLINC."""
        colnum = _par(pars, 0, 1, "colnum")
        colinc = _par(pars, 1, 1, "colinc")
        padch = _to_char(_par(pars, 2, SPACE, None))
        if modifier in (COLON, COLON_AT):
            raise FormatError("unsupported modifier for ~~t")
        if modifier == AT:
            if colinc == 0:
                n = colnum
            else:
                target = self.col + colnum
                c = 0
                while c < target:
                    c += colinc
                n = c - self.col
        elif self.col < colnum:
            n = colnum - self.col
        elif colinc == 0:
            n = 0
        else:
            c = colnum
            while c < self.col:
                c += colinc
            n = c - self.col
        self.fill(n, padch)

    # -- floats ---------------------------------------------------------------------------------
    def parse_float(self, number: object, fixed: bool, scale: int) -> Digits:
        """The digit buffers of NUMBER (a real, or a numeric string)."""
        text = number.s if type(number) is MString else format_number(_inexact(number))
        d = Digits()
        d.parse(text, fixed, scale)
        return d

    def fn_out(self, d: Digits, modifier: str | None, leading_zero: bool) -> None:
        """Sign, integer digits (or a 0), point and fraction digits."""
        if not d.pos:
            self.put_char("-")
        elif modifier == AT:
            self.put_char("+")
        if d.dot == 0:
            if leading_zero:
                self.put_char("0")
        else:
            self.put("".join(d.fn[:d.dot]))
        self.put_char(".")
        self.put("".join(d.fn[d.dot:]))

    def en_out(self, d: Digits, edigits: int | None, expch: object) -> None:
        """The exponent: letter, sign, digits padded to EDIGITS."""
        self.put_char(_to_char(expch) if expch is not None else "E")
        self.put_char("+" if d.en_pos else "-")
        if edigits is not None and len(d.en) < edigits:
            self.fill(edigits - len(d.en), "0")
        self.put("".join(d.en))

    def inf_nan(self, number: object, width: object, digits: object, edigits: object, overch: object,
                padch: object) -> None:
        """Infinities and NaNs, always in their read syntax, justified in WIDTH."""
        text = format_number(number)
        dot = text.find(".")
        extra = (digits or 0) + (edigits + 2 if edigits is not None else 0)
        if width is not None and overch is not None and width < len(text):
            self.fill(width, _to_char(overch))
            return
        left = max(width - max(len(text), dot + 1 + extra), 0) if width is not None else 0
        right = max(width - left - len(text), 0) if width is not None else 0
        pad = _to_char(padch if padch is not None else SPACE)
        self.fill(left, pad)
        self.put(text)
        self.fill(right, pad)

    def fixed(self, modifier: str | None, number: object, pars: list) -> None:
        """~F: fixed-format floating point."""
        if not (_is_number(number) or type(number) is MString):
            raise FormatError("argument is not a number or a number string")
        width = _par(pars, 0, None, "width")
        digits = _par(pars, 1, None, "digits")
        scale = _par(pars, 2, 0, None)
        overch = _par(pars, 3, None, None)
        padch = _par(pars, 4, SPACE, None)
        if _is_number(number) and _inf_or_nan(number):
            self.inf_nan(number, width, digits, None, overch, padch)
            return
        d = self.parse_float(number, True, scale)
        if digits is not None:
            _set_fraction(d, digits)
            if width is None:
                self.fn_out(d, modifier, True)
                return
            numlen = len(d.fn) + 1 + (1 if not d.pos or modifier == AT else 0)
            if d.dot == 0 and width > digits + 1:
                numlen += 1
            if numlen < width:
                self.fill(width - numlen, _to_char(padch))
            if overch is not None and numlen > width:
                self.fill(width, _to_char(overch))
            else:
                self.fn_out(d, modifier, width > digits + 1)
            return
        d.strip()
        if width is None:
            self.fn_out(d, modifier, True)
            return
        numlen = len(d.fn) + 1 + (1 if not d.pos or modifier == AT else 0) + (1 if d.dot == 0 else 0)
        if numlen < width:
            self.fill(width - numlen, _to_char(padch))
        if numlen > width:
            dot_index = numlen - (len(d.fn) - d.dot)
            if dot_index > width:
                if overch is not None:
                    self.fill(width, _to_char(overch))
                    return
            else:
                d.round(width - dot_index)
        self.fn_out(d, modifier, True)

    def exponential(self, modifier: str | None, number: object, pars: list) -> None:
        """~E: exponential floating point."""
        if not (_is_number(number) or type(number) is MString):
            raise FormatError("argument is not a number")
        width = _par(pars, 0, None, "width")
        digits = _par(pars, 1, None, "digits")
        edigits = _par(pars, 2, None, "exponent digits")
        scale = _par(pars, 3, 1, None)
        overch = _par(pars, 4, None, None)
        padch = _par(pars, 5, SPACE, None)
        expch = _par(pars, 6, None, None)
        if _is_number(number) and _inf_or_nan(number):
            self.inf_nan(number, width, digits, edigits, overch, padch)
            return
        if digits is not None:
            if scale > 0:
                digits = digits - scale + 1 if scale < digits + 2 else 0
            d = self.parse_float(number, False, scale)
            _set_fraction(d, digits)
        else:
            d = self.parse_float(number, False, scale)
            d.strip()
        if width is None:
            self.fn_out(d, modifier, True)
            self.en_out(d, edigits, expch)
            return
        if edigits is not None and overch is not None and len(d.en) > edigits:
            self.fill(width, _to_char(overch))
            return
        numlen = len(d.fn) + 3 + (1 if not d.pos or modifier == AT else 0)
        if d.dot == 0 and (digits is None or width > digits + 1):
            numlen += 1
        numlen += edigits if edigits is not None and edigits >= len(d.en) else len(d.en)
        if numlen < width:
            self.fill(width - numlen, _to_char(padch))
        if digits is not None:
            if overch is not None and numlen > width:
                self.fill(width, _to_char(overch))
                return
            self.fn_out(d, modifier, width > numlen - 1)
        elif numlen > width:
            fraction = len(d.fn) - d.dot
            if numlen - fraction > width:
                if overch is not None:
                    self.fill(width, _to_char(overch))
                    return
            else:
                d.round(fraction - numlen + width)
            self.fn_out(d, modifier, True)
        else:
            self.fn_out(d, modifier, True)
        self.en_out(d, edigits, expch)

    def general(self, modifier: str | None, number: object, pars: list) -> None:
        """~G: fixed format when the exponent is small, else exponential."""
        if not (_is_number(number) or type(number) is MString):
            raise FormatError("argument is not a number or a number string")
        width, digits, edigits, overch, padch = (pars[i] if len(pars) > i else None for i in (0, 1, 2, 4, 5))
        if _is_number(number) and _inf_or_nan(number):
            self.inf_nan(number, width, digits, edigits, overch, padch)
            return
        d = self.parse_float(number, True, 0)
        d.strip()
        ee = edigits + 2 if edigits is not None else 4
        ww = width - ee if width is not None else None
        n = -d.leading_zeros() if d.dot == 0 else d.dot
        dgt = digits if digits is not None else max(len(d.fn), min(n, 7))
        dd = dgt - n
        if 0 <= dd <= dgt:
            self.fixed(modifier, number, [ww, dd, None, overch, padch])
            self.fill(ee, " ")
        else:
            self.exponential(modifier, number, pars)

    def dollar(self, modifier: str | None, number: object, pars: list) -> None:
        """~$: monetary format, DIGITS after the point and at least MINDIG before."""
        if not (_is_number(number) or type(number) is MString):
            raise FormatError("argument is not a number or a number string")
        digits = _par(pars, 0, 2, "digits")
        mindig = _par(pars, 1, 1, "mindig")
        width = _par(pars, 2, 0, "width")
        padch = _par(pars, 3, SPACE, None)
        if _is_number(number) and _inf_or_nan(number):
            self.inf_nan(number, width, digits, None, None, padch)
            return
        d = self.parse_float(number, True, 0)
        _set_fraction(d, digits)
        numlen = len(d.fn) + 1 + (1 if not d.pos or modifier in (AT, COLON_AT) else 0)
        if mindig > d.dot:
            numlen += mindig - d.dot
        sign = "+" if d.pos else "-"
        pad = _to_char(padch)
        if numlen < width:
            if modifier == COLON:
                if not d.pos:
                    self.put_char("-")
                self.fill(width - numlen, pad)
            elif modifier == AT:
                self.fill(width - numlen, pad)
                self.put_char(sign)
            elif modifier == COLON_AT:
                self.put_char(sign)
                self.fill(width - numlen, pad)
            else:
                self.fill(width - numlen, pad)
                if not d.pos:
                    self.put_char("-")
        elif not d.pos or modifier in (AT, COLON_AT):
            self.put_char(sign)
        if mindig > d.dot:
            self.fill(mindig - d.dot, "0")
        self.put("".join(d.fn[:d.dot]))
        self.put_char(".")
        self.put("".join(d.fn[d.dot:]))

    # -- the directive interpreter ----------------------------------------------------------------
    def work(self, fmt: str, args: list) -> int:
        """Format ARGS by FMT; return how many arguments were used."""
        return _Work(self, fmt, args).run()


def _set_fraction(d: Digits, digits: int) -> None:
    """Pad or round the mantissa to exactly DIGITS digits after the point."""
    frac = len(d.fn) - d.dot
    if frac <= digits:
        d.zfill(False, digits - frac)
    else:
        d.round(digits)


def _inf_or_nan(x: object) -> bool:
    """Guile's (or (inf? x) (nan? x)), which rejects non-real numbers."""
    t = type(x)
    if t is complex:
        raise wrong_type("inf?", 1, x)
    return t is float and (x != x or x in (float("inf"), float("-inf")))


def _inexact(x: object) -> object:
    """exact->inexact for the float directives."""
    t = type(x)
    if t is int or t is Fraction:
        return float(x)
    return x


def _par(pars: list, index: int, default: object, name: str | None) -> object:
    """Parameter INDEX, or DEFAULT when absent or #f; named parameters must not be negative."""
    if len(pars) <= index or pars[index] is None or pars[index] is False:
        return default
    par = pars[index]
    if name is not None:
        if not _is_number(par) or type(par) is complex:
            raise wrong_type("<", 1, par)
        if par < 0:
            raise FormatError("~s parameter must be a positive integer", MString(name))
    return par


def _expand_message(message: str, args: tuple) -> str:
    """A format-error message with its ~a/~s/~c/~d and ~~ directives filled in."""
    out, it, i = [], iter(args), 0
    while i < len(message):
        c = message[i]
        if c == "~" and i + 1 < len(message):
            d = message[i + 1].lower()
            i += 2
            if d == "~":
                out.append("~")
            elif d == "s":
                out.append(write_string(next(it, "")))
            else:
                out.append(display_string(next(it, "")))
            continue
        out.append(c)
        i += 1
    return "".join(out)


class _Work:
    """One run of Guile's format-work over FMT with ARGS (nested for ~[ ~{ ~?)."""

    def __init__(self, f: Formatter, fmt: str, args: list) -> None:
        if type(fmt) is MString:
            fmt = fmt.s
        elif type(fmt) is not str:
            raise wrong_type_in("string-length", 1, fmt, "string")
        self.f = f
        self.fmt = fmt
        self.args = args
        self.pos = 0
        self.arg_pos = 0
        self.modifier: str | None = None
        self.params: list = []
        self.found = False
        self.cond_nest = 0
        self.clause_pos = 0
        self.clause_default: object = False
        self.clauses: list[str] = []
        self.cond_type = ""
        self.cond_arg: object = None
        self.iter_nest = 0
        self.iter_pos = 0
        self.iter_type = ""
        self.max_iter: int | None = None

    # -- arguments ------------------------------------------------------------------------------
    def next_arg(self) -> object:
        if self.arg_pos >= len(self.args):
            self.f.arg_pos = len(self.args) + 1
            raise FormatError("missing argument(s)")
        self.add_arg_pos(1)
        return self.args[self.arg_pos - 1]

    def prev_arg(self) -> object:
        self.add_arg_pos(-1)
        if self.arg_pos < 0:
            raise FormatError("missing backward argument(s)")
        return self.args[self.arg_pos]

    def rest_args(self) -> list:
        return self.args[self.arg_pos:]

    def add_arg_pos(self, n: int) -> None:
        self.arg_pos += n
        self.f.arg_pos = self.arg_pos

    def one_count(self) -> int | None:
        """The single non-negative integer parameter, None without parameters."""
        if not self.params:
            return None
        p = self.params[0]
        if len(self.params) == 1 and _is_integer(p) and p >= 0:
            return p
        raise FormatError("one positive integer parameter expected")

    # -- reading the string ---------------------------------------------------------------------
    def peek(self) -> str:
        if self.pos >= len(self.fmt):
            raise FormatError("illegal format string")
        return self.fmt[self.pos]

    def next_char(self) -> str:
        c = self.peek()
        self.pos += 1
        self.f.pos = self.pos
        return c

    def run(self) -> int:
        saved = self.f.pos
        self.f.pos = 0
        self.f.arg_pos = 0
        fmt, n = self.fmt, len(self.fmt)
        while self.pos < n:
            c = fmt[self.pos]
            self.pos += 1
            self.f.pos = self.pos
            if c != "~":
                if self.cond_nest == 0 and self.iter_nest == 0:
                    self.plain_text(c)
                continue
            self.modifier, self.params, self.found = None, [], False
            if not self.tilde():
                break
        self.f.pos = saved
        return self.arg_pos

    def plain_text(self, c: str) -> None:
        """Output C and the literal text after it up to the next tilde."""
        f = self.f
        if f.case is not None:
            f.put_char(c)
            return
        end = self.fmt.find("~", self.pos)
        if end < 0:
            end = len(self.fmt)
        text = self.fmt[self.pos - 1:end]
        self.pos = f.pos = end
        f.out.append(text)
        nl = text.rfind("\n")
        f.col = len(text) - nl - 1 if nl >= 0 else f.col + len(text)

    def tilde(self) -> bool:
        """Handle the directive after a tilde; False stops this run (~^, or a tilde at the end)."""
        while True:
            if self.pos >= len(self.fmt):
                self.f.put("~")
                return False
            c = self.fmt[self.pos]
            if (self.cond_nest and c not in COND_CHARS) or (self.iter_nest and c not in ITER_CHARS):
                return True
            self.pos += 1
            self.f.pos = self.pos
            d = c.upper()
            if d in "@:":
                self.add_modifier(d)
            elif d in "0123456789-+'V#,":
                self.add_param(d, c)
            else:
                return self.directive(d)

    def add_modifier(self, d: str) -> None:
        m = self.modifier
        if d == "@":
            if m in (AT, COLON_AT):
                raise FormatError("double `@' modifier")
            self.modifier = COLON_AT if m == COLON else AT
        else:
            if m in (COLON, COLON_AT):
                raise FormatError("double `:' modifier")
            self.modifier = COLON_AT if m == AT else COLON

    def add_param(self, d: str, c: str) -> None:
        if d == "#" and self.found:
            raise FormatError("misplaced '#'")
        if self.modifier:
            raise FormatError("misplaced modifier")
        if d == ",":
            if not self.found:
                self.params.append(None)
            self.found = False
            return
        if d == "'":
            self.params.append(ord(self.next_char()))
        elif d == "V":
            self.params.append(self.next_arg())
        elif d == "#":
            self.params.append(len(self.rest_args()))
        else:
            start = self.pos - 1
            while self.peek().isdecimal():
                self.next_char()
            self.params.append(_parse_int(self.fmt[start:self.pos]))
        self.found = True

    # -- directives -----------------------------------------------------------------------------
    def directive(self, d: str) -> bool:
        handler = _HANDLERS.get(d)
        if handler is None:
            raise FormatError("unknown control character `~c'", Char(self.fmt[self.pos - 1]))
        return handler(self) is not False

    def do_object(self, slashify: bool) -> None:
        self.f.read_proof = self.modifier in (COLON, COLON_AT)
        self.f.obj_padded(self.modifier in (AT, COLON_AT), self.next_arg(), slashify, self.params)

    def do_number(self, radix: int) -> None:
        self.f.num_padded(self.modifier, self.next_arg(), self.params, radix)

    def do_radix(self) -> None:
        if self.params:
            self.f.num_padded(self.modifier, self.next_arg(), self.params[1:], self.params[0])
            return
        n = self.next_arg()
        if self.modifier in (AT, COLON_AT):
            if not _is_integer(n) or n < 1:
                raise FormatError("only positive integers can be romanized")
            text = roman(int(n), _ROMAN if self.modifier == AT else _OLD_ROMAN)
        elif not _is_integer(n):
            kind = "ordinals" if self.modifier == COLON else "cardinals"
            raise FormatError(f"only integers can be converted to English {kind}")
        else:
            text = ordinal(int(n)) if self.modifier == COLON else cardinal(int(n))
        self.f.put(text)

    def do_char(self) -> None:
        count = self.one_count()
        ch = Char(_to_char(count)) if count is not None else self.next_arg()
        if type(ch) is not Char:
            raise FormatError("~~c expects a character")
        if self.modifier == AT:
            self.f.put(write_string(ch))
        elif self.modifier == COLON:
            code = ord(ch.ch)
            if code < 0x20:
                self.f.put_char("^")
                self.f.put_char(chr(code + 0x40))
            elif code >= 0x7F:
                self.f.put("#\\" + format(code, "o"))
            else:
                self.f.put_char(ch.ch)
        else:
            self.f.put_char(ch.ch)

    def do_plural(self) -> None:
        if self.modifier in (COLON, COLON_AT):
            self.prev_arg()
        arg = self.next_arg()
        if not _is_number(arg):
            raise FormatError("~~p expects a number argument")
        ies = self.modifier in (AT, COLON_AT)
        if arg == 1:
            if ies:
                self.f.put_char("y")
        else:
            self.f.put("ies" if ies else "s")

    def do_repeat(self, c: str, resets: bool) -> None:
        count = self.one_count()
        if count is None:
            self.f.put_char(c)
        else:
            self.f.fill(count, c)
        if resets:
            self.f.col = 0

    def do_fresh_line(self) -> None:
        count = self.one_count()
        if count is None:
            if self.f.col > 0:
                self.f.put_char("\n")
            return
        if count > 0:
            self.f.fill(count - (0 if self.f.col > 0 else 1), "\n")
            self.f.col = 0

    def do_pretty(self) -> None:
        count = self.one_count()
        width = 79 if count is None else count
        if self.modifier == COLON:
            raise FormatError("illegal modifier in ~~?")
        obj = self.next_arg()
        if self.modifier in (AT, COLON_AT):
            limit = width if self.modifier == AT else max(width - self.f.col, 1)
            text = write_string(obj)
            self.f.put(text if len(text) <= limit else text[:max(limit - 3, 0)] + "...")
            return
        from ..repl.pretty import pretty
        self.f.put(pretty(obj, width) + "\n")
        self.f.col = 0

    def do_indirect(self) -> None:
        if self.modifier in (COLON, COLON_AT):
            raise FormatError("illegal modifier in ~~?")
        fmt = self.next_arg()
        if self.modifier == AT:
            self.add_arg_pos(self.f.work(fmt, self.rest_args()))
        else:
            self.f.work(fmt, _arg_list(self.next_arg()))

    def do_continuation(self) -> None:
        if self.modifier == AT:
            self.f.put_char("\n")
        n = len(self.fmt)
        while self.pos < n and self.fmt[self.pos].isspace() and self.pos != n - 1:
            c = self.next_char()
            if self.modifier == COLON:
                self.f.put_char(c)

    def do_jump(self) -> None:
        count = self.one_count()
        if self.modifier == COLON:
            for _ in range(1 if count is None else count):
                self.prev_arg()
        elif self.modifier == AT:
            self.arg_pos = 0 if count is None else count
        elif self.modifier == COLON_AT:
            raise FormatError("illegal modifier `:@' in ~~* directive")
        else:
            for _ in range(1 if count is None else count):
                self.next_arg()

    def do_case_start(self) -> None:
        self.f.case = {AT: _capitalize_first, COLON: titlecase, COLON_AT: upcase}.get(self.modifier, downcase)

    def do_case_end(self) -> None:
        if not self.f.case:
            raise FormatError("missing ~~(")
        self.f.case = None

    def do_flush(self) -> None:
        self.f.flush = True

    def do_version(self) -> None:
        if self.modifier == COLON:
            self.f.put("3.0")
        else:
            self.f.put("SLIB Common LISP format version 3.0\n  (C) copyright 1992-1994 by Dirk Lutzebaeck\n"
                       "  please send bug reports to `lutzeb@cs.tu-berlin.de'\n")

    def do_locale_number(self) -> None:
        num = self.next_arg()
        if self.modifier == COLON:
            self.next_arg()
        width = _par(self.params, 0, None, "width")
        decimals = _par(self.params, 1, None, "decimals")
        padchar = _to_char(_par(self.params, 2, SPACE, "padchar"))
        text = _locale_number(num, decimals)
        self.f.put(text.rjust(width, padchar) if width is not None else text)

    def do_complex(self) -> None:
        z = self.next_arg()
        if not _is_number(z):
            raise FormatError("argument not a complex number")
        real, imag = (z.real, z.imag) if type(z) is complex else (z, 0)
        self.f.fixed(self.modifier, real, self.params)
        self.f.fixed(AT, imag, self.params)
        self.f.put_char("i")

    # -- conditionals ---------------------------------------------------------------------------
    def do_cond_start(self) -> None:
        self.cond_nest += 1
        if self.cond_nest != 1:
            return
        self.clause_pos = self.pos
        self.clause_default = False
        self.clauses = []
        if self.modifier == COLON_AT:
            raise FormatError("illegal modifier in ~~[")
        self.cond_type = {AT: "if-then", COLON: "if-else-then"}.get(self.modifier, "num-case")
        count = self.one_count()
        self.cond_arg = count if count is not None else self.next_arg()

    def do_cond_separator(self) -> None:
        if self.cond_nest == 0:
            raise FormatError("~~; not in ~~[~~] conditional")
        if self.params:
            raise FormatError("no parameter allowed in ~~;")
        if self.cond_nest != 1:
            return
        if self.modifier == COLON:
            self.clause_default = True
            clause = self.fmt[self.clause_pos:self.pos - 3]
        elif self.modifier in (AT, COLON_AT):
            raise FormatError("illegal modifier in ~~;")
        else:
            clause = self.fmt[self.clause_pos:self.pos - 2]
        self.clauses.append(clause)
        self.clause_pos = self.pos

    def do_cond_end(self) -> None:
        if self.cond_nest == 0:
            raise FormatError("missing ~~[")
        self.cond_nest -= 1
        if self.modifier:
            raise FormatError("no modifier allowed in ~~]")
        if self.params:
            raise FormatError("no parameter allowed in ~~]")
        if self.cond_nest:
            return
        clause = self.fmt[self.clause_pos:self.pos - 2]
        if self.clause_default is True:
            self.clause_default = clause
        else:
            self.clauses.append(clause)
        arg = self.cond_arg
        if self.cond_type == "if-then":
            if arg is not False:
                self.f.work(self.clauses[0], [arg])
        elif self.cond_type == "if-else-then":
            if arg is not False and len(self.clauses) < 2:
                raise wrong_type_in("car", 1, NIL, "pair")
            self.add_arg_pos(self.f.work(self.clauses[1] if arg is not False else self.clauses[0],
                                         self.rest_args()))
        else:
            if not _is_integer(arg) or arg < 0:
                raise FormatError("argument not a positive integer")
            if arg < len(self.clauses):
                self.add_arg_pos(self.f.work(self.clauses[int(arg)], self.rest_args()))
            elif self.clause_default is not False:
                self.add_arg_pos(self.f.work(self.clause_default, self.rest_args()))

    # -- iteration ------------------------------------------------------------------------------
    def do_iter_start(self) -> None:
        self.iter_nest += 1
        if self.iter_nest != 1:
            return
        self.iter_pos = self.pos
        self.iter_type = {AT: "rest-args", COLON: "sublists", COLON_AT: "rest-sublists"}.get(self.modifier, "list")
        self.max_iter = self.one_count()

    def do_iter_end(self) -> None:
        if self.iter_nest == 0:
            raise FormatError("missing ~~{")
        self.iter_nest -= 1
        if self.modifier == COLON:
            if not self.max_iter:
                self.max_iter = 1
        elif self.modifier in (AT, COLON_AT):
            raise FormatError("illegal modifier")
        if self.params:
            raise FormatError("no parameters allowed in ~~}")
        if self.iter_nest:
            return
        body: object = self.fmt[self.iter_pos:self.pos - (3 if self.modifier else 2)]
        if body == "":
            body = self.next_arg()
        if self.iter_type == "list":
            args = self.next_arg()
            if proper_length(args) is None:
                raise FormatError("expected a list argument")
            self.repeat(body, to_list(args))
        elif self.iter_type == "sublists":
            args = self.next_arg()
            if proper_length(args) is None:
                raise FormatError("expected a list argument")
            self.each_sublist(body, to_list(args), "expected a list of lists argument")
        elif self.iter_type == "rest-args":
            self.add_arg_pos(self.repeat(body, self.rest_args()))
        else:
            self.add_arg_pos(self.each_sublist(body, self.rest_args(), "expected list arguments"))

    def repeat(self, body: object, args: list) -> int:
        """Run BODY over ARGS until they are used up (or max iterations); return how many were used."""
        used, i = 0, 0
        while used < len(args) and (self.max_iter is None or i < self.max_iter):
            step = self.f.work(body, args[used:])
            if step == 0 and self.max_iter is None:
                break
            used += step
            i += 1
        return used

    def each_sublist(self, body: object, lists: list, message: str) -> int:
        """Run BODY once per element of LISTS, each a list of arguments; return how many ran."""
        count = 0
        for sub in lists:
            if self.max_iter is not None and count >= self.max_iter:
                break
            if proper_length(sub) is None:
                raise FormatError(message)
            self.f.work(body, to_list(sub))
            count += 1
        return count

    def do_up_and_out(self) -> bool:
        p = self.params
        if p:
            if len(p) == 1:
                stop = p[0] == 0
            elif len(p) == 2:
                stop = p[0] == p[1]
            elif len(p) == 3:
                stop = p[0] <= p[1] <= p[2]
            else:
                raise FormatError("too much parameters")
            return not stop
        if self.f.case:
            self.f.case = _identity
            return True
        if self.iter_nest == 1 or self.cond_nest == 1:
            return True
        if self.arg_pos >= len(self.args):
            self.pos = len(self.fmt)
            return False
        return True


def _arg_list(x: object) -> list:
    """The arguments for ~? given as a list."""
    if proper_length(x) is None:
        raise wrong_type("length", 1, x)
    return to_list(x)


def _parse_int(text: str) -> object:
    """string->number of a parameter's digits, #f (None) when it is just a sign."""
    try:
        return int(text)
    except ValueError:
        return None


def _locale_number(num: object, decimals: object) -> str:
    """number->locale-string in the C locale."""
    if decimals is None:
        return format_number(num)
    return f"{float(num):.{decimals}f}"


_HANDLERS: dict[str, Callable[[_Work], object]] = {
    "A": lambda w: w.do_object(False),
    "S": lambda w: w.do_object(True),
    "D": lambda w: w.do_number(10),
    "X": lambda w: w.do_number(16),
    "O": lambda w: w.do_number(8),
    "B": lambda w: w.do_number(2),
    "R": _Work.do_radix,
    "F": lambda w: w.f.fixed(w.modifier, w.next_arg(), w.params),
    "E": lambda w: w.f.exponential(w.modifier, w.next_arg(), w.params),
    "G": lambda w: w.f.general(w.modifier, w.next_arg(), w.params),
    "$": lambda w: w.f.dollar(w.modifier, w.next_arg(), w.params),
    "I": _Work.do_complex,
    "H": _Work.do_locale_number,
    "C": _Work.do_char,
    "P": _Work.do_plural,
    "~": lambda w: w.do_repeat("~", False),
    "%": lambda w: w.do_repeat("\n", True),
    "&": _Work.do_fresh_line,
    "_": lambda w: w.do_repeat(" ", False),
    "/": lambda w: w.do_repeat("\t", False),
    "|": lambda w: w.do_repeat("\f", True),
    "T": lambda w: w.f.tabulate(w.modifier, w.params),
    "Y": _Work.do_pretty,
    "?": _Work.do_indirect,
    "K": _Work.do_indirect,
    "!": _Work.do_flush,
    "\n": _Work.do_continuation,
    "*": _Work.do_jump,
    "(": _Work.do_case_start,
    ")": _Work.do_case_end,
    "[": _Work.do_cond_start,
    ";": _Work.do_cond_separator,
    "]": _Work.do_cond_end,
    "{": _Work.do_iter_start,
    "}": _Work.do_iter_end,
    "^": _Work.do_up_and_out,
    "Q": _Work.do_version,
}


@primitive("format", module=INTERNAL)
def full_format(dest: object, fmt: object, *args: object) -> object:
    """Format ARGS by the Common-Lisp-style directives of FMT to DEST (#f: return a string)."""
    if type(fmt) is not MString:
        raise misc_error(None, "format: expected a string for format string ~S", [fmt])
    if dest is False:
        port, col = None, 0
    elif dest is True:
        port = current(CURRENT_OUTPUT)
        col = port.col
    elif isinstance(dest, BasePort) and dest.is_output():
        port, col = dest, dest.col
    else:
        raise misc_error(None, "format: bad destination `~~a' ~S", [dest])
    f = Formatter(dest, fmt.s, list(args), col)
    try:
        used = f.work(fmt.s, f.args)
        if used > len(f.args):
            missing = used - len(f.args)
            f.arg_pos = len(f.args) + 1
            raise FormatError(f"{missing} missing argument{'' if missing == 1 else 's'}", prelude=str(f.arg_pos))
    except FormatError as err:
        _deliver(f, port)
        current(CURRENT_OUTPUT).write(err.prelude)
        f.report(err)
        raise guile_error("misc-error", None, "error in format", [], None) from None
    except SchemeError:
        _deliver(f, port)
        raise
    _deliver(f, port)
    if port is None:
        return MString("".join(f.out))
    if f.flush and isinstance(port, TextPort):
        port.flush()
    return True


def _deliver(f: Formatter, port: BasePort | None) -> None:
    """Write the output gathered so far to PORT (kept for the string result when PORT is None)."""
    if port is not None and f.out:
        port.write("".join(f.out))
        f.out.clear()

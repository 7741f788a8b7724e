"""HTTP header values as Guile 3.0.8's (web http) reads and writes them: text -> Scheme data -> text.

Each kind of header has a `Codec`: `parse(text)` returns the Scheme value (raising Guile's
`bad-header` / `bad-header-component` throws), `valid(value)` says whether a value may be written, and
`write(value)` returns the text that goes after "Name: ".  Codecs that name headers, build URIs or
dates consult a `HeaderTable` (declared header names, the record types of <uri> and of SRFI-19 dates).
These are plain functions over strings; web.py wraps them as leaves of (web %helpers).
"""
from __future__ import annotations

import re
import time
from typing import Callable

from ..data.conditions import Condition, SchemeError, misc_error
from ..data.printer import display_string
from ..data.values import NIL, MString, Pair, Symbol, from_list

WHITESPACE = frozenset("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                       "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
WHITESPACE_CHARS = "".join(sorted(WHITESPACE))
PARAM_DELIMITER = "[,;=]"
PARAM_VALUE_END = "[,;" + WHITESPACE_CHARS + "]"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")
STAR = Symbol("*")


class Codec:
    """How one kind of header value is parsed, validated and written."""

    __slots__ = ("parse", "valid", "write")

    def __init__(self, parse: Callable, valid: Callable, write: Callable) -> None:
        self.parse = parse
        self.valid = valid
        self.write = write


class HeaderTable:
    """The declared headers of one (web http) instance, the record types its values use, and which
    of its procedures are Python codecs (so that whole header lists are checked or written at once)."""

    __slots__ = ("decls", "uri_rtd", "date_rtd", "default_ports", "fast")

    def __init__(self, uri_rtd: object, date_rtd: object, default_ports: object) -> None:
        self.decls: dict[Symbol, object] = {}
        self.uri_rtd = uri_rtd
        self.date_rtd = date_rtd
        self.default_ports = default_ports
        # id(procedure) -> (procedure, Python function) for the codecs' parsers, validators, writers
        self.fast: dict[int, tuple[object, Callable]] = {}

    def scheme_repr(self, write: bool) -> str:
        return f"#<header-table {len(self.decls)}>"

    def header_name(self, sym: object) -> str:
        """The wire spelling of header SYM: as declared, else Title-Case."""
        decl = self.decls.get(sym)
        if decl is not None:
            return decl.name
        return name_of(sym).title()


# -- errors and small scanners ---------------------------------------------------------------------

def throw(key: str, *args: object) -> SchemeError:
    """Guile's (throw KEY . ARGS)."""
    return SchemeError(Condition(Symbol(key), from_list(args)))


def scm(v: object) -> object:
    """A Python string as a fresh Scheme string; anything else unchanged."""
    return MString(v) if type(v) is str else v


def bad_header(sym: str, val: object) -> SchemeError:
    """(throw 'bad-header SYM VAL)."""
    return throw("bad-header", Symbol(sym), scm(val))


def bad_component(sym: str, val: object) -> SchemeError:
    """(throw 'bad-header-component SYM VAL)."""
    return throw("bad-header-component", Symbol(sym), scm(val))


def skip_ws(s: str, i: int, end: int) -> int:
    """The first index at or after I that is not whitespace (or END)."""
    while i < end and s[i] in WHITESPACE:
        i += 1
    return i


def trim_ws(s: str, start: int, end: int) -> int:
    """END moved back over trailing whitespace, not before START."""
    while end > start and s[end - 1] in WHITESPACE:
        end -= 1
    return end


def strip_ws(s: str, start: int = 0, end: int | None = None) -> str:
    """S[START:END] without surrounding whitespace."""
    return s[start:end].strip(WHITESPACE_CHARS)


def find(s: str, ch: str, start: int, end: int) -> int | None:
    """Index of CH in S[START:END], or None."""
    i = s.find(ch, start, end)
    return None if i < 0 else i


def split_and_trim(s: str, delim: str = ",") -> list[str]:
    """The DELIM-separated parts of S, trimmed; a trailing delimiter adds no empty part."""
    out, i, end = [], 0, len(s)
    while i < end:
        idx = find(s, delim, i, end)
        out.append(strip_ws(s, i, end if idx is None else idx))
        i = end if idx is None else idx + 1
    return out


def name_of(x: object) -> str:
    """The text of a symbol (display text of anything else)."""
    return x.name if isinstance(x, Symbol) else display_string(x)


def text_of(x: object) -> str:
    """The text of a string (display text of anything else)."""
    return x.s if type(x) is MString else display_string(x)


def proper(v: object) -> list | None:
    """The elements of proper list V, or None."""
    out = []
    while type(v) is Pair:
        out.append(v.car)
        v = v.cdr
    return out if v is NIL else None


def list_of(v: object, pred: Callable[[object], bool]) -> bool:
    """Is V a proper list whose elements all satisfy PRED?"""
    items = proper(v)
    return items is not None and all(pred(x) for x in items)


def is_str(v: object) -> bool:
    return type(v) is MString


def is_sym(v: object) -> bool:
    return isinstance(v, Symbol)


def is_nonneg(v: object) -> bool:
    return type(v) is int and v >= 0


def opt_str(v: object) -> bool:
    return v is False or type(v) is MString


# -- integers, qualities, quoted strings -----------------------------------------------------------

def parse_nonneg(s: str, start: int = 0, end: int | None = None) -> int:
    """Decimal digits S[START:END] as an integer; a bad-header-component naming all of S otherwise."""
    end = len(s) if end is None else end
    if start >= end or not all("0" <= c <= "9" for c in s[start:end]):
        raise bad_component("non-negative-integer", s)
    return int(s[start:end])


def digit(s: str, i: int, whole: str) -> int:
    """The ASCII digit at S[I] (a bad quality otherwise)."""
    c = s[i]
    if not "0" <= c <= "9":
        raise bad_component("quality", whole)
    return ord(c) - 48


def parse_quality(s: str, start: int = 0, end: int | None = None) -> int:
    """A qvalue ("0.8", "1", ".5") as thousandths."""
    end = len(s) if end is None else end
    part, n = s[start:end], end - start
    if n > 0 and part[0] == "1" and part in ("1", "1.", "1.0", "1.00", "1.000"):
        return 1000
    if n > 0 and part[0] == "0" and part in ("0", "0."):
        return 0
    if n > 0 and ((part[0] == "0" and 2 < n < 6) or (part[0] == "." and 1 < n < 5)):
        first = 2 if part[0] == "0" else 1
        q = sum(place * digit(part, first + k, s) for k, place in enumerate((100, 10, 1))
                if first + k < n)
        if part[0] == "0" and part[1] != ".":
            raise bad_component("quality", s)
        return q
    raise bad_component("quality", s)


def write_quality(q: int) -> str:
    return f"{q // 1000 % 10}.{q // 100 % 10}{q // 10 % 10}{q % 10}"


def valid_quality(q: object) -> bool:
    return type(q) is int and 0 <= q <= 1000


def parse_qstring(s: str, start: int = 0, end: int | None = None,
                  incremental: bool = False) -> object:
    """The quoted string at S[START]; with INCREMENTAL, (text, index after the closing quote)."""
    end = trim_ws(s, start, len(s)) if end is None else end
    if not (start < end and s[start] == '"'):
        raise bad_component("qstring", s)
    out, i = [], start + 1
    while i < end:
        c = s[i]
        if c == "\\":
            if i + 1 < end:
                out.append(s[i + 1])
            i += 2
        elif c == '"':
            if incremental:
                return "".join(out), i + 1
            if i + 1 == end:
                return "".join(out)
            raise bad_component("qstring", s)
        else:
            out.append(c)
            i += 1
    raise bad_component("qstring", s)


def write_qstring(s: str) -> str:
    return '"' + s.replace('"', '\\"') + '"'


# -- key/value and parameter lists -----------------------------------------------------------------

ValParser = Callable[[Symbol, "str | None"], object]


def default_val_parser(k: Symbol, v: str | None) -> object:
    return False if v is None else MString(v)


def default_val_valid(k: object, v: object) -> bool:
    return opt_str(v)


def default_val_writer(k: object, v: object) -> str:
    text = text_of(v)
    return write_qstring(text) if any(c in text for c in ';,"') else text


def entry(k: Symbol, v: object) -> object:
    """(K . V), or K alone when the parsed value V is #f."""
    return k if v is False else Pair(k, v)


def value_after(s: str, eq: int, stop: int, end: int) -> tuple[str, int]:
    """The token or quoted string after the '=' at EQ, and where scanning resumes (STOP for tokens)."""
    i = skip_ws(s, eq + 1, end)
    if i < end and s[i] == '"':
        return parse_qstring(s, i, end, incremental=True)
    return s[i:trim_ws(s, i, stop)], stop


def parse_kv_list(s: str, vp: ValParser = default_val_parser, start: int = 0,
                  end: int | None = None) -> object:
    """`k1=v1, k2, k3="v 3"` as ((k1 . "v1") k2 (k3 . "v 3"))."""
    end = len(s) if end is None else end
    out, i = [], start
    while i < end:
        i = skip_ws(s, i, end)
        eq, comma = find(s, "=", i, end), find(s, ",", i, end)
        delim = min(end if eq is None else eq, end if comma is None else comma)
        k = Symbol(s[i:trim_ws(s, i, delim)])
        if eq is not None and (comma is None or eq < comma):
            v, nxt = value_after(s, eq, end if comma is None else comma, end)
        else:
            v, nxt = None, delim
        item = entry(k, vp(k, v))
        i = skip_ws(s, nxt, end)
        if not (i == end or s[i] == ","):
            raise bad_component("key-value-list", s[start:end])
        out.append(item)
        i += 1
    return from_list(out)


def valid_kv_list(v: object, valid: Callable = default_val_valid) -> bool:
    """Is V a list of KEY or (KEY . VALUE) entries accepted by VALID?"""
    def ok(x: object) -> bool:
        if type(x) is Pair and is_sym(x.car):
            return bool(valid(x.car, x.cdr))
        return is_sym(x) and bool(valid(x, False))
    return list_of(v, ok)


def write_kv_list(v: object, vw: Callable = default_val_writer, delim: str = ", ") -> str:
    """Entries written `k` or `k=v`, joined by DELIM."""
    parts = []
    for x in proper(v) or ():
        if type(x) is Pair and x.cdr is not False:
            parts.append(name_of(x.car) + "=" + vw(x.car, x.cdr))
        else:
            parts.append(name_of(x.car if type(x) is Pair else x))
    return delim.join(parts)


def parse_param_component(s: str, vp: ValParser, start: int, end: int) -> tuple[list, int]:
    """One `tok;k=v;k2` item of a parameter list, and the index where it stopped."""
    out, i = [], start
    while i < end:
        m = re.compile(PARAM_DELIMITER).search(s, i)
        delim = m.start() if m else None
        k = Symbol(s[i:trim_ws(s, i, end if delim is None else delim)])
        c = s[delim] if delim is not None else None
        if c == "=":
            j = skip_ws(s, delim + 1, end)
            if j < end and s[j] == '"':
                v, nxt = parse_qstring(s, j, end, incremental=True)
            else:
                m = re.compile(PARAM_VALUE_END).search(s, j, end)
                nxt = m.start() if m else end
                v = s[j:nxt]
            out.append(entry(k, vp(k, v)))
            i = skip_ws(s, nxt, end)
            if i >= end:
                return out, end
            if s[i] != ";":
                return out, i
            i = skip_ws(s, i + 1, end)
        elif c == ";":
            out.append(entry(k, vp(k, None)))
            i = skip_ws(s, delim + 1, end)
        else:
            out.append(entry(k, vp(k, None)))
            return out, end if delim is None else delim
    return out, end


def parse_param_list(s: str, vp: ValParser = default_val_parser) -> object:
    """`a;x=1, b` as ((a (x . "1")) (b))."""
    items, i, end = [], 0, len(s)
    while True:
        item, i = parse_param_component(s, vp, i, end)
        items.append(from_list(item))
        if i >= end:
            return from_list(items)
        if s[i] != ",":
            raise bad_component("param-list", s)
        i = skip_ws(s, i + 1, end)


def valid_param_list(v: object, valid: Callable = default_val_valid) -> bool:
    return list_of(v, lambda item: valid_kv_list(item, valid))


def write_param_list(v: object, vw: Callable = default_val_writer) -> str:
    return ",".join(write_kv_list(item, vw, ";") for item in proper(v) or ())


# -- dates -----------------------------------------------------------------------------------------

def days_from_civil(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date."""
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def civil_from_days(z: int) -> tuple[int, int, int]:
    """The (year, month, day) of day Z since 1970-01-01."""
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + (3 if mp < 10 else -9)
    return yoe + era * 400 + (m <= 2), m, d


def to_utc(fields: list) -> list:
    """Date FIELDS (nanosecond second minute hour day month year zone-offset) moved to offset 0."""
    ns, sec, mi, h, d, mo, y, zone = fields
    if zone == 0:
        return fields
    total = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - zone
    days, rest = divmod(total, 86400)
    y, mo, d = civil_from_days(days)
    return [ns, rest % 60, rest // 60 % 60, rest // 3600, d, mo, y, 0]


def parse_month(s: str, start: int, end: int) -> int:
    name = s[start:end]
    if name not in MONTHS:
        raise bad_component("month", name)
    return MONTHS.index(name) + 1


def parse_zone(s: str) -> int | None:
    """Seconds east of Greenwich for GMT, UTC, +hhmm or -hhmm; None otherwise."""
    if s in ("GMT", "UTC"):
        return 0
    if len(s) == 5 and s[0] in "+-" and all("0" <= c <= "9" for c in s[1:]):
        return (1 if s[0] == "+" else -1) * 60 * (60 * int(s[1:3]) + int(s[3:5]))
    return None


def pattern_match(s: str, pat: str) -> bool:
    """Does S fit PAT, where d is a digit, a a letter, . anything, other characters themselves?"""
    if len(s) != len(pat):
        return False
    for c, p in zip(s, pat):
        if p == "d":
            if not c.isdecimal():
                return False
        elif p == "a":
            if not c.isalpha():
                return False
        elif p != "." and p != c:
            return False
    return True


# (pattern, day, month, year, hour, minute, second) spans of RFC 822/1123 dates
RFC822 = (("aaa, dd aaa dddd dd:dd:dd", (5, 7), (8, 11), (12, 16), (17, 19), (20, 22), (23, 25)),
          ("aaa, d aaa dddd dd:dd:dd", (5, 6), (7, 10), (11, 15), (16, 18), (19, 21), (22, 24)),
          ("aaa, dd aaa dddd  d:dd:dd", (5, 7), (8, 11), (12, 16), (18, 19), (20, 22), (23, 25)),
          ("aaa, d aaa dddd  d:dd:dd", (5, 6), (7, 10), (11, 15), (17, 18), (19, 21), (22, 24)))


def date_fields(s: str, spans: tuple, zone: int) -> list:
    """Date fields read from the (day month year hour minute second) SPANS of S."""
    (d, mo, y, h, mi, sec) = spans
    return [0, parse_nonneg(s, *sec), parse_nonneg(s, *mi), parse_nonneg(s, *h),
            parse_nonneg(s, *d), parse_month(s, *mo), parse_nonneg(s, *y), zone]


def parse_rfc822(s: str, space: int, zone: int) -> list:
    head = s[:space]
    for pat, *spans in RFC822:
        if pattern_match(head, pat):
            return date_fields(s, tuple(spans), zone)
    raise bad_header("date", s)


def parse_rfc850(s: str, comma: int, space: int, zone: int) -> list:
    tail = s[comma + 1:space]
    if not pattern_match(tail, " dd-aaa-dd dd:dd:dd"):
        raise bad_header("date", s)
    fields = date_fields(tail, ((1, 3), (4, 7), (8, 10), (11, 13), (14, 16), (17, 19)), zone)
    now = time.localtime().tm_year
    then = now + fields[6] - now % 100
    fields[6] = then + 100 if then + 50 < now else then - 100 if now + 50 < then else then
    return fields


def parse_asctime(s: str) -> list:
    if not pattern_match(s, "aaa aaa .d dd:dd:dd dddd"):
        raise bad_header("date", s)
    day = (9 if s[8] == " " else 8, 10)
    return date_fields(s, (day, (4, 7), (20, 24), (11, 13), (14, 16), (17, 19)), 0)


def parse_date_fields(s: str) -> list:
    """An HTTP date (RFC 1123, RFC 850 or asctime) as GMT date fields."""
    space = s.rfind(" ")
    zone = parse_zone(s[space + 1:]) if space >= 0 else None
    if zone is None:
        return parse_asctime(s)
    comma = s.find(",")
    if comma < 0:
        raise bad_header("date", s)
    if comma == 3:
        return to_utc(parse_rfc822(s, space, zone))
    return to_utc(parse_rfc850(s, comma, space, zone))


def digits(n: int, width: int) -> str:
    """The last WIDTH decimal digits of N, zero-padded."""
    out = []
    tens = 10 ** (width - 1)
    while tens > 0:
        q = abs(n) // tens
        out.append(str((q if n >= 0 else -q) % 10))
        tens //= 10
    return "".join(out)


def write_date_fields(fields: list, date: object) -> str:
    """`Sun, 06 Nov 1994 08:49:37 GMT` for date FIELDS."""
    _, sec, mi, h, d, mo, y, _ = to_utc(list(fields))
    if type(mo) is not int or not 1 <= mo <= 12:
        raise misc_error(None, "~A ~S", [MString("bad date", False), date])
    wday = (days_from_civil(y, mo, d) + 4) % 7
    return (f"{WEEKDAYS[wday]}, {digits(d, 2)} {MONTHS[mo - 1]} {digits(y, 4)} "
            f"{digits(h, 2)}:{digits(mi, 2)}:{digits(sec, 2)} GMT")


# -- entity tags, credentials, challenges --------------------------------------------------------------

def parse_entity_tag(s: str, start: int = 0, end: int | None = None,
                     sloppy: str | None = None) -> tuple[object, int]:
    """An entity tag ("xyz" . strong?) at S[START], and where it ends."""
    end = len(s) if end is None else end
    if s.startswith("W/", start, end) or s.startswith('"', start, end):
        weak = s.startswith("W/", start, end)
        at = start + 2 if weak else start
        if sloppy:
            tag, nxt = parse_qstring(s, at, end, incremental=True)
        else:
            tag, nxt = parse_qstring(s, at, end), end
        return Pair(MString(tag), not weak), nxt
    delim = (find(s, sloppy, start, end) if sloppy else None)
    delim = end if delim is None else delim
    return Pair(MString(s[start:delim]), True), delim


def parse_entity_tag_list(s: str) -> object:
    out, i, end = [], 0, len(s)
    while True:
        tag, nxt = parse_entity_tag(s, i, end, ",")
        out.append(tag)
        nxt = skip_ws(s, nxt, end)
        if nxt >= end:
            return from_list(out)
        if s[nxt] != ",":
            raise bad_component("entity-tag-list", s)
        i = skip_ws(s, nxt + 1, end)


def is_entity_tag(v: object) -> bool:
    return type(v) is Pair and is_str(v.car)


def write_entity_tag(v: object) -> str:
    return ("" if v.cdr is not False else "W/") + write_qstring(text_of(v.car))


def parse_credentials(s: str) -> object:
    end = len(s)
    start = skip_ws(s, 0, end)
    delim = next((i for i in range(start, end) if s[i] in WHITESPACE), end)
    if start == end:
        raise bad_component("authorization", s)
    scheme = Symbol(s[start:delim].lower())
    if scheme is Symbol("basic"):
        rest = skip_ws(s, delim, end)
        if rest >= end:
            raise bad_component("credentials", s)
        return Pair(scheme, MString(s[rest:end]))
    return Pair(scheme, parse_kv_list(s, default_val_parser, delim, end))


def valid_credentials(v: object) -> bool:
    if type(v) is not Pair:
        return False
    if v.car is Symbol("basic") and is_str(v.cdr):
        return True
    return is_sym(v.car) and valid_kv_list(v.cdr)


def write_credentials(v: object) -> str:
    if v.car is Symbol("basic"):
        return "basic " + text_of(v.cdr)
    return name_of(v.car) + " " + write_kv_list(v.cdr)


def parse_challenge(s: str, start: int, end: int) -> tuple[object, int]:
    """One `scheme k=v, k2=v2` challenge and where the next one starts."""
    start = skip_ws(s, start, end)
    sp = find(s, " ", start, end)
    if sp is None:
        raise bad_component("challenge", s)
    out: list = [Symbol(s[start:sp].lower())]
    i = sp
    while i < end:
        i = skip_ws(s, i, end)
        eq, comma = find(s, "=", i, end), find(s, ",", i, end)
        delim = min(end if eq is None else eq, end if comma is None else comma)
        token_end = trim_ws(s, i, delim)
        if " " in s[i:token_end]:
            return from_list(out), i
        k = Symbol(s[i:token_end])
        if eq is not None and (comma is None or eq < comma):
            v, nxt = value_after(s, eq, end if comma is None else comma, end)
        else:
            v, nxt = None, delim
        i = skip_ws(s, nxt, end)
        if not (i == end or s[i] == ","):
            raise bad_component("challenge", s[start:end])
        out.append(k if v is None else Pair(k, MString(v)))
        i += 1
    return from_list(out), end


def parse_challenges(s: str) -> object:
    out, i, end = [], 0, len(s)
    while True:
        i = skip_ws(s, i, end)
        if i >= end:
            return from_list(out)
        challenge, i = parse_challenge(s, i, end)
        out.append(challenge)


def valid_challenges(v: object) -> bool:
    return list_of(v, lambda c: type(c) is Pair and is_sym(c.car) and valid_kv_list(c.cdr))


def write_challenges(v: object) -> str:
    return ", ".join(name_of(c.car) + " " + write_kv_list(c.cdr) for c in proper(v) or ())

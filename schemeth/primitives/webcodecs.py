"""The codec of each kind of standard HTTP header, as Guile 3.0.8's (web http) declares them.

`make_codec(kind, table)` returns the Codec (parse, valid, write) for a kind named in stdlib/web/http.scm's
declarations; the building blocks (lists, qualities, dates, entity tags ...) are in webheaders.py.
"""
from __future__ import annotations

from typing import Callable

from ..data.values import MString, Pair, Symbol, from_list
from . import weburi as wu
from .records import Record
from .webheaders import (STAR, Codec, HeaderTable, bad_component, bad_header, default_val_parser,
                         default_val_writer, find, is_entity_tag, is_nonneg,
                         is_str, is_sym, list_of, name_of, opt_str, parse_challenges,
                         parse_credentials, parse_date_fields, parse_entity_tag,
                         parse_entity_tag_list, parse_kv_list, parse_nonneg, parse_param_list,
                         parse_qstring, parse_quality, proper, skip_ws, split_and_trim, strip_ws,
                         trim_ws,
                         text_of, valid_challenges, valid_credentials, valid_kv_list,
                         valid_param_list, valid_quality, write_challenges, write_credentials,
                         write_date_fields, write_entity_tag, write_kv_list, write_param_list,
                         write_qstring, write_quality)

CodecMaker = Callable[[HeaderTable], Codec]
KINDS: dict[str, CodecMaker] = {}


def kind(name: str) -> Callable[[CodecMaker], CodecMaker]:
    """Register a codec maker under NAME."""
    def register(fn: CodecMaker) -> CodecMaker:
        KINDS[name] = fn
        return fn
    return register


def make_codec(name: str, table: HeaderTable) -> Codec:
    """The codec of header kind NAME."""
    return KINDS[name](table)


def join(v: object, item: Callable[[object], str], sep: str = ", ") -> str:
    return sep.join(item(x) for x in proper(v) or ())


def header_names(s: str) -> object:
    """Comma-separated header names as lower-case symbols."""
    return from_list(Symbol(p.lower()) for p in split_and_trim(s))


def sym_list(v: object) -> bool:
    return list_of(v, is_sym)


# -- simple kinds ------------------------------------------------------------------------------------

@kind("opaque")
def opaque(t: HeaderTable) -> Codec:
    return Codec(MString, is_str, text_of)


@kind("integer")
def integer(t: HeaderTable) -> Codec:
    return Codec(parse_nonneg, is_nonneg, str)


@kind("string-list")
def string_list(t: HeaderTable) -> Codec:
    return Codec(lambda s: from_list(MString(p) for p in split_and_trim(s)),
                 lambda v: list_of(v, is_str), lambda v: join(v, text_of))


@kind("symbol-list")
def symbol_list(t: HeaderTable) -> Codec:
    return Codec(lambda s: from_list(Symbol(p) for p in split_and_trim(s)), sym_list,
                 lambda v: join(v, name_of))


@kind("header-list")
def header_list(t: HeaderTable) -> Codec:
    return Codec(header_names, sym_list, lambda v: join(v, t.header_name))


@kind("connection")
def connection(t: HeaderTable) -> Codec:
    def write(v: object) -> str:
        return join(v, lambda x: "close" if x is Symbol("close") else t.header_name(x))
    return Codec(header_names, sym_list, write)


@kind("vary")
def vary(t: HeaderTable) -> Codec:
    return Codec(lambda s: STAR if s == "*" else header_names(s),
                 lambda v: v is STAR or sym_list(v),
                 lambda v: "*" if v is STAR else join(v, t.header_name))


@kind("uri-reference")
def uri_reference(t: HeaderTable) -> Codec:
    def parse(s: str) -> object:
        uri = wu.string_to_uri_reference(s, t.uri_rtd)
        if uri is False:
            raise bad_component("uri-reference", s)
        return uri
    return Codec(parse, lambda v: isinstance(v, Record) and v.rtd is t.uri_rtd,
                 lambda v: wu.uri_to_string(v.values, t.default_ports, False))


# -- dates ---------------------------------------------------------------------------------------------

def date_maker(t: HeaderTable) -> Callable[[str], Record]:
    return lambda s: Record(t.date_rtd, parse_date_fields(s))


def is_date(t: HeaderTable) -> Callable[[object], bool]:
    return lambda v: isinstance(v, Record) and v.rtd.is_a(t.date_rtd)


def write_date(v: object) -> str:
    return write_date_fields(v.values, v)


@kind("date")
def date(t: HeaderTable) -> Codec:
    return Codec(date_maker(t), is_date(t), write_date)


@kind("expires")
def expires(t: HeaderTable) -> Codec:
    parse = date_maker(t)
    return Codec(lambda s: parse("Thu, 01 Jan 1970 00:00:00 GMT" if s in ("0", "-1") else s),
                 is_date(t), write_date)


@kind("retry-after")
def retry_after(t: HeaderTable) -> Codec:
    parse = date_maker(t)
    return Codec(lambda s: parse_nonneg(s) if s and s[0].isdecimal() else parse(s),
                 lambda v: is_date(t)(v) or is_nonneg(v),
                 lambda v: str(v) if type(v) is int else write_date(v))


# -- qualities and parameters --------------------------------------------------------------------------

def parse_quality_list(s: str) -> object:
    out = []
    for part in s.split(","):
        semi = part.rfind(";")
        if semi < 0:
            out.append(Pair(1000, MString(strip_ws(part))))
            continue
        qpart = strip_ws(part, semi + 1)
        if not qpart.startswith("q="):
            raise bad_component("quality", qpart)
        out.append(Pair(parse_quality(qpart, 2), MString(strip_ws(part, 0, semi))))
    return from_list(out)


def write_quality_item(x: object) -> str:
    text = text_of(x.cdr)
    return text if x.car >= 1000 else f"{text};q={write_quality(x.car)}"


@kind("quality-list")
def quality_list(t: HeaderTable) -> Codec:
    return Codec(parse_quality_list,
                 lambda v: list_of(v, lambda x: type(x) is Pair and valid_quality(x.car) and is_str(x.cdr)),
                 lambda v: join(v, write_quality_item, ","))


@kind("param-list")
def param_list(t: HeaderTable) -> Codec:
    return Codec(parse_param_list, valid_param_list, write_param_list)


@kind("key-value-list")
def key_value_list(t: HeaderTable) -> Codec:
    return Codec(parse_kv_list, valid_kv_list, write_kv_list)


Q = Symbol("q")


def accept_parser(k: Symbol, v: str | None) -> object:
    if k is Q:
        if v is None:
            raise bad_component("quality", False)
        return parse_quality(v)
    return default_val_parser(k, v)


@kind("accept")
def accept(t: HeaderTable) -> Codec:
    return Codec(lambda s: parse_param_list(s, accept_parser),
                 lambda v: valid_param_list(v, lambda k, x: valid_quality(x) if k is Q else opt_str(x)),
                 lambda v: write_param_list(v, lambda k, x: write_quality(x) if k is Q
                                            else default_val_writer(k, x)))


SECONDS = frozenset(Symbol(s) for s in ("max-age", "min-fresh", "s-maxage"))
MAX_STALE, PRIVATE, NO_CACHE = Symbol("max-stale"), Symbol("private"), Symbol("no-cache")
NO_VALUE = frozenset(Symbol(s) for s in ("no-store", "no-transform", "only-if-cache",
                                         "must-revalidate", "proxy-revalidate"))


def cache_parser(k: Symbol, v: str | None) -> object:
    if k in SECONDS:
        if v is None:
            raise bad_component("non-negative-integer", False)
        return parse_nonneg(v)
    if k is MAX_STALE:
        return False if v is None else parse_nonneg(v)
    if k is PRIVATE or k is NO_CACHE:
        return False if v is None else header_names(v)
    return default_val_parser(k, v)


def cache_valid(k: object, v: object) -> bool:
    if k in SECONDS:
        return is_nonneg(v)
    if k is MAX_STALE:
        return v is False or is_nonneg(v)
    if k is PRIVATE or k is NO_CACHE:
        return v is False or sym_list(v)
    if k in NO_VALUE:
        return v is False
    return opt_str(v)


@kind("cache-control")
def cache_control(t: HeaderTable) -> Codec:
    def write_value(k: object, v: object) -> str:
        if is_str(v):
            return default_val_writer(k, v)
        if type(v) is Pair:
            return '"' + join(v, t.header_name) + '"'
        if type(v) is int:
            return str(v)
        raise bad_component("cache-control", v)
    return Codec(lambda s: parse_kv_list(s, cache_parser), lambda v: valid_kv_list(v, cache_valid),
                 lambda v: write_kv_list(v, write_value))


# -- media types ---------------------------------------------------------------------------------------

def media_type_ok(s: str) -> bool:
    return s.count("/") == 1 and not any(c in "[^]()<>@,;:\\\"?= \t" for c in s)


def parse_content_type(s: str) -> object:
    head, *params = s.split(";")
    if not media_type_ok(head):
        raise bad_component("media-type", head)
    out = []
    for x in params:
        eq = x.find("=")
        if eq < 0 or eq != x.rfind("="):
            raise bad_header("content-type", s)
        key = x[skip_ws(x, 0, eq):eq]
        out.append(Pair(Symbol(key), MString(x[eq + 1:trim_ws(x, eq + 1, len(x))])))
    return Pair(Symbol(head), from_list(out))


def typed_params(v: object) -> bool:
    """(SYMBOL (SYMBOL . STRING) ...)?"""
    return (type(v) is Pair and is_sym(v.car)
            and list_of(v.cdr, lambda p: type(p) is Pair and is_sym(p.car) and is_str(p.cdr)))


def write_content_type(v: object) -> str:
    params = proper(v.cdr) or []
    text = name_of(v.car)
    if params:
        text += ";" + ";".join(name_of(p.car) + "=" + text_of(p.cdr) for p in params)
    return text


@kind("content-type")
def content_type(t: HeaderTable) -> Codec:
    return Codec(parse_content_type, typed_params, write_content_type)


@kind("content-disposition")
def content_disposition(t: HeaderTable) -> Codec:
    def parse(s: str) -> object:
        items = proper(parse_param_list(s))
        if len(items) != 1:
            raise bad_component("content-disposition", s)
        return items[0]
    return Codec(parse, typed_params, lambda v: write_param_list(Pair(v, from_list([]))))


# -- hosts, ranges, tags, authentication ------------------------------------------------------------

def parse_host(s: str) -> object:
    rbracket = find(s, "]", 0, len(s))
    colon = find(s, ":", rbracket or 0, len(s))
    if rbracket is not None:
        if not s.startswith("["):
            raise bad_header("host", s)
        host = s[1:rbracket]
    else:
        host = s if colon is None else s[:colon]
    return Pair(MString(host), False if colon is None else parse_nonneg(s, colon + 1))


def write_host(v: object) -> str:
    host = text_of(v.car)
    text = f"[{host}]" if ":" in host else host
    return text if v.cdr is False else f"{text}:{v.cdr}"


@kind("host")
def host(t: HeaderTable) -> Codec:
    def valid(v: object) -> bool:
        return type(v) is Pair and is_str(v.car) and (v.cdr is False or is_nonneg(v.cdr))
    return Codec(parse_host, valid, write_host)


def parse_range(s: str) -> object:
    if not s.startswith("bytes="):
        raise bad_header("range", s)
    out = []
    for x in s[6:].split(","):
        dash = x.find("-")
        if dash < 0:
            raise bad_header("range", s)
        if dash == 0:
            out.append(Pair(False, parse_nonneg(x, 1)))
        elif dash == len(x) - 1:
            out.append(Pair(parse_nonneg(x, 0, dash), False))
        else:
            out.append(Pair(parse_nonneg(x, 0, dash), parse_nonneg(x, dash + 1)))
    return Pair(Symbol("bytes"), from_list(out))


def valid_byte_range(r: object) -> bool:
    if type(r) is not Pair:
        return False
    if r.car is False:
        return is_nonneg(r.cdr)
    return is_nonneg(r.car) and (r.cdr is False or is_nonneg(r.cdr))


def write_range(v: object) -> str:
    def one(r: object) -> str:
        return ("" if r.car is False else str(r.car)) + "-" + ("" if r.cdr is False else str(r.cdr))
    return name_of(v.car) + "=" + join(v.cdr, one, ",")


@kind("range")
def range_(t: HeaderTable) -> Codec:
    def valid(v: object) -> bool:
        return type(v) is Pair and is_sym(v.car) and list_of(v.cdr, valid_byte_range)
    return Codec(parse_range, valid, write_range)


def parse_content_range(s: str) -> object:
    dash, slash = find(s, "-", 0, len(s)), find(s, "/", 0, len(s))
    if not s.startswith("bytes ") or slash is None:
        raise bad_header("content-range", s)
    if dash is not None:
        rng = Pair(parse_nonneg(s, 6, dash), parse_nonneg(s, dash + 1, slash))
    elif s[6:slash] == "*":
        rng = STAR
    else:
        raise bad_header("content-range", s)
    length = STAR if s[slash + 1:] == "*" else parse_nonneg(s, slash + 1)
    return from_list([Symbol("bytes"), rng, length])


def valid_content_range(v: object) -> bool:
    items = proper(v)
    if items is None or len(items) != 3 or not is_sym(items[0]):
        return False
    rng, length = items[1], items[2]
    rng_ok = rng is STAR or (type(rng) is Pair and is_nonneg(rng.car) and is_nonneg(rng.cdr))
    return rng_ok and (length is STAR or is_nonneg(length))


def write_content_range(v: object) -> str:
    unit, rng, length = proper(v)
    rng_text = "*" if rng is STAR else f"{rng.car}-{rng.cdr}"
    return f"{name_of(unit)} {rng_text}/{'*' if length is STAR else length}"


@kind("content-range")
def content_range(t: HeaderTable) -> Codec:
    return Codec(parse_content_range, valid_content_range, write_content_range)


@kind("etag")
def etag(t: HeaderTable) -> Codec:
    return Codec(lambda s: parse_entity_tag(s)[0], is_entity_tag, write_entity_tag)


@kind("entity-tag-list")
def entity_tag_list(t: HeaderTable) -> Codec:
    return Codec(lambda s: STAR if s == "*" else parse_entity_tag_list(s),
                 lambda v: v is STAR or list_of(v, is_entity_tag),
                 lambda v: "*" if v is STAR else join(v, write_entity_tag))


@kind("if-range")
def if_range(t: HeaderTable) -> Codec:
    parse_date = date_maker(t)
    valid_date = is_date(t)
    return Codec(lambda s: parse_entity_tag(s)[0] if s.startswith(('"', "W/")) else parse_date(s),
                 lambda v: valid_date(v) or is_entity_tag(v),
                 lambda v: write_date(v) if valid_date(v) else write_entity_tag(v))


@kind("credentials")
def credentials(t: HeaderTable) -> Codec:
    return Codec(parse_credentials, valid_credentials, write_credentials)


@kind("challenges")
def challenges(t: HeaderTable) -> Codec:
    return Codec(parse_challenges, valid_challenges, write_challenges)


# -- warnings ------------------------------------------------------------------------------------------

def parse_warnings(s: str, t: HeaderTable) -> object:
    out, n, i = [], len(s), skip_ws(s, 0, len(s))
    while True:
        idx1 = find(s, " ", i, n)
        idx2 = None if idx1 is None else find(s, " ", idx1 + 1, n)
        if idx2 is None:
            raise bad_header("warning", s)
        code, agent = parse_nonneg(s, i, idx1), s[idx1 + 1:idx2]
        text, i = parse_qstring(s, idx2 + 1, incremental=True)
        date: object = False
        if i < n and s[i] == " ":
            date_text, i = parse_qstring(s, i + 1, incremental=True)
            date = Record(t.date_rtd, parse_date_fields(date_text))
        out.append(from_list([code, MString(agent), MString(text), date]))
        if i >= n:
            return from_list(out)
        if s[i] != ",":
            raise bad_header("warning", s)
        i = skip_ws(s, i + 1, n)


def valid_warning(t: HeaderTable) -> Callable[[object], bool]:
    valid_date = is_date(t)

    def ok(w: object) -> bool:
        items = proper(w)
        if items is None or len(items) != 4:
            return False
        code, host_, text, date = items
        return (is_nonneg(code) and code < 1000 and is_str(host_) and is_str(text)
                and (date is False or valid_date(date)))
    return lambda v: list_of(v, ok)


def write_warning(w: object) -> str:
    code, host_, text, date = proper(w)
    out = f"{code} {text_of(host_)} {write_qstring(text_of(text))}"
    return out if date is False else out + ' "' + write_date(date) + '"'


@kind("warning")
def warning(t: HeaderTable) -> Codec:
    return Codec(lambda s: parse_warnings(s, t), valid_warning(t), lambda v: join(v, write_warning))

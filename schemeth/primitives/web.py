"""Leaves of Guile's web stack, module (web %helpers): URIs, request and response lines, header lines
and the codecs of the standard headers.

stdlib/web/uri.scm and stdlib/web/http.scm keep the Scheme surface (keywords, port reading, the
user-extensible header table); every string scan they need is one call here.  Ports are only read in
Scheme, so a socket read may suspend an ethread; leaves only write to ports (which buffers).
Records are built from the record types the Scheme modules pass in.
"""
from __future__ import annotations

import re

from ..data.conditions import misc_error, wrong_type
from ..data.printer import display_string, write_string
from ..data.procedures import Primitive
from ..data.values import MString, Pair, Symbol, from_list, make_values
from . import webheaders as wh
from . import weburi as wu
from . import webports as wp
from .charsets import charset_arg
from .portobjects import BasePort
from .ports import output_port
from .records import Record
from .registry import define, primitive
from .webheaders import HeaderTable, bad_component, skip_ws, throw

HELPERS = ("web", "%helpers")


class SchemeParser:
    """Marks a header whose parser is a Scheme procedure, which the caller must apply itself."""

    def scheme_repr(self, write: bool) -> str:
        return "#<scheme-parser>"


SCHEME_PARSER = SchemeParser()
define("%scheme-parser", SCHEME_PARSER, HELPERS)
METHODS = {m: Symbol(m) for m in ("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE",
                                  "CONNECT", "PATCH")}


def text_arg(s: object, who: str, pos: int = 1) -> str:
    """The Python text of string argument S."""
    if type(s) is not MString:
        raise wrong_type(who, pos, s, "string")
    return s.s


def uri_fields(uri: object, who: str) -> list:
    """The field values of a <uri> record."""
    if not isinstance(uri, Record):
        raise wrong_type(who, 1, uri, "uri")
    return uri.values


# -- (web uri) ------------------------------------------------------------------------------------

@primitive("%make-default-ports", module=HELPERS)
def make_default_ports() -> wu.DefaultPorts:
    """A fresh scheme -> default port table (http 80, https 443)."""
    return wu.DefaultPorts()


@primitive("%declare-default-port!", module=HELPERS)
def declare_default_port(ports: wu.DefaultPorts, scheme: object, port: object) -> object:
    """Record PORT as the default port of SCHEME."""
    ports.ports[scheme] = port
    return port


@primitive("%string->uri-reference", module=HELPERS)
def string_to_uri_reference(s: object, rtd: object) -> object:
    """A <uri> (of type RTD) for S, or #f."""
    return wu.string_to_uri_reference(text_arg(s, "string->uri-reference"), rtd)


@primitive("%validate-uri-reference", module=HELPERS)
def validate_uri_reference(scheme: object, userinfo: object, host: object, port: object,
                           path: object, query: object, fragment: object) -> bool:
    """#t, or Guile's uri-error for parts that cannot form a URI reference."""
    wu.validate_uri_reference(scheme, userinfo, host, port, path, query, fragment)
    return True


@primitive("%uri->string", module=HELPERS)
def uri_to_string(uri: object, ports: wu.DefaultPorts, include_fragment: object) -> MString:
    """The text of URI."""
    return MString(wu.uri_to_string(uri_fields(uri, "uri->string"), ports, include_fragment is not False))


@primitive("%uri-decode", module=HELPERS)
def uri_decode(s: object, encoding: object, plus_to_space: object) -> object:
    """Percent-decode S into a string in ENCODING, or a bytevector when ENCODING is #f."""
    enc = None if encoding is False else text_arg(encoding, "uri-decode", 2)
    return wu.uri_decode(text_arg(s, "uri-decode"), enc, plus_to_space is not False)


@primitive("%uri-encode", module=HELPERS)
def uri_encode(s: object, encoding: object, unescaped: object) -> MString:
    """Percent-encode the characters of S outside the char-set UNESCAPED."""
    keep = charset_arg("uri-encode", 3, unescaped).has
    try:
        out = wu.uri_encode(text_arg(s, "uri-encode"), text_arg(encoding, "uri-encode", 2), keep)
    except UnicodeEncodeError as exc:
        raise throw("encoding-error", MString("scm_to_stringn", False),
                    MString("cannot convert to output locale ~s", False), 84,
                    MString(exc.object), False) from None
    return s if out is None else MString(out)


@primitive("%split-and-decode-uri-path", module=HELPERS)
def split_and_decode_uri_path(path: object) -> object:
    """The non-empty, percent-decoded segments of PATH."""
    parts = text_arg(path, "split-and-decode-uri-path").split("/")
    return from_list(wu.uri_decode(p, "utf-8", False) for p in parts if p)


# -- request and response lines ---------------------------------------------------------------------

def bad_request(message: str, *args: object) -> BaseException:
    return throw("bad-request", MString(message, False), from_list(args))


def bad_response(message: str, *args: object) -> BaseException:
    return throw("bad-response", MString(message, False), from_list(args))


WS_RE = "[" + wh.WHITESPACE_CHARS + "]"


def ws_index(s: str, start: int = 0) -> int | None:
    """Index of the first whitespace character of S at or after START."""
    m = re.compile(WS_RE).search(s, start)
    return m.start() if m else None


def ws_rindex(s: str) -> int | None:
    """Index of the last whitespace character of S."""
    i = len(s) - 1
    while i >= 0 and s[i] not in wh.WHITESPACE:
        i -= 1
    return i if i >= 0 else None


def parse_method(s: str, start: int, end: int) -> Symbol:
    method = METHODS.get(s[start:end])
    if method is None:
        raise bad_request("Invalid method: ~a", MString(s[start:end]))
    return method


def parse_version(s: str, start: int, end: int) -> Pair:
    part = s[start:end]
    if part == "HTTP/1.1":
        return Pair(1, 1)
    if part == "HTTP/1.0":
        return Pair(1, 0)
    dot = part.find(".")
    if not part.startswith("HTTP/") or dot < 0 or dot != part.rfind("."):
        raise bad_component("http-version", part)
    return Pair(wh.parse_nonneg(s, start + 5, start + dot), wh.parse_nonneg(s, start + dot + 1, end))


def parse_request_uri(s: str, start: int, end: int, table: HeaderTable) -> object:
    """The URI of a request line: #f for "*", a relative <uri> for a path, else an absolute one."""
    if start == end:
        raise bad_request("Missing Request-URI")
    if s[start:end] == "*":
        return False
    if s[start] == "/":
        q, f = wh.find(s, "?", start, end), wh.find(s, "#", start, end)
        if q is not None and f is not None and f < q:
            q = None
        path = MString(s[start:q if q is not None else f if f is not None else end])
        query = wu.opt(None if q is None else s[q + 1:end if f is None else f])
        fragment = wu.opt(None if f is None else s[f + 1:end])
        wu.validate_uri_reference(False, False, False, False, path, query, fragment)
        return Record(table.uri_rtd, [False, False, False, False, path, query, fragment])
    uri = wu.string_to_uri_reference(s[start:end], table.uri_rtd)
    if uri is False or uri.values[0] is False:
        raise bad_request("Invalid URI: ~a", MString(s[start:end]))
    return uri


def bounds(s: str, start: object, end: object) -> tuple[int, int]:
    """START and END as indexes into S (defaults: the whole string)."""
    return (0 if start is None else start), (len(s) if end is None else end)


@primitive("%parse-http-method", module=HELPERS)
def parse_http_method(s: object, start: object = None, end: object = None) -> Symbol:
    """The method named by S[START:END], an upper-case symbol."""
    t = text_arg(s, "parse-http-method")
    return parse_method(t, *bounds(t, start, end))


@primitive("%parse-http-version", module=HELPERS)
def parse_http_version(s: object, start: object = None, end: object = None) -> Pair:
    """An HTTP version such as "HTTP/1.1" as a (major . minor) pair."""
    t = text_arg(s, "parse-http-version")
    return parse_version(t, *bounds(t, start, end))


@primitive("%parse-request-uri", module=HELPERS)
def parse_request_uri_leaf(s: object, start: object, end: object, table: HeaderTable) -> object:
    """The URI of a request line, or #f for "*"."""
    t = text_arg(s, "parse-request-uri")
    return parse_request_uri(t, *bounds(t, start, end), table)


@primitive("%parse-request-line", module=HELPERS)
def parse_request_line(line: object, table: HeaderTable) -> object:
    """Three values: the method, URI and version of a request line."""
    s = text_arg(line, "read-request-line")
    d0, d1 = ws_index(s), ws_rindex(s)
    if d0 is None or d1 is None or d0 >= d1:
        raise bad_request("Bad Request-Line: ~s", line)
    method = parse_method(s, 0, d0)
    uri = parse_request_uri(s, skip_ws(s, d0 + 1, d1), d1, table)
    return make_values((method, uri, parse_version(s, d1 + 1, len(s))))


@primitive("%parse-response-line", module=HELPERS)
def parse_response_line(line: object) -> object:
    """Three values: the version, code and reason phrase of a status line."""
    s = text_arg(line, "read-response-line")
    d0 = ws_index(s)
    d1 = None if d0 is None else ws_index(s, skip_ws(s, d0, len(s)))
    if d0 is None or d1 is None:
        raise bad_response("Bad Response-Line: ~s", line)
    version = parse_version(s, 0, d0)
    code = wh.parse_nonneg(s, skip_ws(s, d0, d1), d1)
    return make_values((version, code, MString(wh.strip_ws(s, d1))))


def version_text(v: object) -> str:
    return f"HTTP/{display_string(v.car)}.{display_string(v.cdr)}" if type(v) is Pair else "HTTP/?"


@primitive("%write-request-line", module=HELPERS)
def write_request_line(method: object, uri: object, version: object, port: object,
                       table: HeaderTable, proxy: object) -> object:
    """Write `METHOD PATH?QUERY HTTP/x.y` (an absolute URI through a proxy) to PORT."""
    scheme, _, host, host_port, path, query, _ = uri_fields(uri, "write-request-line")
    out = [wh.name_of(method), " "]
    if proxy is not False and scheme is not False and host is not False:
        out += [scheme.name, "://", f"[{host.s}]" if ":" in host.s else host.s]
        if not table.default_ports.is_default(scheme, host_port):
            out += [":", str(host_port)]
    out += [path.s or "/", "" if query is False else "?" + query.s, " ", version_text(version), "\r\n"]
    output_port(port, "write-request-line", 4).write("".join(out))
    return True


@primitive("%write-response-line", module=HELPERS)
def write_response_line(version: object, code: object, reason: object, port: object) -> object:
    """Write `HTTP/x.y CODE REASON` to PORT."""
    text = f"{version_text(version)} {display_string(code)} {wh.text_of(reason)}\r\n"
    output_port(port, "write-response-line", 4).write(text)
    return True


# -- header lines ------------------------------------------------------------------------------------

@primitive("%chomp-line", module=HELPERS)
def chomp_line(line: object) -> object:
    """LINE (read with its newline) without its LF or CRLF; #f when it has no newline."""
    if type(line) is not MString or not line.s.endswith("\n"):
        return False
    s = line.s[:-1]
    return MString(s[:-1] if s.endswith("\r") else s)


@primitive("%split-header-line", module=HELPERS)
def split_header_line(line: object) -> object:
    """(name-symbol . trimmed-value) for `Name: value`; #f for the blank line ending the headers."""
    s = text_arg(line, "read-header")
    if s == "" or s == "\r":
        return False
    colon = s.find(":")
    if colon < 0:
        raise throw("bad-header", Symbol("%read"), line)
    return Pair(Symbol(s[:colon].lower()), MString(wh.strip_ws(s, colon + 1)))


@primitive("%header-line", module=HELPERS)
def header_line(line: object, pending: object) -> object:
    """Classify LINE, read with its newline, in a header block: (name . value) for a header, the
    text of a continuation line when a header is PENDING, #f for the blank line that ends the block."""
    if type(line) is not MString or not line.s.endswith("\n"):
        raise throw("bad-header", Symbol("read-header-line"), line)
    s = line.s[:-2] if line.s.endswith("\r\n") else line.s[:-1]
    if pending is not False and s[:1] in (" ", "\t"):
        return MString(s)
    return split_header_line(MString(s))


# -- the header table ----------------------------------------------------------------------------------

class HeaderDecl:
    """A declared header (Guile's <header-decl>), with the Python codec behind it when there is one."""

    __slots__ = ("name", "parser", "validator", "writer", "multiple", "fast_parse", "fast_valid",
                 "fast_write")

    def __init__(self, name: str, parser: object, validator: object, writer: object,
                 multiple: object, fast: dict) -> None:
        self.name = name
        self.parser = parser
        self.validator = validator
        self.writer = writer
        self.multiple = multiple
        self.fast_parse = fast.get(id(parser), (None, None))[1]
        self.fast_valid = fast.get(id(validator), (None, None))[1]
        self.fast_write = fast.get(id(writer), (None, None))[1]

    def scheme_repr(self, write: bool) -> str:
        parts = (("name", MString(self.name)), ("parser", self.parser), ("validator", self.validator),
                 ("writer", self.writer), ("multiple?", self.multiple))
        return "#<<header-decl>" + "".join(f" {k}: {write_string(v)}" for k, v in parts) + ">"


@primitive("%make-header-table", module=HELPERS)
def make_header_table(uri_rtd: object, date_rtd: object, ports: wu.DefaultPorts) -> HeaderTable:
    """An empty table of declared headers whose values use these record types."""
    return HeaderTable(uri_rtd, date_rtd, ports)


@primitive("%header-codec", module=HELPERS)
def header_codec(table: HeaderTable, kind: object) -> object:
    """Three values, the parser, validator and writer procedures of a built-in header KIND."""
    from .webcodecs import make_codec
    codec = make_codec(wh.name_of(kind), table)
    name = wh.name_of(kind)

    def parse(s: object) -> object:
        return codec.parse(text_arg(s, "parse-header"))

    def write(v: object, port: object) -> object:
        output_port(port, "write-header", 2).write(codec.write(v))
        return True
    prims = (Primitive(f"parse-{name}", parse, 1), Primitive(f"valid-{name}?", codec.valid, 1),
             Primitive(f"write-{name}", write, 2))
    table.fast[id(prims[0])] = (prims[0], codec.parse)
    table.fast[id(prims[1])] = (prims[1], codec.valid)
    table.fast[id(prims[2])] = (prims[2], codec.write)
    return make_values(prims)


@primitive("%declare-header!", module=HELPERS)
def declare_header(table: HeaderTable, sym: object, name: object, parser: object, validator: object,
                   writer: object, multiple: object) -> HeaderDecl:
    """Declare header SYM, spelt NAME on the wire."""
    decl = HeaderDecl(text_arg(name, "declare-header!", 1), parser, validator, writer, multiple,
                      table.fast)
    table.decls[sym] = decl
    return decl


@primitive("%header-decl-field", module=HELPERS)
def header_decl_field(table: HeaderTable, sym: object, field: object) -> object:
    """The parser, validator or writer (FIELD 0, 1, 2) declared for SYM, or #f."""
    decl = table.decls.get(sym)
    if decl is None:
        return False
    return (decl.parser, decl.validator, decl.writer)[field]


@primitive("%parse-header-value", module=HELPERS)
def parse_header_value(table: HeaderTable, sym: object, text: object) -> object:
    """The value of header SYM from TEXT when no Scheme parser is needed, else %scheme-parser."""
    decl = table.decls.get(sym)
    if decl is None:
        return text
    if decl.fast_parse is None:
        return SCHEME_PARSER
    return decl.fast_parse(text.s)


@primitive("%header->string", module=HELPERS)
def header_to_string(table: HeaderTable, sym: object) -> MString:
    """The wire name of header SYM."""
    return MString(table.header_name(sym))


@primitive("%known-header?", module=HELPERS)
def known_header_p(table: HeaderTable, sym: object) -> bool:
    """Is SYM a declared header?"""
    return sym in table.decls


@primitive("%write-headers-prefix", module=HELPERS)
def write_headers_prefix(table: HeaderTable, headers: object, port: object) -> object:
    """Write the leading headers that have Python writers; return the rest (from the first other)."""
    out = []
    while type(headers) is Pair:
        h = headers.car
        if type(h) is not Pair:
            break
        decl = table.decls.get(h.car)
        if decl is None and type(h.cdr) is MString and isinstance(h.car, Symbol):
            out += [h.car.name.title(), ": ", h.cdr.s, "\r\n"]
        elif decl is not None and decl.fast_write is not None:
            out += [decl.name, ": ", decl.fast_write(h.cdr), "\r\n"]
        else:
            break
        headers = headers.cdr
    if out:
        output_port(port, "write-headers", 2).write("".join(out))
    return headers


@primitive("%valid-headers-prefix", module=HELPERS)
def valid_headers_prefix(table: HeaderTable, headers: object) -> object:
    """The headers from the first one that is not known valid by a Python validator (() if none)."""
    while type(headers) is Pair:
        h = headers.car
        if type(h) is not Pair or not isinstance(h.car, Symbol):
            return headers
        decl = table.decls.get(h.car)
        if decl is None:
            if type(h.cdr) is not MString:
                return headers
        elif decl.fast_valid is None or not decl.fast_valid(h.cdr):
            return headers
        headers = headers.cdr
    return headers


# -- body ports -------------------------------------------------------------------------------------

def port_arg(port: object, who: str) -> BasePort:
    if not isinstance(port, BasePort):
        raise wrong_type(who, 1, port, "port")
    return port


@primitive("%make-chunked-input-port", module=HELPERS)
def make_chunked_input_port(port: object, keep_alive: object) -> BasePort:
    """A port reading the de-chunked body that follows on PORT."""
    return wp.chunked_input_port(port_arg(port, "make-chunked-input-port"), keep_alive is not False)


@primitive("%make-chunked-output-port", module=HELPERS)
def make_chunked_output_port(port: object, keep_alive: object, buffering: object) -> BasePort:
    """A port writing chunks to PORT."""
    size = buffering if type(buffering) is int else 1200
    return wp.chunked_output_port(port_arg(port, "make-chunked-output-port"), keep_alive is not False,
                                  size)


@primitive("%make-delimited-input-port", module=HELPERS)
def make_delimited_input_port(port: object, length: object, keep_alive: object) -> BasePort:
    """A port reading exactly LENGTH bytes of PORT."""
    return wp.delimited_input_port(port_arg(port, "response-body-port"), length, keep_alive is not False)


# -- character encodings of bodies ----------------------------------------------------------------------

@primitive("%string->bytevector", module=HELPERS)
def string_to_bytevector(s: object, charset: object) -> bytearray:
    """The bytes of S in the encoding CHARSET (a body's charset)."""
    text, enc = text_arg(s, "string->bytevector"), text_arg(charset, "string->bytevector", 2)
    try:
        return bytearray(text.encode(enc))
    except UnicodeEncodeError as exc:
        raise throw("encoding-error", MString("scm_to_stringn", False),
                    MString("cannot convert to output locale ~s", False), 84,
                    MString(exc.object), False) from None
    except LookupError:
        raise misc_error("string->bytevector", "unknown character encoding: ~A", [charset]) from None


@primitive("%bytevector->string", module=HELPERS)
def bytevector_to_string(bv: object, charset: object) -> MString:
    """The text of the bytes BV in the encoding CHARSET."""
    if not isinstance(bv, bytearray):
        raise wrong_type("bytevector->string", 1, bv, "bytevector")
    try:
        return MString(bytes(bv).decode(text_arg(charset, "bytevector->string", 2)))
    except UnicodeDecodeError:
        raise wu.decoding_error(bytes(bv)) from None
    except LookupError:
        raise misc_error("bytevector->string", "unknown character encoding: ~A", [charset]) from None

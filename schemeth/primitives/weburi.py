"""URIs as Guile 3.0.8's (web uri) parses, checks and prints them (RFC 3986), and percent-coding.

A URI is a record of the Scheme type <uri> (defined in stdlib/web/uri.scm, passed in as `rtd`) with
the fields scheme userinfo host port path query fragment, in that order.
"""
from __future__ import annotations

import re

from ..data.conditions import Condition, SchemeError
from ..data.values import Char, MString, Symbol, from_list
from .records import Record, RecordType

# Patterns are compiled on first use (re caches them) to keep start-up fast.
URI_RE = r"(?s)(?:([A-Za-z][A-Za-z0-9+.-]*):)?(//[^/?#]*)?([^?#]*)(?:\?([^#]*))?(?:#(.*))?"
AUTHORITY_RE = (r"//(?:([A-Za-z0-9_.!~*'();:&=+$,-]+)@)?"
                r"(?:([A-Za-z0-9.-]+)|\[([0-9A-Fa-f:.]+)\])(?::([0-9]*))?")
IPV4_RE = r"[0-9.]+"
IPV6_RE = r"[0-9A-Fa-f]*:[0-9A-Fa-f:.]+"
LABEL_RE = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
TOP_LABEL_RE = r"[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
HEX = frozenset("0123456789abcdefABCDEF")
UNRESERVED = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

SCHEME, USERINFO, HOST, PORT, PATH, QUERY, FRAGMENT = range(7)


class DefaultPorts:
    """The scheme -> default port table that `declare-default-port!` fills."""

    __slots__ = ("ports",)

    def __init__(self) -> None:
        self.ports: dict[object, object] = {Symbol("http"): 80, Symbol("https"): 443}

    def scheme_repr(self, write: bool) -> str:
        return "#<default-ports>"

    def is_default(self, scheme: object, port: object) -> bool:
        """Does PORT go without saying for SCHEME?"""
        return port is False or (type(port) is int and self.ports.get(scheme) == port)


def uri_error(message: str, *args: object) -> SchemeError:
    """(throw 'uri-error MESSAGE ARGS)."""
    return SchemeError(Condition(Symbol("uri-error"), from_list([MString(message, False),
                                                                 from_list(args)])))


def valid_host(host: str) -> bool:
    """Is HOST an IPv4 or IPv6 address or a DNS name, as (web uri) accepts them?"""
    import _socket
    if re.fullmatch(IPV4_RE, host) or re.fullmatch(IPV6_RE, host):
        family = _socket.AF_INET if re.fullmatch(IPV4_RE, host) else _socket.AF_INET6
        try:
            _socket.inet_pton(family, host)
            return True
        except OSError:
            return False
    *labels, top = host.split(".")
    return all(re.fullmatch(LABEL_RE, lab) for lab in labels) and bool(re.fullmatch(TOP_LABEL_RE, top))


def make_uri(rtd: RecordType, fields: list) -> Record:
    return Record(rtd, fields)


def string_to_uri_reference(s: str, rtd: RecordType) -> object:
    """A <uri> record for S, or #f when S is not a URI reference."""
    m = re.fullmatch(URI_RE, s)
    if m is None:
        return False
    scheme, authority, path, query, fragment = m.groups()
    if scheme is None:
        colon = path.find(":")
        if colon >= 0 and "/" not in path[:colon]:
            return False
    userinfo = host = port = None
    if authority is not None and authority != "//":
        a = re.fullmatch(AUTHORITY_RE, authority)
        host = a and (a.group(2) or a.group(3))
        if not a or not valid_host(host):
            return False
        userinfo, port = a.group(1), a.group(4)
        port = int(port) if port else None
    return make_uri(rtd, [Symbol(scheme.lower()) if scheme else False, opt(userinfo), opt(host),
                          False if port is None else port, MString(path), opt(query), opt(fragment)])


def opt(s: str | None) -> object:
    """A Scheme string for S, #f for None."""
    return False if s is None else MString(s)


def text(x: object) -> str | None:
    return x.s if type(x) is MString else None


def validate_uri_reference(scheme: object, userinfo: object, host: object, port: object,
                           path: object, query: object, fragment: object) -> None:
    """Raise Guile's uri-error when the parts cannot form a URI reference."""
    if scheme is not False and not isinstance(scheme, Symbol):
        raise uri_error("Expected a symbol for the URI scheme: ~s", scheme)
    if (userinfo is not False or port is not False) and host is False:
        raise uri_error("Expected a host, given userinfo or port")
    if port is not False and not (type(port) is int and port > 0):
        raise uri_error("Expected port to be an integer: ~s", port)
    if host is not False and (type(host) is not MString or not valid_host(host.s)):
        raise uri_error("Expected valid host: ~s", host)
    if userinfo is not False and type(userinfo) is not MString:
        raise uri_error("Expected string for userinfo: ~s", userinfo)
    if type(path) is not MString:
        raise uri_error("Expected string for path: ~s", path)
    if query is not False and type(query) is not MString:
        raise uri_error("Expected string for query: ~s", query)
    if fragment is not False and type(fragment) is not MString:
        raise uri_error("Expected string for fragment: ~s", fragment)
    check_path(scheme, host, path)


def check_path(scheme: object, host: object, path: MString) -> None:
    """RFC 3986's constraints on the path given the other components."""
    p = path.s
    if not p:
        return
    if host is not False:
        if p[0] != "/":
            raise uri_error('Expected absolute path starting with "/": ~a', path)
    elif p.startswith("//"):
        raise uri_error('Expected path not starting with "//" (no host): ~a', path)
    elif scheme is False and p[0] != "/":
        colon = p.find(":")
        if colon >= 0 and "/" not in p[:colon]:
            raise uri_error("Expected relative path's first segment without \":\": ~a", path)


def uri_to_string(v: list, ports: DefaultPorts, include_fragment: bool = True) -> str:
    """The text of a URI with field values V; a default port is left out."""
    scheme, userinfo, host, port, path, query, fragment = v
    out = []
    if scheme is not False:
        out += [scheme.name, ":"]
    if host is not False:
        out.append("//")
        if userinfo is not False:
            out += [userinfo.s, "@"]
        out.append(f"[{host.s}]" if ":" in host.s else host.s)
        if not ports.is_default(scheme, port):
            out += [":", str(port)]
    out.append(path.s)
    if query is not False:
        out += ["?", query.s]
    if fragment is not False and include_fragment:
        out += ["#", fragment.s]
    return "".join(out)


def decoding_error(data: bytes) -> SchemeError:
    """Guile's decoding-error for bytes that are not valid in the encoding."""
    args = [MString("scm_from_utf8_stringn", False), MString("input locale conversion error", False),
            84, bytearray(data)]
    return SchemeError(Condition(Symbol("decoding-error"), from_list(args)))


def uri_decode(s: str, encoding: str | None, plus_to_space: bool) -> object:
    """Percent-decode S; a string in ENCODING, or a bytevector when ENCODING is None."""
    out = bytearray()
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "+" and plus_to_space:
            out.append(32)
            i += 1
        elif c == "%" and i + 2 < n and s[i + 1] in HEX and s[i + 2] in HEX:
            out.append(int(s[i + 1:i + 3], 16))
            i += 3
        elif ord(c) < 128:
            out.append(ord(c))
            i += 1
        else:
            raise uri_error("Invalid character in encoded URI ~a: ~s", MString(s), Char(c))
    if encoding is None:
        return out
    try:
        return MString(out.decode(encoding))
    except UnicodeDecodeError:
        raise decoding_error(out) from None


def uri_encode(s: str, encoding: str, keep: object) -> str | None:
    """Percent-encode the characters of S for which KEEP is false; None when nothing changes."""
    if all(keep(c) for c in s):
        return None
    out = []
    for c in s:
        if keep(c):
            out.append(c)
        else:
            out.extend(f"%{b:02X}" for b in c.encode(encoding))
    return "".join(out)

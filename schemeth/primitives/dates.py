"""Broken-down time as Guile represents it: gmtime, localtime, mktime, strftime, strptime and the
tm:FIELD accessors and set-tm:FIELD! setters.

A broken-down time is an 11-element vector #(sec min hour mday mon year wday yday isdst gmtoff zone)
with C's conventions (mon 0-11, year since 1900, wday 0 = Sunday, yday 0-365), except that Guile's
gmtoff counts seconds *west* of UTC.
"""
from __future__ import annotations

import errno
import os
import time
from contextlib import contextmanager
from typing import Iterator

from ..data.conditions import wrong_type
from ..data.values import MString, Pair
from ..reactor.fds import errno_error
from .registry import primitive, vector_fields

FIELDS = ("sec", "min", "hour", "mday", "mon", "year", "wday", "yday", "isdst", "gmtoff", "zone")


@contextmanager
def time_zone(zone: object) -> Iterator[None]:
    """Make ZONE (a TZ string, or None for the process's own) the local zone for the block."""
    if zone is None:
        yield
        return
    saved = os.environ.get("TZ")
    os.environ["TZ"] = text(zone, "localtime")
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()


def text(obj: object, who: str, pos: int = 1) -> str:
    """The Python text of a string argument."""
    if type(obj) is not MString:
        raise wrong_type(who, pos, obj, "string")
    return obj.s


def seconds(obj: object, who: str) -> int:
    """A time in seconds since the epoch, as an exact integer."""
    if type(obj) is int:
        return obj
    if type(obj) is float:
        return int(obj)
    raise wrong_type(who, 1, obj, "integer")


def to_vector(t: time.struct_time) -> list:
    """Guile's vector for a Python struct_time."""
    return [t.tm_sec, t.tm_min, t.tm_hour, t.tm_mday, t.tm_mon - 1, t.tm_year - 1900,
            (t.tm_wday + 1) % 7, t.tm_yday - 1, t.tm_isdst, -(t.tm_gmtoff or 0),
            MString(t.tm_zone or "", False)]


def from_vector(v: object, who: str) -> time.struct_time:
    """A Python struct_time for Guile's vector V."""
    if type(v) is not list or len(v) != 11:
        raise wrong_type(who, 1, v, "broken-down time")
    zone = v[10].s if type(v[10]) is MString else None
    return time.struct_time((v[5] + 1900, v[4] + 1, v[3], v[2], v[1], v[0], (v[6] - 1) % 7, v[7] + 1,
                             v[8], zone, -v[9] if type(v[9]) is int else None))


@primitive("gmtime")
def gmtime(t: object) -> list:
    """The broken-down UTC time of T seconds since the epoch."""
    return to_vector(time.gmtime(seconds(t, "gmtime")))


@primitive("localtime")
def localtime(t: object, zone: object = None) -> list:
    """The broken-down local time (in ZONE, if given) of T seconds since the epoch."""
    with time_zone(zone):
        return to_vector(time.localtime(seconds(t, "localtime")))


@primitive("mktime")
def mktime(v: object, zone: object = None) -> Pair:
    """(seconds since the epoch . normalized broken-down time) for the local time V (in ZONE)."""
    with time_zone(zone):
        t = from_vector(v, "mktime")
        stamp = int(time.mktime(time.struct_time(tuple(t)[:8] + (v[8],))))
        return Pair(stamp, to_vector(time.localtime(stamp)))


@primitive("strftime")
def strftime(fmt: object, v: object) -> MString:
    """V formatted as the strftime(3) template FMT says."""
    return MString(time.strftime(text(fmt, "strftime"), from_vector(v, "strftime")), False)


@primitive("strptime")
def strptime(fmt: object, s: object) -> Pair:
    """(broken-down time . characters used) for the longest start of S that matches FMT."""
    template, data = text(fmt, "strptime"), text(s, "strptime", 2)
    for end in range(len(data), -1, -1):
        try:
            t = time.strptime(data[:end], template)
        except ValueError:
            continue
        v = to_vector(t)
        v[8] = 0
        return Pair(v, end)
    raise errno_error("strptime", errno.EINVAL)


vector_fields("tm", FIELDS, "broken-down time", setters=True)

"""The Python leaves of the web stack: date arithmetic, qualities, parameter lists, URIs.

Scheme-level behaviour is covered by the golden files 40-42 and tests/web; these check the building
blocks over wide input ranges that goldens cannot list.
"""
from __future__ import annotations

import datetime

import pytest

from schemeth.data.conditions import SchemeError
from schemeth.data.printer import write_string
from schemeth.data.values import Symbol
from schemeth.primitives import webheaders as wh
from schemeth.primitives import weburi as wu
from schemeth.primitives.records import RecordType


def test_civil_days_match_datetime():
    epoch = datetime.date(1970, 1, 1)
    for offset in range(-719_000, 800_000, 997):
        day = epoch + datetime.timedelta(days=offset)
        assert wh.days_from_civil(day.year, day.month, day.day) == offset
        assert wh.civil_from_days(offset) == (day.year, day.month, day.day)


@pytest.mark.parametrize("zone", [0, 3600, -5400, 50400, -43200])
def test_dates_move_to_utc(zone):
    start = datetime.datetime(1999, 12, 31, 22, 30, 15)
    for hours in range(0, 72, 5):
        local = start + datetime.timedelta(hours=hours)
        fields = [0, local.second, local.minute, local.hour, local.day, local.month, local.year, zone]
        utc = local - datetime.timedelta(seconds=zone)
        assert wh.to_utc(fields) == [0, utc.second, utc.minute, utc.hour, utc.day, utc.month,
                                     utc.year, 0]


def test_date_text_round_trip():
    for offset in range(0, 30_000, 371):
        day = datetime.datetime(1970, 1, 1) + datetime.timedelta(days=offset, seconds=offset * 7)
        text = day.strftime("%a, %d %b %Y %H:%M:%S GMT")
        fields = wh.parse_date_fields(text)
        assert wh.write_date_fields(fields, None) == text


@pytest.mark.parametrize("text, q", [("1", 1000), ("1.000", 1000), ("0", 0), ("0.", 0), ("0.5", 500),
                                     ("0.05", 50), ("0.123", 123), (".5", 500), (".25", 250)])
def test_quality(text, q):
    assert wh.parse_quality(text) == q


@pytest.mark.parametrize("text", ["", "2", "1.5", "0.1234", "0x5", ".", "0,5", "1.0000"])
def test_bad_quality(text):
    with pytest.raises(SchemeError) as info:
        wh.parse_quality(text)
    assert info.value.payload.key is Symbol("bad-header-component")


def test_param_and_key_value_lists():
    assert write_string(wh.parse_param_list('a;x=1;y="q;r", b ,c;z')) \
        == '((a (x . "1") (y . "q;r")) (b) (c z))'
    assert write_string(wh.parse_kv_list('a, b=1 , c="x,y"')) == '(a (b . "1") (c . "x,y"))'


def test_qstring_escapes():
    assert wh.parse_qstring('"a\\"b\\\\c"') == 'a"b\\c'
    assert wh.parse_qstring('"ab" rest', 0, None, True) == ("ab", 4)


def test_uri_parts_and_text():
    rtd = RecordType(Symbol("<uri>"), [Symbol(f) for f in "abcdefg"], [False] * 7)
    ports = wu.DefaultPorts()
    for text in ["http://u@h:81/p?q#f", "mailto:x@y", "/a?b", "//h", "file:/etc", "a/b?c#d",
                 "http://[::1]:8080/"]:
        uri = wu.string_to_uri_reference(text, rtd)
        assert wu.uri_to_string(uri.values, ports) == text
    assert wu.string_to_uri_reference("a:b:c", rtd).values[0] is Symbol("a")
    assert wu.string_to_uri_reference("1a:b", rtd) is False


def test_valid_hosts():
    good = ["localhost", "a.b-c.example", "127.0.0.1", "::1", "fe80::1", "x1.y2.z"]
    bad = ["", "a..b", "-a.com", "a-.com", "a.1b", "1.2.3", "999.1.1.1", "a b", "example.com."]
    assert all(wu.valid_host(h) for h in good)
    assert not any(wu.valid_host(h) for h in bad)

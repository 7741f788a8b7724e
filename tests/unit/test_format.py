"""simple-format and the (ice-9 format) formatter; expected texts checked on Guile 3.0.8."""
from __future__ import annotations

from fractions import Fraction

import pytest

from schemeth.data.conditions import SchemeError
from schemeth.data.values import NIL, Char, MString, Symbol, from_list
from schemeth.primitives import format as fmt_module
from schemeth.primitives.registry import TABLES

SIMPLE = TABLES[("guile",)]["simple-format"].fn
FULL = TABLES[fmt_module.INTERNAL]["format"].fn


def full(control: str, *args: object) -> str:
    """Run the full format to a string."""
    return FULL(False, MString(control), *args).s


def error_of(fn: object, *args: object) -> tuple:
    """Call FN expecting a Guile error; return (key, subr, message)."""
    with pytest.raises(SchemeError) as info:
        fn(*args)
    cond = info.value.payload
    items = []
    a = cond.args
    while a is not NIL:
        items.append(a.car)
        a = a.cdr
    subr = items[0].s if type(items[0]) is MString else None
    return cond.key.name, subr, items[1].s


def test_default_format_is_simple_format() -> None:
    assert TABLES[("guile",)]["format"] is TABLES[("guile",)]["simple-format"]


def test_simple_format_directives() -> None:
    out = SIMPLE(False, MString("~a ~s ~A~%~~"), MString("x"), MString("y"), Char("c"))
    assert out.s == 'x "y" c\n~'
    assert SIMPLE(False, MString("a~")).s == "a~"


def test_simple_format_errors() -> None:
    unsupported = "FORMAT: Unsupported format option ~~~A - use (ice-9 format) instead"
    assert error_of(SIMPLE, False, MString("~d"), 1) == ("misc-error", "simple-format", unsupported)
    assert error_of(SIMPLE, False, MString("~a")) == ("misc-error", "simple-format",
                                                      "FORMAT: Missing argument for ~~~A")
    assert error_of(SIMPLE, False, MString("~a"), 1, 2) == ("misc-error", "simple-format",
                                                            "FORMAT: ~A superfluous arguments")
    assert error_of(SIMPLE, Symbol("y"), MString("x"))[:2] == ("wrong-type-arg", "simple-format")


@pytest.mark.parametrize("control, args, expected", [
    ("~a ~s ~d", (MString("x"), MString("x"), 12), 'x "x" 12'),
    ("~10a|~10@a|", (MString("abc"), MString("abc")), "abc       |       abc|"),
    ("~10,3,2,'*a|", (MString("abc"),), "abc********|"),
    ("~5,'0d|~:d|~@d", (42, -1234567, 42), "00042|-1,234,567|+42"),
    ("~,,'.,4:d", (1234567,), "123.4567"),
    ("~x ~o ~b ~8,'0b", (255, 8, 5, 5), "ff 10 101 00000101"),
    ("~,2f ~,2f ~8,3f|", (2.675, Fraction(1, 3), 3.14159), "2.68 0.33    3.142|"),
    ("~f ~,0f ~,0f", (1e21, 2.5, 3.5), "1000000000000000000000.0 3. 4."),
    ("~e ~,3e ~g", (12345.678, 12345.678, 12345.678), "1.2345678E+4 1.235E+4 12345.678    "),
    ("~$ ~2,1,10@$|", (12.5, 3.14159), "12.50      +3.14|"),
    ("~r|~:r|~@r|~:@r", (1234, 1234, 1994, 1994),
     "one thousand, two hundred thirty-four|one thousand, two hundred thirty-fourth|MCMXCIV|MDCCCCLXXXXIIII"),
    ("~r ~r ~:r", (0, 1000001, 101), "zero one million, one one hundred first"),
    ("~c ~@c ~:c ~65c", (Char("a"), Char("a"), Char("\x01")), "a #\\a ^A A"),
    ("~a apple~:p ~a cherr~:@p", (2, 1), "2 apples 1 cherry"),
    ("a~%b~2%c~&~&d", (), "a\nb\n\nc\nd"),
    ("abc~10tdef~3@tg", (), "abc       def   g"),
    ("~:(hello ~a~)", (MString("big world"),), "HELLO Big World"),
    ("~@(hello ~a~) ~:@(x~)", (MString("big world"),), "HELLO Big world X"),
])
def test_directives(control: str, args: tuple, expected: str) -> None:
    assert full(control, *args) == expected


@pytest.mark.parametrize("control, args, expected", [
    ("~{~a~^, ~}", (from_list([1, 2, 3]),), "1, 2, 3"),
    ("~:{~a=~a~^; ~}", (from_list([from_list([Symbol("a"), 1]), from_list([Symbol("b"), 2])]),), "a=1b=2"),
    ("~@{~a~^-~}", (1, 2, 3), "1-2-3"),
    ("~2{~a~}", (from_list([1, 2, 3]),), "12"),
    ("~{~}", (MString("~a,"), from_list([1, 2])), "1,2,"),
    ("~[zero~;one~;two~:;many~]/~[zero~;one~:;many~]", (1, 7), "one/many"),
    ("~:[no~;yes~] ~@[x=~a~]|~a", (False, 5, 6), "no x=5|6"),
    ("~? ~a", (MString("~a+~a"), from_list([1, 2]), 3), "1+2 3"),
    ("~@? ~a", (MString("~a+~a"), 1, 2, 3), "1+2 3"),
    ("~a ~:* ~a ~2* ~a", (1, 2, 3, 4), "1  1  4"),
    ("~@{~a~#[~;, and ~:;, ~]~}", (1, 2, 3), "1, 2, and 3"),
])
def test_control_structures(control: str, args: tuple, expected: str) -> None:
    assert full(control, *args) == expected


def test_destinations() -> None:
    assert error_of(FULL, Symbol("bar"), MString("x")) == ("misc-error", None,
                                                           "format: bad destination `~~a' ~S")
    assert error_of(FULL, False, Symbol("foo")) == ("misc-error", None,
                                                    "format: expected a string for format string ~S")


def test_format_error_report(capsys: pytest.CaptureFixture) -> None:
    assert error_of(FULL, False, MString("~d"), 1.5) == ("misc-error", None, "error in format")
    captured = capsys.readouterr()
    assert captured.out.startswith("FORMAT: INTERNAL ERROR IN FORMAT-ERROR!\n")
    assert '(format #f "~d<===" ===>1.5 )\n        argument not an integer\n' in captured.err


def test_words() -> None:
    assert fmt_module.cardinal(-42) == "minus forty-two"
    assert fmt_module.ordinal(12) == "twelfth"
    assert fmt_module.ordinal(20) == "twentieth"
    assert fmt_module.ordinal(100) == "one hundredth"
    assert fmt_module.roman(3999, fmt_module._ROMAN) == "MMMCMXCIX"

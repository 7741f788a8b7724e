"""Reader and number syntax against Guile 3.0.8 (expected values recorded from `guile`)."""
from __future__ import annotations

import math
from fractions import Fraction

import pytest

from schemeth.data.conditions import SchemeError
from schemeth.data.printer import write_string
from schemeth.data.values import EOF, NIL, Char, Keyword, MString, Pair, Symbol
from schemeth.reader import build_tables, tables
from schemeth.reader.numbers import parse_number
from schemeth.reader.reader import IncompleteInput, datum_complete, read_all, read_one


def written(text: str) -> str:
    """All data of TEXT, written and space-separated."""
    return " ".join(write_string(d) for d in read_all(text)[0])


def error_args(text: str, filename: str | None = None) -> str:
    """The written (key subr message args rest) of the error reading TEXT raises."""
    with pytest.raises(SchemeError) as info:
        read_all(text, filename)
    condition = info.value.payload
    return write_string(Pair(condition.key, condition.args))


# ---------------------------------------------------------------- numbers

@pytest.mark.parametrize("text, expected", [
    ("1", 1), ("-1", -1), ("+1", 1), ("00012", 12), ("-0", 0),
    ("1/2", Fraction(1, 2)), ("2/4", Fraction(1, 2)), ("-6/3", -2), ("0/5", 0), ("#b-101/11", Fraction(-5, 3)),
    ("1.", 1.0), (".5", 0.5), ("-.5", -0.5), ("1e3", 1000.0), ("1E-3", 0.001), ("1.5e2", 150.0),
    ("1s2", 100.0), ("1f2", 100.0), ("1d2", 100.0), ("1l2", 100.0), ("1#", 10.0), ("12#.#", 120.0),
    ("1#.#e1", 100.0), ("1.#", 1.0), ("1e-324", 0.0), ("1000e306", math.inf),
    ("#e1.5", Fraction(3, 2)), ("#e.1", Fraction(1, 10)), ("#e1.2e-2", Fraction(3, 250)), ("#e1e3", 1000),
    ("#e1#", 10), ("#i1/2", 0.5), ("#i3", 3.0), ("#I1", 1.0), ("#e-0.0", 0),
    ("#x10", 16), ("#XFF", 255), ("#x-ff", -255), ("#xe", 14), ("#x1e2", 482), ("#b101", 5), ("#o17", 15),
    ("#d10", 10), ("#e#x10", 16), ("#x#e1", 1), ("#i#x10", 16.0), ("#x#i10", 16.0), ("#x1/2", Fraction(1, 2)),
    ("+inf.0", math.inf), ("-inf.0", -math.inf), ("+INF.0", math.inf),
    ("+i", 1j), ("-i", -1j), ("1+2i", 1 + 2j), ("1-i", 1 - 1j), ("+2i", 2j), ("1+0i", 1), ("1@0", 1),
    ("0@1", 0), ("1/2@0", Fraction(1, 2)),
])
def test_parse_number(text: str, expected: object) -> None:
    value = parse_number(text)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize("text, expected", [
    ("-0.0", "-0.0"), ("#i-0", "-0.0"), ("+nan.0", "+nan.0"), ("-nan.0", "+nan.0"),
    ("1@1", "0.5403023058681398+0.8414709848078965i"),
    ("1+0.0i", "1.0+0.0i"), ("#i1@0", "1.0+0.0i"), ("1.5+2/3i", "1.5+0.6666666666666666i"), ("#x+i", "0.0+1.0i"),
    ("+nan.00", "+nan.0"), ("-nan.0#", "+nan.0"), ("1e308", "1.0e308"), ("1e-320", "1.0e-320"),
    (".5e-3121", "5.0e-313"), ("#e1e308", "1" + "0" * 308),
])
def test_parse_number_written(text: str, expected: str) -> None:
    assert write_string(parse_number(text)) == expected


@pytest.mark.parametrize("text", [
    "", ".", "+", "-", "...", "1+", "-x", "inf.0", "+inf", "+nan.1", "1/0", "#i1/0", "1/2e2", "1/-2", "1/2/3",
    "1.2.3", "e1", "1e", "1e+", "1i", "0i", "+i+i", "1e3#", "1#.5", "#e#e1", "#x#x1", "#d#x1", "#e+inf.0",
    "#x1.5", "#b2", "#o8", "#xa.8", " 1", "1 ", "1_000", "\u0663", "#t", "#", "#e", "-0@+i", "1@-i", "1+1/0I",
    "+nan.1", "+nan.", "+inf.00",
])
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


def test_number_radix_argument() -> None:
    assert parse_number("ff", 16) == 255
    assert parse_number("#d10", 16) == 10
    assert parse_number("1.5", 16) is None
    assert parse_number("#d1.5", 2) == 1.5
    assert parse_number("1/10", 2) == Fraction(1, 2)


@pytest.mark.parametrize("text, exponent", [("1e400", 400), ("1e-400", -400), ("1e309", 309), ("1e-325", -325),
                                            ("0.001e309", 309), ("1e99999999999999999999", 99999999999999999999)])
def test_exponent_out_of_range(text: str, exponent: int) -> None:
    with pytest.raises(SchemeError) as info:
        parse_number(text)
    condition = info.value.payload
    assert write_string(Pair(condition.key, condition.args)) == \
        f'(out-of-range "string->number" "Value out of range: ~S" ({exponent}) ({exponent}))'


# ---------------------------------------------------------------- syntax

@pytest.mark.parametrize("text, expected", [
    ("abc ABC a.b :foo foo: a|b| |a a'b a#b", "abc ABC a.b :foo foo: a|b| |a a'b #{a#b}#"),
    ("#t #f #true #false #T #TRUE", "#t #f #t #f #t #t"),
    ("#tru #t1 #f(1) #t#f #t.", "#t ru #t 1 #f (1) #t #f #t #{.}#"),
    ("1 -2 1/2 .5 1e3 #x10 #e1.5 + - ... 1+ -x", "1 -2 1/2 0.5 1000.0 16 3/2 + - ... #{1+}# -x"),
    ('"a\\nb\\t\\\\\\"" "\\a\\b\\v\\f\\r\\0" "\\x41;" "\\u03bb" "\\U01F600" "\\|\\("',
     '"a\\nb\\t\\\\\\"" "\\a\\b\\v\\f\\r\\x00" "A;" "\u03bb" "\U0001f600" "|("'),
    ('"a\\\n   b" "x\\\n\\\ny"', '"a   b" "xy"'),
    ("#\\a #\\A #\\( #\\) #\\; #\\\" #\\  #\\x #\\x41 #\\x41;\n #\\101 #\\12 #\\0 #\\\u03bb",
     '#\\a #\\A #\\( #\\) #\\; #\\" #\\space #\\x #\\A #\\A #\\A #\\newline #\\0 #\\\u03bb'),
    ("#\\space #\\SPACE #\\newline #\\nul #\\null #\\tab #\\alarm #\\backspace #\\delete #\\del #\\escape #\\esc",
     "#\\space #\\space #\\newline #\\nul #\\nul #\\tab #\\alarm #\\backspace #\\delete #\\delete #\\esc #\\esc"),
    ("#\\return #\\linefeed #\\nl #\\page #\\np #\\vtab #\\sp #\\soh #\\bel #\\us #\\x+1",
     "#\\return #\\newline #\\newline #\\page #\\page #\\vtab #\\space #\\soh #\\alarm #\\us #\\soh"),
    ("#{a b}# #{}# #{a}}# #{a\\x41;}# #{a\\ b}# #{a\\nb}# #{a\\\\b}#", "#{a b}# #{}# #{a\\x7d;}# aA #{a b}# anb a\\b"),
    ("#:foo #: foo #:foo:bar #:#{a b}#", "#:foo #:foo #:foo:bar #:#{a b}#"),
    ("(1 2) (1 . 2) (1 2 . 3) (1 . (2)) () [1 2] [a . b] (. 1) (1 .2)",
     "(1 2) (1 . 2) (1 2 . 3) (1 2) () (1 2) (a . b) 1 (1 0.2)"),
    (". ( . x)", "#{.}# x"),
    ("#(1 2) #() #(a #(b)) #vu8(1 255) #vu8() #u8(1 2)", "#(1 2) #() #(a #(b)) #vu8(1 255) #vu8() #u8(1 2)"),
    ("'a `a ,a ,@a #'a #`a #,a #,@a ' a '#;1 2", "(quote a) (quasiquote a) (unquote a) (unquote-splicing a) "
     "(syntax a) (quasisyntax a) (unsyntax a) (unsyntax-splicing a) (quote a) (quote 2)"),
    ("1 ; comment\n2;x\n", "1 2"),
    ("#| a #| b |# c |# 1 #|#|x|#|# 2 (1 #| c |# 2)", "1 2 (1 2)"),
    ("#| |#| |# 3", "| #{|#}# 3"),
    ("#;1 2 #; 3 4 #;(5 6) 7 (1 #;2) #;#;8 9 10 (1 #;2 . 3) (1 . #;2 3) (1 . 2 #;3)",
     "2 4 7 (1) 10 (1 . 3) (1 . 3) (1 . 2)"),
    ("#!/usr/bin/guile -s\n!#\n1 #! abc\n!# 2 #!abc !# 3", "1 2 3"),
    ("#!fold-case ABC #{ABC}# #:FOO #\\A #!no-fold-case ABC", "abc ABC #:foo #\\A ABC"),
    ("#!r6rs a #!curly-infix-and-bracket-lists b", "a b"),
    ("a(b)c\"d\"e[f]", "a (b) c \"d\" e (f)"),
    ("\ufeff(a)", "(a)"),
    ("a\x0bb a\x1cb a\xa0b 1\f2\r3", "#{a\\xb;b}# #{a\\x1c;b}# #{a\xa0b}# 1 2 3"),
])
def test_syntax(text: str, expected: str) -> None:
    assert written(text) == expected


def test_value_types() -> None:
    data, _ = read_all('"s" #\\a #:k sym #(1) #vu8(1) (1 . 2)')
    string, char, keyword, symbol, vector, bytevector, pair = data
    assert type(string) is MString and string.s == "s" and string.mutable
    assert char is Char("a") and keyword is Keyword("k") and symbol is Symbol("sym")
    assert vector == [1] and type(bytevector) is bytearray and bytevector == bytearray([1])
    assert type(pair) is Pair and pair.car == 1 and pair.cdr == 2


def test_deep_and_long_input() -> None:
    deep, _ = read_all("(" * 50000 + ")" * 50000)
    depth = 0
    x = deep[0]
    while type(x) is Pair:
        depth += 1
        x = x.car
    assert depth == 49999 and x is NIL
    long, _ = read_all("(" + "x " * 100000 + ")")
    assert len(list(long[0])) == 100000


# ---------------------------------------------------------------- errors

@pytest.mark.parametrize("text, expected", [
    (")", '(read-error #f "#<unknown port>:1:2: unexpected \\")\\"" () #f)'),
    ("]", '(read-error #f "#<unknown port>:1:2: unexpected \\"]\\"" () #f)'),
    ("#t)", '(read-error #f "#<unknown port>:1:4: unexpected \\")\\"" () #f)'),
    ("(1 .)", '(read-error #f "#<unknown port>:1:6: unexpected \\")\\"" () #f)'),
    ("(a #;)", '(read-error #f "#<unknown port>:1:7: unexpected \\")\\"" () #f)'),
    ("(1 . 2 3)", '(read-error #f "#<unknown port>:1:9: missing close paren: ~A" (#\\3) #f)'),
    ("(a . b . c)", '(read-error #f "#<unknown port>:1:9: missing close paren: ~A" (#\\.) #f)'),
    ("(a . b]", '(read-error #f "#<unknown port>:1:8: missing close paren: ~A" (#\\]) #f)'),
    ("[1 2)", '(read-error #f "#<unknown port>:1:6: mismatched close paren: ~A" (#\\)) #f)'),
    ("(a [b)", '(read-error #f "#<unknown port>:1:7: mismatched close paren: ~A" (#\\)) #f)'),
    ("#(1 2]", '(read-error #f "#<unknown port>:1:7: mismatched close paren: ~A" (#\\]) #f)'),
    ("#xzz", '(read-error #f "#<unknown port>:1:5: unknown # object: ~S" ("#xzz") #f)'),
    ("(1 2 #x1g)", '(read-error #f "#<unknown port>:1:10: unknown # object: ~S" ("#x1g") #f)'),
    ("#e1/0", '(read-error #f "#<unknown port>:1:6: unknown # object: ~S" ("#e1/0") #f)'),
    ("#y", '(read-error #f "#<unknown port>:1:3: Unknown # object: ~S" ("#y") #f)'),
    ("#<foo>", '(read-error #f "#<unknown port>:1:3: Unknown # object: ~S" ("#<") #f)'),
    ("#:1", '(read-error #f "#<unknown port>:1:4: keyword prefix #: not followed by a symbol: ~a" (1) #f)'),
    ('#:"s"', '(read-error #f "#<unknown port>:1:6: keyword prefix #: not followed by a symbol: ~a" ("s") #f)'),
    ("#\\x41z", '(read-error #f "#<unknown port>:1:7: unknown character name ~a" ("x41z") #f)'),
    ("#\\rubout", '(read-error #f "#<unknown port>:1:9: unknown character name ~a" ("rubout") #f)'),
    ("#\\18", '(read-error #f "#<unknown port>:1:5: unknown character name ~a" ("18") #f)'),
    ("#\\x110000", '(out-of-range "integer->char" "Argument 1 out of range: ~S" (1114112) (1114112))'),
    ('"\\ud800"', '(out-of-range "integer->char" "Argument 1 out of range: ~S" (55296) (55296))'),
    ('"\\q"', '(read-error #f "#<unknown port>:1:4: invalid character in escape sequence: ~S" (#\\q) #f)'),
    ('"\\x4g"', '(read-error #f "#<unknown port>:1:6: invalid character in escape sequence: ~S" (#\\g) #f)'),
    ('"\\x4"', '(read-error #f "#<unknown port>:1:6: invalid character in escape sequence: ~S" (#\\") #f)'),
    ('"a\\   \n   b"', '(read-error #f "#<unknown port>:1:5: invalid character in escape sequence: ~S" (#\\space) #f)'),
    ("#vu8(256)", '(out-of-range "bytevector-u8-set!" "Value out of range: ~S" (256) (256))'),
    ("#vu8(a)", '(wrong-type-arg "bytevector-u8-set!" "Wrong type argument in position ~A: ~S" (3 a) (a))'),
    ("1e400", '(out-of-range "string->number" "Value out of range: ~S" (400) (400))'),
])
def test_read_errors(text: str, expected: str) -> None:
    assert error_args(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("(", "1:2: unexpected end of input while searching for: ~A\" (#\\))"),
    ("[1 2", "1:5: unexpected end of input while searching for: ~A\" (#\\])"),
    ("#(1 2", "1:6: unexpected end of input while searching for: ~A\" (#\\))"),
    ("#vu8(1", "1:7: unexpected end of input while searching for: ~A\" (#\\))"),
    ("'", "1:2: unexpected end of input while reading quoted expression\" ()"),
    ("`", "1:2: unexpected end of input while reading quasiquoted expression\" ()"),
    (",", "1:2: unexpected end of input while reading unquoted expression\" ()"),
    (",@", "1:3: unexpected end of input while reading subexpression of ,@\" ()"),
    ("#'", "1:3: unexpected end of input while reading syntax expression\" ()"),
    ("#`", "1:3: unexpected end of input while reading quasisyntax expression\" ()"),
    ("#,", "1:3: unexpected end of input while reading unsyntax expression\" ()"),
    ("#,@", "1:4: unexpected end of input while reading unsyntax-splicing expression\" ()"),
    ("' #;1", "1:6: unexpected end of input while reading quoted expression\" ()"),
    ("(1 . ", "1:6: unexpected end of input while reading tail of improper list\" ()"),
    ("(1 . 2", "1:7: missing close paren: ~A\" (#<eof>)"),
    ("#;", "1:3: unexpected end of input while reading #; comment\" ()"),
    ("#;(", "1:4: unexpected end of input while searching for: ~A\" (#\\))"),
    ("#:", "1:3: unexpected end of input while reading keyword\" ()"),
    ('"abc', "1:5: unexpected end of input while reading string\" ()"),
    ("#{abc}", "1:7: end of input while reading symbol\" ()"),
    ("#\\", "1:3: unexpected end of input after #\\\\\" ()"),
    ("#", "1:2: unexpected end of input after #\" ()"),
    ("#| a", "1:5: unterminated `#| ... |#' comment\" ()"),
    ("#!foo", "1:6: unterminated `#! ... !#' comment\" ()"),
    ("#!eof 1", "1:8: unterminated `#! ... !#' comment\" ()"),
])
def test_incomplete_input(text: str, expected: str) -> None:
    with pytest.raises(IncompleteInput) as info:
        read_all(text)
    args = write_string(info.value.payload.args)
    assert args == f'(#f "#<unknown port>:{expected} #f)'
    assert info.value.payload.key is Symbol("read-error")


def test_error_location_uses_filename_line_and_tabs() -> None:
    assert error_args('(define x 1)\n  (foo "abc\n', "/tmp/bad1.scm") == \
        '(read-error #f "/tmp/bad1.scm:3:1: unexpected end of input while reading string" () #f)'
    assert error_args("(a\n b)\n  )", "/tmp/bad2.scm") == \
        '(read-error #f "/tmp/bad2.scm:3:4: unexpected \\")\\"" () #f)'
    assert error_args("\t)") == '(read-error #f "#<unknown port>:1:10: unexpected \\")\\"" () #f)'


# ---------------------------------------------------------------- locations

def located(text: str, filename: str | None = "f.scm") -> list[tuple[str, tuple]]:
    """Every located pair of TEXT's data, written, with its location."""
    data, locations = read_all(text, filename)
    found = []
    pending = list(reversed(data))
    while pending:
        x = pending.pop()
        if type(x) is Pair:
            if id(x) in locations:
                found.append((write_string(x), locations[id(x)]))
            pending += (x.cdr, x.car)
        elif type(x) is list:
            pending += reversed(x)
    return found


def test_locations_match_guile_source_properties() -> None:
    # Guile: line 0-based in source-properties; ours 1-based.  Columns count tabs to multiples of 8.
    text = "(define (f x)\n\t(if x\n  '(a b) `(c ,d)))\n[e . f]"
    assert located(text) == [
        ("(define (f x) (if x (quote (a b)) (quasiquote (c (unquote d)))))", ("f.scm", 1, 0)),
        ("(f x)", ("f.scm", 1, 8)),
        ("(if x (quote (a b)) (quasiquote (c (unquote d))))", ("f.scm", 2, 8)),
        ("(quote (a b))", ("f.scm", 3, 2)),
        ("(a b)", ("f.scm", 3, 3)),
        ("(quasiquote (c (unquote d)))", ("f.scm", 3, 9)),
        ("(c (unquote d))", ("f.scm", 3, 10)),
        ("(unquote d)", ("f.scm", 3, 13)),
        ("(e . f)", ("f.scm", 4, 0)),
    ]
    assert located("\t(a b)\n  \t (c)") == [("(a b)", ("f.scm", 1, 8)), ("(c)", ("f.scm", 2, 9))]


def test_commented_out_lists_leave_no_locations() -> None:
    data, locations = read_all("#;(a (b)) (c) #;'x")
    assert list(locations) == [id(data[0])]


# ---------------------------------------------------------------- read_one

def read_sequence(text: str) -> list[tuple[str, int]]:
    """Read TEXT datum by datum; the written data and end offsets."""
    out = []
    pos = 0
    while True:
        datum, pos, _ = read_one(text, pos)
        if datum is EOF:
            return out
        out.append((write_string(datum), pos))


def test_read_one_sequence() -> None:
    assert read_sequence("  (a b) c ;x\n'd #;e \"s\"") == [("(a b)", 7), ("c", 9), ("(quote d)", 15), ('"s"', 23)]
    assert read_sequence(" ; only a comment\n #| block |# #;(skipped) ") == []


def test_read_one_positions_continue_from_line_and_column() -> None:
    datum, end, locations = read_one("  (a b) c", 0, "f", 5, 3)
    assert (write_string(datum), end, list(locations.values())) == ("(a b)", 7, [("f", 5, 5)])
    datum, end, locations = read_one("foo\n\t(bar\n baz)", 3, "f", 1, 3)
    assert (write_string(datum), end, list(locations.values())) == ("(bar baz)", 15, [("f", 2, 8)])
    with pytest.raises(SchemeError) as info:
        read_one(")", 0, "f", 3, 4)
    assert write_string(info.value.payload.args) == '(#f "f:3:6: unexpected \\")\\"" () #f)'


@pytest.mark.parametrize("text", ["(a", "(a\n (b", "'", "\"abc", "#|", "#; ", "#(1", "(a . ", "#:", "#{x"])
def test_read_one_incomplete(text: str) -> None:
    with pytest.raises(IncompleteInput):
        read_one(text)


def test_read_one_retry_after_more_input() -> None:
    with pytest.raises(IncompleteInput):
        read_one("(define (f x)\n")
    datum, end, _ = read_one("(define (f x)\n  x) rest")
    assert write_string(datum) == "(define (f x) x)" and end == 18


def test_read_one_partial_atoms() -> None:
    assert read_one("abc")[0] is Symbol("abc")
    with pytest.raises(IncompleteInput):
        read_one("abc", partial=True)
    assert read_one("abc ", partial=True)[:2] == (Symbol("abc"), 3)
    assert write_string(read_one('"s"', partial=True)[0]) == '"s"'
    assert write_string(read_one("(a b)", partial=True)[0]) == "(a b)"


def test_read_one_end_of_comments() -> None:
    assert read_one("#;1")[0] is EOF
    assert read_one("   ")[:2] == (EOF, 3)


# ---------------------------------------------------------------- datum_complete

@pytest.mark.parametrize("text", [
    "1", "abc", "(a b)", "[a b]", "(a (b) [c])", "\"a\"", "'x", "#;1 2", "(f #\\( )", "(f #\\))", "#(1 2)",
    "#vu8(1)", "#| c |# x", "#| #| nested |# |# x", "; c\nx", "(a \"b)\" c)", "(a \"b\\\"\" c)", "#!fold-case x",
    "#{a b}#", "#:k", "(a)) ", ")", "x y", "(a) ; trailing comment", "#\\a", "#\\space", ".",
])
def test_datum_complete(text: str) -> None:
    assert datum_complete(text)


@pytest.mark.parametrize("text", [
    "", "   ", "; comment", "(", "(a (b)", "[a", "\"abc", "(a \"b)\"", "'", "#;", "#;1", "#;(1 2)", "#| x",
    "#| #| x |#", "(f #\\(", "#(1", "#:", "#\\", "#{a", "#!/bin/sh", "`(a ,", "#", "(a . ",
])
def test_datum_incomplete(text: str) -> None:
    assert not datum_complete(text)


def test_tables_are_current() -> None:
    assert tables.GRAMMAR_SHA256 == build_tables.grammar_digest(), "run: python -m schemeth.reader.build_tables"


def test_reader_round_trips_printer_output() -> None:
    text = "(a #(1 \"x\\n\" #\\space) #{b c}# 1.5 -0.0 1/3 #:k #vu8(7) (d . e) #t ())"
    assert written(written(text)) == written(text) == text


def test_strings_and_vectors_are_fresh_objects() -> None:
    a, b = read_all('"x" "x"')[0]
    assert a is not b
    v1, v2 = read_all("#(1) #(1)")[0]
    assert v1 is not v2

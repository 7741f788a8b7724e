"""Records, exception objects and the pretty-printer layout; expectations checked on Guile 3.0.8."""
from __future__ import annotations

import pytest

from schemeth.data.conditions import Condition, SchemeError
from schemeth.data.printer import display_string, write_string
from schemeth.data.values import NIL, MString, Pair, Symbol, from_list
from schemeth.interpreter import Interpreter
from schemeth.primitives import exceptions, prettyprint, records
from schemeth.primitives.equality import is_equal
from schemeth.primitives.registry import TABLES

GUILE = TABLES[("guile",)]


def call(name: str, *args: object) -> object:
    """Apply the (guile) primitive NAME."""
    return GUILE[name].fn(*args)


def syms(*names: str) -> object:
    """A Scheme list of symbols."""
    return from_list([Symbol(n) for n in names])


def error_args(fn, *args: object) -> tuple:
    """Call FN expecting a Guile error; return its key name and argument list."""
    with pytest.raises(SchemeError) as info:
        fn(*args)
    c = info.value.payload
    return c.key.name, write_string(c.args)


@pytest.fixture
def point() -> records.RecordType:
    return records.new_record_type(Symbol("point"), syms("x", "y"))


def test_record_prints_like_guile(point: records.RecordType) -> None:
    p = records.make_constructor(point, "make-point").fn(1, MString("a", False))
    assert write_string(p) == '#<point x: 1 y: "a">'
    assert display_string(p) == '#<point x: 1 y: "a">'   # fields are always written
    assert write_string(point) == "#<record-type point>"


def test_records_are_equal_field_by_field(point: records.RecordType) -> None:
    make = records.make_constructor(point, "make-point").fn
    other = records.new_record_type(Symbol("point"), syms("x", "y"))
    assert is_equal(make(1, 2), make(1, 2))
    assert not is_equal(make(1, 2), make(1, 3))
    assert not is_equal(make(1, 2), records.make_constructor(other, "m").fn(1, 2))


def test_partial_constructor_fills_false(point: records.RecordType) -> None:
    make = records.make_constructor(point, "mk", syms("y")).fn
    assert make(5).values == [False, 5]
    assert error_args(make)[0] == "wrong-number-of-args"


def test_srfi9_accessor_errors(point: records.RecordType) -> None:
    get_x = call("%srfi-9-accessor", point, Symbol("x"), Symbol("point-x")).fn
    other = records.new_record_type(Symbol("other"), syms("a"))
    stranger = records.make_constructor(other, "m").fn(1)
    assert error_args(get_x, 5) == (
        "wrong-type-arg",
        '("struct-vtable" "Wrong type argument in position 1 (expecting struct): ~S" (5) (5))')
    assert error_args(get_x, stranger) == (
        "wrong-type-arg", '(point-x "Wrong type argument: ~S" (#<other a: 1>) (#<other a: 1>))')


def test_record_modifier_rejects_immutable_field() -> None:
    rtd = records.new_record_type(Symbol("r"), from_list([from_list([Symbol("immutable"), Symbol("a")])]))
    key, args = error_args(call, "record-modifier", rtd, Symbol("a"))
    assert (key, args) == ("misc-error", '(#f "field is immutable ~S ~S" (#<record-type r> a) #f)')


def test_set_field_copies(point: records.RecordType) -> None:
    make = records.make_constructor(point, "make-point").fn
    get_y = call("%srfi-9-accessor", point, Symbol("y"), Symbol("point-y"))
    p = make(1, 2)
    q = call("%record-set-field", p, get_y, 9)
    assert (p.values, q.values) == ([1, 2], [1, 9])


def test_throw_seen_as_compound_exception() -> None:
    c = Condition(Symbol("wrong-type-arg"),
                  from_list([MString("car", False), MString("msg ~S", False), from_list([5]), from_list([5])]))
    names = [part.rtd.name.name for part in exceptions.exception_parts(c)]
    assert names == ["&assertion-failure", "&origin", "&message", "&irritants", "&exception-with-kind-and-args"]
    assert call("exception-kind", c) is Symbol("wrong-type-arg")
    assert call("exception?", c) is True
    assert call("exception?", 5) is False


def test_exception_kind_of_compound() -> None:
    kind_args = exceptions.simple(exceptions.KIND_AND_ARGS, Symbol("foo"), from_list([1]))
    compound = call("make-exception", exceptions.simple(exceptions.ERROR), kind_args)
    assert call("exception-kind", compound) is Symbol("foo")
    assert call("exception-kind", exceptions.simple(exceptions.ERROR)) is Symbol("%exception")
    assert write_string(call("exception-args", 7)) == "(7)"


def test_print_exception_text() -> None:
    args = from_list([MString("car", False), MString("Wrong type: ~S", False), from_list([5]), NIL])
    assert exceptions.exception_text(Symbol("wrong-type-arg"), args) == "In procedure car: Wrong type: 5"
    assert exceptions.exception_text(Symbol("foo"), from_list([1, 2])) == "Throw to key `foo' with args `(1 2)'."
    short = from_list([MString("s", False), MString("x ~a y ~a", False), from_list([1]), False])
    assert exceptions.exception_text(Symbol("misc-error"), short) == \
        "In procedure s: x 1Error while printing exception."


def test_pretty_print_layout() -> None:
    interp = Interpreter()
    datum = interp.eval("'(define (f x) (if (= x 0) 1 (* x (f (- x 1)))))")
    text = prettyprint.GenericWrite(False, 30, 50, "").run(datum)
    assert text == "(define (f x)\n  (if (= x 0)\n    1\n    (* x (f (- x 1)))))\n"
    assert prettyprint.GenericWrite(False, 79, 50, "").run(interp.eval("''a")) == "'a\n"


def test_custom_printer_runs_scheme() -> None:
    interp = Interpreter()
    value = interp.eval("""
      (use-modules (srfi srfi-9) (srfi srfi-9 gnu))
      (define-record-type <p> (make-p a) p? (a p-a))
      (set-record-type-printer! <p> (lambda (r port) (display "<p " port) (write (p-a r) port) (display ">" port)))
      (list (make-p "x"))""")
    assert type(value) is Pair
    assert write_string(value) == '(<p "x">)'

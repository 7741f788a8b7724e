"""Records: Guile's record types and instances, the substrate of SRFI-9 and of exception objects.

A record type descriptor (`RecordType`) lists its field names, which of them are mutable, and its
parent; an instance (`Record`) holds one value per field.  Constructors, predicates, accessors and
modifiers are Primitives made at run time, so they stay Python leaves.  A record type may carry a custom
printer (a Scheme procedure): printing is a Python leaf, so such a record prints through a nested run of
the machine that installed the printer (continuations captured inside a printer cannot escape it).
"""
from __future__ import annotations

from typing import Callable

from ..data.conditions import Condition, SchemeError, guile_error, wrong_num_args
from ..data.printer import display_string, write_string
from ..data.procedures import Primitive
from ..data.values import Keyword, MString, Pair, Symbol, from_list, to_list
from ..machine.machine import Machine, UncaughtError
from .control import arity, check_arity
from .lists import wrong_type_in
from .registry import control, primitive


PRINTING: set[int] = set()     # records being printed now, to cut cycles


class RecordType:
    """A record type descriptor: `#<record-type NAME>`."""

    __slots__ = ("name", "fields", "mutable", "parent", "extensible", "printer", "machine",
                 "ancestors", "accessors")

    def __init__(self, name: object, fields: list[Symbol], mutable: list[bool],
                 parent: "RecordType | None" = None, extensible: bool = False) -> None:
        inherited = parent.fields if parent else ()
        self.name = name
        self.fields = tuple(inherited) + tuple(fields)
        self.mutable = (parent.mutable if parent else ()) + tuple(mutable)
        self.parent = parent
        self.extensible = extensible
        self.printer: object = parent.printer if parent else False
        self.machine: Machine | None = parent.machine if parent else None
        self.ancestors: tuple = (parent.ancestors + (parent,)) if parent else ()
        self.accessors: dict[int, tuple[Primitive, int]] = {}   # id(accessor) -> (accessor, index)

    def scheme_repr(self, write: bool) -> str:
        return f"#<record-type {display_string(self.name)}>"

    def is_a(self, rtd: "RecordType") -> bool:
        """Is this type RTD or one of its descendants?"""
        return self is rtd or rtd in self.ancestors


class Record:
    """An instance of a record type: `#<NAME field: value ...>` unless its type has a printer."""

    __slots__ = ("rtd", "values")

    def __init__(self, rtd: RecordType, values: list) -> None:
        self.rtd = rtd
        self.values = values

    def scheme_repr(self, write: bool) -> str:
        rtd = self.rtd
        if rtd.printer is not False and rtd.machine is not None:
            return run_printer(rtd.machine, rtd.printer, self)
        if id(self) in PRINTING:
            # a record that (indirectly) contains itself: print the inner occurrence shallowly
            return f"#<{display_string(rtd.name)} ...>"
        PRINTING.add(id(self))
        try:
            fields = "".join(f" {display_string(f)}: {write_string(v)}"
                             for f, v in zip(rtd.fields, self.values))
        finally:
            PRINTING.discard(id(self))
        return f"#<{display_string(rtd.name)}{fields}>"

    def equal_parts(self) -> tuple:
        """equal? compares records of the same type field by field, as Guile does for structs."""
        return (self.rtd, *self.values)


def run_printer(m: Machine, printer: object, record: Record) -> str:
    """Run a Scheme record printer on a string port in a nested run, returning what it printed."""
    from .ports import open_output_string
    port = open_output_string()
    regs = m.regs
    saved = regs.handlers
    regs.handlers = None      # an error inside the printer must not run outer handlers nested
    try:
        m.call(printer, (record, port))
    except UncaughtError as exc:
        raise SchemeError(exc.payload) from None
    finally:
        regs.handlers = saved
    return port.getvalue()


# -- checks and error shapes ---------------------------------------------------------------------

def not_a(what: str, obj: object) -> SchemeError:
    """Guile's `(error 'not-a-record-type obj)` shape: misc-error "~A ~S"."""
    return guile_error("misc-error", None, "~A ~S", [Symbol(what), obj], None)


def record_type_arg(rtd: object) -> RecordType:
    """RTD, checked to be a record type descriptor."""
    if type(rtd) is not RecordType:
        raise not_a("not-a-record-type", rtd)
    return rtd


def field_index(rtd: RecordType, field: object) -> int:
    """Position of FIELD (a name or an index) in RTD."""
    if type(field) is int and 0 <= field < len(rtd.fields):
        return field
    for i, name in enumerate(rtd.fields):
        if name is field:
            return i
    raise not_a("no-such-field", field)


def parse_field_spec(spec: object) -> tuple[Symbol, bool]:
    """A field spec is NAME, (mutable NAME) or (immutable NAME); plain names are mutable."""
    if type(spec) is Pair and type(spec.cdr) is Pair:
        return spec.cdr.car, spec.car is not Symbol("immutable")
    return spec, True


def keyword_args(rest: tuple, who: str) -> dict[str, object]:
    """Parse trailing #:key value arguments."""
    options: dict[str, object] = {}
    for i in range(0, len(rest) - 1, 2):
        if type(rest[i]) is not Keyword:
            break
        options[rest[i].name] = rest[i + 1]
    if len(rest) % 2:
        raise guile_error("keyword-argument-error", who, "Invalid keyword", [], [rest[-1]])
    return options


# -- record types --------------------------------------------------------------------------------

def new_record_type(name: object, specs: object, parent: object = False, extensible: object = False
                    ) -> RecordType:
    """Build a record type from Scheme-level field specs, checking the parent may be extended."""
    if parent is not False:
        record_type_arg(parent)
        if not parent.extensible:
            raise guile_error("misc-error", None, "parent type is final", [], None)
    fields = [parse_field_spec(s) for s in to_list(specs)]
    return RecordType(name, [f for f, _ in fields], [m for _, m in fields], parent or None,
                      extensible is not False)


@control("make-record-type")
@arity(2, 1, True)
def make_record_type(m: Machine, args: tuple) -> RecordType:
    """(make-record-type name fields [printer] #:parent #:extensible? ...): a new record type."""
    check_arity("make-record-type", args, 2, 1, True)
    name, specs, rest = args[0], args[1], args[2:]
    printer: object = False
    if rest and type(rest[0]) is not Keyword:
        printer, rest = rest[0], rest[1:]
    options = keyword_args(rest, "make-record-type")
    rtd = new_record_type(name, specs, options.get("parent", False), options.get("extensible?", False))
    if printer is not False:
        rtd.printer, rtd.machine = printer, m
    return rtd


@control("%set-record-type-printer!")
@arity(2)
def set_record_type_printer(m: Machine, args: tuple) -> object:
    """(set-record-type-printer! rtd proc): print instances of RTD by calling (PROC record port)."""
    check_arity("%set-record-type-printer!", args, 2)
    rtd, printer = args
    if type(rtd) is not RecordType:
        raise guile_error("wrong-type-arg", "struct-set!", "Wrong type argument in position ~A (expecting ~A): ~S",
                          [1, MString("struct", False), rtd], [rtd])
    rtd.printer, rtd.machine = printer, m
    return printer


@primitive("record-type?")
def record_type_p(x: object) -> bool:
    """Is X a record type descriptor?"""
    return type(x) is RecordType


@primitive("record?")
def record_p(x: object) -> bool:
    """Is X a record instance?"""
    return type(x) is Record


@primitive("record-type-name")
def record_type_name(rtd: object) -> object:
    """The name RTD was made with."""
    return record_type_arg(rtd).name


@primitive("record-type-fields")
def record_type_fields(rtd: object) -> object:
    """The field names of RTD, inherited ones first."""
    return from_list(record_type_arg(rtd).fields)


@primitive("record-type-parent")
def record_type_parent(rtd: object) -> object:
    """The parent of RTD, or #f."""
    return record_type_arg(rtd).parent or False


@primitive("record-type-extensible?")
def record_type_extensible_p(rtd: object) -> bool:
    """Can RTD be a parent?"""
    return record_type_arg(rtd).extensible


@primitive("record-type-has-parent?")
def record_type_has_parent_p(rtd: object, parent: object) -> bool:
    """Is PARENT among RTD's ancestors (or RTD itself)?"""
    return record_type_arg(rtd).is_a(parent) if type(parent) is RecordType else False


@primitive("record-type-descriptor")
def record_type_descriptor(record: object) -> RecordType:
    """The type of RECORD."""
    if type(record) is not Record:
        raise not_a("not-a-record", record)
    return record.rtd


@primitive("%record-values")
def record_values(record: object) -> object:
    """The field values of RECORD in order (for the `$' patterns of (ice-9 match))."""
    if type(record) is not Record:
        raise not_a("not-a-record", record)
    return from_list(record.values)


# -- procedures over a record type ----------------------------------------------------------------

def make_constructor(rtd: RecordType, name: str, fields: object = None) -> Primitive:
    """A constructor taking the FIELDS named (all fields by default); the others start as #f."""
    n = len(rtd.fields)
    slots = list(range(n)) if fields is None else [field_index(rtd, f) for f in to_list(fields)]

    def construct(*vals: object) -> Record:
        if len(vals) != len(slots):
            raise wrong_num_args(prim)
        if len(slots) == n and fields is None:
            return Record(rtd, list(vals))
        values: list = [False] * n
        for i, v in zip(slots, vals):
            values[i] = v
        return Record(rtd, values)
    prim = Primitive(name, construct, len(slots))
    return prim


def make_predicate(rtd: RecordType, name: str) -> Primitive:
    """A predicate true for instances of RTD and of its descendants."""
    return Primitive(name, lambda obj: type(obj) is Record and obj.rtd.is_a(rtd), 1)


def record_arg(rtd: RecordType, obj: object, who: str) -> Record:
    """OBJ checked to be an instance of RTD, failing like Guile's `record-accessor` procedures."""
    if type(obj) is not Record or not obj.rtd.is_a(rtd):
        raise guile_error("wrong-type-arg", who, "Wrong type argument (want `~S'): ~S", [rtd.name, obj], None)
    return obj


def srfi9_arg(rtd: RecordType, obj: object, who: Symbol) -> Record:
    """OBJ checked for a SRFI-9 accessor: a non-record fails in struct-vtable, a stranger names WHO."""
    if type(obj) is not Record:
        raise wrong_type_in("struct-vtable", 1, obj, "struct")
    if not obj.rtd.is_a(rtd):
        args = from_list([who, MString("Wrong type argument: ~S", False), from_list([obj]), from_list([obj])])
        raise SchemeError(Condition(Symbol("wrong-type-arg"), args))
    return obj


def make_accessor(rtd: RecordType, i: int, name: str, check: Callable[[object], Record]) -> Primitive:
    """An accessor of field I, registered with RTD so `set-field` can find the field it reads."""
    def access(obj: object) -> object:
        if type(obj) is Record and obj.rtd is rtd:     # the common case, without the full check
            return obj.values[i]
        return check(obj).values[i]
    prim = Primitive(name, access, 1)
    rtd.accessors[id(prim)] = (prim, i)
    return prim


def make_modifier(rtd: RecordType, i: int, name: str, check: Callable[[object], Record]) -> Primitive:
    """A procedure setting field I in place; like Guile's struct-set!, it returns the value."""
    def modify(obj: object, value: object) -> object:
        (obj if type(obj) is Record and obj.rtd is rtd else check(obj)).values[i] = value
        return value
    return Primitive(name, modify, 2)


def make_functional_setter(i: int, name: str, check: Callable[[object], Record]) -> Primitive:
    """A procedure returning a copy of a record with field I replaced (immutable record types)."""
    def update(obj: object, value: object) -> Record:
        record = check(obj)
        values = list(record.values)
        values[i] = value
        return Record(record.rtd, values)
    return Primitive(name, update, 2)


@primitive("record-constructor")
def record_constructor(rtd: object, fields: object = None) -> Primitive:
    """A procedure building instances of RTD from a value for each field (or for FIELDS only)."""
    rtd = record_type_arg(rtd)
    return make_constructor(rtd, "record-constructor", fields)


@primitive("record-predicate")
def record_predicate(rtd: object) -> Primitive:
    """A procedure recognising instances of RTD."""
    return make_predicate(record_type_arg(rtd), "record-predicate")


@primitive("record-accessor")
def record_accessor(rtd: object, field: object) -> Primitive:
    """A procedure reading FIELD of instances of RTD."""
    rtd = record_type_arg(rtd)
    return make_accessor(rtd, field_index(rtd, field), "record-accessor",
                         lambda obj: record_arg(rtd, obj, "record-accessor"))


@primitive("record-modifier")
def record_modifier(rtd: object, field: object) -> Primitive:
    """A procedure setting FIELD of instances of RTD; the field must be mutable."""
    rtd = record_type_arg(rtd)
    i = field_index(rtd, field)
    if not rtd.mutable[i]:
        raise guile_error("misc-error", None, "field is immutable ~S ~S", [rtd, field], None)
    return make_modifier(rtd, i, "record-modifier", lambda obj: record_arg(rtd, obj, "record-modifier"))


# -- the SRFI-9 expansion targets ----------------------------------------------------------------

@primitive("%srfi-9-type")
def srfi9_type(name: object, fields: object) -> RecordType:
    """The record type of a define-record-type form."""
    return new_record_type(name, fields)


@primitive("%srfi-9-constructor")
def srfi9_constructor(rtd: RecordType, name: Symbol, fields: object) -> Primitive:
    """The constructor NAME of a define-record-type form, taking FIELDS."""
    return make_constructor(rtd, f"%{name.name}-procedure", fields)


@primitive("%srfi-9-predicate")
def srfi9_predicate(rtd: RecordType, name: Symbol) -> Primitive:
    """The predicate NAME of a define-record-type form."""
    return make_predicate(rtd, f"%{name.name}-procedure")


@primitive("%srfi-9-accessor")
def srfi9_accessor(rtd: RecordType, field: Symbol, name: Symbol) -> Primitive:
    """The accessor NAME of FIELD."""
    return make_accessor(rtd, field_index(rtd, field), f"%{name.name}-procedure",
                         lambda obj: srfi9_arg(rtd, obj, name))


@primitive("%srfi-9-modifier")
def srfi9_modifier(rtd: RecordType, field: Symbol, name: Symbol) -> Primitive:
    """The modifier NAME of FIELD."""
    return make_modifier(rtd, field_index(rtd, field), f"%{name.name}-procedure",
                         lambda obj: srfi9_arg(rtd, obj, name))


@primitive("%srfi-9-functional-setter")
def srfi9_functional_setter(rtd: RecordType, field: Symbol, name: Symbol) -> Primitive:
    """The functional setter NAME of FIELD, for define-immutable-record-type."""
    return make_functional_setter(field_index(rtd, field), f"%{name.name}-procedure",
                                  lambda obj: srfi9_arg(rtd, obj, name))


@primitive("%record-set-field")
def record_set_field(record: object, accessor: object, value: object) -> Record:
    """A copy of RECORD with the field read by ACCESSOR replaced: the step of `set-field`."""
    if type(record) is not Record:
        raise wrong_type_in("struct-vtable", 1, record, "struct")
    for rtd in (record.rtd, *reversed(record.rtd.ancestors)):
        found = rtd.accessors.get(id(accessor))
        if found is not None and found[0] is accessor:
            values = list(record.values)
            values[found[1]] = value
            return Record(record.rtd, values)
    raise wrong_type_in("set-field", 2, accessor, "record accessor")

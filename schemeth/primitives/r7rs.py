"""Leaves only the R7RS libraries export: they live in the (scheme ...) modules' tables, and the
stdlib/scheme/*.scm files built over them add the rest."""
from __future__ import annotations

import os
import time

from ..data.conditions import guile_error, wrong_type
from ..data.values import UNSPECIFIED, MString, Pair, from_list
from .registry import primitive


@primitive("current-second", module=("scheme", "time"))
def current_second() -> float:
    """Seconds since the epoch, with a fraction."""
    return time.time()


@primitive("get-environment-variables", module=("scheme", "process-context"))
def get_environment_variables() -> object:
    """The environment as an alist of (name . value) strings."""
    return from_list([Pair(MString(k), MString(v)) for k, v in os.environ.items()])


@primitive("string-foldcase", module=("scheme", "char"))
def string_foldcase(s: object) -> MString:
    """S case-folded the way Guile does: full folding (ß -> ss) but a final sigma stays ς."""
    if type(s) is not MString:
        raise wrong_type("string-foldcase", 1, s, "string")
    return MString("".join(c if c == "ς" else c.casefold() for c in s.s.lower()))


@primitive("delete-file", module=("scheme", "file"))
def delete_file(path: object) -> object:
    """Remove the file at PATH."""
    if type(path) is not MString:
        raise wrong_type("delete-file", 1, path, "string")
    try:
        os.unlink(path.s)
    except OSError as exc:
        raise guile_error("system-error", "delete-file", "~A",
                          [MString(exc.strerror, False)], [exc.errno]) from None
    return UNSPECIFIED

"""Asking about the process and its host: user and group ids, the environment, uname and the host
name, processor counts, and the version of Guile being emulated.  (Running programs: popen.py.)
"""
from __future__ import annotations

import os
from typing import Callable

from ..data.conditions import wrong_type
from ..data.values import NIL, UNSPECIFIED, MString, Pair, from_list
from .registry import primitive, vector_fields

GUILE_VERSION = (3, 0, 8)


def text(obj: object, who: str, pos: int = 1) -> str:
    """The Python text of a string argument."""
    if type(obj) is not MString:
        raise wrong_type(who, pos, obj, "string")
    return obj.s


def os_query(name: str, query: Callable[[], int], doc: str) -> None:
    """Define NAME as the primitive returning QUERY() (an id the kernel knows about this process)."""
    def get() -> int:
        return query()
    get.__doc__ = doc
    primitive(name)(get)


for _name, _query, _doc in (("getuid", os.getuid, "The real user id."),
                             ("geteuid", os.geteuid, "The effective user id."),
                             ("getgid", os.getgid, "The real group id."),
                             ("getegid", os.getegid, "The effective group id."),
                             ("getpgrp", os.getpgrp, "The process group id.")):
    os_query(_name, _query, _doc)


@primitive("getlogin")
def getlogin() -> object:
    """The login name of the user on the controlling terminal, or #f."""
    try:
        return MString(os.getlogin(), False)
    except OSError:
        return False


@primitive("gethostname")
def gethostname() -> MString:
    """The host's name."""
    return MString(os.uname().nodename, False)


@primitive("uname")
def uname() -> list:
    """#(sysname nodename release version machine)."""
    return [MString(x, False) for x in os.uname()]


vector_fields("utsname", ("sysname", "nodename", "release", "version", "machine"), "vector")


@primitive("environ")
def environ(new: object = None) -> object:
    """The environment as a list of "NAME=VALUE" strings; with NEW, replace it."""
    if new is None:
        return from_list(MString(f"{k}={v}", False) for k, v in os.environ.items())
    if new is not NIL and type(new) is not Pair:
        raise wrong_type("environ", 1, new, "list")
    entries = []
    while type(new) is Pair:
        entries.append(text(new.car, "environ").partition("="))
        new = new.cdr
    os.environ.clear()
    os.environ.update({k: v for k, _, v in entries})
    return UNSPECIFIED


@primitive("unsetenv")
def unsetenv(name: object) -> object:
    """Remove NAME from the environment."""
    os.environ.pop(text(name, "unsetenv"), None)
    return UNSPECIFIED


@primitive("version")
def version() -> MString:
    """The version of Guile whose behaviour schemeth follows."""
    return MString(".".join(map(str, GUILE_VERSION)), False)


@primitive("effective-version")
def effective_version() -> MString:
    """Major.minor of the Guile version followed."""
    return MString(".".join(map(str, GUILE_VERSION[:2])), False)


@primitive("major-version")
def major_version() -> MString:
    """The major number of the Guile version followed."""
    return MString(str(GUILE_VERSION[0]), False)


@primitive("minor-version")
def minor_version() -> MString:
    """The minor number of the Guile version followed."""
    return MString(str(GUILE_VERSION[1]), False)


@primitive("micro-version")
def micro_version() -> MString:
    """The micro number of the Guile version followed."""
    return MString(str(GUILE_VERSION[2]), False)


@primitive("%processor-count")
def processor_count(usable: object) -> int:
    """The processors of the machine, or with USABLE those this process may run on."""
    if usable is not False and hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1

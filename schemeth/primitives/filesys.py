"""Guile's file-system procedures: stat and lstat with their accessors, file-exists?, getcwd,
canonicalize-path, readlink and directory streams (opendir, readdir, closedir).

A stat result is an 18-element vector laid out as Guile's, read by the stat:FIELD accessors.
"""
from __future__ import annotations

import os
import stat as st

from ..data.conditions import guile_error, wrong_type
from ..data.values import EOF, UNSPECIFIED, MString, Symbol
from ..reactor.fds import system_error
from .registry import primitive

TYPES = ((st.S_ISREG, "regular"), (st.S_ISDIR, "directory"), (st.S_ISLNK, "symlink"),
         (st.S_ISBLK, "block-special"), (st.S_ISCHR, "char-special"), (st.S_ISFIFO, "fifo"),
         (st.S_ISSOCK, "socket"))
FIELDS = ("dev", "ino", "mode", "nlink", "uid", "gid", "rdev", "size", "atime", "mtime", "ctime",
          "blksize", "blocks", "type", "perms", "atimensec", "mtimensec", "ctimensec")


def path_arg(obj: object, who: str) -> str:
    """The Python text of the file name OBJ."""
    if type(obj) is not MString:
        raise wrong_type(who, 1, obj, "string")
    return obj.s


def file_error(who: str, exc: OSError, name: str) -> Exception:
    """Guile's (system-error WHO "~A: ~S" (STRERROR NAME) (ERRNO)) for stat-like procedures."""
    return guile_error("system-error", who, "~A: ~S",
                       [MString(os.strerror(exc.errno), False), MString(name, False)], [exc.errno])


def file_type(mode: int) -> Symbol:
    """The symbol Guile gives the type of a file with MODE."""
    for test, name in TYPES:
        if test(mode):
            return Symbol(name)
    return Symbol("unknown")


def stat_vector(s: os.stat_result) -> list:
    """The 18-element vector Guile's stat returns."""
    return [s.st_dev, s.st_ino, s.st_mode, s.st_nlink, s.st_uid, s.st_gid, s.st_rdev, s.st_size,
            int(s.st_atime), int(s.st_mtime), int(s.st_ctime), s.st_blksize, s.st_blocks,
            file_type(s.st_mode), st.S_IMODE(s.st_mode), s.st_atime_ns % 10**9,
            s.st_mtime_ns % 10**9, s.st_ctime_ns % 10**9]


def stat_with(who: str, follow: bool, obj: object, exception_on_error: object) -> object:
    """Stat OBJ (a file name, or a port or descriptor for stat); #f on failure if asked."""
    try:
        if type(obj) is int or hasattr(obj, "fd"):
            return stat_vector(os.fstat(obj if type(obj) is int else obj.fd))
        name = path_arg(obj, who)
        return stat_vector(os.stat(name, follow_symlinks=follow))
    except OSError as exc:
        if exception_on_error is False:
            return False
        raise file_error(who, exc, getattr(obj, "s", str(obj))) from None


@primitive("stat")
def stat_(obj: object, exception_on_error: object = True) -> object:
    """The status of the file OBJ (a name, port or descriptor), following symbolic links."""
    return stat_with("stat", True, obj, exception_on_error)


@primitive("lstat")
def lstat(obj: object) -> object:
    """The status of the file named OBJ itself, even when it is a symbolic link."""
    return stat_with("lstat", False, obj, True)


def accessor(index: int, name: str):
    """The stat:NAME procedure, reading slot INDEX of a stat vector."""
    def get(v: object) -> object:
        if type(v) is not list or len(v) != len(FIELDS):
            raise wrong_type(f"stat:{name}", 1, v, "stat vector")
        return v[index]
    get.__doc__ = f"The {name} field of a stat result."
    return get


for _index, _name in enumerate(FIELDS):
    primitive(f"stat:{_name}")(accessor(_index, _name))


@primitive("file-exists?")
def file_exists(name: object) -> bool:
    """Whether a file called NAME exists (a dangling symbolic link does not)."""
    return os.path.exists(path_arg(name, "file-exists?"))


@primitive("canonicalize-path")
def canonicalize_path(name: object) -> MString:
    """The absolute name of NAME with no `.', `..' or symbolic links; the file must exist."""
    path = path_arg(name, "canonicalize-path")
    try:
        os.stat(path)
        return MString(os.path.realpath(path, strict=True), False)
    except OSError as exc:
        raise guile_error("system-error", "canonicalize-path", "~A",
                          [MString(os.strerror(exc.errno), False)], [exc.errno]) from None


@primitive("readlink")
def readlink(name: object) -> MString:
    """The target of the symbolic link NAME."""
    path = path_arg(name, "readlink")
    try:
        return MString(os.readlink(path), False)
    except OSError as exc:
        raise system_error("readlink", exc) from None


class DirectoryStream:
    """An open directory: the entries still to read, as Guile's readdir gives them."""

    def __init__(self, entries: list[str]) -> None:
        self.entries = entries
        self.open = True

    def scheme_repr(self, write: bool) -> str:
        return f"#<{'' if self.open else 'closed: '}directory stream {id(self):x}>"


@primitive("opendir")
def opendir(name: object) -> DirectoryStream:
    """A stream over the entries of directory NAME, `.' and `..' first."""
    path = path_arg(name, "opendir")
    try:
        return DirectoryStream([".", ".."] + os.listdir(path))
    except OSError as exc:
        raise system_error("opendir", exc) from None


def stream_arg(obj: object, who: str) -> DirectoryStream:
    if type(obj) is not DirectoryStream:
        raise wrong_type(who, 1, obj, "directory stream")
    if not obj.open:
        raise guile_error("misc-error", who, "Directory ~S is not open.", [obj], None)
    return obj


@primitive("readdir")
def readdir(stream: object) -> object:
    """The next entry name of STREAM, or the end-of-file object."""
    entries = stream_arg(stream, "readdir").entries
    return MString(entries.pop(0), False) if entries else EOF


@primitive("closedir")
def closedir(stream: object) -> object:
    """Close STREAM."""
    if type(stream) is not DirectoryStream:
        raise wrong_type("closedir", 1, stream, "directory stream")
    stream.open = False
    return UNSPECIFIED


@primitive("directory-stream?")
def is_directory_stream(obj: object) -> bool:
    """Whether OBJ is a directory stream."""
    return type(obj) is DirectoryStream


@primitive("getcwd")
def getcwd() -> MString:
    """The name of the current working directory."""
    return MString(os.getcwd(), False)

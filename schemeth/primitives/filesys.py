"""Guile's file-system procedures: stat and lstat with their accessors, file-exists?, getcwd,
canonicalize-path, readlink and directory streams (opendir, readdir, closedir); file names
(dirname, basename); creating, removing, renaming and copying files and directories, links,
permissions, the umask and temporary files.

A stat result is an 18-element vector laid out as Guile's, read by the stat:FIELD accessors.
"""
from __future__ import annotations

import errno
import os
import stat as st
import time
from typing import Callable

from ..data.conditions import guile_error, wrong_type
from ..data.values import EOF, UNSPECIFIED, MString, Symbol
from ..reactor.fds import errno_error, system_error
from .portobjects import make_fd_port
from .registry import define, primitive, vector_fields

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


vector_fields("stat", FIELDS, "stat vector")


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


# -- file names ---------------------------------------------------------------------------------

@primitive("dirname")
def dirname(name: object) -> MString:
    """All of NAME but its last component, as Guile computes it ("." when there is none)."""
    s = path_arg(name, "dirname").rstrip("/") or ("/" if name.s.startswith("/") else "")
    head = s.rpartition("/")[0].rstrip("/") if "/" in s else ""
    if not head:
        head = "/" if s.startswith("/") else "."
    return MString(head, False)


@primitive("basename")
def basename(name: object, suffix: object = None) -> MString:
    """The last component of NAME, without SUFFIX if it ends with it."""
    s = path_arg(name, "basename")
    if s.strip("/") == "":
        return MString("/" if s else "", False)
    trimmed = s.rstrip("/")
    base = trimmed.rpartition("/")[2] + s[len(trimmed):][:1]
    if type(suffix) is MString and suffix.s and base.endswith(suffix.s):
        base = base[:-len(suffix.s)]
    return MString(base, False)


# -- changing the file system -----------------------------------------------------------------------

def os_call(who: str, fn: Callable, *args: object) -> object:
    """Run an os function, turning its failure into Guile's system-error for WHO."""
    try:
        fn(*args)
    except OSError as exc:
        raise system_error(who, exc) from None
    return UNSPECIFIED


@primitive("mkdir")
def mkdir(name: object, mode: object = None) -> object:
    """Create directory NAME (permissions MODE, minus the umask)."""
    return os_call("mkdir", os.mkdir, path_arg(name, "mkdir"), 0o777 if mode is None else mode)


@primitive("rmdir")
def rmdir(name: object) -> object:
    """Remove the empty directory NAME."""
    return os_call("rmdir", os.rmdir, path_arg(name, "rmdir"))


@primitive("delete-file")
def delete_file(name: object) -> object:
    """Remove the file NAME."""
    return os_call("delete-file", os.unlink, path_arg(name, "delete-file"))


@primitive("rename-file")
def rename_file(old: object, new: object) -> object:
    """Rename OLD to NEW (replacing NEW)."""
    return os_call("rename-file", os.rename, path_arg(old, "rename-file"), path_arg(new, "rename-file"))


@primitive("copy-file")
def copy_file(source: object, dest: object) -> object:
    """Copy the contents of SOURCE to DEST."""
    import shutil                       # not at start-up: few programs copy files
    return os_call("copy-file", shutil.copyfile, path_arg(source, "copy-file"), path_arg(dest, "copy-file"))


@primitive("link")
def link(old: object, new: object) -> object:
    """Make NEW a hard link to OLD."""
    return os_call("link", os.link, path_arg(old, "link"), path_arg(new, "link"))


@primitive("symlink")
def symlink(target: object, name: object) -> object:
    """Make NAME a symbolic link to TARGET."""
    return os_call("symlink", os.symlink, path_arg(target, "symlink"), path_arg(name, "symlink"))


@primitive("chdir")
def chdir(name: object) -> object:
    """Make NAME the current working directory."""
    return os_call("chdir", os.chdir, path_arg(name, "chdir"))


@primitive("chmod")
def chmod(obj: object, mode: object) -> object:
    """Set the permissions of a file (a name, a port or a descriptor) to MODE."""
    if type(obj) is int or hasattr(obj, "fd"):
        return os_call("chmod", os.fchmod, obj if type(obj) is int else obj.fd, mode)
    return os_call("chmod", os.chmod, path_arg(obj, "chmod"), mode)


@primitive("truncate-file")
def truncate_file(obj: object, length: object = 0) -> object:
    """Cut a file (a name, a port or a descriptor) to LENGTH bytes."""
    target = obj if type(obj) is int else getattr(obj, "fd", None)
    return os_call("truncate-file", os.truncate, path_arg(obj, "truncate-file") if target is None else target,
                   length)


@primitive("utime")
def utime(name: object, actime: object = None, modtime: object = None) -> object:
    """Set the access and modification times of NAME (now, by default)."""
    now = time.time()
    times = (now if actime is None else actime, now if modtime is None else modtime)
    return os_call("utime", os.utime, path_arg(name, "utime"), times)


@primitive("umask")
def umask(mode: object = None) -> int:
    """The process's file-creation mask, replaced by MODE when given."""
    old = os.umask(0o022 if mode is None else mode)
    if mode is None:
        os.umask(old)
    return old


@primitive("access?")
def access(name: object, how: object) -> bool:
    """Whether this process may access NAME as HOW asks (R_OK, W_OK, X_OK, F_OK or'ed)."""
    return os.access(path_arg(name, "access?"), how)


@primitive("file-is-directory?")
def file_is_directory(name: object) -> bool:
    """Whether NAME names a directory."""
    return os.path.isdir(path_arg(name, "file-is-directory?"))


@primitive("mkstemp!", "mkstemp")
def mkstemp(template: object, mode: object = None) -> object:
    """Create and open (read-write) a new file named after TEMPLATE, whose final XXXXXX are
    replaced in place by what makes the name unique."""
    import tempfile                     # not at start-up (it imports random, shutil ...)
    s = path_arg(template, "mkstemp!")
    if not s.endswith("XXXXXX"):
        raise errno_error("mkstemp!", errno.EINVAL)
    directory, prefix = os.path.split(s[:-6])
    try:
        fd, path = tempfile.mkstemp(prefix=prefix, dir=directory or None)
    except OSError as exc:
        raise system_error("mkstemp!", exc) from None
    template.s = path
    return make_fd_port(fd, "rw", path)


@primitive("tmpnam")
def tmpnam() -> MString:
    """A name for a file in the temporary directory that does not exist now."""
    import tempfile
    while True:
        path = os.path.join(tempfile.gettempdir(), f"schemeth-{os.getpid()}-{os.urandom(4).hex()}")
        if not os.path.lexists(path):
            return MString(path, False)


for _name in ("R_OK", "W_OK", "X_OK", "F_OK"):
    define(_name, getattr(os, _name))

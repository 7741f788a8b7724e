"""A disk cache of the code objects that nodes.py generates, so start-up does not recompile them.

Compiling one generated node costs about half a millisecond and a program needs dozens; loading
hundreds of cached code objects at once would cost more than it saves, so the cache file holds a
small index followed by one marshalled (source, code) blob per entry; the file is mapped and only
the blobs a run needs are read and unmarshalled.  It lives in $XDG_CACHE_HOME/schemeth (or
~/.cache/schemeth), one file per schemeth and Python version; when it cannot be read or written,
schemeth simply compiles again.
"""
from __future__ import annotations

import atexit
import marshal
import mmap
import os
import sys
import zlib
from types import CodeType

from .. import __version__

MAX_ENTRIES = 3000

_index: dict[tuple, tuple[int, int]] = {}   # key -> (offset, length) of a blob in the mapped file
_mapped: object = None                      # the cache file, mapped; blobs are sliced on demand
_added: dict[tuple, bytes] = {}             # key -> marshalled (source, code) compiled this run
_codes: dict[str, CodeType] = {}            # source -> code, for this run
_loaded = False


def cache_path() -> str:
    """Where the cache file lives."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    tag = f"{__version__}-{sys.implementation.cache_tag}"
    return os.path.join(base, "schemeth", f"nodes-{tag}.bin")


def key_of(source: str) -> tuple:
    """A stable key for SOURCE (str hashes are randomised per process)."""
    data = source.encode("utf-8")
    return (zlib.crc32(data), len(data))


def _load() -> None:
    """Map the cache file once and read its index; a run unmarshals only the blobs it needs."""
    global _loaded, _mapped
    _loaded = True
    atexit.register(_save)
    try:
        with open(cache_path(), "rb") as f:
            _mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        index_len = int.from_bytes(_mapped[:4], "little")
        index = marshal.loads(_mapped[4:4 + index_len])
        base = 4 + index_len
        for key, (offset, length) in index.items():
            _index[key] = (base + offset, length)
    except (OSError, EOFError, ValueError, TypeError):
        _index.clear()


def _blob(key: tuple) -> bytes | None:
    """The stored blob for KEY, if any."""
    blob = _added.get(key)
    if blob is None and key in _index:
        offset, length = _index[key]
        blob = _mapped[offset:offset + length]
    return blob


def _save() -> None:
    """Write the cache back if this run added code (atomically, ignoring failures)."""
    if not _added:
        return
    import tempfile
    entries = [(key, _blob(key)) for key in _index if key not in _added] + list(_added.items())
    entries = entries[-MAX_ENTRIES:]
    index, chunks, offset = {}, [], 0
    for key, blob in entries:
        index[key] = (offset, len(blob))
        chunks.append(blob)
        offset += len(blob)
    head = marshal.dumps(index)
    path = cache_path()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path))
        with os.fdopen(fd, "wb") as f:
            f.write(len(head).to_bytes(4, "little") + head + b"".join(chunks))
        os.replace(tmp, path)
    except OSError:
        pass


def compiled(source: str) -> CodeType:
    """The code object for SOURCE, from the cache when this source was compiled before."""
    code = _codes.get(source)
    if code is not None:
        return code
    if not _loaded:
        _load()
    key = key_of(source)
    blob = _blob(key)
    if blob is not None:
        cached_source, code = marshal.loads(blob)
        if cached_source != source:
            code = None
    if code is None:
        code = compile(source, "<schemeth generated node>", "exec")
        _added[key] = marshal.dumps((source, code))
    _codes[source] = code
    return code

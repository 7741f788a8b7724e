"""A disk cache of the code objects that nodes.py generates, so start-up does not recompile them.

Generated code is keyed by its own source text; compiling one costs about half a millisecond,
and a program needs dozens.  The cache lives in $XDG_CACHE_HOME/schemeth (or ~/.cache/schemeth) as one
marshal file per schemeth version and Python version; when it cannot be read or written, schemeth simply
compiles again.
"""
from __future__ import annotations

import atexit
import marshal
import os
import sys
from types import CodeType

from .. import __version__

_codes: dict | None = None
_dirty = False


def cache_path() -> str:
    """Where the cache file lives."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    tag = f"{__version__}-{sys.implementation.cache_tag}"
    return os.path.join(base, "schemeth", f"nodes-{tag}.marshal")


def _load() -> dict:
    """Read the cache file once."""
    global _codes
    if _codes is None:
        try:
            with open(cache_path(), "rb") as f:
                _codes = marshal.load(f)
        except (OSError, EOFError, ValueError, TypeError):
            _codes = {}
        atexit.register(_save)
    return _codes


def _save() -> None:
    """Write the cache back if this run added code (atomically, ignoring failures)."""
    if not _dirty:
        return
    import tempfile
    path = cache_path()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path))
        with os.fdopen(fd, "wb") as f:
            marshal.dump(_codes, f)
        os.replace(tmp, path)
    except OSError:
        pass


def compiled(source: str) -> CodeType:
    """The code object for SOURCE, from the cache when this source was compiled before."""
    global _dirty
    codes = _load()
    code = codes.get(source)
    if code is None:
        code = compile(source, "<schemeth generated node>", "exec")
        codes[source] = code
        _dirty = True
    return code

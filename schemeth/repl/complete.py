"""Tab-completion candidates: text before the cursor -> (word being typed, [(candidate, description)]).

Identifiers complete from every name visible in the current module; inside the module-name list of
`(use-modules (`, `#:use-module (`, `(@ (`, `,use (`, `,m (` and `,reload (` the next component of a
module name completes from the modules found on the load path; after a leading `,` the meta-command
names complete.
"""
from __future__ import annotations

import os
import re

from ..data.printer import write_string
from ..data.procedures import Procedure
from ..data.values import Symbol
from .indent import OpenList, open_lists

WORD = re.compile(r"[^\s()\[\]\"';`,]*$")
MODULE_HEADS = frozenset({"use-modules", "@", "@@", "resolve-module", "resolve-interface"})
MODULE_KEYWORDS = frozenset({"#:use-module", "#:autoload"})
MODULE_COMMANDS = frozenset({",use", ",import", ",m", ",module", ",re", ",reload"})
MAX_DESCRIBED = 200


def current_word(before: str) -> str:
    """The identifier characters just before the cursor."""
    return WORD.search(before).group(0)


def module_names(interp: object) -> set[tuple]:
    """Names of the modules loaded now or loadable from the load path."""
    names = set(interp.modules.modules) | set(interp.modules.tables)
    for root in interp.modules.load_path():
        for folder, dirs, files in os.walk(root):
            rel = os.path.relpath(folder, root)
            parts = () if rel == "." else tuple(rel.split(os.sep))
            if parts == ("ice-9", "autoload"):
                dirs[:] = []
                continue
            names.update(parts + (f[:-4],) for f in files if f.endswith(".scm"))
    names.discard(("ice-9", "boot"))
    return names


def module_list(before: str) -> OpenList | None:
    """The open list holding a module name being typed at the end of BEFORE, if any."""
    lists = open_lists(before)
    if not lists:
        return None
    inner = lists[-1]
    if len(lists) == 1:
        command = before.lstrip().split(None, 1)[0] if before.strip() else ""
        return inner if command in MODULE_COMMANDS else None
    outer = lists[-2]
    position = next((i for i, e in enumerate(outer.items) if e.start == inner.start), -1)
    if position < 1:
        return None
    if outer.head() in MODULE_HEADS or outer.items[position - 1].text in MODULE_KEYWORDS:
        return inner
    return None


def module_candidates(interp: object, inner: OpenList, word: str) -> list[tuple[str, str]]:
    """Next components of module names that extend what INNER already holds."""
    typed = tuple(e.text for e in inner.items if e.kind == "ATOM")
    if word:
        typed = typed[:-1]
    found: dict[str, str] = {}
    for name in module_names(interp):
        if len(name) > len(typed) and name[:len(typed)] == typed and name[len(typed)].startswith(word):
            found.setdefault(name[len(typed)], "(" + " ".join(name[:len(typed) + 1]) + ")")
    return sorted(found.items())


def identifier_candidates(interp: object, word: str) -> list[tuple[str, str]]:
    """Names visible in the current module that start with WORD, with a signature for procedures."""
    module = interp.module
    names = sorted(s.name for s in module.visible_names() if s.name.startswith(word))
    if len(names) > MAX_DESCRIBED:
        return [(n, "") for n in names]
    return [(n, describe_binding(module, n)) for n in names]


def describe_binding(module: object, name: str) -> str:
    """A short description of NAME's value: the procedure's signature, or empty."""
    var = module.lookup(Symbol(name))
    value = getattr(var, "value", None)
    return write_string(value) if isinstance(value, Procedure) else ""


def command_candidates(commands: list[str], word: str) -> list[tuple[str, str]]:
    """Meta-command names starting with WORD (given without its comma)."""
    return [("," + c, "") for c in sorted(commands) if c.startswith(word)]


def candidates(interp: object, before: str, commands: list[str]) -> tuple[str, list[tuple[str, str]]]:
    """The word to replace and what may replace it, for the text BEFORE the cursor."""
    stripped = before.lstrip()
    if stripped.startswith(",") and not any(c.isspace() for c in stripped):
        return stripped, command_candidates(commands, stripped[1:])
    word = current_word(before)
    inner = module_list(before)
    if inner is not None:
        return word, module_candidates(interp, inner, word)
    if not word:
        return word, []
    return word, identifier_candidates(interp, word)

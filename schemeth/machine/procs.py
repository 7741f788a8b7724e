"""Machine-level applicable objects: continuations, prompt tags and parameters."""
from __future__ import annotations

from ..data.procedures import Procedure


class PromptTag:
    """A prompt tag made by make-prompt-tag."""

    __slots__ = ("name",)

    def __init__(self, name: object = None) -> None:
        self.name = name

    def scheme_repr(self, write: bool) -> str:
        from ..data.printer import display_string
        return "#<prompt-tag>" if self.name is None else f"#<prompt-tag {display_string(self.name)}>"


class Continuation(Procedure):
    """A continuation: `frames` is a stack slice, `params`/`handlers` the dynamic state at capture.

    Composable ones (from abort-to-prompt) push their frames on top of the caller's; undelimited ones
    (from call/cc) replace the whole stack, running dynamic-wind handlers on the way.
    """

    __slots__ = ("frames", "params", "handlers", "composable", "name", "rewinds", "base")

    def __init__(self, frames: list, params: dict, handlers: object, composable: bool,
                 rewinds: bool = True, base: tuple | None = None) -> None:
        self.frames = frames
        self.params = params
        self.handlers = handlers
        self.composable = composable
        self.name = None
        self.rewinds = rewinds      # False for thread suspensions: no dynamic-wind handlers run
        # the (params, handlers) below the frames when captured: resuming on that same state needs
        # no rebase, since the frames already record the state they would be rebased to
        self.base = base

    def scheme_repr(self, write: bool) -> str:
        from .inspect import describe_continuation
        return describe_continuation(self)


class EscapeContinuation(Procedure):
    """A one-way exit to the point where call/ec was called: valid while that point is on the stack."""

    __slots__ = ("marker", "name")

    def __init__(self) -> None:
        self.marker = object()
        self.name = None

    def scheme_repr(self, write: bool) -> str:
        return "#<continuation>"


class Parameter(Procedure):
    """A parameter object: `(p)` reads the innermost parameterize binding, else the global cell."""

    __slots__ = ("cell", "converter", "name")

    def __init__(self, value: object, converter: object) -> None:
        self.cell = [value]
        self.converter = converter
        self.name = None

    def scheme_repr(self, write: bool) -> str:
        return "#<parameter>"

"""Describing continuations for people: what `write` shows for them."""
from __future__ import annotations


def describe_continuation(k: object) -> str:
    """The printed form of a continuation object."""
    kind = "partial-continuation" if k.composable else "continuation"
    return f"#<{kind} {id(k):x}>"

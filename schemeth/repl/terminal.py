"""The terminal REPL: a prompt_toolkit session whose submitted entries go to ReplCore.

Editing: Enter submits only a complete datum (or a meta-command with its argument) and otherwise
inserts a newline indented Lisp-style; Meta-Enter always inserts one.  Scheme colouring (pygments),
matching-bracket highlight, Tab completion of visible names and of module names, persistent history
(`$XDG_DATA_HOME/schemeth/history`) with Ctrl-R search.  Ctrl-C clears the entry being typed, and
interrupts an evaluation back to the prompt; Ctrl-D on an empty entry, or `,q`, leaves.

Hosting a reactor: while waiting for input, `session.prompt(inputhook=...)` runs
`interp.repl_inputhook` when the interpreter has one (a callable taking prompt_toolkit's
InputHookContext, returning once `context.fileno()` is readable), and the prompt runs inside
`patch_stdout(raw=True)` so output produced meanwhile appears above the prompt.  Evaluation happens
outside both, with the SIGINT handler and signal wakeup fd that were in force before the prompt
re-armed (prompt_toolkit replaces them while it runs).
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Iterator, TextIO

from prompt_toolkit import PromptSession
from prompt_toolkit.completion import Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.enums import DEFAULT_BUFFER
from prompt_toolkit.filters import has_focus
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.layout.processors import HighlightMatchingBracketProcessor
from prompt_toolkit.lexers import PygmentsLexer
from prompt_toolkit.patch_stdout import patch_stdout
from pygments.lexers.lisp import SchemeLexer

from .. import __version__
from ..machine.machine import SchemeExit
from .commands import command_names
from .complete import candidates
from .core import ReplCore
from .indent import entry_complete, indentation


class SchemeCompleter(Completer):
    """Completes identifiers, module names and meta-commands."""

    def __init__(self, interp: object) -> None:
        self.interp = interp

    def get_completions(self, document: Document, complete_event: object) -> Iterator[Completion]:
        word, found = candidates(self.interp, document.text_before_cursor, command_names())
        for text, meta in found:
            yield Completion(text, start_position=-len(word), display_meta=meta)


def newline_and_indent(buffer: Buffer) -> None:
    """Insert a newline indented for the text before the cursor."""
    buffer.insert_text("\n" + " " * indentation(buffer.document.text_before_cursor))


def key_bindings() -> KeyBindings:
    """Enter submits complete entries only; Meta-Enter always opens a new line."""
    kb = KeyBindings()

    @kb.add("enter", filter=has_focus(DEFAULT_BUFFER))
    def enter(event: KeyPressEvent) -> None:
        """Accept a chosen completion; else submit a complete entry; else open an indented line."""
        buffer = event.current_buffer
        chosen = buffer.complete_state is not None and buffer.complete_state.current_completion
        buffer.complete_state = None
        if chosen:
            return
        if entry_complete(buffer.text):
            buffer.validate_and_handle()
        else:
            newline_and_indent(buffer)

    @kb.add("escape", "enter", filter=has_focus(DEFAULT_BUFFER))
    def meta_enter(event: KeyPressEvent) -> None:
        """Open a new line even when the entry is complete."""
        newline_and_indent(event.current_buffer)

    return kb


def history_path() -> str:
    """Where the history file lives: $XDG_DATA_HOME/schemeth/history."""
    data = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(data, "schemeth", "history")


def make_history() -> History:
    """A persistent history, or an in-memory one when the file cannot be created."""
    path = history_path()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, "a", encoding="utf-8").close()
    except OSError:
        return InMemoryHistory()
    return FileHistory(path)


def make_session(interp: object) -> PromptSession:
    """The prompt_toolkit session, bound to the current app session's input and output."""
    return PromptSession(
        multiline=True,
        key_bindings=key_bindings(),
        lexer=PygmentsLexer(SchemeLexer),
        completer=SchemeCompleter(interp),
        complete_while_typing=False,
        history=make_history(),
        input_processors=[HighlightMatchingBracketProcessor(chars="()[]")],
        prompt_continuation=lambda width, line, wrap: " " * width,
    )


@contextmanager
def signals_kept() -> Iterator[None]:
    """Reinstate the SIGINT handler and the signal wakeup fd that prompting replaces."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handler = signal.getsignal(signal.SIGINT)
    wakeup = signal.set_wakeup_fd(-1)
    signal.set_wakeup_fd(wakeup)
    try:
        yield
    finally:
        if handler is not None:
            signal.signal(signal.SIGINT, handler)
        signal.set_wakeup_fd(wakeup)


def arm_sigint() -> None:
    """Make Ctrl-C raise KeyboardInterrupt (the machine turns it into Interrupted), unless a handler
    such as a reactor's is installed already."""
    if threading.current_thread() is threading.main_thread():
        if signal.getsignal(signal.SIGINT) in (signal.SIG_IGN, signal.SIG_DFL, None):
            signal.signal(signal.SIGINT, signal.default_int_handler)


class TerminalRepl:
    """The interactive REPL on a terminal."""

    def __init__(self, interp: object, out: TextIO | None = None) -> None:
        self.interp = interp
        self.core = ReplCore(interp, out)
        self.core.echoes_interrupt = True
        self.session = make_session(interp)

    def run(self) -> int:
        """Prompt, evaluate, print until `,q`, Ctrl-D or (exit); return the exit status."""
        arm_sigint()
        self.core.write(f"schemeth {__version__}, a Guile-dialect Scheme.  Enter `,help' for help.\n")
        while True:
            try:
                text = self.read_entry()
            except KeyboardInterrupt:
                continue
            except EOFError:
                self.core.write("\n")
                return 0
            try:
                status = self.core.handle(text)
            except SchemeExit as exc:
                return exc.code
            if status is not None:
                return status

    def read_entry(self) -> str:
        """Show the prompt and return the submitted entry, running the reactor hook meanwhile."""
        self.core.fresh_line()
        hook = getattr(self.interp, "repl_inputhook", None)
        with signals_kept(), patch_stdout(raw=True):
            try:
                return self.session.prompt(self.core.prompt(), inputhook=hook)
            finally:
                sys.stdout.flush()

"""The Document: one composition, its history, where it is saved, and who is listening.

Every change a person makes goes through `push` as one command; `undo` and `redo` step through
the history. After each step the listeners get a `DocumentEvent` (what changed, and the new
composition): views repaint, the engine swaps in a new schedule, guided sessions check their
goals. Plain Python, no Qt: `ui/piece.py` turns the events into Qt signals.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tonewell.edit.changes import Action, Change, DocumentEvent, Scope
from tonewell.edit.commands import Command
from tonewell.edit.history import History
from tonewell.model import Composition

Listener = Callable[[DocumentEvent], None]


class Document:
    def __init__(self, comp: Composition | None = None, path: Path | None = None) -> None:
        self._comp = comp if comp is not None else Composition()
        self._path = path
        self.history = History()
        self._listeners: list[Listener] = []

    # --- what it holds -------------------------------------------------------------------------

    @property
    def comp(self) -> Composition:
        return self._comp

    @property
    def path(self) -> Path | None:
        """Where the piece is saved as a project, or None (new, an example, a MIDI import)."""
        return self._path

    @property
    def title(self) -> str:
        return self._comp.title.strip() or "Untitled"

    @property
    def dirty(self) -> bool:
        """True when there are changes not in the saved file (or a new piece has any change)."""
        return not self.history.is_clean

    # --- listening ---------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` after every step; returns a function that stops it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _tell(self, action: Action, name: str, changes: tuple[Change, ...]) -> None:
        event = DocumentEvent(action, name, changes, self._comp)
        for listener in list(self._listeners):
            listener(event)

    # --- changing --------------------------------------------------------------------------

    def push(self, command: Command) -> None:
        """Apply `command` and make it the next step of the history (or merge it into the last).
        A command that changes nothing is dropped."""
        comp = command.apply(self._comp)
        if comp == self._comp:
            return
        self._comp = comp
        self.history.record(command)
        self._tell(Action.DO, command.name, command.changes())

    def seal(self) -> None:
        """A merging gesture (slider drag, tempo arrows) ended: the next push is a new step."""
        self.history.seal()

    def undo(self) -> bool:
        command = self.history.step_back()
        if command is None:
            return False
        self._comp = command.revert(self._comp)
        self._tell(Action.UNDO, command.name, command.changes())
        return True

    def redo(self) -> bool:
        command = self.history.step_forward()
        if command is None:
            return False
        self._comp = command.apply(self._comp)
        self._tell(Action.REDO, command.name, command.changes())
        return True

    def load(self, comp: Composition, path: Path | None, *, dirty: bool = False) -> None:
        """Replace the whole piece (opened, new, restored); the history starts again.
        `dirty` marks it as not saved yet (a restored recovery copy, say)."""
        self._comp = comp
        self._path = path
        self.history.clear()
        if dirty:
            self.history.mark_unsaved()
        self._tell(Action.LOAD, "Open", (Change(Scope.ALL),))

    def mark_saved(self, path: Path, comp: Composition | None = None) -> None:
        """The piece was saved as a project at `path`; `comp` is what was written (it may carry a
        new modified time, which is no change to tell anyone about)."""
        if comp is not None:
            self._comp = comp
        self._path = path
        self.history.mark_clean()

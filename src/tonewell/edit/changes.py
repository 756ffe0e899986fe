"""What changed in a document, told to whoever listens (views, the engine, guided sessions).

A command describes its effect as `Change`s: which part of the piece (`scope`), which track and
clip (by their run-time `uid`), and which fields. Views repaint only what a change touches; the
engine recompiles; guided-session goals are checked against the new composition. One push, undo
or redo is one `DocumentEvent` holding all the changes of that step.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tonewell.model import Composition


class Scope(StrEnum):
    PIECE = "piece"
    """Title, tempo, meter, key or loop region."""
    TRACKS = "tracks"
    """Tracks added, removed or reordered."""
    TRACK = "track"
    """One track's own fields (name, instrument, volume, pan, mute, solo, colour)."""
    CLIPS = "clips"
    """Clips added to or removed from one track."""
    CLIP = "clip"
    """One clip's placement or length (start, bars, repeats, name)."""
    NOTES = "notes"
    """One clip's notes (or its controller curves)."""
    ALL = "all"
    """A whole new composition (opened, made new, restored)."""


@dataclass(frozen=True, slots=True)
class Change:
    scope: Scope
    track_uid: int | None = None
    clip_uid: int | None = None
    fields: frozenset[str] = frozenset()


class Action(StrEnum):
    DO = "do"
    UNDO = "undo"
    REDO = "redo"
    LOAD = "load"


@dataclass(frozen=True, slots=True)
class DocumentEvent:
    """One step of the document: `name` is the command's name ("Move 4 notes")."""

    action: Action
    name: str
    changes: tuple[Change, ...]
    composition: Composition

    def touches(self, scope: Scope) -> bool:
        return any(c.scope in (scope, Scope.ALL) for c in self.changes)

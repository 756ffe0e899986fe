"""The open piece: its composition, where it is saved, and whether it has unsaved changes.

A small stand-in until the edit layer's Document (with its history) arrives: every change
replaces the immutable composition and emits `changed`, which the views and the engine follow.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from tonewell.model import Composition, Track


class OpenPiece(QObject):
    changed = Signal(object)
    """The new Composition."""
    dirty_changed = Signal(bool)
    path_changed = Signal(object)
    """The new Path, or None for a piece not saved as a project yet."""

    def __init__(self, comp: Composition | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._comp = comp if comp is not None else Composition()
        self._path: Path | None = None
        self._dirty = False

    @property
    def comp(self) -> Composition:
        return self._comp

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def title(self) -> str:
        return self._comp.title.strip() or "Untitled"

    def load(self, comp: Composition, path: Path | None) -> None:
        """Show a piece just opened (or a new one): nothing unsaved yet."""
        self._comp = comp
        self._set_path(path)
        self._set_dirty(False)
        self.changed.emit(comp)

    def change(self, comp: Composition) -> None:
        """A change the person made."""
        if comp == self._comp:
            return
        self._comp = comp
        self._set_dirty(True)
        self.changed.emit(comp)

    def change_track(self, index: int, **values: object) -> None:
        """Replace fields of one track, e.g. `change_track(0, mute=True)`."""
        tracks = list(self._comp.tracks)
        if not 0 <= index < len(tracks):
            return
        track: Track = replace(tracks[index], **values)  # type: ignore[arg-type]
        tracks[index] = track
        self.change(self._comp.with_tracks(tracks))

    def mark_saved(self, comp: Composition, path: Path) -> None:
        """The piece was saved as a project at `path` (`comp` may carry a new modified time)."""
        self._comp = comp
        self._set_path(path)
        self._set_dirty(False)

    def _set_path(self, path: Path | None) -> None:
        if path != self._path:
            self._path = path
            self.path_changed.emit(path)

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

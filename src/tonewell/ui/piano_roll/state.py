"""What the piano roll is editing: the clip, its selection, the grid, the cursor.

Gestures, keyboard commands and edit actions all work on one `RollState`, so they agree on
which clip is open and what is selected. It pushes edits to the open piece as one command each
and selects the notes the edit layer names. It holds no Qt widgets: the widget draws it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tonewell.edit import find_clip
from tonewell.edit.note_edits import NoteEdit
from tonewell.model import Clip, Composition, Note, TimeSignature, Track
from tonewell.ui.piano_roll.note_index import NoteIndex
from tonewell.ui.piano_roll.selection import Selection
from tonewell.ui.piano_roll.snap import Snap
from tonewell.ui.piece import OpenPiece

MIDDLE_C = 60


@dataclass(slots=True)
class Cursor:
    """The keyboard cursor: one grid step wide, one row tall, at a clip-relative tick."""

    pitch: int = MIDDLE_C
    tick: int = 0


class RollState:
    def __init__(self, piece: OpenPiece, on_selection: Callable[[], None] | None = None) -> None:
        self.piece = piece
        self.track_uid: int | None = None
        self.clip_uid: int | None = None
        self.selection = Selection(on_selection)
        self.snap = Snap()
        self.cursor = Cursor()
        self.playhead_tick: int | None = None
        """Clip-relative tick of the playhead, or None when it is outside this clip."""
        self._index_for: tuple[Note, ...] | None = None
        self._index = NoteIndex(())
        self.audition: Callable[[int, int], None] = lambda pitch, velocity: None
        """Sound a pitch now (wired to the widget's `audition_requested`)."""

    # --- what is open --------------------------------------------------------------------

    @property
    def comp(self) -> Composition:
        return self.piece.comp

    @property
    def meter(self) -> TimeSignature:
        return self.comp.time_signature

    def track_and_clip(self) -> tuple[int, Track, Clip] | None:
        """(track index, track, clip) of the open clip, or None."""
        if self.clip_uid is None:
            return None
        found = find_clip(self.comp, self.clip_uid)
        if found is None:
            return None
        t, c = found
        track = self.comp.tracks[t]
        return t, track, track.clips[c]

    @property
    def clip(self) -> Clip | None:
        found = self.track_and_clip()
        return found[2] if found else None

    @property
    def clip_length_ticks(self) -> int:
        clip = self.clip
        return clip.length_ticks(self.meter) if clip else 0

    @property
    def index(self) -> NoteIndex:
        """The culling and hit-test index of the clip's notes (rebuilt when they change)."""
        clip = self.clip
        notes = clip.notes if clip else ()
        if notes is not self._index_for:
            self._index_for = notes
            self._index = NoteIndex(notes)
        return self._index

    def open(self, track_uid: int | None, clip_uid: int | None) -> None:
        self.track_uid, self.clip_uid = track_uid, clip_uid
        self.selection.clear()
        clip = self.clip
        if clip is None:
            self.track_uid = self.clip_uid = None
            return
        self.cursor.tick = 0
        self.cursor.pitch = clip.notes[0].pitch if clip.notes else MIDDLE_C

    # --- editing ---------------------------------------------------------------------------

    def push(self, edit: NoteEdit) -> None:
        """Apply one edit as one step of the history, then select what it names."""
        self.piece.push(edit.command)
        self.selection.set(edit.selection)

    def note_at_cursor(self) -> Note | None:
        """The note sounding in the cursor's cell (a note starting in the cell counts too)."""
        index = self.index
        note = index.at(self.cursor.pitch, self.cursor.tick)
        if note is not None:
            return note
        end = self.cursor.tick + self.snap.step_ticks
        for n in index.in_box(self.cursor.pitch, self.cursor.pitch, self.cursor.tick, end - 1):
            if self.cursor.tick <= n.start_tick < end:
                return n
        return None

"""Mouse gestures as small state objects (noisicaa's style).

A press picks a state (`press`); while the button is held the state previews what would happen
(the widgets draw `preview`) without touching the model; the release pushes exactly one
command, so a whole drag is one undo step. States:

- `AddNote`: a press on empty grid places a note at the snapped cell and sounds it; dragging
  right before letting go draws it longer. Pushes "Add note".
- `SelectBox`: Shift/Ctrl (or the right button) and drag on empty grid: a rubber band.
- `MoveSelection`: press on a note and drag: the selection moves, snapped. "Move N notes".
- `Resize`: press near a note's start or end and drag. "Resize N notes".
- `VelocityDrag`: in the velocity lane, drag over the bars to set velocities.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from tonewell.edit import note_edits
from tonewell.model import Note
from tonewell.ui.piano_roll.state import RollState

DRAG_THRESHOLD_PX = 3


class Part(enum.Enum):
    """Which part of a note the pointer is over."""

    BODY = "body"
    START = "start"
    END = "end"


@dataclass(frozen=True, slots=True)
class Pointer:
    """Where the pointer is, in clip ticks and pitch, and in view pixels."""

    tick: float
    pitch: int
    x: float
    y: float
    add: bool = False
    """Shift or Ctrl held: add to the selection instead of replacing it."""


@dataclass(frozen=True, slots=True)
class Hit:
    note: Note
    part: Part


@dataclass(slots=True)
class Preview:
    """What a gesture in progress wants drawn on top of the clip."""

    shift_ticks: int = 0
    shift_pitch: int = 0
    """The selection drawn moved by this much (MoveSelection)."""
    notes: list[Note] = field(default_factory=list)
    """Notes drawn as they would be (a new note, resized notes)."""
    hidden: frozenset[Note] = frozenset()
    """Notes not drawn as they are (they are being resized)."""
    band: tuple[float, float, float, float] | None = None
    """Rubber band corners (x0, y0, x1, y1) in view pixels."""
    velocities: dict[Note, int] = field(default_factory=dict)


class Gesture:
    """A drag in progress. The base is the idle state: it previews nothing."""

    def __init__(self, state: RollState) -> None:
        self.state = state
        self.preview = Preview()

    def move(self, p: Pointer) -> None:
        pass

    def release(self, p: Pointer) -> None:
        pass


Idle = Gesture


def press(state: RollState, p: Pointer, hit: Hit | None, *, band: bool = False) -> Gesture:
    """The gesture a press starts: on a note's edge Resize, on a note MoveSelection, on empty
    grid AddNote (or a rubber band with Shift/Ctrl or when `band` is asked for)."""
    if state.clip is None:
        return Idle(state)
    if hit is None:
        if band or p.add:
            return SelectBox(state, p)
        return AddNote(state, p)
    was_selected = hit.note in state.selection
    if not was_selected:
        if p.add:
            state.selection.add([hit.note])
        else:
            state.selection.set([hit.note])
        state.snap.length_ticks = hit.note.length_ticks
    elif p.add and hit.part is Part.BODY:
        return ToggleOnClick(state, p, hit.note)
    if hit.part is Part.BODY:
        return MoveSelection(state, p, hit.note, narrow_on_click=was_selected)
    return Resize(state, p, hit.note, hit.part)


class AddNote(Gesture):
    def __init__(self, state: RollState, p: Pointer) -> None:
        super().__init__(state)
        start = state.snap.cell(p.tick)
        self.note = Note(start, p.pitch, state.snap.length_ticks, 100)
        self.preview.notes = [self.note]
        state.audition(p.pitch, self.note.velocity)

    def move(self, p: Pointer) -> None:
        end = self.state.snap.nearest(p.tick)
        length = max(end - self.note.start_tick, self.state.snap.min_length_ticks)
        if end <= self.note.start_tick:
            length = self.state.snap.length_ticks
        self.preview.notes = [Note(self.note.start_tick, self.note.pitch, length, 100)]

    def release(self, p: Pointer) -> None:
        clip = self.state.clip
        if clip is None or self.state.track_uid is None:
            return
        note = self.preview.notes[0]
        self.state.snap.length_ticks = note.length_ticks
        self.state.cursor.tick, self.state.cursor.pitch = note.start_tick, note.pitch
        self.state.push(note_edits.add_notes(self.state.track_uid, clip, [note]))
        self.added = note


class ToggleOnClick(Gesture):
    """Shift/Ctrl click on a selected note: take it out of the selection (a drag moves)."""

    def __init__(self, state: RollState, p: Pointer, note: Note) -> None:
        super().__init__(state)
        self.start, self.note = p, note
        self.mover: MoveSelection | None = None

    def move(self, p: Pointer) -> None:
        if self.mover is None and _dragged(self.start, p):
            self.mover = MoveSelection(self.state, self.start, self.note)
        if self.mover is not None:
            self.mover.move(p)
            self.preview = self.mover.preview

    def release(self, p: Pointer) -> None:
        if self.mover is not None:
            self.mover.release(p)
        else:
            self.state.selection.toggle(self.note)


class SelectBox(Gesture):
    def __init__(self, state: RollState, p: Pointer) -> None:
        super().__init__(state)
        self.start = p
        self.before = state.selection.notes if p.add else frozenset()
        self.preview.band = (p.x, p.y, p.x, p.y)

    def move(self, p: Pointer) -> None:
        s = self.start
        self.preview.band = (s.x, s.y, p.x, p.y)
        lo, hi = sorted((s.pitch, p.pitch))
        first, last = sorted((s.tick, p.tick))
        self.state.selection.set(self.before | set(self.state.index.in_box(lo, hi, first, last)))

    def release(self, p: Pointer) -> None:
        self.move(p)
        self.preview.band = None


def _dragged(a: Pointer, b: Pointer) -> bool:
    return abs(a.x - b.x) + abs(a.y - b.y) >= DRAG_THRESHOLD_PX


class MoveSelection(Gesture):
    def __init__(
        self, state: RollState, p: Pointer, anchor: Note, *, narrow_on_click: bool = False
    ) -> None:
        """`narrow_on_click`: a press on a note that was already selected; a click that does
        not move selects just that note."""
        super().__init__(state)
        self.start, self.anchor = p, anchor
        self.narrow_on_click = narrow_on_click
        self.notes = state.selection.sorted()
        # The notes that bound a move (earliest, lowest, highest): clamping against them is
        # clamping against all, and keeps each mouse step cheap with thousands selected.
        self.bounds = [
            self.notes[0],
            min(self.notes, key=lambda n: n.pitch),
            max(self.notes, key=lambda n: n.pitch),
        ]
        self.heard_pitch = anchor.pitch

    def _delta(self, p: Pointer) -> tuple[int, int]:
        if not _dragged(self.start, p) and not (
            self.preview.shift_ticks or self.preview.shift_pitch
        ):
            return 0, 0
        raw = self.anchor.start_tick + (p.tick - self.start.tick)
        delta_ticks = self.state.snap.nearest(raw) - self.anchor.start_tick
        return note_edits.clamp_move(self.bounds, delta_ticks, p.pitch - self.start.pitch)

    def move(self, p: Pointer) -> None:
        self.preview.shift_ticks, self.preview.shift_pitch = self._delta(p)
        pitch = self.anchor.pitch + self.preview.shift_pitch
        if pitch != self.heard_pitch:
            self.heard_pitch = pitch
            self.state.audition(pitch, self.anchor.velocity)

    def release(self, p: Pointer) -> None:
        self.move(p)
        dt, dp = self.preview.shift_ticks, self.preview.shift_pitch
        self.preview = Preview()
        clip = self.state.clip
        if not (dt or dp):
            if self.narrow_on_click and not _dragged(self.start, p):
                self.state.selection.set([self.anchor])
            return
        if clip is not None and self.state.track_uid is not None:
            self.state.push(note_edits.move_notes(self.state.track_uid, clip, self.notes, dt, dp))


class Resize(Gesture):
    def __init__(self, state: RollState, p: Pointer, anchor: Note, part: Part) -> None:
        super().__init__(state)
        self.start, self.anchor, self.part = p, anchor, part
        self.notes = state.selection.sorted()
        self.preview.hidden = frozenset(self.notes)
        self.preview.notes = list(self.notes)
        self.deltas = (0, 0)

    def _edit(self, deltas: tuple[int, int]) -> note_edits.NoteEdit | None:
        clip = self.state.clip
        if clip is None or self.state.track_uid is None:
            return None
        return note_edits.resize_notes(
            self.state.track_uid,
            clip,
            self.notes,
            delta_start=deltas[0],
            delta_end=deltas[1],
            min_length=min(self.state.snap.min_length_ticks, *(n.length_ticks for n in self.notes)),
        )

    def move(self, p: Pointer) -> None:
        edge = self.anchor.start_tick if self.part is Part.START else self.anchor.end_tick
        delta = self.state.snap.nearest(edge + p.tick - self.start.tick) - edge
        self.deltas = (delta, 0) if self.part is Part.START else (0, delta)
        edit = self._edit(self.deltas)
        if edit is not None:
            self.preview.notes = list(edit.selection)

    def release(self, p: Pointer) -> None:
        self.move(p)
        self.preview = Preview()
        if self.deltas == (0, 0):
            return
        edit = self._edit(self.deltas)
        if edit is not None:
            self.state.push(edit)
            if len(edit.selection) == 1:
                self.state.snap.length_ticks = edit.selection[0].length_ticks


class VelocityDrag(Gesture):
    """Drag across the velocity lane: each bar passed over takes the velocity at the pointer's
    height. `notes_between(x0, x1)` names the notes whose bars lie between two x positions and
    `velocity_at(y)` turns a height into a velocity."""

    def __init__(
        self,
        state: RollState,
        p: Pointer,
        notes_between: Callable[[float, float], list[Note]],
        velocity_at: Callable[[float], int],
    ) -> None:
        super().__init__(state)
        self.notes_between, self.velocity_at = notes_between, velocity_at
        self.last_x = p.x
        self._paint(p.x, p)

    def _paint(self, x0: float, p: Pointer) -> None:
        velocity = self.velocity_at(p.y)
        only = self.state.selection.notes
        for note in self.notes_between(min(x0, p.x), max(x0, p.x)):
            if not only or note in only:
                self.preview.velocities[note] = velocity

    def move(self, p: Pointer) -> None:
        self._paint(self.last_x, p)
        self.last_x = p.x

    def release(self, p: Pointer) -> None:
        self.move(p)
        changed = {n: v for n, v in self.preview.velocities.items() if n.velocity != v}
        self.preview = Preview()
        clip = self.state.clip
        if changed and clip is not None and self.state.track_uid is not None:
            keep = self.state.selection.notes
            edit = note_edits.set_velocity(self.state.track_uid, clip, list(changed), changed)
            self.state.piece.push(edit.command)
            if keep:  # the notes were re-made with new velocities: select them again
                self.state.selection.set(
                    replace(n, velocity=changed[n]) if n in changed else n for n in keep
                )

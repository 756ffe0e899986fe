"""Mouse gestures of the pedal lane, as small state objects like the note grid's (`gestures.py`).

A press in the lane picks a state; while the button is held it previews the spans as the edit
would leave them (`preview`), computed by the same pure edit that the release pushes, so what
is drawn is what is done; the release pushes exactly one command (a whole drag is one undo
step). States:

- `AddPress`: a press on empty lane presses the pedal at the snapped cell for one beat;
  dragging right before letting go sets where it lifts. "Add pedal press".
- `DragSpan`: a press on a span's start, end or middle moves the press, the lift or both,
  snapped to the grid. "Move pedal press", "Move pedal release", "Move pedal press and release".
"""

from __future__ import annotations

from tonewell.edit import pedal_edits
from tonewell.edit.pedal_edits import PedalEdit, PedalSpan
from tonewell.ui.piano_roll.gestures import Part, Pointer
from tonewell.ui.piano_roll.state import RollState


class PedalGesture:
    """A drag in progress in the pedal lane. The base is the idle state."""

    def __init__(self, state: RollState) -> None:
        self.state = state
        self.preview: tuple[PedalSpan, ...] | None = None
        """The spans to draw instead of the clip's own while the drag lasts."""
        self.chosen: PedalSpan | None = None
        """The span to select once the gesture is done."""

    def _edit(self, p: Pointer) -> PedalEdit | None:
        return None

    def move(self, p: Pointer) -> None:
        edit = self._edit(p)
        self.preview = edit.spans if edit is not None else None

    def release(self, p: Pointer) -> None:
        edit = self._edit(p)
        self.preview = None
        if edit is not None:
            self.state.piece.push(edit.command)
            self.chosen = edit.span


class AddPress(PedalGesture):
    def __init__(self, state: RollState, p: Pointer) -> None:
        super().__init__(state)
        self.start_tick = state.snap.cell(p.tick)
        self.move(p)

    def _edit(self, p: Pointer) -> PedalEdit | None:
        clip, track_uid = self.state.clip, self.state.track_uid
        if clip is None or track_uid is None:
            return None
        end = self.state.snap.nearest(p.tick)
        beat = self.state.meter.ticks_per_beat
        length = end - self.start_tick if end > self.start_tick + beat else beat
        return pedal_edits.add_press(
            track_uid, clip, self.state.clip_length_ticks, self.start_tick, length
        )


class DragSpan(PedalGesture):
    def __init__(self, state: RollState, p: Pointer, span: PedalSpan, part: Part) -> None:
        super().__init__(state)
        self.start, self.span, self.part = p, span, part
        self.chosen = span

    def _edit(self, p: Pointer) -> PedalEdit | None:
        clip, track_uid = self.state.clip, self.state.track_uid
        if clip is None or track_uid is None:
            return None
        pass_ticks, span = self.state.clip_length_ticks, self.span
        moved = p.tick - self.start.tick
        nearest = self.state.snap.nearest
        if self.part is Part.START:
            return pedal_edits.move_press(
                track_uid, clip, pass_ticks, span, nearest(span.start_tick + moved)
            )
        if self.part is Part.END:
            return pedal_edits.move_release(
                track_uid, clip, pass_ticks, span, nearest(span.end_tick + moved)
            )
        delta = nearest(span.start_tick + moved) - span.start_tick
        return pedal_edits.move_span(track_uid, clip, pass_ticks, span, delta)

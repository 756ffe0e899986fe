"""What can be done to the selected clip, whoever asks: the keys, the context menu, a double-click.

A mixin of the `Arrangement` widget, kept apart so the widget file holds only input and painting.
Each action builds its command with `clip_actions` / `tonewell.edit.piece_edits` and pushes it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QInputDialog, QWidget

from tonewell.edit import piece_edits
from tonewell.model import Clip
from tonewell.model.composition import MAX_REPEATS
from tonewell.ui.arrangement import clip_actions
from tonewell.ui.piece import OpenPiece

ClipRef = tuple[int, int]
"""(track_uid, clip_uid)"""


class ClipEditing:
    """The selection and the actions on it; the widget supplies the fields declared here."""

    piece: OpenPiece
    _selected: ClipRef | None
    clip_activated: SignalInstance
    clip_opened: SignalInstance
    track_selected: SignalInstance

    def selected_clip(self) -> ClipRef | None:
        return self._selected

    def selected_clip_object(self) -> Clip | None:
        found = clip_actions.locate(self.piece.comp, self._selected)
        return found[1] if found else None

    def select_clip(self, pair: ClipRef | None) -> None:
        if pair == self._selected:
            return
        self._selected = pair
        found = clip_actions.locate(self.piece.comp, pair)
        if found is not None:
            index, clip = found
            track = self.piece.comp.tracks[index]
            bar, _beat, _ = self.piece.comp.time_signature.bar_beat(clip.start_tick)
            self.setAccessibleDescription(f"{clip.name} on {track.name}, from bar {bar}")
            self.track_selected.emit(track.uid)
        self.update()

    def open_selected(self) -> None:
        """Enter on a clip: edit it in the piano roll, and go there (`clip_opened`)."""
        if self.selected_clip_object() is not None and self._selected is not None:
            self.clip_activated.emit(*self._selected)
            self.clip_opened.emit()

    def new_clip_at(self, track_uid: int, bar: int) -> None:
        """A new empty clip at `bar` (from 0) on the track, opened in the piano roll."""
        command, clip = clip_actions.new_clip(self.piece.comp, track_uid, bar)
        self.piece.push(command)
        self.select_clip((track_uid, clip.uid))
        self.clip_activated.emit(track_uid, clip.uid)

    def new_clip_on_selected_track(self) -> None:
        comp = self.piece.comp
        found = clip_actions.locate(comp, self._selected)
        track_uid = comp.tracks[found[0]].uid if found else (
            comp.tracks[0].uid if comp.tracks else None
        )
        if track_uid is None:
            return
        command, clip = clip_actions.new_clip_after_last(comp, track_uid)
        self.piece.push(command)
        self.select_clip((track_uid, clip.uid))
        self.clip_activated.emit(track_uid, clip.uid)

    def duplicate_selected(self) -> None:
        clip = self.selected_clip_object()
        if clip is None or self._selected is None:
            return
        track_uid = self._selected[0]
        command = piece_edits.duplicate_clip(track_uid, clip, self.piece.comp.time_signature)
        self.piece.push(command)
        self.select_clip((track_uid, command.clip.uid))

    def repeat_once_more(self) -> None:
        self._set_repeats(lambda clip: clip.repeats + 1)

    def repeat_once_fewer(self) -> None:
        self._set_repeats(lambda clip: clip.repeats - 1)

    def ask_repeats(self) -> None:
        clip = self.selected_clip_object()
        if clip is None:
            return
        parent = self if isinstance(self, QWidget) else None
        times, ok = QInputDialog.getInt(
            parent, "Repeat clip", f"How many times should “{clip.name}” play?", clip.repeats,
            1, MAX_REPEATS,
        )
        if ok:
            self._set_repeats(lambda _clip: times)

    def _set_repeats(self, how_many: Callable[[Clip], int]) -> None:
        clip = self.selected_clip_object()
        if clip is None or self._selected is None:
            return
        command = clip_actions.set_repeats(self._selected[0], clip, how_many(clip))
        if command is not None:
            self.piece.push(command)

    def delete_selected(self) -> None:
        clip = self.selected_clip_object()
        if clip is None or self._selected is None:
            return
        comp = self.piece.comp
        after = clip_actions.neighbour(comp, self._selected, "right") or clip_actions.neighbour(
            comp, self._selected, "left"
        )
        self.piece.push(piece_edits.remove_clip(comp, self._selected[0], clip))
        self.select_clip(after)

    def nudge_selected(self, key: str) -> None:
        """Alt+arrows: the selected clip one bar earlier/later, or to the track above/below."""
        comp = self.piece.comp
        found = clip_actions.locate(comp, self._selected)
        if found is None or self._selected is None:
            return
        index, clip = found
        bar = comp.time_signature.ticks_per_bar
        start = clip.start_tick + {"left": -bar, "right": bar}.get(key, 0)
        to = index + {"up": -1, "down": 1}.get(key, 0)
        if start < 0 or not 0 <= to < len(comp.tracks):
            return
        command = clip_actions.place(comp, self._selected[0], clip, start, comp.tracks[to].uid,
                                     copy=False)
        if command is not None:
            self.piece.push(command)

    def step_selection(self, key: str) -> None:
        """Arrows: select the next clip that way (the first clip when none is selected)."""
        target = clip_actions.neighbour(self.piece.comp, self._selected, key)
        if target is not None:
            self.select_clip(target)

"""`PianoRoll`: the note editor people open every day, composed of its parts.

It lays out the piano keys, ruler, note canvas, velocity and pedal lanes and scrollbars around
one shared `Geometry` and one `RollState`, offers the grid and note-length choosers, listens to
the open piece's changes, and gives the window its interface (edit actions, playhead, the clip
shown).
The drawing and the gestures live in the modules beside this one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tonewell.edit import DocumentEvent
from tonewell.model.scales import pitch_name
from tonewell.ui import theme
from tonewell.ui.elided_label import ElidedLabel
from tonewell.ui.piano_roll import actions
from tonewell.ui.piano_roll.canvas import NoteCanvas
from tonewell.ui.piano_roll.geometry import DEFAULT_ROW_PX, ZOOM_STEP, Geometry
from tonewell.ui.piano_roll.keyboard import PianoKeys
from tonewell.ui.piano_roll.pedal_lane import PedalLane
from tonewell.ui.piano_roll.ruler import Ruler
from tonewell.ui.piano_roll.snap import GRID_CHOICES, length_name
from tonewell.ui.piano_roll.state import RollState
from tonewell.ui.piano_roll.velocity_lane import VelocityLane
from tonewell.ui.piece import OpenPiece

LENGTH_CHOICES = tuple((label, ticks) for label, ticks in GRID_CHOICES if ticks)
AUDITION_VELOCITY = 100
GESTURE_HINT = (
    "Click to add a note · drag to move · drag an end to resize · "
    "Shift-drag to select · double-click to remove"
)
"""Shown at the right of the header row; it gives way (ends in "…") before the clip's name."""


def grid_words(grid_ticks: int) -> str:
    """A grid choice in words, for its tooltip: "Snap to eighth-note triplets"."""
    return f"Snap to {length_name(grid_ticks)}s" if grid_ticks else "No snapping"


VELOCITY_LANE_SHARE = 0.2
"""The velocity lane takes at most this share of the piano roll's height (the notes matter
more when room is short)."""


class PianoRoll(QWidget):
    audition_requested = Signal(int, int, int)
    """(track uid, pitch, velocity): sound this note now."""
    selection_changed = Signal()
    clip_changed = Signal(object)
    """The (track uid, clip uid) now shown, or None."""

    def __init__(self, piece: OpenPiece, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pianoRoll")
        self.setAccessibleName("Piano roll")
        self.setAccessibleDescription(
            "The notes of the open clip. Arrow keys move the cursor, which says the note, bar "
            "and beat under it; Enter places or removes a note there.")
        # setFocus() on the roll reaches the note canvas (`focusInEvent`), but Tab does not
        # stop at the roll itself: Tab goes to the header row's choosers first, then the notes.
        # (A focus proxy would take the roll's place in the Tab order, before the choosers.)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.piece = piece
        self.geometry = Geometry(row_px=theme.scaled_px(DEFAULT_ROW_PX))
        self._ui_scale = theme.ui_scale()
        self.state = RollState(piece, self._selection_changed)
        self.state.audition = self._audition
        self._follow = True
        self._centre_pending = True

        self.canvas = NoteCanvas(self.state, self.geometry, self)
        self.keys = PianoKeys(self.geometry, self)
        self.ruler = Ruler(self.geometry, self)
        self.lane = VelocityLane(self.state, self.geometry, self)
        self.pedal_lane = PedalLane(self.state, self.geometry, self)
        self.hbar = QScrollBar(Qt.Orientation.Horizontal, self)
        self.vbar = QScrollBar(Qt.Orientation.Vertical, self)
        self._build_layout()

        self.canvas.zoom_requested.connect(self._zoom)
        self.canvas.scroll_requested.connect(self._scroll_by)
        self.canvas.cursor_moved.connect(self._cursor_moved)
        self.canvas.resized.connect(self._canvas_resized)
        self.keys.key_clicked.connect(self._audition_key)
        self.ruler.tick_clicked.connect(self._ruler_clicked)
        self.hbar.valueChanged.connect(lambda v: self._scroll_to(x=v))
        self.vbar.valueChanged.connect(lambda v: self._scroll_to(y=v))
        piece.changed.connect(self._piece_changed)
        theme.changes().changed.connect(self._follow_theme)
        self.set_clip(None, None)

    def _build_layout(self) -> None:
        self.grid_box = QComboBox(self)
        self.grid_box.setObjectName("pianoRollGrid")
        self.grid_box.setAccessibleName("Snap to grid")
        for label, ticks in GRID_CHOICES:
            self.grid_box.addItem(label, ticks)
            self.grid_box.setItemData(self.grid_box.count() - 1, grid_words(ticks),
                                      Qt.ItemDataRole.ToolTipRole)
        self.grid_box.setCurrentIndex(self.grid_box.findData(self.state.snap.grid_ticks))
        self.grid_box.currentIndexChanged.connect(self._grid_chosen)
        self.length_box = QComboBox(self)
        self.length_box.setObjectName("pianoRollLength")
        self.length_box.setAccessibleName("New note length")
        for label, ticks in LENGTH_CHOICES:
            self.length_box.addItem(label, ticks)
            self.length_box.setItemData(self.length_box.count() - 1, length_name(ticks),
                                        Qt.ItemDataRole.ToolTipRole)
        self.length_box.activated.connect(self._length_chosen)
        self.clip_label = ElidedLabel("", self)  # a long track name gives way, not the tracks
        self.clip_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.clip_label.setObjectName("pianoRollClip")
        self.clip_label.setStyleSheet("font-weight: 600;")

        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 4)
        for text, box in (("Grid", self.grid_box), ("Note length", self.length_box)):
            label = QLabel(text, self)
            label.setBuddy(box)
            bar.addWidget(label)
            bar.addWidget(box)
            bar.addSpacing(12)
        bar.addWidget(self.clip_label)
        bar.addSpacing(16)
        self.hint_label = ElidedLabel(GESTURE_HINT, self)
        self.hint_label.setObjectName("pianoRollHint")
        self.hint_label.setProperty("class", "caption")
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        bar.addWidget(self.hint_label, 1)

        grid = QGridLayout()
        grid.setSpacing(0)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.ruler, 0, 1)
        grid.addWidget(self.keys, 1, 0)
        grid.addWidget(self.canvas, 1, 1)
        grid.addWidget(self.vbar, 1, 2)
        grid.addWidget(self.lane, 2, 1)
        grid.addWidget(self.pedal_lane, 3, 1)
        grid.addWidget(self.hbar, 4, 1)
        grid.setRowStretch(1, 1)
        grid.setColumnStretch(1, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addLayout(bar)
        outer.addLayout(grid, 1)
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab in reading order: the choosers of the header row, then the notes below them."""
        QWidget.setTabOrder(self.grid_box, self.length_box)
        QWidget.setTabOrder(self.length_box, self.canvas)

    def event(self, e: QEvent) -> bool:
        handled = super().event(e)
        if e.type() == QEvent.Type.ParentChange:
            self._order_tabs()  # a new parent rebuilds the chain in the order of creation
        return handled

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.lane.give_room(round(self.height() * VELOCITY_LANE_SHARE))

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.canvas.setFocus(event.reason())  # the notes are what the keys edit

    # --- the clip shown ------------------------------------------------------------------------

    def set_clip(self, track_uid: int | None, clip_uid: int | None) -> None:
        """Edit the clip `clip_uid` of track `track_uid`; (None, None) shows a hint instead."""
        before = self.current_clip()
        self.state.open(track_uid, clip_uid)
        self.geometry.scroll_to(x_px=0)
        self._refresh()
        self._centre_notes()
        if self.current_clip() != before:
            self.clip_changed.emit(self.current_clip())

    def current_clip(self) -> tuple[int, int] | None:
        if self.state.track_uid is None or self.state.clip_uid is None:
            return None
        return self.state.track_uid, self.state.clip_uid

    def _piece_changed(self, event: DocumentEvent) -> None:
        if self.current_clip() is None:
            return
        clip = self.state.clip
        if clip is None:
            self.set_clip(None, None)
            return
        self.state.selection.keep_only(clip.notes)
        self._refresh()

    def _refresh(self) -> None:
        """Follow the clip's current state: sizes, labels, every part repainted."""
        found = self.state.track_and_clip()
        comp = self.state.comp
        self.keys.show_piece(comp, found is not None and found[1].is_drum)
        self.ruler.meter = comp.time_signature
        if found is None:
            self.ruler.clip_length_ticks = None
            self.clip_label.setText("")
            self.setAccessibleName("Piano roll, no clip open")
        else:
            _, track, clip = found
            same = clip.name == track.name  # a new track's clip is named after it
            self.clip_label.setText(clip.name if same else f"{clip.name} · {track.name}")
            self.setAccessibleName(f"Piano roll: {clip.name} on {track.name}")
            length = self.state.clip_length_ticks
            self.ruler.clip_length_ticks = length
            last_end = max((n.end_tick for n in clip.notes), default=0)
            self.geometry.content_ticks = max(length, last_end) + comp.time_signature.ticks_per_bar
        self._show_length()
        self._announce_cursor()
        self._sync_view()

    # --- view -----------------------------------------------------------------------------------

    def _canvas_resized(self) -> None:
        self._sync_view()
        if self._centre_pending:
            self._centre_notes()

    def _centre_notes(self) -> None:
        """Show the middle of the clip's pitch range (or the cursor's row) vertically; done
        again at the first real size, since a widget not shown yet has none."""
        clip = self.state.clip
        pitches = [n.pitch for n in clip.notes] if clip is not None else []
        middle = (min(pitches) + max(pitches)) // 2 if pitches else self.state.cursor.pitch
        self._sync_view()
        self.geometry.centre_on_pitch(middle)
        self._sync_view()
        self._centre_pending = not self.canvas.isVisible()

    def _sync_view(self) -> None:
        """Scrollbars follow the geometry; every part repaints."""
        g = self.geometry
        g.view_width_px, g.view_height_px = self.canvas.width(), self.canvas.height()
        g.scroll_to(g.scroll_x_px, g.scroll_y_px)
        for bar, value, maximum, page in (
            (self.hbar, g.scroll_x_px, g.max_scroll_x_px, g.view_width_px),
            (self.vbar, g.scroll_y_px, g.max_scroll_y_px, g.view_height_px),
        ):
            bar.blockSignals(True)
            bar.setRange(0, maximum)
            bar.setPageStep(page)
            bar.setSingleStep(max(1, page // 10))
            bar.setValue(value)
            bar.blockSignals(False)
        for part in (self.canvas, self.keys, self.ruler, self.lane, self.pedal_lane):
            part.update()

    def _scroll_to(self, x: float | None = None, y: float | None = None) -> None:
        self.geometry.scroll_to(x, y)
        self._sync_view()

    def _scroll_by(self, dx: float, dy: float) -> None:
        g = self.geometry
        self._scroll_to(g.scroll_x_px + dx, g.scroll_y_px + dy)

    def _zoom(self, axis: str, factor: float, anchor: float) -> None:
        if axis == "time":
            self.geometry.zoom_time(factor, anchor)
        else:
            self.geometry.zoom_pitch(factor, anchor)
        self._sync_view()

    def _follow_theme(self) -> None:
        """Rows and key names grow with the UI scale, keeping the person's own zoom; the grid
        picture is rebuilt in the new colours."""
        factor = theme.ui_scale() / self._ui_scale
        self._ui_scale = theme.ui_scale()
        if factor != 1:
            self._zoom("pitch", factor, self.geometry.view_height_px / 2)
        self.keys.rescale()
        if factor != 1:  # the lane keeps the height the person gave it, at the new scale
            self.lane.set_lane_height(round(self.lane.wanted_px * factor))
        self.canvas.grid_layer.forget()
        self.update()

    def zoom_in(self) -> None:
        self._zoom("time", ZOOM_STEP, self.geometry.view_width_px / 2)

    def zoom_out(self) -> None:
        self._zoom("time", 1 / ZOOM_STEP, self.geometry.view_width_px / 2)

    def show_pitch(self, pitch: int) -> None:
        """Look at `pitch`'s register: centred in view, with the keyboard cursor on it."""
        self.state.cursor.pitch = min(max(int(pitch), 0), 127)
        self.geometry.centre_on_pitch(self.state.cursor.pitch)
        self._cursor_moved()
        self._sync_view()

    def point_at(self, pitch: int, tick: float) -> QPoint:
        """The canvas point in `pitch`'s row at clip tick `tick` (for tests and tools)."""
        return self.canvas.point_at(pitch, tick).toPoint()

    # --- playhead -------------------------------------------------------------------------------

    def set_playhead(self, tick: int) -> None:
        """The transport is at piece tick `tick`; shown when it is inside this clip (in its
        repeats, at the place in the pattern) and followed page by page when asked."""
        found = self.state.track_and_clip()
        rel: int | None = None
        if found is not None:
            clip = found[2]
            pass_ticks = clip.length_ticks(self.state.meter)
            offset = tick - clip.start_tick
            if 0 <= offset < pass_ticks * clip.repeats:
                rel = offset % pass_ticks
        if rel == self.state.playhead_tick:
            return
        self.state.playhead_tick = rel
        self.ruler.playhead_tick = rel
        g = self.geometry
        if rel is not None and self._follow:
            x = g.x_of(rel)
            if x < 0 or x >= g.view_width_px:
                self._scroll_to(x=rel * g.tick_px)
                return
        self.canvas.update()
        self.ruler.update()

    def set_follow_playhead(self, on: bool) -> None:
        self._follow = bool(on)

    def follow_playhead(self) -> bool:
        return self._follow

    # --- edit actions (the window's Edit menu calls these) ---------------------------------

    def has_selection(self) -> bool:
        return bool(self.state.selection)

    def select_all(self) -> None:
        actions.select_all(self.state)

    def delete_selection(self) -> None:
        actions.delete_selection(self.state)

    def copy(self) -> None:
        actions.copy(self.state)

    def cut(self) -> None:
        actions.cut(self.state)

    def paste(self, at_tick: int | None = None) -> None:
        actions.paste(self.state, at_tick)

    def duplicate(self) -> None:
        actions.duplicate(self.state)

    def quantize(self, grid_ticks: int | None = None, strength: float = 1.0) -> None:
        actions.quantize(self.state, grid_ticks, strength)

    def transpose(self, semitones: int) -> None:
        actions.transpose(self.state, semitones)

    def set_velocity(self, velocity: int) -> None:
        actions.set_velocity(self.state, velocity)

    # --- keys the canvas leaves to the widget ------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        fallbacks = {
            QKeySequence.StandardKey.ZoomIn: self.zoom_in,
            QKeySequence.StandardKey.ZoomOut: self.zoom_out,
            QKeySequence.StandardKey.SelectAll: self.select_all,
            QKeySequence.StandardKey.Copy: self.copy,
            QKeySequence.StandardKey.Cut: self.cut,
            QKeySequence.StandardKey.Paste: self.paste,
        }
        for key, act in fallbacks.items():
            if event.matches(key):
                act()
                event.accept()
                return
        combo = event.keyCombination()
        if combo.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier and combo.key() in (
            Qt.Key.Key_Equal,
            Qt.Key.Key_Plus,
        ):
            self.zoom_in()
        elif (
            combo.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier
            and combo.key() == Qt.Key.Key_D
        ):
            self.duplicate()
        else:
            super().keyPressEvent(event)

    # --- small reactions ----------------------------------------------------------------------

    def _selection_changed(self) -> None:
        self.canvas.update()
        self.lane.update()
        self._show_length()
        self.selection_changed.emit()

    def _grid_chosen(self, _index: int) -> None:
        self.state.snap.grid_ticks = int(self.grid_box.currentData())
        self._sync_view()

    def _length_chosen(self, _index: int) -> None:
        self.state.snap.length_ticks = int(self.length_box.currentData())

    def _show_length(self) -> None:
        """The length chooser shows the length the next note will have."""
        ticks = self.state.snap.length_ticks
        at = self.length_box.findData(ticks)
        if at < 0:
            self.length_box.addItem(length_name(ticks), ticks)
            at = self.length_box.count() - 1
        self.length_box.setCurrentIndex(at)

    def _audition(self, pitch: int, velocity: int) -> None:
        if self.state.track_uid is not None:
            self.audition_requested.emit(self.state.track_uid, pitch, velocity)

    def _audition_key(self, pitch: int) -> None:
        if self.state.track_uid is not None:
            self._audition(pitch, AUDITION_VELOCITY)
            self.state.cursor.pitch = pitch
            self._cursor_moved()

    def _ruler_clicked(self, tick: int) -> None:
        if self.state.clip is not None:
            self.state.cursor.tick = min(tick, max(0, self.state.clip_length_ticks - 1))
            self._cursor_moved()

    def _cursor_moved(self) -> None:
        c = self.state.cursor
        if self.geometry.ensure_visible(c.tick, c.pitch):
            self._sync_view()
        self._show_length()
        self._announce_cursor()
        self.canvas.update()

    def _announce_cursor(self) -> None:
        """The canvas's accessible name says where the cursor is and what note is there."""
        if self.state.clip is None:
            self.canvas.setAccessibleName("Note grid, no clip open")
            return
        c = self.state.cursor
        meter = self.state.meter
        bar, beat, in_beat = meter.bar_beat(c.tick)
        where = f"bar {bar} beat {beat + in_beat / meter.ticks_per_beat:g}"
        note = self.state.note_at_cursor()
        what = length_name(note.length_ticks) if note is not None else "no note"
        self.canvas.setAccessibleName(f"{pitch_name(c.pitch)}, {where}, {what}")

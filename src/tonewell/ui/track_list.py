"""The tracks of the open piece, managed as in a good music app: add, remove, rename, reorder,
instrument, colour, and a small mixer (mute, solo, volume, pan) per track.

The list edits the piece itself: every control builds a command with `tonewell.edit.piece_edits`
and pushes it on the `OpenPiece`, so each change is one named step in Edit › Undo (a whole
slider drag is one step: the commands merge, and the list seals them on release, after a short
pause of keyboard changes, or when focus leaves). It listens to `piece.changed` and updates the
rows in place when only values changed (a slider being dragged keeps its grip); it rebuilds
them when tracks were added, removed or reordered.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollBar,
    QVBoxLayout,
    QWidget,
)

from tonewell.edit import DocumentEvent
from tonewell.edit.changes import Scope
from tonewell.edit.commands import Command, Compound, track_index
from tonewell.edit.piece_edits import (
    add_track,
    instrument_name,
    move_track,
    new_track,
    remove_track,
    rename_track,
    set_instrument,
    set_track_value,
)
from tonewell.model import MAX_CLIP_BARS, Clip, Composition, Track
from tonewell.model.timing import whole_bars
from tonewell.ui import instrument_picker, theme
from tonewell.ui.arrangement.geometry import DEFAULT_LANE_HEIGHT
from tonewell.ui.instrument_picker import Audition
from tonewell.ui.piece import OpenPiece
from tonewell.ui.track_row import TrackRow
from tonewell.ui.track_rows_view import TrackRowsView

KEYBOARD_SEAL_MS = 700
"""A volume or pan change by keys or wheel is one step once the keys rest this long."""
NEW_CLIP_BARS = 4
"""Length of the empty clip a new track gets when the piece has no length yet."""


def new_clip_bars(comp: Composition) -> int:
    """The piece's length in whole bars, or `NEW_CLIP_BARS` while it has none."""
    bars = whole_bars(comp.end_tick(), comp.time_signature.ticks_per_bar)
    return min(bars, MAX_CLIP_BARS) if bars > 0 else NEW_CLIP_BARS


class TrackList(QWidget):
    """The track column. `track_selected(uid)` when the person selects (or adds) a track."""

    track_selected = Signal(int)

    def __init__(
        self, piece: OpenPiece, parent: QWidget | None = None, *, audition: Audition | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trackList")
        self.setAccessibleName("Tracks")
        self.setAccessibleDescription(
            "Each track with its instrument, colour, mute, solo, volume and pan. Delete removes "
            "the selected track, F2 renames it, Alt+Up and Alt+Down move it."
        )
        self.piece = piece
        self.audition = audition
        """Plays a short preview of (program, is_drum) in the instrument picker; optional."""
        self.row_height = theme.scaled_px(DEFAULT_LANE_HEIGHT)
        self._rows: list[TrackRow] = []

        self.view = TrackRowsView()
        self.view.setAccessibleName("Tracks")
        self.add_button = QPushButton("+  Add track")
        self.add_button.setObjectName("addTrackButton")
        self.add_button.setToolTip("Add a track: choose its instrument first")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        column.addWidget(self.view, 1)
        column.addWidget(self.add_button)

        self._seal_timer = QTimer(self)
        self._seal_timer.setSingleShot(True)
        self._seal_timer.setInterval(KEYBOARD_SEAL_MS)
        self._seal_timer.timeout.connect(self.piece.seal)

        self.add_button.clicked.connect(self.add_track)
        self.view.currentRowChanged.connect(self._row_chosen)
        self.view.move_requested.connect(self._move_row)
        self.view.delete_requested.connect(self.remove_selected)
        self.view.rename_requested.connect(self.rename_selected)
        self.view.step_requested.connect(self._step_selected)
        self.view.menu_requested.connect(self._show_menu)
        self.piece.changed.connect(self._on_changed)
        theme.changes().changed.connect(self._follow_scale)
        self._rebuild(self.piece.comp)

    def _follow_scale(self) -> None:
        """Rows grow with the UI scale, as the arrangement's lanes do, and stay level with them."""
        for row in self._rows:
            row.rescale()
        self.set_row_height(theme.scaled_px(DEFAULT_LANE_HEIGHT))
        self.updateGeometry()  # the column's narrowest width follows the rows

    # --- what it shows ---------------------------------------------------------------------

    def rows(self) -> list[TrackRow]:
        return list(self._rows)

    def row_widget(self, index: int) -> TrackRow:
        return self._rows[index]

    def count(self) -> int:
        return len(self._rows)

    def minimumSizeHint(self) -> QSize:
        """Wide enough for every control of the rows beside the scrollbar, so the column can
        be narrowed (by its splitter handle) but never so far that a button is cut off."""
        hint = super().minimumSizeHint()
        rows_px = max((row.minimumSizeHint().width() for row in self._rows), default=0)
        return QSize(max(hint.width(), self.view.rows_minimum_width(rows_px)), hint.height())

    def verticalScrollBar(self) -> QScrollBar:
        return self.view.verticalScrollBar()

    def set_scroll_y(self, y_px: int) -> None:
        self.view.verticalScrollBar().setValue(y_px)

    def set_row_height(self, px: int) -> None:
        """Rows as tall as the arrangement's lanes, so each track lines up with its lane."""
        self.row_height = max(40, int(px))
        for i in range(self.view.count()):
            self.view.item(i).setSizeHint(QSize(0, self.row_height))

    def selected_track(self) -> int | None:
        row = self.view.currentRow()
        return self._rows[row].uid if 0 <= row < len(self._rows) else None

    def select_track(self, uid: int | None) -> None:
        """Select the track with `uid` (from outside: emits nothing)."""
        row = next((r.index for r in self._rows if r.uid == uid), -1)
        self.view.blockSignals(True)
        self.view.setCurrentRow(row)
        self.view.blockSignals(False)
        if row >= 0:
            self.view.scrollToItem(self.view.item(row))

    # --- following the piece ---------------------------------------------------------------

    def _on_changed(self, event: DocumentEvent) -> None:
        comp = event.composition
        if event.touches(Scope.TRACKS) or len(comp.tracks) != len(self._rows):
            self._rebuild(comp)
        elif any(event.touches(s) for s in (Scope.TRACK, Scope.CLIPS, Scope.CLIP, Scope.NOTES)):
            for row, track in zip(self._rows, comp.tracks, strict=True):
                row.show_track(row.index, track, comp.time_signature)

    def _rebuild(self, comp: Composition) -> None:
        keep = self.selected_track()
        self.view.blockSignals(True)
        self.view.clear()
        self._rows = []
        for index, track in enumerate(comp.tracks):
            item = QListWidgetItem(self.view)
            item.setSizeHint(QSize(0, self.row_height))
            row = TrackRow(index, track, comp.time_signature)
            self._connect(row)
            self.view.setItemWidget(item, row)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, row.accessibleName())
            self._rows.append(row)
        self.view.blockSignals(False)
        self.updateGeometry()  # the column's narrowest width follows the rows
        self._order_tabs()
        if keep is not None:
            self.select_track(keep)

    def _order_tabs(self) -> None:
        """Tab goes from the list to each row's controls in reading order (colour, name, M, S,
        the menu, then instrument, volume, pan), row by row, and then to "Add track"; rows
        made after the rest of the window would otherwise come last of all."""
        before: QWidget = self.view
        for row in self._rows:
            for control in (row.colour, row.name_edit, row.mute, row.solo, row.menu_button,
                            row.instrument, row.volume, row.pan):
                QWidget.setTabOrder(before, control)
                before = control
        QWidget.setTabOrder(before, self.add_button)

    def _connect(self, row: TrackRow) -> None:
        row.layout_changed.connect(self.updateGeometry)  # the column's narrowest width follows
        row.touched.connect(lambda r=row: self._touch(r))
        row.rename_committed.connect(lambda text, r=row: self.rename(r.uid, text))
        row.mute.toggled.connect(lambda on, r=row: self.set_value(r.uid, "mute", on))
        row.solo.toggled.connect(lambda on, r=row: self.set_value(r.uid, "solo", on))
        row.colour.colour_chosen.connect(lambda c, r=row: self.set_value(r.uid, "colour", c))
        row.instrument.clicked.connect(lambda _=False, r=row: self.choose_instrument(r.uid))
        row.menu_button.clicked.connect(
            lambda _=False, r=row: self._show_menu(
                r.index, r.menu_button.mapToGlobal(r.menu_button.rect().bottomLeft()))
        )
        for slider, field in ((row.volume, "volume"), (row.pan, "pan")):
            slider.valueChanged.connect(
                lambda v, r=row, f=field, s=slider: self._slide(r.uid, f, v, s.isSliderDown())
            )
            slider.sliderReleased.connect(self.piece.seal)
        row.pan.centred.connect(self.piece.seal)
        row.control_left.connect(self.piece.seal)

    def _touch(self, row: TrackRow) -> None:
        if self.view.currentRow() != row.index:
            self.view.setCurrentRow(row.index)

    def _row_chosen(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.track_selected.emit(self._rows[row].uid)

    # --- edits -----------------------------------------------------------------------------

    def _track(self, uid: int) -> Track:
        comp = self.piece.comp
        return comp.tracks[track_index(comp, uid)]

    def _push(self, command: Command) -> None:
        self.piece.push(command)

    def set_value(self, uid: int, field: str, value: object) -> None:
        """Mute, solo, volume, pan or colour of the track `uid` (nothing when unchanged)."""
        if getattr(self._track(uid), field) != value:
            self._push(set_track_value(self.piece.comp, uid, field, value))

    def _slide(self, uid: int, field: str, value: int, dragging: bool) -> None:
        self.set_value(uid, field, value)
        if dragging:
            self._seal_timer.stop()  # released: sliderReleased seals
        else:
            self._seal_timer.start()  # keys or wheel: seal once they rest

    def rename(self, uid: int, name: str) -> None:
        if " ".join(name.split()) not in ("", self._track(uid).name):
            self._push(rename_track(self.piece.comp, uid, name))

    def rename_selected(self) -> None:
        row = self.view.currentRow()
        if 0 <= row < len(self._rows):
            self._rows[row].start_rename()

    def remove(self, uid: int) -> None:
        """Remove the track (it can be undone, so nothing is asked)."""
        comp = self.piece.comp
        at = track_index(comp, uid)
        self._push(remove_track(comp, uid))
        remaining = self.piece.comp.tracks
        if remaining:
            neighbour = remaining[min(at, len(remaining) - 1)].uid
            self.select_track(neighbour)
            self.track_selected.emit(neighbour)
        self.view.setFocus()

    def remove_selected(self) -> None:
        uid = self.selected_track()
        if uid is not None:
            self.remove(uid)

    def move(self, uid: int, to_index: int) -> None:
        """Put the track `uid` at `to_index` (what a drag does): one MoveTrack command."""
        comp = self.piece.comp
        to_index = min(max(0, to_index), len(comp.tracks) - 1)
        if track_index(comp, uid) != to_index:
            self._push(move_track(comp, uid, to_index))
            self.select_track(uid)

    def _move_row(self, from_row: int, to_index: int) -> None:
        if 0 <= from_row < len(self._rows):
            self.move(self._rows[from_row].uid, to_index)

    def _step_selected(self, step: int) -> None:
        uid = self.selected_track()
        if uid is not None:
            self.move(uid, track_index(self.piece.comp, uid) + step)
            self.view.setFocus()

    def choose_instrument(self, uid: int) -> None:
        """Open the instrument picker for the track and push the change as one command."""
        track = self._track(uid)
        choice = instrument_picker.choose_instrument(
            self, track.program, track.is_drum, audition=self.audition,
            title=f"Instrument for {track.name}",
        )
        if choice is None or choice == (track.program, track.is_drum):
            return
        program, is_drum = choice
        comp = self.piece.comp
        command: Command = set_instrument(comp, uid, program, is_drum=is_drum)
        if track.name.startswith(instrument_name(track.program, track.is_drum)):
            # a name that only said the old instrument follows the new one ("Flute 2")
            name = new_track(comp, program, is_drum=is_drum).name
            command = Compound(command.name, (command, rename_track(comp, uid, name)))
        self._push(command)

    def add_track(self) -> int | None:
        """Ask for an instrument, then add a track with one empty clip; its uid, or None."""
        choice = instrument_picker.choose_instrument(
            self, 0, False, audition=self.audition, title="Add a track"
        )
        if choice is None:
            return None
        comp = self.piece.comp
        track = new_track(comp, choice[0], is_drum=choice[1])
        clip = Clip(name=track.name, length_bars=new_clip_bars(comp))
        track = replace(track, clips=(clip,))
        self._push(add_track(track))
        self.select_track(track.uid)
        self.track_selected.emit(track.uid)
        return track.uid

    # --- the context menu ------------------------------------------------------------------

    def _show_menu(self, row: int, at: QPoint) -> None:
        menu = self.build_menu(row)
        menu.exec(at)
        menu.deleteLater()

    def build_menu(self, row: int) -> QMenu:
        """The actions for the track in `row` (or only "Add track…" below the tracks)."""
        menu = QMenu(self)
        menu.setObjectName("trackMenu")
        if 0 <= row < len(self._rows):
            r = self._rows[row]
            self._touch(r)
            menu.addAction("Rename", r.start_rename).setShortcut("F2")
            menu.addAction("Instrument…", lambda: self.choose_instrument(r.uid))
            menu.addAction("Colour…", r.colour.open_menu)
            up = menu.addAction("Move up", lambda: self.move(r.uid, r.index - 1))
            up.setEnabled(row > 0)
            down = menu.addAction("Move down", lambda: self.move(r.uid, r.index + 1))
            down.setEnabled(row < len(self._rows) - 1)
            menu.addSeparator()
            remove = menu.addAction(f"Remove {r.name_label.text()}", lambda: self.remove(r.uid))
            remove.setObjectName("removeTrackAction")
            remove.setShortcut("Del")
            menu.addSeparator()
        menu.addAction("Add track…", self.add_track)
        return menu

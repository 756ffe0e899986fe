"""The list of tracks beside the overview: name, instrument, note count, and a small mixer
(mute, solo, volume, pan) per track.

The list does not change the composition itself: it reports what the person asked for through
signals, and the main window turns that into a new composition (later, an undoable command).
Rows are updated in place when only values change, so a slider being dragged keeps its grip.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSlider,
    QToolButton,
    QWidget,
)

from tonewell.model import Composition, Track
from tonewell.model.gm import program_name
from tonewell.ui import theme
from tonewell.ui.overview import DEFAULT_LANE_HEIGHT


def instrument_label(track: Track) -> str:
    """What the track sounds like: its General MIDI name, or 'Drums'."""
    return "Drums" if track.is_drum else program_name(track.program)


def track_note_count(track: Track) -> int:
    """Notes as heard: each clip's notes times its repeats."""
    return sum(len(c.notes) * c.repeats for c in track.clips)


def describe_track(track: Track) -> str:
    count = track_note_count(track)
    return f"{instrument_label(track)} · {count} note{'s' if count != 1 else ''}"


def pan_words(pan: int) -> str:
    """A pan value (0..127, 64 centre) in words, for tooltips and screen readers."""
    if abs(pan - 64) <= 1:
        return "centre"
    side = "left" if pan < 64 else "right"
    amount = round(abs(pan - 64) / 64 * 100)
    return f"{min(amount, 100)}% {side}"


def _slider(minimum: int, maximum: int, width: int) -> QSlider:
    s = QSlider(Qt.Orientation.Horizontal)
    s.setRange(minimum, maximum)
    s.setFixedWidth(width)
    s.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return s


class TrackRow(QWidget):
    """One track's row. Its controls carry objectNames (`muteToggle`, `soloToggle`,
    `volumeSlider`, `panSlider`) and accessible names that include the track's name."""

    def __init__(self, index: int, track: Track, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = index
        self.setObjectName("trackRow")
        self.swatch = QLabel()
        self.swatch.setFixedWidth(6)
        colour: QColor = theme.track_colour(index)
        self.swatch.setStyleSheet(f"background: {colour.name()}; border-radius: 3px;")
        self.name_label = QLabel()
        self.name_label.setObjectName("trackName")
        self.name_label.setStyleSheet("font-weight: 600;")
        self.detail_label = QLabel()
        self.detail_label.setObjectName("trackDetail")
        self.detail_label.setProperty("class", "caption")
        self.detail_label.setStyleSheet(f"color: {theme.SOFT_INK};")

        self.mute = QToolButton(text="M", checkable=True)
        self.mute.setObjectName("muteToggle")
        self.mute.setProperty("class", "trackToggle")
        self.solo = QToolButton(text="S", checkable=True)
        self.solo.setObjectName("soloToggle")
        self.solo.setProperty("class", "trackToggle")
        self.volume = _slider(0, 127, 110)
        self.volume.setObjectName("volumeSlider")
        self.pan = _slider(0, 127, 80)
        self.pan.setObjectName("panSlider")
        self.pan.setTickPosition(QSlider.TickPosition.NoTicks)

        grid = QGridLayout(self)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        grid.addWidget(self.swatch, 0, 0, 3, 1)
        grid.addWidget(self.name_label, 0, 1)
        toggles = QHBoxLayout()
        toggles.setSpacing(4)
        toggles.addWidget(self.mute)
        toggles.addWidget(self.solo)
        grid.addLayout(toggles, 0, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.detail_label, 1, 1, 1, 2)
        mixer = QHBoxLayout()
        mixer.setSpacing(6)
        for text, widget in (("Volume", self.volume), ("Pan", self.pan)):
            caption = QLabel(text)
            caption.setStyleSheet(f"color: {theme.SOFT_INK};")
            caption.setBuddy(widget)
            mixer.addWidget(caption)
            mixer.addWidget(widget)
            mixer.addSpacing(8)
        mixer.addStretch(1)
        grid.addLayout(mixer, 2, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        self.show_track(track)

    def show_track(self, track: Track) -> None:
        """Show `track`'s values without emitting any change."""
        name = track.name or f"Track {self.index + 1}"
        self.name_label.setText(name)
        self.detail_label.setText(describe_track(track))
        for widget, value in (
            (self.mute, track.mute),
            (self.solo, track.solo),
            (self.volume, track.volume),
            (self.pan, track.pan),
        ):
            widget.blockSignals(True)
            if isinstance(widget, QToolButton):
                widget.setChecked(bool(value))
            else:
                widget.setValue(int(value))
            widget.blockSignals(False)
        self.mute.setAccessibleName(f"Mute {name}")
        self.mute.setToolTip(f"Mute {name} (silence this track)")
        self.solo.setAccessibleName(f"Solo {name}")
        self.solo.setToolTip(f"Solo {name} (hear only soloed tracks)")
        self.volume.setAccessibleName(f"Volume of {name}")
        self.volume.setToolTip(f"Volume of {name}: {round(track.volume / 127 * 100)}%")
        self.pan.setAccessibleName(f"Pan of {name}")
        self.pan.setToolTip(f"Pan of {name}: {pan_words(track.pan)}")
        self.setAccessibleName(f"{name}, {describe_track(track)}")


class TrackList(QListWidget):
    """Tracks of the open piece. Signals carry the track index and the new value."""

    mute_toggled = Signal(int, bool)
    solo_toggled = Signal(int, bool)
    volume_changed = Signal(int, int)
    pan_changed = Signal(int, int)
    drag_finished = Signal()
    """A volume or pan slider was let go: its values so far are one step to undo."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trackList")
        self.setAccessibleName("Tracks")
        self.setAccessibleDescription(
            "Each track with its instrument and note count, and mute, solo, volume and pan."
        )
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._rows: list[TrackRow] = []
        self.row_height = DEFAULT_LANE_HEIGHT

    def rows(self) -> list[TrackRow]:
        return list(self._rows)

    def row_widget(self, index: int) -> TrackRow:
        return self._rows[index]

    def set_composition(self, comp: Composition) -> None:
        """Show `comp`'s tracks; rows are kept (and updated) when the track count is the same."""
        if len(comp.tracks) == len(self._rows):
            for row, track in zip(self._rows, comp.tracks, strict=True):
                row.show_track(track)
            return
        self.clear()
        self._rows = []
        for index, track in enumerate(comp.tracks):
            item = QListWidgetItem(self)
            item.setSizeHint(QSize(320, self.row_height))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            row = TrackRow(index, track)
            row.mute.toggled.connect(lambda on, i=index: self.mute_toggled.emit(i, on))
            row.solo.toggled.connect(lambda on, i=index: self.solo_toggled.emit(i, on))
            row.volume.valueChanged.connect(lambda v, i=index: self.volume_changed.emit(i, v))
            row.pan.valueChanged.connect(lambda v, i=index: self.pan_changed.emit(i, v))
            row.volume.sliderReleased.connect(self.drag_finished)
            row.pan.sliderReleased.connect(self.drag_finished)
            self.setItemWidget(item, row)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, row.accessibleName())
            self._rows.append(row)

"""One row of the track list: colour, name, instrument, mute/solo and a small mixer.

The row only shows a track and offers controls; it changes nothing itself. The `TrackList`
connects the controls and pushes the commands. Controls carry stable objectNames
(`colourButton`, `trackName`, `trackNameEdit`, `instrumentButton`, `muteToggle`, `soloToggle`,
`volumeSlider`, `panSlider`, `trackMenuButton`) and accessible names that include the track's
name, so tests and screen readers find them. Mute and solo show their on-state by a filled,
bold button with a dot, and the detail line says "muted", so it never rests on colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSlider,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from tonewell.model import TimeSignature, Track
from tonewell.model.gm import instrument_name
from tonewell.ui import theme
from tonewell.ui.elided_label import ElidedLabel, ElidedToolButton
from tonewell.ui.track_colour import ColourButton
from tonewell.ui.track_pan import PanControl, pan_words

_TOGGLE_WIDTH_PX = 48
VOLUME_WIDTH_PX = 96
PAN_WIDTH_PX = 64
MENU_WIDTH_PX = 24
"""Widths at 100 %; `rescale` multiplies them by the UI scale. The volume and pan controls
take their width when the row has room for it, and give way first when it has not."""
VOLUME_MIN_WIDTH_PX = 44
PAN_MIN_WIDTH_PX = 36
"""The narrowest the volume and pan controls get (at 100 %), so a narrow window with large text
keeps every caption and button of a row whole instead of letting them run into each other."""
NAME_MIN_CHARS = 6
INSTRUMENT_MIN_CHARS = 9
"""The name and the instrument never get narrower than this many average characters, so a
row (and so the track column) makes room for them at any text size instead of "D…"."""


def describe_track(track: Track, meter: TimeSignature) -> str:
    count = track.note_count(meter)
    label = instrument_name(track.program, track.is_drum)
    return f"{label} · {count} note{'s' if count != 1 else ''}"


def shown_name(track: Track, index: int) -> str:
    return track.name or f"Track {index + 1}"


class NameEdit(QLineEdit):
    """The name while it is being renamed: Enter (or leaving it) commits, Escape cancels."""

    cancelled = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class VolumeSlider(QSlider):
    """A horizontal slider that asks for `preferred_width_px` and can give way to its minimum
    width, so the row's layout shrinks it before anything with words in it."""

    preferred_width_px = VOLUME_WIDTH_PX

    def sizeHint(self) -> QSize:
        return QSize(self.preferred_width_px, super().sizeHint().height())


class TrackRow(QWidget):
    """A track's row. `touched` when the person clicks or tabs into any part of it."""

    touched = Signal()
    rename_committed = Signal(str)
    control_left = Signal()
    layout_changed = Signal()
    """The row's own layout was redone (a style, font or text change): its narrowest width
    may be different now."""
    """Focus left the volume or pan control: a keyboard change there is finished."""

    def __init__(self, index: int, track: Track, meter: TimeSignature,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trackRow")
        self.index = index
        self.uid = track.uid
        self._name = shown_name(track, index)
        self._renaming = False

        self.colour = ColourButton()
        self.name_label = ElidedLabel()  # a long name ends in "…", never cut mid-letter
        self.name_label.setObjectName("trackName")
        self.name_label.setStyleSheet("font-weight: 600;")
        self.name_label.setToolTip("Double-click (or press F2) to rename")
        self.name_edit = NameEdit()
        self.name_edit.setObjectName("trackNameEdit")
        self.name_edit.setMaxLength(80)
        self.name_stack = QStackedWidget()
        self.name_stack.addWidget(self.name_label)
        self.name_stack.addWidget(self.name_edit)
        self.name_stack.setFixedHeight(self.name_edit.sizeHint().height())

        self.instrument = ElidedToolButton()
        self.instrument.setObjectName("instrumentButton")
        self.instrument.setCursor(Qt.CursorShape.PointingHandCursor)
        self.detail_label = ElidedLabel()  # "104 notes · muted" gives way before the buttons
        self.detail_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.detail_label.setObjectName("trackDetail")

        self.mute = self._toggle("M", "muteToggle")
        self.solo = self._toggle("S", "soloToggle")
        self.menu_button = QToolButton(text="⋯")
        self.menu_button.setObjectName("trackMenuButton")
        self.menu_button.setAutoRaise(True)

        self.volume = VolumeSlider(Qt.Orientation.Horizontal)
        self.volume.setObjectName("volumeSlider")
        self.volume.setRange(0, 127)
        self.volume.setPageStep(8)
        self.volume.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pan = PanControl()
        self.pan.setObjectName("panSlider")
        self._size_controls()

        self._lay_out()
        self._keep_words_room()
        for child in self.findChildren(QWidget):
            child.installEventFilter(self)
        self.name_edit.returnPressed.connect(self.name_edit.clearFocus)
        self.name_edit.editingFinished.connect(self._finish_rename)
        self.name_edit.cancelled.connect(self._cancel_rename)
        self.show_track(index, track, meter)

    @staticmethod
    def _toggle(text: str, name: str) -> QToolButton:
        button = QToolButton(text=text, checkable=True)
        button.setObjectName(name)
        button.setProperty("class", "trackToggle")
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return button

    def _lay_out(self) -> None:
        """Two lines, so a row is as short as an arrangement lane: the name with its note count,
        mute, solo and the menu; then the instrument, volume and pan."""
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 3, 8, 3)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.colour, 0, 0, 2, 1)
        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(self.name_stack, 1)
        top.addWidget(self.detail_label)
        top.addSpacing(4)
        top.addWidget(self.mute)
        top.addWidget(self.solo)
        top.addWidget(self.menu_button)
        grid.addLayout(top, 0, 1)
        mixer = self._mixer = QHBoxLayout()
        mixer.setSpacing(6)
        mixer.addWidget(self.instrument, 1)  # takes what is left, so every row lines up
        self.captions: list[QLabel] = []
        for text, widget in (("Vol", self.volume), ("Pan", self.pan)):
            caption = QLabel(text)
            caption.setProperty("class", "caption")
            caption.setBuddy(widget)
            self.captions.append(caption)
            mixer.addWidget(caption)
            mixer.addWidget(widget)  # no stretch: its preferred width, less when squeezed
        grid.addLayout(mixer, 1, 1)
        grid.setColumnStretch(1, 1)

    # --- showing ----------------------------------------------------------------------------

    def show_track(self, index: int, track: Track, meter: TimeSignature) -> None:
        """Show `track` (at `index`, in a piece in `meter`) without emitting any change; its
        note count is the notes as heard (`Track.note_count`)."""
        self.index, self.uid = index, track.uid
        name = self._name = shown_name(track, index)
        self.name_label.setText(name)
        self.colour.show_colour(theme.shown_colour(track, index), track.colour, name)
        label = instrument_name(track.program, track.is_drum)
        self.instrument.set_full_text(f"{label} ▾")
        self.instrument.setAccessibleName(f"Instrument of {name}: {label}")
        self.instrument.setToolTip(f"{label}. Click to choose another instrument for {name}.")
        count = track.note_count(meter)
        words = [f"{count} note{'s' if count != 1 else ''}"]
        if track.mute:
            words.append("muted")
        if track.solo:
            words.append("solo")
        self.detail_label.setText(" · ".join(words))
        for widget, value in ((self.mute, track.mute), (self.solo, track.solo),
                              (self.volume, track.volume), (self.pan, track.pan)):
            widget.blockSignals(True)
            if isinstance(widget, QToolButton):
                widget.setChecked(bool(value))
            else:
                widget.setValue(int(value))
            widget.blockSignals(False)
        self._show_toggles(name, track)
        self.volume.setAccessibleName(f"Volume of {name}")
        self.volume.setToolTip(f"Volume of {name}: {round(track.volume / 127 * 100)}%")
        self.pan.set_subject(name)
        self.menu_button.setAccessibleName(f"More for {name}")
        self.menu_button.setToolTip(f"Rename, move or remove {name}")
        state = ", ".join(words[1:])
        described = describe_track(track, meter)
        self.setAccessibleName(f"{name}, {described}{', ' + state if state else ''}")

    def _show_toggles(self, name: str, track: Track) -> None:
        self.mute.setText("● M" if track.mute else "M")
        self.solo.setText("● S" if track.solo else "S")
        self.mute.setAccessibleName(f"Mute {name}")
        self.solo.setAccessibleName(f"Solo {name}")
        self.mute.setToolTip(f"{name} is muted. Click to hear it again." if track.mute
                             else f"Mute {name} (silence this track)")
        self.solo.setToolTip(f"{name} is soloed. Click to hear every track again." if track.solo
                             else f"Solo {name} (hear only soloed tracks)")
        # muted: the name in italics and the toggle reads "● M", not a paler colour alone
        self.name_label.setStyleSheet(
            "font-weight: 600; font-style: italic;" if track.mute else "font-weight: 600;")

    def rescale(self) -> None:
        """Take the UI scale in use: the fixed widths grow with the text."""
        self._size_controls()
        self.colour.rescale()
        self.name_stack.setFixedHeight(self.name_edit.sizeHint().height())
        self._keep_words_room()

    def _size_controls(self) -> None:
        """Mute, solo and the menu at their width for the UI scale (never narrower than the
        style needs for their text); volume and pan ask for theirs and may shrink to their
        least."""
        for button, width_px in ((self.mute, _TOGGLE_WIDTH_PX), (self.solo, _TOGGLE_WIDTH_PX),
                                 (self.menu_button, MENU_WIDTH_PX)):
            button.setFixedWidth(max(theme.scaled_px(width_px), button.minimumSizeHint().width()))
        for widget, width_px, least_px in ((self.volume, VOLUME_WIDTH_PX, VOLUME_MIN_WIDTH_PX),
                                           (self.pan, PAN_WIDTH_PX, PAN_MIN_WIDTH_PX)):
            widget.preferred_width_px = theme.scaled_px(width_px)
            widget.setMinimumWidth(theme.scaled_px(least_px))
            widget.setMaximumWidth(theme.scaled_px(width_px))
            widget.updateGeometry()

    def _keep_words_room(self) -> None:
        char_px = self.fontMetrics().averageCharWidth()
        self.name_stack.setMinimumWidth(NAME_MIN_CHARS * char_px)
        self.instrument.setMinimumWidth(
            INSTRUMENT_MIN_CHARS * char_px + theme.scaled_px(self.instrument.ROOM_PX))

    def pan_text(self) -> str:
        return pan_words(self.pan.value())

    # --- giving way -----------------------------------------------------------------------------

    def _captions_px(self) -> int:
        """What the "Vol" and "Pan" captions add to the row's width when shown."""
        spacing = self._mixer.spacing()
        return sum(c.sizeHint().width() + spacing for c in self.captions)

    def minimumSizeHint(self) -> QSize:
        """The row at its narrowest: without the "Vol" and "Pan" captions, which give way
        first (the controls keep their names for screen readers and in their tooltips)."""
        hint = super().minimumSizeHint()
        if any(not c.isHidden() for c in self.captions):
            hint.setWidth(hint.width() - self._captions_px())
        return hint

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self.layout_changed.emit()
        return handled

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        show = self.width() >= self.minimumSizeHint().width() + self._captions_px()
        for caption in self.captions:
            if caption.isHidden() == show:
                caption.setVisible(show)

    # --- renaming ---------------------------------------------------------------------------

    def start_rename(self) -> None:
        self._renaming = True
        self.name_edit.setText(self._name)
        self.name_edit.setAccessibleName(f"New name for {self._name}")
        self.name_stack.setCurrentWidget(self.name_edit)
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.name_edit.selectAll()

    def is_renaming(self) -> bool:
        return self._renaming

    def _finish_rename(self) -> None:
        if not self._renaming:
            return
        self._renaming = False
        self.name_stack.setCurrentWidget(self.name_label)
        text = self.name_edit.text()
        if " ".join(text.split()) and " ".join(text.split()) != self._name:
            self.rename_committed.emit(text)

    def _cancel_rename(self) -> None:
        self._renaming = False
        self.name_stack.setCurrentWidget(self.name_label)
        self.setFocus()

    # --- any touch selects the row -----------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.FocusIn):
            self.touched.emit()
        if kind == QEvent.Type.FocusOut and watched in (self.volume, self.pan):
            self.control_left.emit()
        if (watched is self.name_label and kind == QEvent.Type.MouseButtonDblClick
                and isinstance(event, QMouseEvent)
                and event.button() == Qt.MouseButton.LeftButton):
            self.start_rename()
            return True
        return super().eventFilter(watched, event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.touched.emit()
        super().focusInEvent(event)

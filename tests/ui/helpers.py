"""Small pieces shared by the UI tests: a little composition, an accessible-name reader and a
stand-in for the piano roll (tests may fake a widget; the app never does)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget

from tonewell.model import Clip, Composition, Note, TempoMap, Track


def accessible_name(widget: QWidget) -> str:
    """What a screen reader would announce as the widget's name."""
    iface = QAccessible.queryAccessibleInterface(widget)
    assert iface is not None, widget.objectName()
    return iface.text(QAccessible.Text.Name)


def small_piece(title: str = "Morning") -> Composition:
    """Two tracks, two bars: a piano melody (looped twice) and a drum beat."""
    melody = Clip(
        name="Tune",
        notes=tuple(Note(i * 480, 60 + (i % 5) * 2, 400, 90) for i in range(4)),
        length_bars=1,
        repeats=2,
    )
    beat = Clip(name="Beat", notes=(Note(0, 36, 120), Note(960, 38, 120)), length_bars=2)
    return Composition(
        title=title,
        tempo_map=TempoMap.constant(120),
        tracks=(
            Track(name="Piano", program=0, clips=(melody,)),
            Track(name="Kit", is_drum=True, clips=(beat,)),
        ),
    )


class FakeRoll(QWidget):
    """Stands in for the piano roll in window tests: the PianoRoll interface, recording calls."""

    audition_requested = Signal(int, int, int)
    selection_changed = Signal()
    clip_changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("pianoRoll")
        self.calls: list[tuple[object, ...]] = []
        self.clip: tuple[int, int] | None = None
        self.selected = False
        self.follow = True
        self.playhead = 0

    def set_clip(self, track_uid: int | None, clip_uid: int | None) -> None:
        self.clip = None if track_uid is None or clip_uid is None else (track_uid, clip_uid)
        self.clip_changed.emit(self.clip)

    def current_clip(self) -> tuple[int, int] | None:
        return self.clip

    def has_selection(self) -> bool:
        return self.selected

    def select(self, on: bool = True) -> None:
        self.selected = on
        self.selection_changed.emit()

    def set_playhead(self, tick: int) -> None:
        self.playhead = tick

    def set_follow_playhead(self, on: bool) -> None:
        self.follow = on

    def follow_playhead(self) -> bool:
        return self.follow

    def __getattr__(self, name: str) -> object:
        if name in ROLL_ACTIONS:
            return lambda *args: self.calls.append((name, *args))
        raise AttributeError(name)


ROLL_ACTIONS = ("select_all", "delete_selection", "copy", "cut", "paste", "duplicate",
                "quantize", "transpose", "set_velocity", "zoom_in", "zoom_out")

"""Small pieces shared by the UI tests: a little composition and an accessible-name reader."""

from __future__ import annotations

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

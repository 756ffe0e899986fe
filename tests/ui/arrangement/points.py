"""The test piece, and where to put the mouse in the arrangement (by the view's own geometry).

`point_at(view, bar, track)` is where bar `bar` (counted from 0, fractions allowed) of lane
`track` is drawn, so the tests click where a person would.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from tonewell.model import Clip, Composition, LoopRegion, Note, TempoMap, Track
from tonewell.ui.arrangement import Arrangement
from tonewell.ui.arrangement.geometry import LOOP_STRIP_HEIGHT, RULER_HEIGHT
from tonewell.ui.piece import OpenPiece

BAR = 1920
"""Ticks in a 4/4 bar."""


def piece_for_tests() -> Composition:
    """Piano: "Tune" in bar 1. Kit: "Beat" in bars 3-4. Strings: empty. Loop over bars 1-2."""
    tune = Clip(name="Tune", notes=(Note(0, 60, 480), Note(960, 64, 480)), length_bars=1)
    beat = Clip(name="Beat", notes=(Note(0, 36, 120),), length_bars=2, start_tick=2 * BAR)
    return Composition(
        title="Test",
        tempo_map=TempoMap.constant(120),
        tracks=(
            Track(name="Piano", clips=(tune,)),
            Track(name="Kit", is_drum=True, clips=(beat,)),
            Track(name="Strings", program=48),
        ),
        loop=LoopRegion(0, 2 * BAR, True),
    )


def point_at(view: Arrangement, bar: float, track: int, *, down: float = 0.6) -> QPoint:
    """Bar `bar` (from 0) of lane `track`, `down` of the way down the lane."""
    geo = view.view_geometry()
    x = geo.x_of(bar * geo.bar_ticks)
    y = geo.lane_top(track) + geo.lane_height * down
    return QPoint(round(x), round(y))


def ruler_point(view: Arrangement, bar: float, *, strip: bool = False) -> QPoint:
    """Bar `bar` on the ruler: in the loop strip at its top, or on the bar numbers below it."""
    geo = view.view_geometry()
    y = LOOP_STRIP_HEIGHT / 2 if strip else (LOOP_STRIP_HEIGHT + RULER_HEIGHT) / 2
    return QPoint(round(geo.x_of(bar * geo.bar_ticks)), round(y))


def drag(
    qtbot, view: Arrangement, start: QPoint, end: QPoint,
    mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier, steps: int = 5,
) -> None:
    """Press at `start`, move in `steps` with the button held, release at `end`."""
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, mods, start)
    for i in range(1, steps + 1):
        pos = QPointF(start + (end - start) * (i / steps))
        move = QMouseEvent(
            QMouseEvent.Type.MouseMove, pos, QPointF(view.mapToGlobal(pos.toPoint())),
            Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, mods,
        )
        QApplication.sendEvent(view, move)
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, mods, end)


def names(piece: OpenPiece) -> list[str]:
    return piece.document.history.names()

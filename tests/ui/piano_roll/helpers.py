"""Helpers for the piano roll tests: the melody in the test clip, the model and history as
seen by the widget, and mouse helpers that send the events a person's hand would, at
positions from `PianoRoll.point_at(pitch, tick)`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from tonewell.model import Note
from tonewell.ui.piano_roll import PianoRoll

MELODY = (Note(0, 64, 480, 90), Note(480, 67, 480, 90), Note(960, 72, 240, 90))


def notes(roll: PianoRoll) -> tuple[Note, ...]:
    clip = roll.state.clip
    assert clip is not None
    return clip.notes


def history(roll: PianoRoll) -> list[str]:
    return roll.piece.document.history.names()


def _send(
    roll: PianoRoll,
    kind: QEvent.Type,
    at: QPoint | QPointF,
    button: Qt.MouseButton,
    buttons: Qt.MouseButton,
    modifiers: Qt.KeyboardModifier,
) -> None:
    pos = QPointF(at)
    canvas = roll.canvas
    event = QMouseEvent(kind, pos, canvas.mapToGlobal(pos), button, buttons, modifiers)
    QApplication.sendEvent(canvas, event)


NO_MODS = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton
NO_BUTTON = Qt.MouseButton.NoButton


def click(roll: PianoRoll, pitch: int, tick: float, modifiers=NO_MODS) -> None:
    at = roll.point_at(pitch, tick)
    _send(roll, QEvent.Type.MouseButtonPress, at, LEFT, LEFT, modifiers)
    _send(roll, QEvent.Type.MouseButtonRelease, at, LEFT, NO_BUTTON, modifiers)


def double_click(roll: PianoRoll, pitch: int, tick: float) -> None:
    at = roll.point_at(pitch, tick)
    click(roll, pitch, tick)
    _send(roll, QEvent.Type.MouseButtonDblClick, at, LEFT, LEFT, NO_MODS)
    _send(roll, QEvent.Type.MouseButtonRelease, at, LEFT, NO_BUTTON, NO_MODS)


def drag(
    roll: PianoRoll,
    start: tuple[int, float],
    end: tuple[int, float],
    modifiers=NO_MODS,
    steps: int = 4,
    button=LEFT,
) -> None:
    """Press at (pitch, tick) `start`, move in `steps` to `end`, release there."""
    a, b = QPointF(roll.point_at(*start)), QPointF(roll.point_at(*end))
    _send(roll, QEvent.Type.MouseButtonPress, a, button, button, modifiers)
    for i in range(1, steps + 1):
        _send(roll, QEvent.Type.MouseMove, a + (b - a) * (i / steps), NO_BUTTON, button, modifiers)
    _send(roll, QEvent.Type.MouseButtonRelease, b, button, NO_BUTTON, modifiers)

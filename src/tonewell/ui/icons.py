"""Small painted icons for the transport (play, pause, stop, loop, metronome, silence), in
Tonewell's own colours.

The platform's media icons are black and look harsh on the soft green play button, and most
platforms have no loop or metronome icon at all; these are drawn at any size with QPainter, so
the whole bar is one family and stays crisp on high-density screens too. Every icon is drawn on
a 32 px square and scaled by Qt. A toggle's icon has an "on" form (`toggle_icon`): the shape
cut out of a filled tile, so on and off differ in shape, not only in colour.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

ICON_PX = 32
_STROKE_PX = 2.6
"""Line width of the outline icons (loop, metronome, silence), to match the filled ones' weight."""


def _canvas() -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(ICON_PX, ICON_PX)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    return pixmap, painter


def _outline_pen(colour: str) -> QPen:
    pen = QPen(QColor(colour), _STROKE_PX)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _triangle(a: QPointF, b: QPointF, c: QPointF) -> QPainterPath:
    path = QPainterPath(a)
    path.lineTo(b)
    path.lineTo(c)
    path.closeSubpath()
    return path


def play_icon(colour: str) -> QIcon:
    pixmap, p = _canvas()
    p.fillPath(_triangle(QPointF(9, 6), QPointF(26, 16), QPointF(9, 26)), QColor(colour))
    p.end()
    return QIcon(pixmap)


def pause_icon(colour: str) -> QIcon:
    pixmap, p = _canvas()
    p.setBrush(QColor(colour))
    p.drawRoundedRect(QRectF(8, 6, 6, 20), 1.5, 1.5)
    p.drawRoundedRect(QRectF(18, 6, 6, 20), 1.5, 1.5)
    p.end()
    return QIcon(pixmap)


def stop_icon(colour: str) -> QIcon:
    pixmap, p = _canvas()
    p.setBrush(QColor(colour))
    p.drawRoundedRect(QRectF(8, 8, 16, 16), 2.5, 2.5)
    p.end()
    return QIcon(pixmap)


def loop_icon(colour: str) -> QIcon:
    """Two arrows chasing each other round a rounded rectangle: "play this again"."""
    pixmap, p = _canvas()
    p.setPen(_outline_pen(colour))
    p.setBrush(Qt.BrushStyle.NoBrush)
    top = QPainterPath(QPointF(8, 20))  # up the left side and along the top
    top.lineTo(QPointF(8, 14))
    top.quadTo(QPointF(8, 9), QPointF(13, 9))
    top.lineTo(QPointF(22, 9))
    bottom = QPainterPath(QPointF(24, 12))  # down the right side and back along the bottom
    bottom.lineTo(QPointF(24, 18))
    bottom.quadTo(QPointF(24, 23), QPointF(19, 23))
    bottom.lineTo(QPointF(10, 23))
    p.drawPath(top)
    p.drawPath(bottom)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(colour))
    p.drawPath(_triangle(QPointF(20, 4.5), QPointF(26.5, 9), QPointF(20, 13.5)))
    p.drawPath(_triangle(QPointF(12, 18.5), QPointF(5.5, 23), QPointF(12, 27.5)))
    p.end()
    return QIcon(pixmap)


def metronome_icon(colour: str) -> QIcon:
    """A metronome's body with its pendulum leaning to one side."""
    pixmap, p = _canvas()
    p.setPen(_outline_pen(colour))
    p.setBrush(Qt.BrushStyle.NoBrush)
    body = QPainterPath(QPointF(13, 5))
    body.lineTo(QPointF(19, 5))
    body.lineTo(QPointF(25, 27))
    body.lineTo(QPointF(7, 27))
    body.closeSubpath()
    p.drawPath(body)
    p.drawLine(QPointF(16, 22), QPointF(24, 9))  # the pendulum
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(colour))
    p.drawEllipse(QPointF(20.5, 14.5), 2.6, 2.6)  # its weight
    p.end()
    return QIcon(pixmap)


def silence_icon(colour: str) -> QIcon:
    """A loudspeaker with a cross beside it: every sound off."""
    pixmap, p = _canvas()
    p.setBrush(QColor(colour))
    speaker = QPainterPath(QPointF(4, 12))
    speaker.lineTo(QPointF(9, 12))
    speaker.lineTo(QPointF(16, 6))
    speaker.lineTo(QPointF(16, 26))
    speaker.lineTo(QPointF(9, 20))
    speaker.lineTo(QPointF(4, 20))
    speaker.closeSubpath()
    p.fillPath(speaker, QColor(colour))
    p.setPen(_outline_pen(colour))
    p.drawLine(QPointF(20, 12), QPointF(28, 20))
    p.drawLine(QPointF(28, 12), QPointF(20, 20))
    p.end()
    return QIcon(pixmap)


def toggle_icon(draw: Callable[[str], QIcon], colour: str, tile_text_colour: str) -> QIcon:
    """The icon `draw(colour)` for off, and for on the same shape in `tile_text_colour` on a
    tile filled with `colour`: a checked Loop or Metronome reads as on without its colour."""
    icon = draw(colour)
    tile, p = _canvas()
    p.setBrush(QColor(colour))
    p.drawRoundedRect(QRectF(0, 0, ICON_PX, ICON_PX), 7, 7)
    p.drawPixmap(0, 0, draw(tile_text_colour).pixmap(ICON_PX, ICON_PX))
    p.end()
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Active, QIcon.Mode.Selected):
        icon.addPixmap(tile, mode, QIcon.State.On)
    return icon


def record_icon(colour: str, *, recording: bool) -> QIcon:
    """A ring when armed-able, a filled dot while recording: the shape says it, not colour."""
    pixmap, p = _canvas()
    if recording:
        p.setBrush(QColor(colour))
        p.drawEllipse(QPointF(16, 16), 9, 9)
    else:
        p.setPen(_outline_pen(colour))
        p.drawEllipse(QPointF(16, 16), 8, 8)
    p.end()
    return QIcon(pixmap)

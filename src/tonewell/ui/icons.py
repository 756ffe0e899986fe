"""Small painted icons for the transport (play, pause, stop), in Tonewell's own colours.

The platform's media icons are black and look harsh on the soft green play button; these are
drawn at any size with QPainter, so they stay crisp on high-density screens too.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPixmap

ICON_PX = 32


def _canvas() -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(ICON_PX, ICON_PX)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    return pixmap, painter


def play_icon(colour: str) -> QIcon:
    pixmap, p = _canvas()
    path = QPainterPath(QPointF(9, 6))
    path.lineTo(QPointF(26, 16))
    path.lineTo(QPointF(9, 26))
    path.closeSubpath()
    p.fillPath(path, QColor(colour))
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

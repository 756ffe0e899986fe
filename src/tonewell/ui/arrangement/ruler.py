"""The bar ruler above the lanes: bar numbers, the loop region with its two ends, the playhead.

The top strip (`LOOP_STRIP_HEIGHT`) holds the loop region; when there is none it says how to
make one, so the feature can be found without a manual.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from tonewell.ui import theme
from tonewell.ui.arrangement.geometry import LOOP_STRIP_HEIGHT, RULER_HEIGHT, Geometry

LOOP_HINT = "Drag here to loop some bars"


def ruler_step(bars: int, width_px: float, min_gap_px: float = 36.0) -> int:
    """How many bars between ruler labels so labels stay at least `min_gap_px` apart."""
    step = 1
    while bars > 0 and width_px * step / bars < min_gap_px:
        step *= 2
    return step


def paint_ruler(p: QPainter, geo: Geometry, width_px: float) -> None:
    p.fillRect(QRectF(0, 0, width_px, RULER_HEIGHT), QColor(theme.PAPER))
    p.setPen(QPen(QColor(theme.LINE), 1))
    p.drawLine(QPointF(0, RULER_HEIGHT - 0.5), QPointF(width_px, RULER_HEIGHT - 0.5))
    _paint_bar_numbers(p, geo)
    _paint_loop(p, geo, width_px)


def _paint_bar_numbers(p: QPainter, geo: Geometry) -> None:
    bars = geo.bars
    step = ruler_step(bars, bars * geo.px_per_bar)
    font = p.font()
    font.setPointSizeF(max(7.5, font.pointSizeF() - 1))
    p.setFont(font)
    p.setPen(QColor(theme.SOFT_INK))
    for bar in range(0, bars + 1):
        x = round(geo.x_of(bar * geo.bar_ticks)) + 0.5
        tall = bar % step == 0
        p.drawLine(QPointF(x, RULER_HEIGHT - (8 if tall else 4)), QPointF(x, RULER_HEIGHT - 1))
        if tall and bar < bars:
            p.drawText(QRectF(x + 4, LOOP_STRIP_HEIGHT, 60, RULER_HEIGHT - LOOP_STRIP_HEIGHT - 2),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(bar + 1))


def _paint_loop(p: QPainter, geo: Geometry, width_px: float) -> None:
    loop = geo.comp.loop
    if loop.length_ticks <= 0:
        p.setPen(QColor(theme.SOFT_INK))
        font = p.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        font.setItalic(True)
        p.setFont(font)
        p.drawText(QRectF(geo.x_of(0) + 4, 0, width_px, LOOP_STRIP_HEIGHT + 1),
                   Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, LOOP_HINT)
        font.setItalic(False)
        p.setFont(font)
        return
    x0, x1 = geo.x_of(loop.start_tick), geo.x_of(loop.end_tick)
    band = QRectF(x0, 2, x1 - x0, LOOP_STRIP_HEIGHT - 3)
    accent = QColor(theme.ACCENT)
    if loop.enabled:
        accent.setAlpha(150)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(accent)
    else:  # the region is kept while looping is off: an outline only
        p.setPen(QPen(accent, 1, Qt.PenStyle.DashLine))
        p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(band, 3, 3)
    for x in (x0, x1):  # the two ends, as grips that look draggable
        p.setPen(QPen(QColor(theme.ACCENT_DARK), 1))
        p.setBrush(QColor(theme.CARD))
        p.drawRoundedRect(QRectF(x - 3.5, 0.5, 7, LOOP_STRIP_HEIGHT), 2, 2)
        p.drawLine(QPointF(x, 3), QPointF(x, LOOP_STRIP_HEIGHT - 2))


def paint_playhead(p: QPainter, geo: Geometry, tick: int, bottom_px: float) -> None:
    x = geo.x_of(tick)
    colour = QColor(theme.ACCENT_DARK)
    p.setPen(QPen(colour, 2))
    p.drawLine(QPointF(x, LOOP_STRIP_HEIGHT), QPointF(x, bottom_px))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    top = LOOP_STRIP_HEIGHT + 1
    p.drawPolygon([QPointF(x - 5, top), QPointF(x + 5, top), QPointF(x, top + 6)])

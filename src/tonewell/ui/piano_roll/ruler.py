"""The ruler above the grid: bars and beats of the clip, the playhead and the clip's end.

Bars count from the clip's own start (bar 1 is the first bar of the pattern). A click on the
ruler puts the keyboard cursor at that bar and beat.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPolygonF
from PySide6.QtWidgets import QWidget

from tonewell.model import TimeSignature
from tonewell.ui import theme
from tonewell.ui.piano_roll import colours
from tonewell.ui.piano_roll.geometry import Geometry
from tonewell.ui.piano_roll.grid_layer import MIN_LINE_GAP_PX, line_ticks

RULER_HEIGHT_PX = 26
LABEL_GAP_PX = 34


class Ruler(QWidget):
    tick_clicked = Signal(int)
    """A clip tick the person clicked (snapped to the beat)."""

    def __init__(self, geometry: Geometry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pianoRollRuler")
        self.setAccessibleName("Bars and beats")
        self.geometry = geometry
        self.meter = TimeSignature()
        self.clip_length_ticks: int | None = None
        self.playhead_tick: int | None = None
        self.setFixedHeight(theme.scaled_px(RULER_HEIGHT_PX))
        theme.changes().changed.connect(self._rescale)

    def _rescale(self) -> None:
        """The ruler grows with the UI scale, as its numbers do."""
        self.setFixedHeight(theme.scaled_px(RULER_HEIGHT_PX))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        beat = self.meter.ticks_per_beat
        tick = self.geometry.tick_at(event.position().x())
        self.tick_clicked.emit(max(0, int(tick // beat) * beat))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        g, h, w = self.geometry, self.height(), self.width()
        p.fillRect(self.rect(), QColor(theme.PAPER))
        first, last = g.visible_ticks()
        beat, bar = self.meter.ticks_per_beat, self.meter.ticks_per_bar
        if beat * g.tick_px >= MIN_LINE_GAP_PX:
            for tick in line_ticks(first, last, beat):
                p.fillRect(int(g.x_of(tick)), h - 6, 1, 6, colours.BEAT_LINE)
        label_every = bar
        while label_every * g.tick_px < LABEL_GAP_PX:
            label_every *= 2
        p.setPen(QColor(theme.INK))
        end = self.clip_length_ticks
        for tick in line_ticks(first, last, label_every):
            if end is not None and tick >= end:
                break  # past the end the clip is not heard: no bar numbers there
            x = int(g.x_of(tick))
            p.fillRect(x, h - 12, 1, 12, colours.BAR_LINE)
            p.drawText(x + 4, h - 9, str(tick // bar + 1))
        if self.clip_length_ticks is not None:
            x = int(g.x_of(self.clip_length_ticks))
            if x < w:
                p.fillRect(max(0, x), 0, w - max(0, x), h, colours.OUTSIDE_CLIP)
                p.fillRect(x - 1, 0, 2, h, colours.CLIP_END_LINE)
                p.setPen(QColor(theme.SOFT_INK))
                p.drawText(x + 5, h - 9, "end of clip")
        if self.playhead_tick is not None:
            x = g.x_of(self.playhead_tick)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colours.PLAYHEAD)
            p.drawPolygon(QPolygonF([QPointF(x - 6, 0), QPointF(x + 6, 0), QPointF(x, 10)]))
            p.fillRect(int(x) - 1, 0, 2, h, colours.PLAYHEAD)
        p.fillRect(0, h - 1, w, 1, QColor(theme.LINE))

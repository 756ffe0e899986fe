"""The grid behind the notes: rows, bar/beat/snap lines and the clip's end, cached as a pixmap.

The grid changes only when the view scrolls or zooms, the grid or key changes, or the clip's
length does; every other repaint (a note placed, the playhead moving, a drag) blits the cached
pixmap. `GridLayer.pixmap` rebuilds it when its key differs.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPixmap

from tonewell.model import TimeSignature
from tonewell.ui.piano_roll import colours
from tonewell.ui.piano_roll.geometry import Geometry

BLACK_KEYS = frozenset({1, 3, 6, 8, 10})
MIN_LINE_GAP_PX = 6


@dataclass(frozen=True, slots=True)
class GridSpec:
    """Everything the grid picture depends on besides the geometry."""

    meter: TimeSignature
    grid_ticks: int
    clip_length_ticks: int
    scale_pitch_classes: frozenset[int]
    """Rows to tint as tones of the piece's key (empty for drums)."""


class GridLayer:
    def __init__(self) -> None:
        self._key: tuple[object, ...] | None = None
        self._pixmap = QPixmap()

    def pixmap(self, geometry: Geometry, spec: GridSpec, ratio: float) -> QPixmap:
        key = (
            geometry.tick_px,
            geometry.row_px,
            geometry.scroll_x_px,
            geometry.scroll_y_px,
            geometry.view_width_px,
            geometry.view_height_px,
            spec,
            ratio,
        )
        if key != self._key:
            self._key = key
            self._pixmap = _paint_grid(geometry, spec, ratio)
        return self._pixmap

    def forget(self) -> None:
        """Paint the grid afresh next time (the colours changed)."""
        self._key = None


def line_ticks(first: float, last: float, step_ticks: int) -> range:
    """The multiples of `step_ticks` from `first` to `last`."""
    return range(max(0, int(first // step_ticks)) * step_ticks, int(last) + 1, step_ticks)


def _paint_grid(g: Geometry, spec: GridSpec, ratio: float) -> QPixmap:
    w, h = g.view_width_px, g.view_height_px
    pixmap = QPixmap(max(1, round(w * ratio)), max(1, round(h * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    p = QPainter(pixmap)
    p.fillRect(0, 0, w, h, colours.GRID_BACKGROUND)
    low, high = g.visible_pitches()
    tint = QColor(colours.SCALE_ROW)
    for pitch in range(low, high + 1):
        y = g.y_of(pitch)
        pc = pitch % 12
        if pc in BLACK_KEYS:
            p.fillRect(0, y, w, g.row_px, colours.BLACK_KEY_ROW)
        elif pc in spec.scale_pitch_classes:
            p.fillRect(0, y, w, g.row_px, tint)
        p.fillRect(0, y + g.row_px - 1, w, 1, colours.OCTAVE_LINE if pc == 0 else colours.ROW_LINE)
    first, last = g.visible_ticks()
    beat, bar = spec.meter.ticks_per_beat, spec.meter.ticks_per_bar
    steps = [(spec.grid_ticks, colours.CELL_LINE), (beat, colours.BEAT_LINE)]
    for step, colour in steps:
        if step and step * g.tick_px >= MIN_LINE_GAP_PX:
            for tick in line_ticks(first, last, step):
                p.fillRect(int(g.x_of(tick)), 0, 1, h, colour)
    bar_step = bar
    while bar_step * g.tick_px < MIN_LINE_GAP_PX:
        bar_step *= 2
    for tick in line_ticks(first, last, bar_step):
        p.fillRect(int(g.x_of(tick)), 0, 1, h, colours.BAR_LINE)
    end_x = int(g.x_of(spec.clip_length_ticks))
    if end_x < w:
        p.fillRect(QRect(max(0, end_x), 0, w - max(0, end_x), h), colours.OUTSIDE_CLIP)
        p.fillRect(end_x - 1, 0, 2, h, colours.CLIP_END_LINE)
    p.end()
    return pixmap

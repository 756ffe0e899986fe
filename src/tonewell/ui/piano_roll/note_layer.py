"""Drawing thousands of notes quickly: cached rectangles, culled, batched by colour.

Each note becomes two integer rectangles in content pixels (the outline and the fill inside
it), built once per zoom in chunks and only for the chunks that come into view. A paint draws
the visible slice (found by `NoteIndex.span`) with two `drawRects` calls and no pen or
antialiasing, which PLATFORM.md measured as the fast path; scrolling is a painter translation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter

from tonewell.model import Note
from tonewell.ui.piano_roll.geometry import PITCHES, Geometry

CHUNK = 2048


def note_rects(
    notes: Iterable[Note], tick_px: float, row_px: int
) -> tuple[list[QRect], list[QRect]]:
    """(outlines, fills) in content pixels, one of each per note, in the same order. A note
    too small for a fill gets an empty one (drawn as nothing): it shows as all outline."""
    outer: list[QRect] = []
    inner: list[QRect] = []
    top_pad = 1 if row_px >= 6 else 0
    height = row_px - top_pad
    for n in notes:
        x0 = int(n.start_tick * tick_px)
        w = max(2, int(n.end_tick * tick_px) - x0)
        y = (PITCHES - 1 - n.pitch) * row_px + top_pad
        outer.append(QRect(x0, y, w, height))
        inner.append(QRect(x0 + 1, y + 1, w - 2, height - 2))
    return outer, inner


class RectCache:
    """The rectangles of one clip's notes at one zoom, built a chunk at a time when seen."""

    def __init__(self) -> None:
        self._key: tuple[float, int] | None = None
        self._notes: Sequence[Note] = ()
        self._chunks: dict[int, tuple[list[QRect], list[QRect]]] = {}

    def rects(
        self, notes: Sequence[Note], geometry: Geometry, lo: int, hi: int
    ) -> tuple[list[QRect], list[QRect]]:
        """(outlines, fills) of notes[lo:hi]."""
        key = (geometry.tick_px, geometry.row_px)
        if key != self._key or notes is not self._notes:
            self._key, self._notes, self._chunks = key, notes, {}
        if hi <= lo:
            return [], []
        outer: list[QRect] = []
        inner: list[QRect] = []
        for c in range(lo // CHUNK, (hi - 1) // CHUNK + 1):
            chunk = self._chunks.get(c)
            if chunk is None:
                part = notes[c * CHUNK : (c + 1) * CHUNK]
                chunk = self._chunks[c] = note_rects(part, *key)
            base = c * CHUNK
            a, b = max(lo, base) - base, min(hi, base + CHUNK) - base
            outer += chunk[0][a:b]
            inner += chunk[1][a:b]
        return outer, inner


def draw_rects(
    painter: QPainter, outer: list[QRect], inner: list[QRect], fill: QColor, outline: QColor
) -> None:
    """Outlines first, fills over them: two batched calls, no pen."""
    if not outer:
        return
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(outline)
    painter.drawRects(outer)
    if inner:
        painter.setBrush(fill)
        painter.drawRects(inner)


def selected_rects(outer: list[QRect]) -> tuple[list[QRect], list[QRect]]:
    """(frames, fills) for selected notes: a 2-pixel frame around a fill inside the outline."""
    frames = [r.adjusted(-1, -1, 1, 1) for r in outer]
    fills = [r.adjusted(1, 1, -1, -1) for r in outer]
    return frames, fills


def draw_selected(
    painter: QPainter, rects: tuple[list[QRect], list[QRect]], fill: QColor, outline: QColor
) -> None:
    """Selected notes (from `selected_rects`): an ink frame around a lighter fill."""
    draw_rects(painter, rects[0], rects[1], fill, outline)

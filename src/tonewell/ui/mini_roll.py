"""A small picture of a piece: a mini piano roll, for the library and the version history.

Every note as it is heard (`Clip.heard_notes`: loops expanded) is a small bar in its track's
colour (`theme.shown_colour`, the rule every view uses), placed across the piece's length and
its span of pitches. Pictures are cached by piece uid and version, so a list of two hundred
pieces paints each one once.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap

from tonewell.model import Composition
from tonewell.ui import theme

MIN_PITCH_SPAN = 12
"""A piece of a few close notes is still drawn over an octave, so it does not fill the picture."""
PAD_PX = 4.0
CORNER_PX = 4.0
_CACHE_LIMIT = 400

NoteBar = tuple[int, int, int, QColor]
"""(start_tick, end_tick, pitch, colour) of one heard note."""


def heard_bars(comp: Composition) -> list[NoteBar]:
    """Every note of `comp` as heard, with the colour of its track."""
    meter = comp.time_signature
    bars: list[NoteBar] = []
    for index, track in enumerate(comp.tracks):
        colour = theme.shown_colour(track, index)
        for clip in track.clips:
            bars.extend((start, end, note.pitch, colour)
                        for start, end, note in clip.heard_notes(meter))
    return bars


def pitch_span(bars: list[NoteBar]) -> tuple[int, int]:
    """(lowest, highest) pitch drawn: the notes' own span, widened to `MIN_PITCH_SPAN`."""
    low = min(b[2] for b in bars)
    high = max(b[2] for b in bars)
    missing = max(0, MIN_PITCH_SPAN - (high - low))
    return low - missing // 2, high + missing - missing // 2


def draw_notes(p: QPainter, area: QRectF, bars: list[NoteBar], end_tick: int = 0) -> None:
    """Paint `bars` (not empty) into `area`: the piece's length across, its pitch span up;
    `end_tick` stretches the time axis to the piece's end when that is later than the notes.
    The library, the version history and the PDF report all draw a piece with this."""
    end_tick = max(end_tick, max(b[1] for b in bars), 1)
    low, high = pitch_span(bars)
    row_px = area.height() / (high - low + 1)
    tick_px = area.width() / end_tick
    bar_px = max(1.5, row_px * 0.8)
    p.setPen(Qt.PenStyle.NoPen)
    for start, end, pitch, colour in bars:
        x = area.left() + start * tick_px
        y = area.top() + (high - pitch) * row_px + (row_px - bar_px) / 2
        p.setBrush(colour)
        p.drawRect(QRectF(x, y, max(1.5, (end - start) * tick_px - 0.5), bar_px))


def paint_mini_roll(comp: Composition, size: QSize) -> QImage:
    """The picture of `comp` at `size` (device pixels): low notes at the bottom, the start of
    the piece at the left, on the card colour of the theme in use."""
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    pal = theme.palette()
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor(pal.line), 1))
    p.setBrush(QColor(pal.card))
    p.drawRoundedRect(QRectF(0.5, 0.5, size.width() - 1, size.height() - 1), CORNER_PX, CORNER_PX)
    bars = heard_bars(comp)
    area = QRectF(PAD_PX, PAD_PX, size.width() - 2 * PAD_PX, size.height() - 2 * PAD_PX)
    if not bars or area.width() <= 0 or area.height() <= 0:
        p.setPen(QPen(QColor(pal.line), 1, Qt.PenStyle.DashLine))
        p.drawLine(area.left(), area.center().y(), area.right(), area.center().y())
        p.end()
        return image
    draw_notes(p, area, bars, comp.end_tick())
    p.end()
    return image


class MiniRolls:
    """The cache of pictures: one per (piece uid, version, size, palette)."""

    def __init__(self) -> None:
        self._pictures: dict[tuple[str, str, int, int, str], QPixmap] = {}

    def picture(self, uid: str, version: str, comp: Composition, size: QSize) -> QPixmap:
        """The picture of `comp`, the `version` of piece `uid`, painted once at `size`."""
        key = (uid, version, size.width(), size.height(), theme.palette().key)
        found = self._pictures.get(key)
        if found is None:
            if len(self._pictures) >= _CACHE_LIMIT:
                self._pictures.clear()
            found = QPixmap.fromImage(paint_mini_roll(comp, size))
            self._pictures[key] = found
        return found

    def __len__(self) -> int:
        return len(self._pictures)

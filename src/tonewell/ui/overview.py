"""A read-only picture of the whole piece: each track's notes as small bars over a bar ruler.

It is honest about what plays: muted (or not soloed) tracks are drawn faded, the loop region is
shaded, and a playhead follows playback. A click moves the playhead. The real editor (the piano
roll, objectName `pianoRoll`) comes later; this view is `overview`.

One lane per track, `lane_height` pixels tall, so its rows line up with the track list beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from tonewell.model import Composition
from tonewell.model.mixing import audible_tracks
from tonewell.model.timing import whole_bars
from tonewell.ui import theme

RULER_HEIGHT = 28
DEFAULT_LANE_HEIGHT = 84
MIN_BARS_SHOWN = 4


@dataclass(frozen=True, slots=True)
class LaneNote:
    """A note on the song timeline, as the overview draws it."""

    start_tick: int
    end_tick: int
    pitch: int


def lane_notes(comp: Composition) -> list[list[LaneNote]]:
    """Every track's notes on the timeline as they are heard (`Clip.heard_notes`: clips placed,
    repeats expanded, each note cut at the end of its pass)."""
    meter = comp.time_signature
    return [
        [
            LaneNote(start, end, note.pitch)
            for clip in track.clips
            for start, end, note in clip.heard_notes(meter)
        ]
        for track in comp.tracks
    ]


def ruler_step(bars: int, width_px: float, min_gap_px: float = 36.0) -> int:
    """How many bars between ruler labels so labels stay at least `min_gap_px` apart."""
    step = 1
    while bars > 0 and width_px * step / bars < min_gap_px:
        step *= 2
    return step


class Overview(QWidget):
    """Paints the piece; emits `seek_requested(tick)` when clicked."""

    seek_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overview")
        self.setAccessibleName("Overview of the piece")
        self.setAccessibleDescription(
            "Each track's notes over the bars of the piece. Click to move the playhead."
        )
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, RULER_HEIGHT + DEFAULT_LANE_HEIGHT)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._comp = Composition()
        self._lanes: list[list[LaneNote]] = []
        self._audible: list[bool] = []
        self._playhead_tick = 0
        self._lane_height = DEFAULT_LANE_HEIGHT
        self._scroll_y = 0

    # --- inputs ---------------------------------------------------------------------------

    def set_composition(self, comp: Composition) -> None:
        self._comp = comp
        self._lanes = lane_notes(comp)
        self._audible = audible_tracks(comp.tracks)
        self.update()

    def set_playhead(self, tick: int) -> None:
        if tick != self._playhead_tick:
            self._playhead_tick = max(0, tick)
            self.update()

    def playhead(self) -> int:
        return self._playhead_tick

    def set_lane_height(self, pixels: int) -> None:
        self._lane_height = max(16, pixels)
        self.update()

    def set_scroll_y(self, pixels: int) -> None:
        """Scroll the lanes (not the ruler) to stay level with the track list."""
        self._scroll_y = max(0, pixels)
        self.update()

    # --- geometry --------------------------------------------------------------------------

    def shown_ticks(self) -> int:
        """Ticks across the width: the whole piece rounded up to a bar, at least a few bars."""
        bar = self._comp.time_signature.ticks_per_bar
        bars = max(MIN_BARS_SHOWN, whole_bars(self._comp.end_tick(), bar))
        if self._comp.loop.enabled:
            bars = max(bars, whole_bars(self._comp.loop.end_tick, bar))
        return bars * bar

    def _plot_rect(self) -> QRectF:
        height = self.height() - RULER_HEIGHT
        return QRectF(12.0, RULER_HEIGHT, max(1.0, self.width() - 24.0), height)

    def x_of(self, tick: float) -> float:
        plot = self._plot_rect()
        return plot.left() + plot.width() * tick / self.shown_ticks()

    def tick_at(self, x: float) -> int:
        plot = self._plot_rect()
        fraction = (x - plot.left()) / plot.width()
        return max(0, min(self.shown_ticks(), round(fraction * self.shown_ticks())))

    def sizeHint(self) -> QSize:
        return QSize(720, RULER_HEIGHT + self._lane_height * max(1, len(self._lanes)))

    # --- drawing ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.fillRect(self.rect(), QColor(theme.CARD))
        self._paint_loop(p)
        self._paint_grid(p)
        p.save()
        p.setClipRect(QRectF(0, RULER_HEIGHT, self.width(), self.height() - RULER_HEIGHT))
        for index, notes in enumerate(self._lanes):
            self._paint_lane(p, index, notes)
        p.restore()
        self._paint_ruler(p)
        self._paint_playhead(p)
        p.end()

    def _lanes_bottom(self) -> float:
        """Where the last lane ends (the widget's bottom at most)."""
        bottom = RULER_HEIGHT - self._scroll_y + len(self._lanes) * self._lane_height
        return float(min(self.height(), max(RULER_HEIGHT + self._lane_height, bottom)))

    def _loop_span(self) -> tuple[float, float] | None:
        loop = self._comp.loop
        if not loop.enabled or loop.length_ticks <= 0:
            return None
        return self.x_of(loop.start_tick), self.x_of(loop.end_tick)

    def _paint_loop(self, p: QPainter) -> None:
        span = self._loop_span()
        if span is not None:
            x0, x1 = span
            height = self._lanes_bottom() - RULER_HEIGHT
            p.fillRect(QRectF(x0, RULER_HEIGHT, x1 - x0, height), QColor(94, 140, 122, 28))

    def _paint_grid(self, p: QPainter) -> None:
        meter = self._comp.time_signature
        bars = self.shown_ticks() // meter.ticks_per_bar
        p.setPen(QPen(QColor(theme.LINE), 1))
        bottom = self._lanes_bottom()
        for bar in range(bars + 1):
            x = round(self.x_of(bar * meter.ticks_per_bar)) + 0.5
            p.drawLine(QPointF(x, RULER_HEIGHT), QPointF(x, bottom))
        top = RULER_HEIGHT - self._scroll_y
        for i in range(1, len(self._lanes) + 1):
            y = top + i * self._lane_height - 0.5
            if y > RULER_HEIGHT:
                p.drawLine(QPointF(0, y), QPointF(self.width(), y))

    def _paint_lane(self, p: QPainter, index: int, notes: list[LaneNote]) -> None:
        top = RULER_HEIGHT - self._scroll_y + index * self._lane_height
        if top > self.height() or top + self._lane_height < RULER_HEIGHT or not notes:
            return
        colour = theme.track_colour(index)
        if index < len(self._audible) and not self._audible[index]:
            colour.setAlpha(70)
        low = min(n.pitch for n in notes)
        high = max(n.pitch for n in notes)
        span = max(12, high - low + 1)
        pad = 8.0
        usable = self._lane_height - 2 * pad
        bar_h = max(2.0, min(6.0, usable / span * 1.6))
        middle = (high + low) / 2
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        for n in notes:
            x0, x1 = self.x_of(n.start_tick), self.x_of(n.end_tick)
            y = top + self._lane_height / 2 - (n.pitch - middle) / span * usable - bar_h / 2
            p.drawRoundedRect(QRectF(x0, y, max(2.0, x1 - x0 - 1), bar_h), 1.5, 1.5)

    def _paint_ruler(self, p: QPainter) -> None:
        p.fillRect(QRectF(0, 0, self.width(), RULER_HEIGHT), QColor(theme.PAPER))
        span = self._loop_span()
        if span is not None:
            band = QColor(theme.ACCENT)
            band.setAlpha(140)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(band)
            p.drawRoundedRect(QRectF(span[0], RULER_HEIGHT - 6, span[1] - span[0], 5), 2, 2)
        p.setPen(QPen(QColor(theme.LINE), 1))
        p.drawLine(QPointF(0, RULER_HEIGHT - 0.5), QPointF(self.width(), RULER_HEIGHT - 0.5))
        meter = self._comp.time_signature
        bars = self.shown_ticks() // meter.ticks_per_bar
        step = ruler_step(bars, self._plot_rect().width())
        p.setPen(QColor(theme.SOFT_INK))
        font = p.font()
        font.setPointSizeF(max(7.5, font.pointSizeF() - 1))
        p.setFont(font)
        for bar in range(0, bars, step):
            x = self.x_of(bar * meter.ticks_per_bar)
            p.drawLine(QPointF(x + 0.5, RULER_HEIGHT - 7), QPointF(x + 0.5, RULER_HEIGHT - 1))
            p.drawText(QRectF(x + 4, 0, 60, RULER_HEIGHT - 4),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, str(bar + 1))

    def _paint_playhead(self, p: QPainter) -> None:
        x = self.x_of(min(self._playhead_tick, self.shown_ticks()))
        colour = QColor(theme.ACCENT)
        p.setPen(QPen(colour, 2))
        p.drawLine(QPointF(x, 4), QPointF(x, self._lanes_bottom()))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawEllipse(QPointF(x, 6), 4.5, 4.5)

    # --- input -----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.seek_requested.emit(self.tick_at(event.position().x()))
            event.accept()
            return
        super().mousePressEvent(event)

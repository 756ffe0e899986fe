"""Where things are in the arrangement: ticks <-> x, tracks <-> lanes, and what lies under a point.

One object answers every position question, for painting, for the gestures and for the tests'
`point_at` helper, so the three never disagree. It holds no Qt state of its own; the widget
builds a fresh one from its size, zoom and scroll whenever it needs one (it is cheap).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QPointF, QRectF

from tonewell.model import Clip, Composition
from tonewell.model.timing import whole_bars

RULER_HEIGHT = 30
"""Pixels of the bar ruler above the lanes (the track list leaves the same gap above its rows)."""
LOOP_STRIP_HEIGHT = 12
"""The top strip of the ruler, where the loop region lies and a drag draws a new one."""
DEFAULT_LANE_HEIGHT = 56
"""Lanes (and track rows beside them) are compact, so four tracks fit above the piano roll."""
PAD_X = 10.0
"""Room left of bar 1 so its line and the loop's start handle can be grabbed."""
MIN_BARS_SHOWN = 8
SPARE_BARS = 4
"""Empty bars shown after the piece's end, to grow into."""
MIN_PX_PER_BAR = 24.0
MAX_ZOOM = 16.0
CLIP_INSET_PX = 3.0
EDGE_GRAB_PX = 6.0
"""How close to a clip's right edge the pointer must be to resize it."""
HANDLE_PX = 14.0
"""Size of the repeat handle square at a clip's top-right corner."""
LOOP_GRAB_PX = 7.0


def shown_bars(comp: Composition) -> int:
    """The bars the view spans: the piece plus `SPARE_BARS`, at least `MIN_BARS_SHOWN`, and
    always the whole loop region."""
    bar_ticks = comp.time_signature.ticks_per_bar
    bars = max(MIN_BARS_SHOWN, whole_bars(max(0, comp.end_tick()), bar_ticks) + SPARE_BARS)
    return max(bars, whole_bars(max(0, comp.loop.end_tick), bar_ticks))


class Part(Enum):
    """Which part of a clip a point is on; each part starts a different drag."""

    BODY = "body"
    LENGTH_EDGE = "length edge"
    REPEAT_HANDLE = "repeat handle"


@dataclass(frozen=True, slots=True)
class ClipHit:
    track_index: int
    track_uid: int
    clip: Clip
    part: Part


@dataclass(frozen=True, slots=True)
class Geometry:
    comp: Composition
    width_px: float
    lane_height: int = DEFAULT_LANE_HEIGHT
    scroll_x: float = 0.0
    scroll_y: float = 0.0
    zoom: float = 1.0
    """1.0 fits every shown bar into the width; more spreads them (and scrolls)."""

    # --- time across ------------------------------------------------------------------------

    @property
    def bar_ticks(self) -> int:
        return self.comp.time_signature.ticks_per_bar

    @property
    def bars(self) -> int:
        return shown_bars(self.comp)

    @property
    def px_per_bar(self) -> float:
        fit = (self.width_px - 2 * PAD_X) / self.bars
        return max(MIN_PX_PER_BAR, fit) * self.zoom

    @property
    def content_width(self) -> float:
        """Width of all shown bars with the padding on both sides, at this zoom."""
        return self.bars * self.px_per_bar + 2 * PAD_X

    def x_of(self, tick: float) -> float:
        return PAD_X + tick / self.bar_ticks * self.px_per_bar - self.scroll_x

    def tick_at(self, x: float) -> float:
        """The (fractional, never negative) tick under `x`."""
        return max(0.0, (x + self.scroll_x - PAD_X) / self.px_per_bar * self.bar_ticks)

    def bar_at(self, x: float) -> int:
        """The bar (from 0) that `x` falls in."""
        return int(self.tick_at(x) // self.bar_ticks)

    def nearest_bar_line(self, x: float) -> int:
        """The bar line (from 0) nearest `x`."""
        return round(self.tick_at(x) / self.bar_ticks)

    # --- tracks down ------------------------------------------------------------------------

    def lane_top(self, index: int) -> float:
        return RULER_HEIGHT - self.scroll_y + index * self.lane_height

    def lane_at(self, y: float) -> int | None:
        """The track index of the lane at `y`, or None above the lanes or below the last."""
        if y < RULER_HEIGHT:
            return None
        index = int((y - RULER_HEIGHT + self.scroll_y) // self.lane_height)
        return index if 0 <= index < len(self.comp.tracks) else None

    def lanes_bottom(self) -> float:
        return self.lane_top(len(self.comp.tracks))

    # --- clips ------------------------------------------------------------------------------

    def clip_rect(self, track_index: int, clip: Clip) -> QRectF:
        """The block of the whole clip, every repeat included."""
        meter = self.comp.time_signature
        left, right = self.x_of(clip.start_tick), self.x_of(clip.end_tick(meter))
        top = self.lane_top(track_index) + CLIP_INSET_PX
        return QRectF(left, top, max(4.0, right - left - 1), self.lane_height - 2 * CLIP_INSET_PX)

    def pass_width(self, clip: Clip) -> float:
        """Pixels of one pass of the pattern."""
        return clip.length_bars * self.px_per_bar

    def repeat_handle(self, track_index: int, clip: Clip) -> QRectF:
        rect = self.clip_rect(track_index, clip)
        return QRectF(rect.right() - HANDLE_PX - 2, rect.top() + 2, HANDLE_PX, HANDLE_PX)

    def clip_at(self, pos: QPointF) -> ClipHit | None:
        index = self.lane_at(pos.y())
        if index is None:
            return None
        track = self.comp.tracks[index]
        for clip in reversed(track.clips):  # the last drawn is on top
            rect = self.clip_rect(index, clip)
            if not rect.contains(pos):
                continue
            if self.repeat_handle(index, clip).adjusted(-2, -2, 2, 2).contains(pos):
                part = Part.REPEAT_HANDLE
            else:
                first_pass_end = rect.left() + self.pass_width(clip) - 1
                near = abs(pos.x() - first_pass_end) <= EDGE_GRAB_PX
                part = Part.LENGTH_EDGE if near else Part.BODY
            return ClipHit(index, track.uid, clip, part)
        return None

    # --- the loop region ---------------------------------------------------------------------

    def loop_end_at(self, pos: QPointF) -> str | None:
        """"start" or "end" when `pos` is on the ruler at one end of the loop region."""
        loop = self.comp.loop
        if pos.y() >= RULER_HEIGHT or loop.length_ticks <= 0:
            return None
        start_gap = abs(pos.x() - self.x_of(loop.start_tick))
        end_gap = abs(pos.x() - self.x_of(loop.end_tick))
        if min(start_gap, end_gap) > LOOP_GRAB_PX:
            return None
        return "start" if start_gap < end_gap else "end"

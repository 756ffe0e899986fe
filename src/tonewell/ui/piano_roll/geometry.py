"""Where pitches and ticks are on screen: zoom on both axes and the scroll position.

One `Geometry` is shared by the keyboard (rows), the ruler and velocity lane (time) and the
canvas (both), so they line up by construction. Content coordinates put tick 0 at x = 0 and
pitch 127 at the top (y = 0); the view shows content from (`scroll_x_px`, `scroll_y_px`).
Plain arithmetic, no Qt, so it is easy to test and to reason about.
"""

from __future__ import annotations

from dataclasses import dataclass

from tonewell.model import PPQ

PITCHES = 128
MIN_TICK_PX, MAX_TICK_PX = 0.004, 1.0
"""Pixels per tick: from about 60 bars to 2 beats across a wide screen."""
MIN_ROW_PX, MAX_ROW_PX = 4, 40
DEFAULT_TICK_PX = 60 / PPQ
"""A quarter note 60 px wide: a 1/16 cell is 15 px, easy to hit."""
DEFAULT_ROW_PX = 14
ZOOM_STEP = 1.25


@dataclass(slots=True)
class Geometry:
    tick_px: float = DEFAULT_TICK_PX
    """Pixels per tick."""
    row_px: int = DEFAULT_ROW_PX
    """Pixels per pitch row."""
    scroll_x_px: int = 0
    scroll_y_px: int = 0
    view_width_px: int = 800
    view_height_px: int = 400
    content_ticks: int = PPQ * 16
    """How many ticks the horizontal scroll range covers."""

    # --- time ------------------------------------------------------------------------------

    def x_of(self, tick: float) -> float:
        """The view x of `tick`."""
        return tick * self.tick_px - self.scroll_x_px

    def tick_at(self, x: float) -> float:
        return (x + self.scroll_x_px) / self.tick_px

    def visible_ticks(self) -> tuple[float, float]:
        """The first and the last tick in view."""
        return self.tick_at(0), self.tick_at(self.view_width_px)

    @property
    def content_width_px(self) -> int:
        return int(self.content_ticks * self.tick_px) + 1

    # --- pitch -----------------------------------------------------------------------------

    def y_of(self, pitch: int) -> int:
        """The view y of the top of `pitch`'s row."""
        return (PITCHES - 1 - pitch) * self.row_px - self.scroll_y_px

    def pitch_at(self, y: float) -> int:
        row = int((y + self.scroll_y_px) // self.row_px)
        return min(PITCHES - 1, max(0, PITCHES - 1 - row))

    def visible_pitches(self) -> tuple[int, int]:
        """The lowest and the highest pitch with a row (partly) in view."""
        return self.pitch_at(self.view_height_px - 1), self.pitch_at(0)

    @property
    def content_height_px(self) -> int:
        return PITCHES * self.row_px

    # --- scrolling and zooming ---------------------------------------------------------------

    @property
    def max_scroll_x_px(self) -> int:
        return max(0, self.content_width_px - self.view_width_px)

    @property
    def max_scroll_y_px(self) -> int:
        return max(0, self.content_height_px - self.view_height_px)

    def scroll_to(self, x_px: float | None = None, y_px: float | None = None) -> None:
        """Scroll (in content pixels), kept inside the content."""
        if x_px is not None:
            self.scroll_x_px = int(min(max(0, x_px), self.max_scroll_x_px))
        if y_px is not None:
            self.scroll_y_px = int(min(max(0, y_px), self.max_scroll_y_px))

    def zoom_time(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom time by `factor`, keeping the tick under `anchor_x` (default: the left edge)
        where it is."""
        anchor_x = 0.0 if anchor_x is None else anchor_x
        anchor_tick = self.tick_at(anchor_x)
        self.tick_px = min(MAX_TICK_PX, max(MIN_TICK_PX, self.tick_px * factor))
        self.scroll_to(x_px=anchor_tick * self.tick_px - anchor_x)

    def zoom_pitch(self, factor: float, anchor_y: float | None = None) -> None:
        """Make rows taller or shorter, keeping the pitch under `anchor_y` in place."""
        anchor_y = self.view_height_px / 2 if anchor_y is None else anchor_y
        anchor_row = (anchor_y + self.scroll_y_px) / self.row_px
        rows = round(self.row_px * factor)
        if rows == self.row_px:
            rows += 1 if factor > 1 else -1
        self.row_px = min(MAX_ROW_PX, max(MIN_ROW_PX, rows))
        self.scroll_to(y_px=anchor_row * self.row_px - anchor_y)

    def ensure_visible(self, tick: float, pitch: int, margin_px: int = 24) -> bool:
        """Scroll the least so (`tick`, `pitch`) is in view; True when it scrolled."""
        before = (self.scroll_x_px, self.scroll_y_px)
        x = self.x_of(tick)
        if x < margin_px:
            self.scroll_to(x_px=self.scroll_x_px + x - margin_px)
        elif x > self.view_width_px - margin_px:
            self.scroll_to(x_px=self.scroll_x_px + x - self.view_width_px + margin_px)
        y = self.y_of(pitch)
        if y < 0:
            self.scroll_to(y_px=self.scroll_y_px + y)
        elif y + self.row_px > self.view_height_px:
            self.scroll_to(y_px=self.scroll_y_px + y + self.row_px - self.view_height_px)
        return (self.scroll_x_px, self.scroll_y_px) != before

    def centre_on_pitch(self, pitch: int) -> None:
        self.scroll_to(y_px=self.y_of(pitch) + self.scroll_y_px - self.view_height_px / 2)

"""The velocity lane under the grid: each note's velocity as a bar, edited by dragging.

Dragging across the lane sets the bars it passes to the height of the pointer (only selected
notes when there is a selection); the whole drag is one "Set velocity of N notes" step. Bars
line up with their notes because the lane shares the canvas's `Geometry`. The lane's top edge
is a handle: dragging it makes the lane taller or shorter (the note grid gets the rest).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from tonewell.model import Note
from tonewell.ui import theme
from tonewell.ui.piano_roll import colours, gestures
from tonewell.ui.piano_roll.geometry import Geometry
from tonewell.ui.piano_roll.state import RollState

LANE_HEIGHT_PX = 56
MIN_LANE_HEIGHT_PX, MAX_LANE_HEIGHT_PX = 36, 240
RESIZE_GRAB_PX = 5
"""How close to the lane's top edge a press resizes the lane instead of setting velocities."""
PAD_PX = 6
BAR_WIDTH_PX = 5


class VelocityLane(QWidget):
    def __init__(self, state: RollState, geometry: Geometry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pianoRollVelocity")
        self.setAccessibleName("Velocity lane")
        self.setAccessibleDescription(
            "How hard each note is played. Drag across the bars to change it."
        )
        self.state, self.geometry = state, geometry
        self.gesture: gestures.Gesture = gestures.Idle(state)
        self._resize_from: tuple[float, int] | None = None
        """(global y, height) where a drag of the top edge began."""
        self.setMouseTracking(True)
        self.wanted_px = theme.scaled_px(LANE_HEIGHT_PX)
        """The height the person gave the lane (or the default), within its limits."""
        self._room_px: int | None = None
        self.setFixedHeight(self.wanted_px)

    def set_lane_height(self, px: int) -> None:
        """`px` tall, within the lane's limits at the UI scale in use (less while the piano
        roll is short of room: see `give_room`)."""
        low, high = theme.scaled_px(MIN_LANE_HEIGHT_PX), theme.scaled_px(MAX_LANE_HEIGHT_PX)
        self.wanted_px = min(high, max(low, int(px)))
        self._fit()

    def give_room(self, room_px: int) -> None:
        """At most `room_px` tall for now: on a short screen or at a large text size the
        notes above matter more; the lane goes back to its height when there is room."""
        self._room_px = room_px
        self._fit()

    def _fit(self) -> None:
        low = theme.scaled_px(MIN_LANE_HEIGHT_PX)
        room = self.wanted_px if self._room_px is None else self._room_px
        self.setFixedHeight(max(low, min(self.wanted_px, room)))

    # --- mapping -----------------------------------------------------------------------------

    def y_of(self, velocity: int) -> float:
        usable = self.height() - 2 * PAD_PX
        return self.height() - PAD_PX - usable * velocity / 127

    def velocity_at(self, y: float) -> int:
        usable = self.height() - 2 * PAD_PX
        return min(127, max(1, round((self.height() - PAD_PX - y) * 127 / usable)))

    def point_for(self, note: Note, velocity: int) -> QPointF:
        """Where to press to give `note` `velocity` (tests drive the lane with it)."""
        return QPointF(self.geometry.x_of(note.start_tick) + 1, self.y_of(velocity))

    def notes_between(self, x0: float, x1: float) -> list[Note]:
        """Notes whose bar lies between the view x positions `x0` and `x1` (inclusive)."""
        g = self.geometry
        first, last = g.tick_at(x0 - BAR_WIDTH_PX), g.tick_at(x1)
        index = self.state.index
        lo, hi = index.first_index_from(first), index.first_index_from(last + 1e-9)
        return [n for n in index.notes[lo:hi] if x0 - BAR_WIDTH_PX <= g.x_of(n.start_tick) <= x1]

    # --- mouse ----------------------------------------------------------------------------------

    def _pointer(self, event: QMouseEvent) -> gestures.Pointer:
        pos = event.position()
        return gestures.Pointer(self.geometry.tick_at(pos.x()), 0, pos.x(), pos.y())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if event.position().y() < RESIZE_GRAB_PX:
            self._resize_from = (event.globalPosition().y(), self.height())
            return
        if self.state.clip is None:
            return
        self.gesture = gestures.VelocityDrag(
            self.state, self._pointer(event), self.notes_between, self.velocity_at
        )
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._resize_from is not None:
            start_y, start_height = self._resize_from
            self.set_lane_height(round(start_height + start_y - event.globalPosition().y()))
            return
        if event.buttons() == Qt.MouseButton.NoButton:
            on_edge = event.position().y() < RESIZE_GRAB_PX
            self.setCursor(Qt.CursorShape.SizeVerCursor if on_edge else Qt.CursorShape.ArrowCursor)
            return
        self.gesture.move(self._pointer(event))
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._resize_from is not None:
            self._resize_from = None
            return
        gesture, self.gesture = self.gesture, gestures.Idle(self.state)
        gesture.release(self._pointer(event))
        self.update()

    # --- painting -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), colours.GRID_BACKGROUND)
        p.fillRect(0, 0, self.width(), 1, QColor(theme.LINE))
        found = self.state.track_and_clip()
        if found is None:
            return
        base = colours.note_colours(theme.shown_colour(found[1], found[0]))
        g = self.geometry
        first, last = g.visible_ticks()
        index = self.state.index
        lo, hi = (
            index.first_index_from(first - BAR_WIDTH_PX / g.tick_px),
            index.first_index_from(last),
        )
        preview = self.gesture.preview.velocities
        selected = self.state.selection.notes
        bottom = self.height() - PAD_PX
        for note in index.notes[lo:hi]:
            velocity = preview.get(note, note.velocity)
            x, y = int(g.x_of(note.start_tick)), int(self.y_of(velocity))
            chosen = note in selected
            p.fillRect(x, y, BAR_WIDTH_PX, bottom - y, base.selected_fill if chosen else base.fill)
            p.fillRect(x, y, BAR_WIDTH_PX, 2, colours.SELECTED_OUTLINE if chosen else base.outline)
        p.setPen(QColor(theme.SOFT_INK))
        # below the top edge by the text's own height, so a larger text size is never cut
        p.drawText(PAD_PX, 2 + p.fontMetrics().ascent(), "Velocity")

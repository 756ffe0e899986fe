"""The grid where notes are drawn and edited with the mouse and the keyboard.

Painting is custom and culled: the cached grid pixmap, then only the notes in view (two batched
calls per colour), then the selection, what a gesture in progress previews, the keyboard cursor
and the playhead. Mouse presses start gesture states (`gestures.py`); keys go through the table
in `keys.py`. The canvas tells the widget about zoom and scroll wishes with signals; it never
scrolls itself.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from tonewell.edit import note_edits
from tonewell.model import Note
from tonewell.model.scales import scale_pitch_classes
from tonewell.ui import theme
from tonewell.ui.piano_roll import colours, gestures, keys
from tonewell.ui.piano_roll.geometry import Geometry
from tonewell.ui.piano_roll.grid_layer import GridLayer, GridSpec
from tonewell.ui.piano_roll.note_layer import (
    RectCache,
    draw_rects,
    draw_selected,
    note_rects,
    selected_rects,
)
from tonewell.ui.piano_roll.state import RollState

EDGE_PX = 5
"""How close to a note's start or end a press resizes it instead of moving it."""
HINT = "No clip is open.\nDouble-click a clip in the arrangement to write its notes here."
WHEEL_STEP = 120
ZOOM_WHEEL = 1.15
SCROLL_ROWS_PER_WHEEL = 3


class NoteCanvas(QWidget):
    zoom_requested = Signal(str, float, float)
    """("time" or "pitch", factor, anchor in view pixels along that axis)."""
    scroll_requested = Signal(float, float)
    """(dx, dy) in pixels."""
    resized = Signal()
    cursor_moved = Signal()
    """The keyboard cursor moved or the notes under it changed (keep it in view, re-announce)."""

    def __init__(self, state: RollState, geometry: Geometry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pianoRollCanvas")
        self.state, self.geometry = state, geometry
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 80)
        self.setAccessibleDescription(
            "Note grid. Click to place a note, drag notes to move them, drag their ends to "
            "resize. Arrow keys move the cursor, Enter places or removes a note, Shift+Enter "
            "selects it, Alt+arrows move the selection, Delete removes it."
        )
        self.grid_layer = GridLayer()
        self.rect_cache = RectCache()
        self.gesture: gestures.Gesture = gestures.Idle(state)
        self._just_added: Note | None = None
        self._selected_cache: tuple[object, ...] | None = None

    # --- coordinates -------------------------------------------------------------------------

    def point_at(self, pitch: int, tick: float) -> QPointF:
        """The view point in the middle of `pitch`'s row at clip tick `tick`."""
        g = self.geometry
        return QPointF(g.x_of(tick), g.y_of(pitch) + g.row_px / 2)

    def pointer(self, pos: QPointF, modifiers: Qt.KeyboardModifier) -> gestures.Pointer:
        add = bool(
            modifiers & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
        )
        g = self.geometry
        return gestures.Pointer(g.tick_at(pos.x()), g.pitch_at(pos.y()), pos.x(), pos.y(), add)

    def hit(self, p: gestures.Pointer) -> gestures.Hit | None:
        note = self.state.index.at(p.pitch, p.tick)
        if note is None:
            return None
        g = self.geometry
        x0, x1 = g.x_of(note.start_tick), g.x_of(note.end_tick)
        edge = min(EDGE_PX, (x1 - x0) / 3)
        if p.x >= x1 - edge:
            return gestures.Hit(note, gestures.Part.END)
        if p.x <= x0 + edge:
            return gestures.Hit(note, gestures.Part.START)
        return gestures.Hit(note, gestures.Part.BODY)

    # --- mouse ---------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() not in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            return
        p = self.pointer(event.position(), event.modifiers())
        band = event.button() == Qt.MouseButton.RightButton
        self.gesture = gestures.press(self.state, p, self.hit(p), band=band)
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        p = self.pointer(event.position(), event.modifiers())
        if event.buttons() == Qt.MouseButton.NoButton:
            self._set_hover_cursor(p)
            return
        self.gesture.move(p)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        gesture, self.gesture = self.gesture, gestures.Idle(self.state)
        gesture.release(self.pointer(event.position(), event.modifiers()))
        self._just_added = getattr(gesture, "added", None)
        if isinstance(gesture, gestures.AddNote):
            self.cursor_moved.emit()
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """A double-click on a note removes it (but not the note its own first click placed)."""
        p = self.pointer(event.position(), event.modifiers())
        hit = self.hit(p)
        clip, track_uid = self.state.clip, self.state.track_uid
        if hit is None or hit.note == self._just_added or clip is None or track_uid is None:
            self.mousePressEvent(event)
            return
        self.state.push(note_edits.remove_notes(track_uid, clip, [hit.note]))
        self.update()

    def _set_hover_cursor(self, p: gestures.Pointer) -> None:
        hit = self.hit(p) if self.state.clip is not None else None
        if hit is None:
            self.unsetCursor()
        elif hit.part is gestures.Part.BODY:
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.setCursor(Qt.CursorShape.SizeHorCursor)

    def wheelEvent(self, event: QWheelEvent) -> None:
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        angle = event.angleDelta()
        delta = angle.y() or angle.x()  # Alt turns the wheel sideways on some systems
        notches = delta / WHEEL_STEP
        pos = event.position()
        if ctrl and not shift and not alt:
            self.zoom_requested.emit("time", ZOOM_WHEEL**notches, pos.x())
        elif (ctrl and shift) or alt:
            self.zoom_requested.emit("pitch", ZOOM_WHEEL**notches, pos.y())
        elif shift or (angle.x() and not angle.y()):
            self.scroll_requested.emit(-notches * self.width() / 8, 0.0)
        else:
            self.scroll_requested.emit(0.0, -notches * SCROLL_ROWS_PER_WHEEL * self.geometry.row_px)
        event.accept()

    # --- keyboard -------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if keys.handle_key(self.state, event.key(), event.modifiers()):
            self.cursor_moved.emit()
            self.update()
            event.accept()
            return
        super().keyPressEvent(event)

    # --- painting ---------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.geometry.view_width_px = self.width()
        self.geometry.view_height_px = self.height()
        super().resizeEvent(event)
        self.resized.emit()

    def grid_spec(self) -> GridSpec:
        found = self.state.track_and_clip()
        comp = self.state.comp
        drum = found is not None and found[1].is_drum
        key = comp.key
        return GridSpec(
            comp.time_signature,
            self.state.snap.grid_ticks,
            self.state.clip_length_ticks,
            frozenset() if drum else scale_pitch_classes(key.tonic, key.mode),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        found = self.state.track_and_clip()
        if found is None:
            p.fillRect(self.rect(), colours.GRID_BACKGROUND)
            p.setPen(colours.HINT_TEXT)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, HINT)
            return
        g = self.geometry
        p.drawPixmap(0, 0, self.grid_layer.pixmap(g, self.grid_spec(), self.devicePixelRatioF()))
        index, track_no, track = self.state.index, found[0], found[1]
        note_colours = colours.note_colours(theme.shown_colour(track, track_no))
        first, last = g.visible_ticks()
        lo, hi = index.span(first, last)
        heard_end = index.first_index_from(self.state.clip_length_ticks)
        p.translate(-g.scroll_x_px, -g.scroll_y_px)
        preview = self.gesture.preview
        c = note_colours
        for a, b, fill, outline in (
            (lo, min(hi, heard_end), c.fill, c.outline),
            (max(lo, heard_end), hi, c.faded_fill, c.faded_outline),
        ):
            if b > a:
                outer, inner = self.rect_cache.rects(index.notes, g, a, b)
                draw_rects(p, outer, inner, fill, outline)
        selected = self._selected_rects(preview.hidden)
        moving = preview.shift_ticks or preview.shift_pitch
        if moving:
            p.translate(round(preview.shift_ticks * g.tick_px), -preview.shift_pitch * g.row_px)
        draw_selected(p, selected, c.selected_fill, colours.SELECTED_OUTLINE)
        if moving:
            p.translate(-round(preview.shift_ticks * g.tick_px), preview.shift_pitch * g.row_px)
        if preview.notes:
            outer, _ = note_rects(preview.notes, g.tick_px, g.row_px)
            draw_selected(p, selected_rects(outer), c.selected_fill, colours.SELECTED_OUTLINE)
        p.resetTransform()
        self._paint_cursor(p)
        self._paint_playhead(p)
        if preview.band is not None:
            x0, y0, x1, y1 = preview.band
            p.setPen(QPen(colours.BAND_LINE, 1, Qt.PenStyle.DashLine))
            p.setBrush(colours.BAND_FILL)
            p.drawRect(QRectF(QPointF(x0, y0), QPointF(x1, y1)).normalized())
        if self.hasFocus():
            theme.paint_focus_ring(p, QRectF(self.rect()))

    def _selected_rects(self, hidden: frozenset[Note]) -> tuple[list[QRect], list[QRect]]:
        """Frames and fills of the selected notes (less `hidden`), kept until the selection or
        the zoom changes, so a drag repaints them without rebuilding."""
        sel = self.state.selection.notes
        g = self.geometry
        key = (sel, hidden, g.tick_px, g.row_px)
        cached = self._selected_cache
        if cached is None or cached[0] != key:
            outer = note_rects(sorted(sel - hidden), g.tick_px, g.row_px)[0]
            cached = self._selected_cache = (key, selected_rects(outer))
        return cached[1]  # type: ignore[return-value]

    def cursor_rect(self) -> QRect:
        g, c = self.geometry, self.state.cursor
        x0 = round(g.x_of(c.tick))
        x1 = round(g.x_of(c.tick + self.state.snap.step_ticks))
        return QRect(x0, g.y_of(c.pitch), max(3, x1 - x0), g.row_px)

    def _paint_cursor(self, p: QPainter) -> None:
        if not self.hasFocus():
            pen = QPen(colours.CURSOR, 1, Qt.PenStyle.DotLine)
        else:
            pen = QPen(colours.CURSOR, 2)
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(self.cursor_rect().adjusted(0, 0, -1, -1))

    def playhead_x(self) -> int | None:
        tick = self.state.playhead_tick
        return None if tick is None else round(self.geometry.x_of(tick))

    def _paint_playhead(self, p: QPainter) -> None:
        x = self.playhead_x()
        if x is not None and 0 <= x < self.width():
            p.fillRect(x - 1, 0, 2, self.height(), colours.PLAYHEAD)

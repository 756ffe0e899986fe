"""The pedal lane under the velocity lane: the clip's sustain pedal as "down" spans to edit.

Each span is a filled bar from a press to the next lift, outlined, with "Ped." written where it
is pressed and "*" where it is lifted, as in printed piano music, so it never rests on colour
alone; a span the clip end closes has no "*" (the clip end lifts it). A click on empty lane
presses the pedal for one beat, dragging a span's start, end or middle moves the press, the lift
or both (snapped to the roll's grid), and a double-click, or a click and Delete, removes one:
each one step of the history (`pedal_gestures.py`, `edit.pedal_edits`). Spans line up with the
notes because the lane shares the canvas's `Geometry`. The lane takes the keyboard focus only
when clicked (it is no Tab stop); any key but Delete goes back to the note grid.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QWidget

from tonewell.edit import pedal_edits
from tonewell.edit.pedal_edits import PedalSpan
from tonewell.ui import theme
from tonewell.ui.piano_roll import colours
from tonewell.ui.piano_roll.geometry import Geometry
from tonewell.ui.piano_roll.gestures import Part, Pointer
from tonewell.ui.piano_roll.pedal_gestures import AddPress, DragSpan, PedalGesture
from tonewell.ui.piano_roll.state import RollState

LANE_HEIGHT_PX = 24
"""The lane's height at 100 % (taller when the text is: see `_rescale`)."""
PAD_PX = 3
EDGE_PX = 5
"""How close to a span's start or end a press moves that end instead of the whole span."""
DELETE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


class PedalLane(QWidget):
    def __init__(self, state: RollState, geometry: Geometry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pedalLane")
        self.setAccessibleName("Sustain pedal")
        self.setAccessibleDescription(
            "Where the sustain pedal is down, from Ped. to the star. Click to press it for a "
            "beat, drag an end or the middle to move it, double-click or Delete to remove it."
        )
        self.state, self.geometry = state, geometry
        self.gesture = PedalGesture(state)
        self.selected: PedalSpan | None = None
        self._just_added: PedalSpan | None = None
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setMouseTracking(True)
        self._rescale()
        theme.changes().changed.connect(self._rescale)

    def _rescale(self) -> None:
        """The lane grows with the UI scale and always fits a line of its text."""
        text_px = self.fontMetrics().height() + 2 * theme.scaled_px(PAD_PX) + 2
        self.setFixedHeight(max(theme.scaled_px(LANE_HEIGHT_PX), text_px))

    # --- what is shown -------------------------------------------------------------------------

    def spans(self) -> tuple[PedalSpan, ...]:
        """The spans drawn now: a drag's preview, else the open clip's own."""
        if self.gesture.preview is not None:
            return self.gesture.preview
        clip = self.state.clip
        if clip is None:
            return ()
        return pedal_edits.pedal_spans(clip.controls, self.state.clip_length_ticks)

    def point_for(self, tick: float) -> QPointF:
        """Where to press to reach clip tick `tick` (tests drive the lane with it)."""
        return QPointF(self.geometry.x_of(tick), self.height() / 2)

    def hit(self, x: float) -> tuple[PedalSpan, Part] | None:
        """The span under view x `x` and which part of it (an end within `EDGE_PX`)."""
        g = self.geometry
        edge = theme.scaled_px(EDGE_PX)
        for span in self.spans():
            x0, x1 = g.x_of(span.start_tick), g.x_of(span.end_tick)
            if x0 - edge <= x <= x1 + edge:
                near = min(edge, (x1 - x0) / 3)
                if x <= x0 + near:
                    return span, Part.START
                if x >= x1 - near:
                    return span, Part.END
                return span, Part.BODY
        return None

    # --- mouse ---------------------------------------------------------------------------------

    def _pointer(self, event: QMouseEvent) -> Pointer:
        pos = event.position()
        return Pointer(self.geometry.tick_at(pos.x()), 0, pos.x(), pos.y())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.state.clip is None:
            return
        p = self._pointer(event)
        found = self.hit(p.x)
        if found is None:
            self.selected = None
            self.gesture = AddPress(self.state, p)
        else:
            self.selected = found[0]
            self.gesture = DragSpan(self.state, p, *found)
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        p = self._pointer(event)
        if event.buttons() == Qt.MouseButton.NoButton:
            found = self.hit(p.x)
            shape = Qt.CursorShape.ArrowCursor
            if found is not None:
                shape = Qt.CursorShape.SizeAllCursor if found[1] is Part.BODY else (
                    Qt.CursorShape.SizeHorCursor)
            self.setCursor(shape)
            return
        self.gesture.move(p)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        gesture, self.gesture = self.gesture, PedalGesture(self.state)
        gesture.release(self._pointer(event))
        self.selected = gesture.chosen
        self._just_added = gesture.chosen if isinstance(gesture, AddPress) else None
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """A double-click on a span removes it (but not the span its own first click added)."""
        found = self.hit(event.position().x())
        if found is None or found[0] == self._just_added:
            self.mousePressEvent(event)
            return
        self.remove(found[0])

    def remove(self, span: PedalSpan) -> None:
        clip, track_uid = self.state.clip, self.state.track_uid
        if clip is None or track_uid is None or span not in self.spans():
            return
        edit = pedal_edits.delete_span(track_uid, clip, self.state.clip_length_ticks, span)
        self.state.piece.push(edit.command)
        self.selected = None
        self.update()

    # --- keys ----------------------------------------------------------------------------------

    def event(self, e: QEvent) -> bool:
        # Delete is the Edit menu's shortcut (for notes); with a span selected here it is ours.
        if (
            e.type() == QEvent.Type.ShortcutOverride
            and isinstance(e, QKeyEvent)
            and e.key() in DELETE_KEYS
            and self.selected in self.spans()
        ):
            e.accept()
            return True
        return super().event(e)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in DELETE_KEYS and self.selected in self.spans():
            assert self.selected is not None
            self.remove(self.selected)
            return
        canvas = getattr(self.parent(), "canvas", None)
        if isinstance(canvas, QWidget):  # the piano roll's keys work wherever it was clicked
            canvas.setFocus(Qt.FocusReason.OtherFocusReason)
            QApplication.sendEvent(canvas, event)
        else:
            super().keyPressEvent(event)

    # --- painting -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        w, h = self.width(), self.height()
        p.fillRect(self.rect(), colours.GRID_BACKGROUND)
        p.fillRect(0, 0, w, 1, QColor(theme.palette().line))
        found = self.state.track_and_clip()
        if found is not None:
            self._paint_spans(p, colours.note_colours(theme.shown_colour(found[1], found[0])))
            end_x = int(self.geometry.x_of(self.state.clip_length_ticks))
            if end_x < w:
                p.fillRect(max(0, end_x), 1, w - max(0, end_x), h - 1, colours.OUTSIDE_CLIP)
                p.fillRect(end_x - 1, 1, 2, h - 1, colours.CLIP_END_LINE)
        if self.hasFocus():
            theme.paint_focus_ring(p, QRectF(self.rect()))

    def _paint_spans(self, p: QPainter, base: colours.NoteColours) -> None:
        g, pad = self.geometry, theme.scaled_px(PAD_PX)
        top, bottom = pad + 1, self.height() - pad
        first, last = g.visible_ticks()
        metrics = p.fontMetrics()
        baseline = (top + bottom + metrics.ascent() - metrics.descent()) / 2
        selected = self.selected if self.gesture.preview is None else self.gesture.chosen
        for span in self.spans():
            if span.end_tick < first or span.start_tick > last:
                continue
            chosen = span == selected
            x0, x1 = g.x_of(span.start_tick), g.x_of(span.end_tick)
            rect = QRectF(x0, top, max(2.0, x1 - x0), bottom - top)
            fill = base.selected_fill if chosen else base.fill
            p.fillRect(rect, fill)
            width = max(2.0, 2.0 * theme.ui_scale()) if chosen else 1.0
            p.setPen(QPen(colours.SELECTED_OUTLINE if chosen else base.outline, width))
            p.drawRect(rect.adjusted(width / 2, width / 2, -width / 2, -width / 2))
            p.setPen(theme.text_on(fill))
            if metrics.horizontalAdvance("Ped.") + 6 < rect.width():
                p.drawText(QPointF(x0 + 4, baseline), "Ped.")
            if span.lifted:
                p.setPen(QColor(theme.palette().ink))
                p.drawText(QPointF(x1 + 3, baseline), "*")
        if self.state.clip is not None and not self.spans():
            p.setPen(QColor(theme.palette().soft_ink))
            p.drawText(QPointF(pad + 2, baseline), "Sustain pedal: click to press it here")

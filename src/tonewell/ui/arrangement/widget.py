"""The arrangement: every track's clips on a bar grid, edited with the mouse or the keyboard.

One lane per track, `lane_height` pixels tall and scrolled
with `set_scroll_y`, so its rows stay level with the track list beside it. Edits are commands
pushed on the `OpenPiece` (one per drag, on release); the view repaints from `piece.changed`.
It never talks to the engine: `seek_requested`, `clip_activated` and `track_selected` are wired
by the window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QScrollBar, QSizePolicy, QWidget

from tonewell.edit import DocumentEvent
from tonewell.edit.changes import Action
from tonewell.edit.commands import find_clip
from tonewell.engine.schedule import audible_tracks
from tonewell.ui import theme
from tonewell.ui.arrangement import clip_actions, gestures, menus
from tonewell.ui.arrangement.editing import ClipEditing, ClipRef
from tonewell.ui.arrangement.geometry import (
    DEFAULT_LANE_HEIGHT,
    LOOP_STRIP_HEIGHT,
    MAX_ZOOM,
    RULER_HEIGHT,
    Geometry,
    Part,
)
from tonewell.ui.arrangement.gestures import hover_hint
from tonewell.ui.arrangement.keys import key_action
from tonewell.ui.arrangement.lanes import LaneState, paint_lanes
from tonewell.ui.arrangement.ruler import paint_playhead, paint_ruler
from tonewell.ui.piece import OpenPiece

ZOOM_STEP = 1.25



class Arrangement(ClipEditing, QWidget):
    clip_activated = Signal(int, int)
    """(track_uid, clip_uid): edit this clip in the piano roll."""
    clip_opened = Signal()
    """Enter opened the selected clip: the keyboard focus goes with it to the piano roll."""
    seek_requested = Signal(int)
    """A tick to move the playhead to."""
    track_selected = Signal(int)
    """The uid of the track a click or the keyboard chose."""

    def __init__(self, piece: OpenPiece, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("arrangement")
        self.setAccessibleName("Arrangement")
        self.setAccessibleDescription(
            "Clips of each track over the bars of the piece. Double-click a lane to add a clip, "
            "drag clips to move them, their right edge to resize, the loop handle to repeat. "
            "Arrow keys select clips, Enter opens one, Delete removes it."
        )
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, RULER_HEIGHT + 40)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.piece = piece
        self._audible = audible_tracks(piece.comp.tracks)
        self._playhead_tick = 0
        self._lane_height = theme.scaled_px(DEFAULT_LANE_HEIGHT)
        self._scroll_y = 0
        self._zoom = 1.0
        self._current: ClipRef | None = None
        self._selected: ClipRef | None = None
        self._hovered_clip: int | None = None
        self._gesture: gestures.Gesture | None = None
        self._hbar = QScrollBar(Qt.Orientation.Horizontal, self)
        self._hbar.setObjectName("arrangementScroll")
        self._hbar.valueChanged.connect(self.update)
        self._hbar.hide()
        piece.changed.connect(self._on_changed)
        theme.changes().changed.connect(self._follow_theme)

    def _follow_theme(self) -> None:
        """Lanes grow with the UI scale (the track list's rows do the same)."""
        self.set_lane_height(theme.scaled_px(DEFAULT_LANE_HEIGHT))

    # --- the interface the window uses ---------------------------------------------------

    @property
    def lane_height(self) -> int:
        return self._lane_height

    def set_lane_height(self, pixels: int) -> None:
        self._lane_height = max(16, int(pixels))
        self._fit_scroll_range()
        self.update()

    def set_scroll_y(self, pixels: int) -> None:
        """Scroll the lanes (not the ruler) to stay level with the track list."""
        self._scroll_y = max(0, int(pixels))
        self.update()

    def set_playhead(self, tick: int) -> None:
        if tick != self._playhead_tick:
            self._playhead_tick = max(0, tick)
            self.update()

    def playhead(self) -> int:
        return self._playhead_tick

    def set_current_clip(self, track_uid: int | None, clip_uid: int | None) -> None:
        """The clip open in the piano roll (outlined); None for none."""
        pair = None if track_uid is None or clip_uid is None else (track_uid, clip_uid)
        if pair != self._current:
            self._current = pair
            self.update()

    def current_clip(self) -> ClipRef | None:
        return self._current

    def view_geometry(self) -> Geometry:
        """Positions of bars, lanes and clips as drawn now (tests place the mouse with it)."""
        return Geometry(self.piece.comp, float(self.width()), self._lane_height,
                        float(self._hbar.value()), float(self._scroll_y), self._zoom)

    def zoom_in(self, anchor_x: float | None = None) -> None:
        self._set_zoom(self._zoom * ZOOM_STEP, anchor_x)

    def zoom_out(self, anchor_x: float | None = None) -> None:
        self._set_zoom(self._zoom / ZOOM_STEP, anchor_x)

    def _set_zoom(self, zoom: float, anchor_x: float | None) -> None:
        x = self.width() / 2 if anchor_x is None else anchor_x
        tick = self.view_geometry().tick_at(x)
        self._zoom = min(MAX_ZOOM, max(1.0, zoom))
        self._fit_scroll_range()
        unscrolled = Geometry(self.piece.comp, float(self.width()), self._lane_height, 0.0,
                              float(self._scroll_y), self._zoom)
        self._hbar.setValue(round(unscrolled.x_of(tick) - x))
        self.update()

    # --- the piece changed -----------------------------------------------------------------

    def _on_changed(self, event: DocumentEvent) -> None:
        comp = event.composition
        if event.action is Action.LOAD:  # another piece: start from the whole view again
            self._zoom, self._gesture = 1.0, None
            self._hbar.setValue(0)
        self._audible = audible_tracks(comp.tracks)
        self._selected = self._refind(self._selected)
        self._current = self._refind(self._current)
        self._fit_scroll_range()
        self.update()

    def _refind(self, pair: ClipRef | None) -> ClipRef | None:
        """The pair again after an edit: a clip moved to another track keeps its uid."""
        if pair is None:
            return None
        found = find_clip(self.piece.comp, pair[1])
        return None if found is None else (self.piece.comp.tracks[found[0]].uid, pair[1])

    def _fit_scroll_range(self) -> None:
        spare = self.view_geometry().content_width - self.width()
        self._hbar.setRange(0, max(0, round(spare)))
        self._hbar.setPageStep(max(1, self.width()))
        self._hbar.setVisible(spare > 0.5)

    def resizeEvent(self, event: QResizeEvent) -> None:
        height = self._hbar.sizeHint().height()
        self._hbar.setGeometry(0, self.height() - height, self.width(), height)
        self._fit_scroll_range()
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(720, RULER_HEIGHT + self._lane_height * max(1, len(self.piece.comp.tracks)))

    # --- painting --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        geo = self.view_geometry()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.fillRect(self.rect(), QColor(theme.palette().card))
        state = LaneState(
            self._audible, self._current, self._selected,
            self._gesture.ghost() if self._gesture else None, self._hovered_clip,
        )
        paint_lanes(p, geo, (float(self.width()), float(self.height())), state)
        paint_ruler(p, geo, float(self.width()))
        bottom = max(RULER_HEIGHT + self._lane_height, min(self.height(), geo.lanes_bottom()))
        paint_playhead(p, geo, self._playhead_tick, bottom)
        if self.hasFocus():
            theme.paint_focus_ring(p, QRectF(self.rect()))
        p.end()

    # --- mouse -----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._gesture = self._pick_gesture(event.position(), event.modifiers())
        if self._gesture is not None:
            self.setCursor(self._gesture.cursor)
        event.accept()
        self.update()

    def _pick_gesture(self, pos: QPointF, mods: Qt.KeyboardModifier) -> gestures.Gesture | None:
        geo = self.view_geometry()
        if pos.y() < RULER_HEIGHT:
            end = geo.loop_end_at(pos)
            if end is not None:
                return gestures.MoveLoopEnd(self.piece, end)
            if pos.y() < LOOP_STRIP_HEIGHT or mods & Qt.KeyboardModifier.ShiftModifier:
                return gestures.DrawLoop(self.piece, pos, self.seek_requested.emit)
            scrub = gestures.Scrub(self.seek_requested.emit)
            scrub.move(geo, pos, mods)
            return scrub
        hit = geo.clip_at(pos)
        if hit is None:
            lane = geo.lane_at(pos.y())
            self.select_clip(None)
            if lane is not None:
                self.track_selected.emit(self.piece.comp.tracks[lane].uid)
            return None
        self.select_clip((hit.track_uid, hit.clip.uid))
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        if hit.part is Part.REPEAT_HANDLE or (hit.part is Part.LENGTH_EDGE and alt):
            return gestures.RepeatClip(self.piece, hit)
        if hit.part is Part.LENGTH_EDGE:
            return gestures.ResizeClip(self.piece, hit)
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        return gestures.MoveClip(self.piece, hit, pos, copy=ctrl)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._gesture is not None:
            self._gesture.move(self.view_geometry(), pos, event.modifiers())
            self.update()
            return
        self._show_hover(pos, event.modifiers())

    def _show_hover(self, pos: QPointF, mods: Qt.KeyboardModifier) -> None:
        geo = self.view_geometry()
        hit = geo.clip_at(pos)
        hovered = hit.clip.uid if hit else None
        if hovered != self._hovered_clip:
            self._hovered_clip = hovered
            self.update()
        shape, tip = hover_hint(geo, pos, hit)
        self.setCursor(shape)
        self.setToolTip(tip)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._gesture is None:
            super().mouseReleaseEvent(event)
            return
        gesture, self._gesture = self._gesture, None
        gesture.finish(self.view_geometry(), event.position())
        self._show_hover(event.position(), event.modifiers())
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        geo = self.view_geometry()
        pos = event.position()
        self._gesture = None
        hit = geo.clip_at(pos)
        if hit is not None:
            self.select_clip((hit.track_uid, hit.clip.uid))
            self.clip_activated.emit(hit.track_uid, hit.clip.uid)
            return
        lane = geo.lane_at(pos.y())
        if lane is not None:
            self.new_clip_at(self.piece.comp.tracks[lane].uid, geo.bar_at(pos.x()))

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and steps:
            self._set_zoom(self._zoom * ZOOM_STEP ** steps, event.position().x())
            event.accept()
            return
        sideways = event.angleDelta().x() or (
            event.angleDelta().y() if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 0
        )
        if sideways and self._hbar.isVisible():
            self._hbar.setValue(self._hbar.value() - sideways)
            event.accept()
            return
        event.ignore()

    def leaveEvent(self, event: QEvent) -> None:
        if self._hovered_clip is not None:
            self._hovered_clip = None
            self.update()
        super().leaveEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        geo = self.view_geometry()
        pos = QPointF(event.pos())
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            found = clip_actions.locate(self.piece.comp, self._selected)
            if found is None:
                return
            rect = geo.clip_rect(*found)
            pos = rect.center()
        else:
            hit = geo.clip_at(pos)
            if hit is not None:
                self.select_clip((hit.track_uid, hit.clip.uid))
        global_pos = self.mapToGlobal(pos.toPoint())
        if self.selected_clip_object() is not None and geo.clip_at(pos) is not None:
            menus.clip_menu(self).exec(global_pos)
            return
        lane = geo.lane_at(pos.y())
        if lane is not None:
            track_uid = self.piece.comp.tracks[lane].uid
            menus.lane_menu(self, track_uid, geo.bar_at(pos.x())).exec(global_pos)

    # --- keyboard --------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and key_action(self, event.key(), event.modifiers()) is not None
        ):
            event.accept()  # our key while we have focus, not the window's shortcut
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._gesture is not None:
            self._gesture = None
            self.update()
            return
        action = key_action(self, event.key(), event.modifiers())
        if action is None:
            super().keyPressEvent(event)
            return
        action()
        event.accept()

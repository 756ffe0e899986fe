"""Painting the lanes: the bar grid, the loop shading and every clip as a block in its track's
colour, with its name and a small picture of its notes.

A muted (or not soloed) track's clips are paler and hatched. Colours are the live theme's roles;
clip edges come from `theme.outline_for`, so they stand 3:1 against the lane. A clip's repeats
are lighter copies of the first pass with a loop mark where they begin. The clip
open in the piano roll has a solid dark outline; the selected one a dashed outline set off from
the block, so neither depends on colour alone. Notes come from `Clip.heard_notes`, the rule
playback uses, so the picture shows what is heard.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen

from tonewell.model import Clip
from tonewell.ui import theme
from tonewell.ui.arrangement.geometry import HANDLE_PX, RULER_HEIGHT, Geometry
from tonewell.ui.arrangement.gestures import Ghost

NAME_STRIP_PX = 17.0
EMPTY_LANE_HINT = "Double-click to add a clip"
FADED_ALPHA = 0.35
"""How strongly a muted (or not soloed) track's clips are drawn."""


@dataclass(frozen=True, slots=True)
class LaneState:
    """What the lanes show besides the piece itself."""

    audible: list[bool] = field(default_factory=list)
    current: tuple[int, int] | None = None
    selected: tuple[int, int] | None = None
    ghost: Ghost | None = None
    hovered_clip: int | None = None


def paint_lanes(p: QPainter, geo: Geometry, size: tuple[float, float], state: LaneState) -> None:
    width, height = size
    p.save()
    p.setClipRect(QRectF(0, RULER_HEIGHT, width, height - RULER_HEIGHT))
    bottom = min(height, geo.lanes_bottom())
    _paint_loop_shade(p, geo, bottom)
    _paint_grid(p, geo, width, bottom)
    ghost = state.ghost
    for index, track in enumerate(geo.comp.tracks):
        top = geo.lane_top(index)
        if top > height or top + geo.lane_height < RULER_HEIGHT:
            continue
        if not track.clips:
            _paint_empty_hint(p, geo, index)
        audible = state.audible[index] if index < len(state.audible) else True
        colour = theme.shown_colour(track, index)
        for clip in track.clips:
            if ghost and ghost.clip.uid == clip.uid and not ghost.keep_original:
                continue
            marks = _marks(state, track.uid, clip.uid)
            _paint_clip(p, geo, index, clip, colour, audible, marks, width)
    if ghost is not None:
        track = geo.comp.tracks[ghost.track_index]
        colour = theme.shown_colour(track, ghost.track_index)
        p.setOpacity(0.75)
        _paint_clip(p, geo, ghost.track_index, ghost.clip, colour, True, ("ghost",), width)
        p.setOpacity(1.0)
    p.restore()


def _paint_empty_hint(p: QPainter, geo: Geometry, index: int) -> None:
    """An empty lane says how to fill it."""
    p.setPen(QColor(theme.palette().soft_ink))
    font = p.font()
    font.setItalic(True)
    p.setFont(font)
    top = geo.lane_top(index)
    p.drawText(QRectF(geo.x_of(0) + 10, top, 400, geo.lane_height),
               Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, EMPTY_LANE_HINT)
    font.setItalic(False)
    p.setFont(font)


def _marks(state: LaneState, track_uid: int, clip_uid: int) -> tuple[str, ...]:
    marks = []
    if state.current == (track_uid, clip_uid):
        marks.append("current")
    if state.selected == (track_uid, clip_uid):
        marks.append("selected")
    if state.hovered_clip == clip_uid:
        marks.append("hovered")
    return tuple(marks)


def _paint_loop_shade(p: QPainter, geo: Geometry, bottom: float) -> None:
    loop = geo.comp.loop
    if loop.enabled and loop.length_ticks > 0:
        x0, x1 = geo.x_of(loop.start_tick), geo.x_of(loop.end_tick)
        p.fillRect(QRectF(x0, RULER_HEIGHT, x1 - x0, bottom - RULER_HEIGHT),
                   QColor(theme.palette().band_fill))


def _paint_grid(p: QPainter, geo: Geometry, width: float, bottom: float) -> None:
    meter = geo.comp.time_signature
    beat_px = geo.px_per_bar / meter.numerator
    if beat_px >= 14:  # beats only when they are far enough apart to help
        p.setPen(QPen(QColor(theme.palette().line), 1, Qt.PenStyle.DotLine))
        for beat in range(geo.bars * meter.numerator):
            if beat % meter.numerator:
                x = round(geo.x_of(beat * meter.ticks_per_beat)) + 0.5
                p.drawLine(QPointF(x, RULER_HEIGHT), QPointF(x, bottom))
    p.setPen(QPen(QColor(theme.palette().line), 1))
    for bar in range(geo.bars + 1):
        x = round(geo.x_of(bar * geo.bar_ticks)) + 0.5
        p.drawLine(QPointF(x, RULER_HEIGHT), QPointF(x, bottom))
    for i in range(1, len(geo.comp.tracks) + 1):
        y = geo.lane_top(i) - 0.5
        if y > RULER_HEIGHT:
            p.drawLine(QPointF(0, y), QPointF(width, y))


def _paint_clip(
    p: QPainter, geo: Geometry, index: int, clip: Clip, colour: QColor, audible: bool,
    marks: tuple[str, ...], width: float,
) -> None:
    rect = geo.clip_rect(index, clip)
    if rect.right() < 0 or rect.left() > width:
        return
    strength = 1.0 if audible else FADED_ALPHA
    pass_px = geo.pass_width(clip)
    edge = theme.outline_for(colour, theme.palette().card)
    for n in range(clip.repeats):
        left = rect.left() + n * pass_px
        if left > width or left + pass_px < 0:
            continue
        block = QRectF(left, rect.top(), min(pass_px, rect.right() - left) - 1, rect.height())
        fill = QColor(colour) if n == 0 else QColor(colour).lighter(125)
        fill.setAlphaF((0.85 if n == 0 else 0.42) * strength)
        p.setPen(QPen(edge if audible else QColor(theme.palette().edge), 1))
        p.setBrush(fill)
        p.drawRoundedRect(block, 5, 5)
        if not audible:  # silent: hatched, not only paler
            p.setBrush(QBrush(QColor(theme.palette().soft_ink), Qt.BrushStyle.BDiagPattern))
            p.drawRoundedRect(block, 5, 5)
        if n == 1:
            _paint_loop_mark(p, QPointF(block.left() + 10, block.top() + 10), edge)
    _paint_notes(p, geo, clip, rect, strength, colour)
    _paint_name(p, clip, rect, pass_px, strength, colour)
    if rect.width() >= 3 * HANDLE_PX and "ghost" not in marks:
        _paint_repeat_handle(p, geo.repeat_handle(index, clip), "hovered" in marks)
    _paint_outline(p, rect, marks)


def _paint_notes(
    p: QPainter, geo: Geometry, clip: Clip, rect: QRectF, strength: float, colour: QColor,
) -> None:
    if not clip.notes:
        return
    low = min(n.pitch for n in clip.notes)
    high = max(n.pitch for n in clip.notes)
    span = max(12, high - low + 1)
    area_top, area_bottom = rect.top() + theme.scaled_px(NAME_STRIP_PX), rect.bottom() - 4
    usable = max(4.0, area_bottom - area_top)
    bar_h = max(1.5, min(4.0, usable / span))
    middle = (high + low) / 2
    ink = theme.text_on(colour)
    pass_ticks = clip.length_ticks(geo.comp.time_signature)
    p.setPen(Qt.PenStyle.NoPen)
    for start, end, note in clip.heard_notes(geo.comp.time_signature):
        x0, x1 = geo.x_of(start), geo.x_of(end)
        if x1 < rect.left() or x0 > rect.right():
            continue
        first_pass = start - clip.start_tick < pass_ticks
        ink.setAlphaF((0.62 if first_pass else 0.3) * strength)
        p.setBrush(ink)
        y = (area_top + usable / 2) - (note.pitch - middle) / span * (usable - bar_h) - bar_h / 2
        p.drawRect(QRectF(x0, y, max(1.5, x1 - x0 - 1), bar_h))


def _paint_name(
    p: QPainter, clip: Clip, rect: QRectF, pass_px: float, strength: float, colour: QColor,
) -> None:
    font = p.font()
    font.setBold(True)
    p.setFont(font)
    room = QRectF(rect.left() + 6, rect.top() + 1, max(0.0, pass_px - 12),
                  theme.scaled_px(NAME_STRIP_PX))
    label = clip.name if clip.repeats == 1 else f"{clip.name}  ×{clip.repeats}"
    text = QFontMetricsF(font).elidedText(label, Qt.TextElideMode.ElideRight, room.width())
    ink = theme.text_on(colour)
    ink.setAlphaF(max(0.55, strength))
    p.setPen(ink)
    p.drawText(room, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
    font.setBold(False)
    p.setFont(font)


def _paint_loop_mark(p: QPainter, centre: QPointF, colour: QColor, radius: float = 4.5) -> None:
    """A small circular arrow: "this plays again from here"."""
    path = QPainterPath()
    box = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
    path.arcMoveTo(box, 60)
    path.arcTo(box, 60, 290)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(colour, 1.5))
    p.drawPath(path)
    tip = QPointF(centre.x() + radius * 0.5, centre.y() - radius * 0.87)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    p.drawPolygon([tip + QPointF(-1, -3), tip + QPointF(3, 0.5), tip + QPointF(-2, 2)])


def _paint_repeat_handle(p: QPainter, box: QRectF, hovered: bool) -> None:
    pal = theme.palette()
    fill = QColor(pal.card)
    fill.setAlphaF(0.95 if hovered else 0.7)
    p.setPen(QPen(QColor(pal.edge), 1))
    p.setBrush(fill)
    p.drawRoundedRect(box, 3, 3)
    _paint_loop_mark(p, box.center(), QColor(pal.ink), radius=3.8)


def _paint_outline(p: QPainter, rect: QRectF, marks: tuple[str, ...]) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    pal = theme.palette()
    if "current" in marks:
        p.setPen(QPen(QColor(pal.ink), 2.5))
        p.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 5, 5)
    if "selected" in marks:
        p.setPen(QPen(QColor(pal.strong), 2, Qt.PenStyle.DashLine))
        p.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 6, 6)
    if "ghost" in marks:
        p.setPen(QPen(QColor(pal.ink), 1.5, Qt.PenStyle.DashLine))
        p.drawRoundedRect(rect, 5, 5)

"""Mouse drags in the arrangement as small state objects (the noisicaa way).

A press picks one gesture; each move updates its preview (`ghost`); the release pushes exactly
one command, so a whole drag is one undo step. The loop drags push `set_loop` as they go (those
commands merge, so the transport hears the new region at once) and seal the history at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from tonewell.edit import piece_edits
from tonewell.model import Clip
from tonewell.model.composition import MAX_CLIP_BARS, MAX_REPEATS
from tonewell.model.ops import snap
from tonewell.ui.arrangement import clip_actions
from tonewell.ui.arrangement.geometry import (
    LOOP_STRIP_HEIGHT,
    RULER_HEIGHT,
    ClipHit,
    Geometry,
    Part,
)
from tonewell.ui.piece import OpenPiece


@dataclass(frozen=True, slots=True)
class Ghost:
    """A clip as the drag would leave it: drawn in place of (or, for a copy, beside) the clip."""

    track_index: int
    clip: Clip
    keep_original: bool = False


def _far_enough(press: QPointF, pos: QPointF) -> bool:
    return (pos - press).manhattanLength() >= QApplication.startDragDistance()


def seek_tick(geo: Geometry, x: float) -> int:
    """Where a click on the ruler moves the playhead: the nearest beat."""
    return snap(geo.tick_at(x), geo.comp.time_signature.ticks_per_beat)


def hover_hint(geo: Geometry, pos: QPointF, hit: ClipHit | None) -> tuple[Qt.CursorShape, str]:
    """The pointer's shape and tooltip over `pos`: which drag a press there would start."""
    if pos.y() < RULER_HEIGHT:
        if geo.loop_end_at(pos):
            return Qt.CursorShape.SizeHorCursor, "Drag to move this end of the loop"
        if pos.y() < LOOP_STRIP_HEIGHT:
            return Qt.CursorShape.IBeamCursor, "Drag to loop these bars"
        return Qt.CursorShape.PointingHandCursor, "Click to move the playhead"
    if hit is not None:
        if hit.part is Part.REPEAT_HANDLE:
            return Qt.CursorShape.SizeHorCursor, "Drag to repeat this clip"
        if hit.part is Part.LENGTH_EDGE:
            return Qt.CursorShape.SizeHorCursor, "Drag to change the length (Alt: repeat)"
        tip = f"{hit.clip.name}: double-click to edit, drag to move (Ctrl: copy)"
        return Qt.CursorShape.OpenHandCursor, tip
    if geo.lane_at(pos.y()) is not None:
        return Qt.CursorShape.ArrowCursor, "Double-click to add a clip"
    return Qt.CursorShape.ArrowCursor, ""


class Gesture:
    cursor = Qt.CursorShape.ArrowCursor

    def move(self, geo: Geometry, pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        """The pointer moved with the button held."""

    def finish(self, geo: Geometry, pos: QPointF) -> None:
        """The button was released: push the one command of this drag, if any."""

    def ghost(self) -> Ghost | None:
        return None


class MoveClip(Gesture):
    """Drag a clip along its lane or to another lane (snapped to bars); with Ctrl, a copy."""

    cursor = Qt.CursorShape.ClosedHandCursor

    def __init__(self, piece: OpenPiece, hit: ClipHit, press: QPointF, copy: bool) -> None:
        self.piece, self.hit, self.press, self.copy = piece, hit, press, copy
        self.started = False
        self._target: tuple[int, int] = (hit.track_index, hit.clip.start_tick)

    def move(self, geo: Geometry, pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        self.started = self.started or _far_enough(self.press, pos)
        if not self.started:
            return
        self.copy = self.copy or bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        delta = (pos.x() - self.press.x()) / geo.px_per_bar * geo.bar_ticks
        start_tick = snap(self.hit.clip.start_tick + delta, geo.bar_ticks)
        lane = geo.lane_at(pos.y())
        if lane is None:
            lane = 0 if pos.y() < geo.lane_top(0) else len(geo.comp.tracks) - 1
        self._target = (lane, start_tick)

    def ghost(self) -> Ghost | None:
        if not self.started:
            return None
        lane, start_tick = self._target
        return Ghost(lane, clip_actions.moved_copy(self.hit.clip, start_tick), self.copy)

    def finish(self, geo: Geometry, pos: QPointF) -> None:
        if not self.started:
            return
        comp = self.piece.comp
        lane, start_tick = self._target
        command = clip_actions.place(
            comp, self.hit.track_uid, self.hit.clip, start_tick, comp.tracks[lane].uid,
            copy=self.copy,
        )
        if command is not None:
            self.piece.push(command)


class ResizeClip(Gesture):
    """Drag the end of a clip's first pass: its length in whole bars."""

    cursor = Qt.CursorShape.SizeHorCursor

    def __init__(self, piece: OpenPiece, hit: ClipHit) -> None:
        self.piece, self.hit = piece, hit
        self._bars = hit.clip.length_bars

    def move(self, geo: Geometry, pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        width = pos.x() - geo.x_of(self.hit.clip.start_tick)
        self._bars = min(MAX_CLIP_BARS, max(1, round(width / geo.px_per_bar)))

    def ghost(self) -> Ghost | None:
        return Ghost(self.hit.track_index, replace(self.hit.clip, length_bars=self._bars))

    def finish(self, geo: Geometry, pos: QPointF) -> None:
        command = clip_actions.set_length(self.hit.track_uid, self.hit.clip, self._bars)
        if command is not None:
            self.piece.push(command)


class RepeatClip(Gesture):
    """Drag the loop handle (or Alt + the right edge): how many times the clip plays."""

    cursor = Qt.CursorShape.SizeHorCursor

    def __init__(self, piece: OpenPiece, hit: ClipHit) -> None:
        self.piece, self.hit = piece, hit
        self._repeats = hit.clip.repeats

    def move(self, geo: Geometry, pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        width = pos.x() - geo.x_of(self.hit.clip.start_tick)
        passes = round(width / geo.pass_width(self.hit.clip))
        self._repeats = min(MAX_REPEATS, max(1, passes))

    def ghost(self) -> Ghost | None:
        return Ghost(self.hit.track_index, replace(self.hit.clip, repeats=self._repeats))

    def finish(self, geo: Geometry, pos: QPointF) -> None:
        command = clip_actions.set_repeats(self.hit.track_uid, self.hit.clip, self._repeats)
        if command is not None:
            self.piece.push(command)


class MoveLoopEnd(Gesture):
    """Drag the start or the end of the loop region along the ruler, snapped to bar lines."""

    cursor = Qt.CursorShape.SizeHorCursor

    def __init__(self, piece: OpenPiece, end: str) -> None:
        self.piece, self.end = piece, end

    def move(self, geo: Geometry, pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        loop = self.piece.comp.loop
        tick = geo.nearest_bar_line(pos.x()) * geo.bar_ticks
        if self.end == "start":
            start, end = min(tick, loop.end_tick - geo.bar_ticks), loop.end_tick
        else:
            start, end = loop.start_tick, max(tick, loop.start_tick + geo.bar_ticks)
        if (start, end) != (loop.start_tick, loop.end_tick):
            self.piece.push(piece_edits.set_loop(max(0, start), end, loop.enabled))

    def finish(self, geo: Geometry, pos: QPointF) -> None:
        self.piece.seal()


class DrawLoop(Gesture):
    """Drag along the ruler's loop strip (or with Shift anywhere on it): a new loop region over
    the bars passed. A click without a drag seeks instead."""

    cursor = Qt.CursorShape.IBeamCursor

    def __init__(self, piece: OpenPiece, press: QPointF, seek: Callable[[int], None]) -> None:
        self.piece, self.press, self.seek = piece, press, seek
        self.started = False

    def move(self, geo: Geometry, pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        self.started = self.started or _far_enough(self.press, pos)
        if not self.started:
            return
        first, last = sorted((geo.bar_at(self.press.x()), geo.bar_at(pos.x())))
        start, end = first * geo.bar_ticks, (last + 1) * geo.bar_ticks
        loop = self.piece.comp.loop
        if (start, end, True) != (loop.start_tick, loop.end_tick, loop.enabled):
            self.piece.push(piece_edits.set_loop(start, end, True))

    def finish(self, geo: Geometry, pos: QPointF) -> None:
        if self.started:
            self.piece.seal()
        else:
            self.seek(seek_tick(geo, self.press.x()))


class Scrub(Gesture):
    """Press on the ruler's bar numbers: the playhead jumps there and follows the drag."""

    def __init__(self, seek: Callable[[int], None]) -> None:
        self.seek = seek
        self._last: int | None = None

    def move(self, geo: Geometry, pos: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        tick = seek_tick(geo, pos.x())
        if tick != self._last:
            self._last = tick
            self.seek(tick)

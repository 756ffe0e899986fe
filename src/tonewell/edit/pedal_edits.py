"""Edits to a clip's sustain pedal, seen as spans: pressed at one tick, lifted at a later one.

A clip keeps the pedal as controller-64 points (`ControlPoint(tick, CC_SUSTAIN, value)`); a
person thinks of it as spans of "down" time, "Ped." to "*". `pedal_spans` reads the points of
one pass as spans (a span still down at the pass's end is closed by the clip end, as
`Clip.heard_controls` lifts it there), and each edit here returns one `SetClipFields(controls=...)`
named as people read it in Edit › Undo ("Move pedal release") plus the span as it is afterwards.

Rules kept by every edit:
- Points of the other controllers (volume, pan, expression) and pedal points at or past the end
  of the pass (not part of the pattern) are kept untouched.
- Spans never touch: a press comes at least one tick after the lift before it, and a lift at
  least one tick before the next press (a lift and a press at one tick would be two values of
  one controller at one tick, which a clip refuses).
- A lift at or past the end of the pass is not written: the clip end closes the span.
- A pedal-up point left inside an edited span would cut it short, so such points are dropped;
  changes while the pedal is down (a recorded half-pedal) move with their span.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tonewell.edit.commands import SetClipFields
from tonewell.model import Clip
from tonewell.model.controls import CC_SUSTAIN, PEDAL_UP, ControlPoint, pedal_down

PEDAL_DOWN = 127
"""The value a press placed by hand has (fully down)."""


@dataclass(frozen=True, slots=True)
class PedalSpan:
    """The pedal down from `start_tick` to `end_tick` (clip ticks, end exclusive)."""

    start_tick: int
    end_tick: int
    lifted: bool
    """False: no lift inside the pass; the clip end closes the span."""
    points: tuple[ControlPoint, ...]
    """The pedal points the span owns: its press, changes while down, and its lift."""


@dataclass(frozen=True, slots=True)
class PedalEdit:
    """A command for the document and the span it leaves (to keep it selected)."""

    command: SetClipFields
    span: PedalSpan | None
    spans: tuple[PedalSpan, ...]
    """Every span as the edit leaves them (what a gesture in progress draws)."""


def pedal_spans(controls: Iterable[ControlPoint], pass_ticks: int) -> tuple[PedalSpan, ...]:
    """The down spans of the pedal points in `controls` inside one pass of `pass_ticks`."""
    spans: list[PedalSpan] = []
    owned: list[ControlPoint] = []
    for point in sorted(controls):
        if point.controller != CC_SUSTAIN or point.tick >= pass_ticks:
            continue
        if pedal_down(point.value):
            owned.append(point)
        elif owned:
            owned.append(point)
            spans.append(PedalSpan(owned[0].tick, point.tick, True, tuple(owned)))
            owned = []
    if owned:
        spans.append(PedalSpan(owned[0].tick, pass_ticks, False, tuple(owned)))
    return tuple(spans)


def _room(spans: tuple[PedalSpan, ...], at: int, pass_ticks: int) -> tuple[int, int]:
    """(first, last) tick a span at index `at` may cover, keeping clear of its neighbours."""
    first = spans[at - 1].end_tick + 1 if at > 0 else 0
    last = spans[at + 1].start_tick - 1 if at + 1 < len(spans) else pass_ticks
    return first, last


def _rebuilt(
    track_uid: int,
    clip: Clip,
    pass_ticks: int,
    name: str,
    old: PedalSpan | None,
    start_tick: int,
    end_tick: int,
    inner: Iterable[ControlPoint] = (),
    press_value: int = PEDAL_DOWN,
    lift_value: int = PEDAL_UP,
) -> PedalEdit:
    """The clip's controls with `old` (if any) replaced by a span from `start_tick` to
    `end_tick` holding the down changes `inner` (those strictly inside it are kept)."""
    covered = range(start_tick, min(end_tick, pass_ticks - 1) + 1)
    kept = [
        p for p in clip.controls
        if not (old is not None and p in old.points)
        and not (p.controller == CC_SUSTAIN and p.tick in covered)
    ]
    new = [ControlPoint(start_tick, CC_SUSTAIN, press_value)]
    new += [ControlPoint(p.tick, CC_SUSTAIN, p.value) for p in inner
            if start_tick < p.tick < end_tick and pedal_down(p.value)]
    if end_tick < pass_ticks:
        new.append(ControlPoint(end_tick, CC_SUSTAIN, lift_value))
    controls = tuple(sorted([*kept, *new]))
    command = SetClipFields(
        name, {"controls": controls}, track_uid=track_uid, clip_uid=clip.uid
    )
    spans = pedal_spans(controls, pass_ticks)
    span = next((s for s in spans if s.start_tick == start_tick), None)
    return PedalEdit(command, span, spans)


def _index(clip: Clip, pass_ticks: int, span: PedalSpan) -> tuple[tuple[PedalSpan, ...], int]:
    spans = pedal_spans(clip.controls, pass_ticks)
    if span not in spans:
        raise ValueError(f"the clip has no pedal span at tick {span.start_tick}")
    return spans, spans.index(span)


def _lift_value(span: PedalSpan) -> int:
    return span.points[-1].value if span.lifted else PEDAL_UP


def add_press(
    track_uid: int, clip: Clip, pass_ticks: int, start_tick: int, length_ticks: int
) -> PedalEdit | None:
    """A press at `start_tick` lasting `length_ticks` (shortened to end before the next press
    and at the clip end). None where the pedal is already down or there is no room."""
    spans = pedal_spans(clip.controls, pass_ticks)
    if not 0 <= start_tick < pass_ticks:
        return None
    before = [s for s in spans if s.start_tick <= start_tick]
    if before and start_tick <= before[-1].end_tick:
        return None  # inside a span, or on the very tick its pedal lifts
    after = [s.start_tick for s in spans if s.start_tick > start_tick]
    end_tick = min(start_tick + max(1, length_ticks), pass_ticks, *(t - 1 for t in after[:1]))
    if end_tick <= start_tick:
        return None
    return _rebuilt(track_uid, clip, pass_ticks, "Add pedal press", None, start_tick, end_tick)


def move_press(
    track_uid: int, clip: Clip, pass_ticks: int, span: PedalSpan, start_tick: int
) -> PedalEdit | None:
    """`span` pressed at `start_tick` instead (kept after the lift before it and before its
    own lift). None when that changes nothing."""
    spans, at = _index(clip, pass_ticks, span)
    first, _ = _room(spans, at, pass_ticks)
    start = min(max(first, start_tick), span.end_tick - 1)
    if start == span.start_tick:
        return None
    return _rebuilt(track_uid, clip, pass_ticks, "Move pedal press", span, start, span.end_tick,
                    span.points[1:], span.points[0].value, _lift_value(span))


def move_release(
    track_uid: int, clip: Clip, pass_ticks: int, span: PedalSpan, end_tick: int
) -> PedalEdit | None:
    """`span` lifted at `end_tick` instead (after its press, before the next press; at or past
    the clip end it is left for the clip end to lift). None when that changes nothing."""
    spans, at = _index(clip, pass_ticks, span)
    _, last = _room(spans, at, pass_ticks)
    end = min(max(span.start_tick + 1, end_tick), last)
    if end == span.end_tick:
        return None
    return _rebuilt(track_uid, clip, pass_ticks, "Move pedal release", span, span.start_tick,
                    end, span.points[1:], span.points[0].value, _lift_value(span))


def move_span(
    track_uid: int, clip: Clip, pass_ticks: int, span: PedalSpan, delta_ticks: int
) -> PedalEdit | None:
    """`span` pressed and lifted `delta_ticks` later (earlier when negative), kept between its
    neighbours; a span the clip end closes keeps ending there. None when it does not move."""
    spans, at = _index(clip, pass_ticks, span)
    first, last = _room(spans, at, pass_ticks)
    if span.lifted:
        delta = min(max(first - span.start_tick, delta_ticks), last - span.end_tick)
    else:
        delta = min(max(first - span.start_tick, delta_ticks), pass_ticks - 1 - span.start_tick)
    if delta == 0:
        return None
    end = span.end_tick + delta if span.lifted else pass_ticks
    inner = [ControlPoint(p.tick + delta, CC_SUSTAIN, p.value) for p in span.points[1:]]
    return _rebuilt(track_uid, clip, pass_ticks, "Move pedal press and release", span,
                    span.start_tick + delta, end, inner, span.points[0].value, _lift_value(span))


def delete_span(track_uid: int, clip: Clip, pass_ticks: int, span: PedalSpan) -> PedalEdit:
    """`span`'s press, its changes while down and its lift removed."""
    _index(clip, pass_ticks, span)
    controls = tuple(p for p in clip.controls if p not in span.points)
    command = SetClipFields(
        "Delete pedal press", {"controls": controls}, track_uid=track_uid, clip_uid=clip.uid
    )
    return PedalEdit(command, None, pedal_spans(controls, pass_ticks))

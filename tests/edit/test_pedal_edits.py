"""The sustain pedal as spans: reading points as spans, and each edit as one named command."""

from __future__ import annotations

import pytest

from tonewell.edit import Document
from tonewell.edit.pedal_edits import (
    PedalSpan,
    add_press,
    delete_span,
    move_press,
    move_release,
    move_span,
    pedal_spans,
)
from tonewell.model import Clip, Composition, Track
from tonewell.model.controls import CC_EXPRESSION, CC_PAN, CC_SUSTAIN, CC_VOLUME, ControlPoint

PASS = 1920  # one bar of 4/4


def ped(tick: int, value: int) -> ControlPoint:
    return ControlPoint(tick, CC_SUSTAIN, value)


OTHERS = (ControlPoint(0, CC_VOLUME, 90), ControlPoint(240, CC_PAN, 30),
          ControlPoint(480, CC_EXPRESSION, 100))
"""Points of other controllers, some on the very ticks the pedal changes at."""


def clip_with(*points: ControlPoint) -> Clip:
    return Clip("Tune", length_bars=1, controls=(*OTHERS, *points))


def pedal_of(controls: tuple[ControlPoint, ...]) -> list[tuple[int, int]]:
    return [(p.tick, p.value) for p in controls if p.controller == CC_SUSTAIN]


def others_of(controls: tuple[ControlPoint, ...]) -> tuple[ControlPoint, ...]:
    return tuple(p for p in controls if p.controller != CC_SUSTAIN)


# --- reading --------------------------------------------------------------------------------


def test_points_read_as_spans_and_the_clip_end_closes_an_unfinished_one():
    spans = pedal_spans(clip_with(ped(0, 127), ped(480, 0), ped(960, 100)).controls, PASS)
    assert [(s.start_tick, s.end_tick, s.lifted) for s in spans] == [
        (0, 480, True), (960, PASS, False)]


def test_up_points_and_repeated_downs_do_not_make_extra_spans():
    points = (ped(0, 0), ped(100, 127), ped(200, 90), ped(300, 20), ped(400, 0))
    spans = pedal_spans(points, PASS)
    assert [(s.start_tick, s.end_tick) for s in spans] == [(100, 300)]
    assert spans[0].points == (ped(100, 127), ped(200, 90), ped(300, 20))


def test_points_past_the_pass_are_not_part_of_the_pattern():
    assert pedal_spans((ped(PASS, 127), ped(PASS + 10, 0)), PASS) == ()


# --- add ------------------------------------------------------------------------------------


def test_add_press_writes_a_press_and_a_lift_and_keeps_other_controllers():
    clip = clip_with()
    edit = add_press(1, clip, PASS, 480, 480)
    assert edit is not None
    assert edit.command.name == "Add pedal press"
    controls = edit.command.values["controls"]
    assert pedal_of(controls) == [(480, 127), (960, 0)]
    assert others_of(controls) == OTHERS
    assert edit.span == PedalSpan(480, 960, True, (ped(480, 127), ped(960, 0)))


def test_add_press_stops_before_the_next_press_and_at_the_clip_end():
    clip = clip_with(ped(600, 127), ped(700, 0))
    edit = add_press(1, clip, PASS, 480, 480)
    assert edit is not None and pedal_of(edit.command.values["controls"])[:2] == [
        (480, 127), (599, 0)]
    last = add_press(1, clip, PASS, 1800, 480)
    assert last is not None and last.span is not None and not last.span.lifted
    assert pedal_of(last.command.values["controls"])[-1] == (1800, 127)


def test_no_press_is_added_where_the_pedal_is_down_or_past_the_clip_end():
    clip = clip_with(ped(480, 127), ped(960, 0))
    assert add_press(1, clip, PASS, 600, 480) is None
    assert add_press(1, clip, PASS, 960, 480) is None  # the lift's own tick
    assert add_press(1, clip, PASS, PASS, 480) is None


# --- move -----------------------------------------------------------------------------------


def test_move_press_keeps_the_lift_and_stays_clear_of_the_span_before():
    clip = clip_with(ped(0, 127), ped(240, 0), ped(480, 127), ped(960, 0))
    span = pedal_spans(clip.controls, PASS)[1]
    edit = move_press(1, clip, PASS, span, 720)
    assert edit is not None and edit.command.name == "Move pedal press"
    assert pedal_of(edit.command.values["controls"]) == [(0, 127), (240, 0), (720, 127), (960, 0)]
    clamped = move_press(1, clip, PASS, span, 0)
    assert clamped is not None
    assert pedal_of(clamped.command.values["controls"])[2] == (241, 127)
    assert others_of(clamped.command.values["controls"]) == OTHERS


def test_move_release_to_the_clip_end_leaves_the_lift_to_the_clip_end():
    clip = clip_with(ped(480, 127), ped(960, 0))
    span = pedal_spans(clip.controls, PASS)[0]
    edit = move_release(1, clip, PASS, span, 1440)
    assert edit is not None and edit.command.name == "Move pedal release"
    assert pedal_of(edit.command.values["controls"]) == [(480, 127), (1440, 0)]
    to_end = move_release(1, clip, PASS, span, PASS + 500)
    assert to_end is not None and pedal_of(to_end.command.values["controls"]) == [(480, 127)]
    assert to_end.span is not None and not to_end.span.lifted


def test_an_unfinished_span_gets_a_lift_when_its_end_is_dragged_in():
    clip = clip_with(ped(480, 127))
    span = pedal_spans(clip.controls, PASS)[0]
    edit = move_release(1, clip, PASS, span, 960)
    assert edit is not None and pedal_of(edit.command.values["controls"]) == [(480, 127), (960, 0)]


def test_move_span_moves_press_changes_and_lift_together_between_neighbours():
    clip = clip_with(ped(480, 127), ped(600, 90), ped(960, 0), ped(1440, 127), ped(1600, 0))
    span = pedal_spans(clip.controls, PASS)[0]
    edit = move_span(1, clip, PASS, span, 240)
    assert edit is not None and edit.command.name == "Move pedal press and release"
    assert pedal_of(edit.command.values["controls"]) == [
        (720, 127), (840, 90), (1200, 0), (1440, 127), (1600, 0)]
    clamped = move_span(1, clip, PASS, span, 5000)
    assert clamped is not None
    assert pedal_of(clamped.command.values["controls"])[:3] == [(959, 127), (1079, 90), (1439, 0)]
    assert others_of(clamped.command.values["controls"]) == OTHERS


def test_a_move_that_changes_nothing_is_no_edit():
    clip = clip_with(ped(480, 127), ped(960, 0))
    span = pedal_spans(clip.controls, PASS)[0]
    assert move_span(1, clip, PASS, span, 0) is None
    assert move_press(1, clip, PASS, span, 480) is None
    assert move_release(1, clip, PASS, span, 960) is None


def test_an_up_point_the_moved_span_now_covers_is_dropped():
    clip = clip_with(ped(0, 0), ped(480, 127), ped(960, 0), ped(1000, 0))
    span = pedal_spans(clip.controls, PASS)[0]
    edit = move_span(1, clip, PASS, span, -480)
    assert edit is not None
    assert pedal_of(edit.command.values["controls"]) == [(0, 127), (480, 0), (1000, 0)]


# --- delete and undo ------------------------------------------------------------------------


def test_delete_span_removes_its_points_only():
    clip = clip_with(ped(0, 127), ped(240, 0), ped(480, 127), ped(700, 80), ped(960, 0))
    span = pedal_spans(clip.controls, PASS)[1]
    edit = delete_span(1, clip, PASS, span)
    assert edit.command.name == "Delete pedal press"
    assert pedal_of(edit.command.values["controls"]) == [(0, 127), (240, 0)]
    assert others_of(edit.command.values["controls"]) == OTHERS


def test_an_edit_of_a_span_the_clip_does_not_have_is_refused():
    clip = clip_with(ped(480, 127), ped(960, 0))
    with pytest.raises(ValueError, match="no pedal span"):
        delete_span(1, clip, PASS, PedalSpan(0, 10, True, (ped(0, 127), ped(10, 0))))


def test_an_edit_is_one_undo_step_through_the_document():
    clip = clip_with(ped(480, 127), ped(960, 0))
    track = Track("Piano", clips=(clip,))
    doc = Document(Composition(tracks=(track,)))
    span = pedal_spans(clip.controls, PASS)[0]
    edit = move_span(track.uid, clip, PASS, span, 480)
    assert edit is not None
    doc.push(edit.command)
    assert pedal_of(doc.comp.tracks[0].clips[0].controls) == [(960, 127), (1440, 0)]
    doc.undo()
    assert doc.comp.tracks[0].clips[0].controls == clip.controls

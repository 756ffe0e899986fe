"""The call placed in the piece: one undoable step, and the answer after it meets the goal."""

from __future__ import annotations

from dataclasses import replace

from tonewell.edit import Document
from tonewell.edit.commands import SetClipFields
from tonewell.edit.new_piece import PieceChoices, build_piece
from tonewell.guide.call_response import add_call, edit_for
from tonewell.guide.examples import call_notes
from tonewell.guide.goals import goal_met
from tonewell.guide.prompts import built_in
from tonewell.model import Key, Note

GOAL = {"answer_bars": 2, "ends_on_tonic": True}


def new_piece():
    return build_piece(PieceChoices(key=Key(9, "natural minor"), length_bars=8))


def test_the_call_and_an_empty_answer_come_in_one_step_named_add_the_call():
    doc = Document(new_piece())
    before = doc.comp
    edit = add_call(doc.comp)
    doc.push(edit.command)
    assert doc.history.names() == ["Add the call"]
    call_track = doc.comp.tracks[-1]
    assert call_track.name == "Call" and call_track.uid == edit.track_uid
    call, answer = call_track.clips
    assert (call.name, call.start_tick, call.length_bars) == ("Call", 0, 2)
    assert call.notes == call_notes(doc.comp)
    assert (answer.name, answer.start_tick, answer.length_bars, answer.notes) == (
        "Your answer", 2 * 1920, 2, ())
    assert answer.uid == edit.answer_clip_uid
    assert doc.comp.tracks[:-1] == before.tracks  # nothing of the person's is changed
    assert doc.undo() and doc.comp == before
    assert not doc.undo()  # it was one step


def test_the_answer_goal_is_met_once_the_answer_clip_has_notes_ending_home():
    doc = Document(new_piece())
    edit = add_call(doc.comp)
    doc.push(edit.command)
    assert not goal_met(GOAL, doc.comp)
    track = doc.comp.tracks[-1]
    answer = track.clips[1]
    notes = (Note(0, 64, 480), Note(480, 62, 480), Note(960, 60, 480), Note(1440, 57, 480))
    doc.push(SetClipFields("Add notes", {"notes": notes}, track_uid=track.uid,
                           clip_uid=answer.uid))
    assert goal_met(GOAL, doc.comp)
    assert not goal_met(GOAL, replace(doc.comp, tracks=doc.comp.tracks[:-1]))


def test_a_second_call_gets_a_track_of_its_own():
    doc = Document(new_piece())
    doc.push(add_call(doc.comp).command)
    doc.push(add_call(doc.comp).command)
    assert [t.name for t in doc.comp.tracks[-2:]] == ["Call", "Call 2"]


def test_the_shipped_call_and_response_adds_the_call_then_plays_the_answer_back():
    steps = built_in().by_id()["call-and-response"].steps
    assert (steps[0].play, steps[0].adds) == ("call-phrase", "call-phrase")
    assert steps[1].goal == GOAL
    assert steps[2].play == "answer-back"
    assert edit_for(steps[0].adds, new_piece()) is not None
    assert edit_for(steps[1].adds, new_piece()) is None

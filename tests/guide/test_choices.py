"""A step's choice: its suggestions become one undoable edit, and a register to look at."""

from __future__ import annotations

from tonewell.edit import Document
from tonewell.guide.choices import choice_command, loop_help, register_pitch
from tonewell.guide.goals import goal_met
from tonewell.model import Key

from .helpers import clip, piece


def test_tempo_mode_and_instrument_are_one_undo_step():
    comp = piece(clip([60]), key=Key(2, "major"))
    track = comp.tracks[0]
    doc = Document(comp)
    command = choice_command(comp, track.uid, "Dusky",
                             {"tempo_bpm": 60, "mode": "natural minor", "program": 42})
    assert command is not None and command.name == "Dusky"
    doc.push(command)
    assert doc.comp.tempo_bpm == 60 and doc.comp.key == Key(2, "natural minor")
    assert doc.comp.tracks[0].program == 42
    assert doc.undo() and doc.comp == comp


def test_drums_and_nothing_to_edit():
    comp = piece(clip([60]))
    command = choice_command(comp, comp.tracks[0].uid, "Hand drums", {"drums": True})
    assert command is not None and command.apply(comp).tracks[0].is_drum
    assert choice_command(comp, None, "Cello", {"program": 42}) is None  # no track to change
    assert choice_command(comp, comp.tracks[0].uid, "Low", {"register": "low"}) is None


def test_register_pitches():
    assert [register_pitch({"register": r}) for r in ("low", "middle", "high")] == [48, 60, 72]
    assert register_pitch({"tempo_bpm": 60}) is None


def test_a_loop_goal_gets_a_helping_hand_that_meets_it():
    comp = piece(clip([60, 62, 64, 65], bars=8))
    help_ = loop_help({"loop_bars": 4, "notes_in_clip": {"at_least": 4}}, 0,
                      comp.time_signature.ticks_per_bar)
    assert help_ is not None and help_[0] == "Loop 4 bars from here"
    goal = {"loop_bars": 4}
    assert not goal_met(goal, comp)  # the clip is 8 bars and no loop is on
    assert goal_met(goal, help_[1].apply(comp))
    assert loop_help({"notes": 3}, 0, 1920) is None and loop_help(None, 0, 1920) is None

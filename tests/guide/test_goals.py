"""Every goal word: met, not yet met, and what the checker says about a value it cannot use."""

from __future__ import annotations

import pytest

from tonewell.guide.goals import GOALS, goal_met, goal_problems
from tonewell.model import Key, LoopRegion

from .helpers import clip, piece

C_MAJOR_UP = [60, 62, 64, 65, 67, 69, 71, 72]


def test_notes_in_clip_counts_one_clip_not_the_piece():
    assert goal_met({"notes_in_clip": {"at_least": 8}}, piece(clip(C_MAJOR_UP, bars=2)))
    split = piece(clip(C_MAJOR_UP[:4]), clip(C_MAJOR_UP[4:], start_bar=1))
    assert not goal_met({"notes_in_clip": {"at_least": 8}}, split)
    assert goal_met({"notes_in_clip": 4}, split)


def test_notes_counts_every_note_heard_with_repeats():
    assert goal_met({"notes": {"at_least": 8}}, piece(clip([60, 64, 67, 72], repeats=2)))
    assert not goal_met({"notes": {"at_least": 8}}, piece(clip([60, 64, 67, 72])))


def test_tracks_counts_only_tracks_with_notes():
    both = piece(clip([60]), drums=(clip([36]),))
    assert goal_met({"tracks": {"at_least": 2}}, both)
    assert not goal_met({"tracks": {"at_least": 2}}, piece(clip([60])))


def test_clips_counts_clips_with_notes():
    assert goal_met({"clips": {"at_least": 2}}, piece(clip([60]), clip([62], start_bar=1)))
    assert not goal_met({"clips": {"at_least": 2}}, piece(clip([60])))


def test_loop_bars_from_a_clip_or_the_loop_region():
    assert goal_met({"loop_bars": 4}, piece(clip([60, 62], bars=4)))
    two = piece(clip([60, 62], bars=2))
    assert not goal_met({"loop_bars": 4}, two)
    looped = two.__class__(tracks=two.tracks, loop=LoopRegion(0, 4 * 4 * 480, enabled=True))
    assert goal_met({"loop_bars": 4}, looped)


def test_answer_bars_needs_a_phrase_then_an_answer_of_that_length():
    call = clip([67, 69, 71, 74], bars=2)
    assert not goal_met({"answer_bars": 2}, piece(call))
    assert goal_met({"answer_bars": 2}, piece(call, clip([72, 71, 67, 60], start_bar=2, bars=2)))
    assert not goal_met({"answer_bars": 2}, piece(call, clip([72], start_bar=2, bars=1)))


def test_length_bars_of_the_whole_piece():
    assert goal_met({"length_bars": {"at_least": 8}}, piece(clip([60], bars=2, repeats=4)))
    assert not goal_met({"length_bars": {"at_least": 8}}, piece(clip([60], bars=2, repeats=3)))


def test_ends_on_tonic_reads_the_last_note_in_the_key():
    assert goal_met({"ends_on_tonic": True}, piece(clip([64, 62, 60])))
    assert not goal_met({"ends_on_tonic": True}, piece(clip([60, 62, 64])))
    in_g = piece(clip([60, 62, 67]), key=Key(tonic=7))
    assert goal_met({"ends_on_tonic": True}, in_g)
    assert not goal_met({"ends_on_tonic": True}, piece())


def test_tempo_bpm_range():
    assert goal_met({"tempo_bpm": {"at_most": 70}}, piece(bpm=60))
    assert not goal_met({"tempo_bpm": {"at_most": 70}}, piece(bpm=90))


def test_uses_mode():
    assert goal_met({"uses_mode": "major"}, piece())
    assert not goal_met({"uses_mode": "major"}, piece(key=Key(mode="natural minor")))


def test_notes_in_range_needs_notes_all_inside():
    spec = {"notes_in_range": {"low": 55, "high": 84}}
    assert goal_met(spec, piece(clip([60, 72, 84])))
    assert not goal_met(spec, piece(clip([60, 40])))
    assert not goal_met(spec, piece())


def test_rhythm_only_means_drums_and_no_pitched_notes():
    assert goal_met({"rhythm_only": True}, piece(drums=(clip([36, 38]),)))
    assert not goal_met({"rhythm_only": True}, piece(clip([60]), drums=(clip([36]),)))
    assert not goal_met({"rhythm_only": True}, piece())


def test_every_key_of_a_goal_must_hold():
    goal = {"loop_bars": 2, "notes_in_clip": {"at_least": 4}}
    assert goal_met(goal, piece(clip([60, 62, 64, 65], bars=2)))
    assert not goal_met(goal, piece(clip([60, 62, 64, 65], bars=1)))


def test_each_goal_word_has_a_test_above():
    tested = {"notes_in_clip", "notes", "tracks", "clips", "loop_bars", "answer_bars",
              "length_bars", "ends_on_tonic", "tempo_bpm", "uses_mode", "notes_in_range",
              "rhythm_only"}
    assert set(GOALS) == tested


@pytest.mark.parametrize(
    ("goal", "field"),
    [
        ({}, "goal"),
        ({"sing": 3}, "goal.sing"),
        ({"notes": -1}, "goal.notes"),
        ({"notes": {"at_least": 5, "at_most": 2}}, "goal.notes"),
        ({"tempo_bpm": {"around": 60}}, "goal.tempo_bpm"),
        ({"loop_bars": 0}, "goal.loop_bars"),
        ({"answer_bars": True}, "goal.answer_bars"),
        ({"ends_on_tonic": "yes"}, "goal.ends_on_tonic"),
        ({"uses_mode": "lydian-ish"}, "goal.uses_mode"),
        ({"notes_in_range": {"low": 80, "high": 60}}, "goal.notes_in_range"),
        ({"notes_in_range": {"low": 60}}, "goal.notes_in_range"),
    ],
)
def test_problems_name_the_field(goal, field):
    problems = goal_problems(goal)
    assert problems and problems[0][0] == field


def test_a_usable_goal_has_no_problems():
    assert goal_problems({"notes_in_clip": {"at_least": 8}, "ends_on_tonic": True}) == []

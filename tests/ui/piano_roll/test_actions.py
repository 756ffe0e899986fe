"""The Edit menu's actions on the selection, each one step of the history."""

from __future__ import annotations

from tests.ui.piano_roll.helpers import MELODY, click, history, notes

from tonewell.model import Note
from tonewell.ui.piano_roll import actions


def test_copy_and_paste_at_the_playhead(roll):
    click(roll, 64, 240)
    roll.copy()
    clip_start = roll.state.clip.start_tick
    roll.set_playhead(clip_start + 1920)
    roll.paste()
    assert Note(1920, 64, 480, 90) in notes(roll)
    assert history(roll) == ["Paste note"]
    assert roll.state.selection.notes == {Note(1920, 64, 480, 90)}


def test_paste_at_the_cursor_when_the_playhead_is_elsewhere(roll):
    roll.select_all()
    roll.copy()
    roll.state.cursor.tick = 1920
    roll.paste()
    assert len(notes(roll)) == 6
    assert Note(1920 + 960, 72, 240, 90) in notes(roll)


def test_cut_removes_and_keeps_a_copy(roll):
    click(roll, 72, 1080)
    roll.cut()
    assert notes(roll) == MELODY[:2]
    roll.paste(at_tick=0)
    assert Note(0, 72, 240, 90) in notes(roll)
    assert history(roll) == ["Cut note", "Paste note"]


def test_duplicate_places_a_copy_after_the_selection(roll):
    roll.select_all()
    roll.duplicate()
    assert len(notes(roll)) == 6
    assert Note(1200 + 0, 64, 480, 90) in notes(roll)
    assert history(roll) == ["Duplicate 3 notes"]


def test_quantize_with_a_grid_and_a_strength(roll):
    click(roll, 64, 240)
    roll.state.snap.grid_ticks = 100  # a 100-tick grid for the nudge
    actions.move_by_steps(roll.state, 1)
    assert Note(100, 64, 480, 90) in notes(roll)
    roll.quantize(480, 0.5)
    assert Note(50, 64, 480, 90) in notes(roll)
    assert history(roll) == ["Move note", "Quantize note"]


def test_transpose_and_set_velocity(roll):
    roll.select_all()
    roll.transpose(-12)
    assert [n.pitch for n in notes(roll)] == [52, 55, 60]
    roll.set_velocity(40)
    assert {n.velocity for n in notes(roll)} == {40}
    assert history(roll) == ["Transpose 3 notes", "Set velocity of 3 notes"]
    assert roll.has_selection()


def test_actions_without_a_selection_do_nothing(roll):
    roll.delete_selection()
    roll.duplicate()
    roll.transpose(3)
    roll.copy()
    roll.paste()
    assert history(roll) == []
    assert not roll.has_selection()

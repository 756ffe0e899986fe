"""Pure note and clip operations."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tonewell.model import Clip, Key, Note, TimeSignature
from tonewell.model.ops import (
    conform_to_scale,
    duplicate_clip,
    duplicate_notes,
    notes_in_range,
    quantize,
    snap,
    snap_down,
    split_clip,
    split_note,
    split_notes,
    transpose,
)
from tonewell.model.scales import in_scale


def n(start, pitch=60, length=120, velocity=100):
    return Note(start_tick=start, pitch=pitch, length_ticks=length, velocity=velocity)


def test_transpose_moves_every_pitch():
    assert [x.pitch for x in transpose([n(0, 60), n(10, 72)], 5)] == [65, 77]


def test_transpose_off_the_keyboard_is_refused():
    with pytest.raises(ValueError, match="outside the keyboard"):
        transpose([n(0, 125)], 5)


def test_snap_to_nearest_grid_line():
    assert snap(119, 120) == 120
    assert snap(59, 120) == 0
    assert snap(60, 120) == 120  # halfway rounds up
    assert snap(-30, 120) == 0


def test_snap_down_finds_the_cell():
    assert snap_down(239, 120) == 120
    assert snap_down(240, 120) == 240


def test_full_quantize_puts_starts_on_the_grid_and_keeps_lengths():
    out = quantize([n(130, length=100), n(470, length=33)], 120)
    assert [(x.start_tick, x.length_ticks) for x in out] == [(120, 100), (480, 33)]


def test_half_strength_quantize_moves_halfway():
    (out,) = quantize([n(140)], 120, strength=0.5)
    assert out.start_tick == 130


def test_zero_strength_changes_nothing():
    notes = (n(7), n(333))
    assert quantize(notes, 120, strength=0.0) == notes


def test_quantize_ends_too():
    (out,) = quantize([n(130, length=100)], 120, ends=True)
    assert (out.start_tick, out.end_tick) == (120, 240)


def test_quantize_never_makes_a_note_vanish():
    (out,) = quantize([n(100, length=5)], 120, ends=True)
    assert out.length_ticks >= 1


@given(st.lists(st.integers(0, 10_000), max_size=30), st.sampled_from([60, 120, 240, 480]))
def test_full_quantize_is_idempotent(starts, grid):
    notes = [n(s) for s in starts]
    once = quantize(notes, grid)
    assert quantize(once, grid) == once
    assert all(x.start_tick % grid == 0 for x in once)


def test_conform_to_scale():
    out = conform_to_scale([n(0, 61), n(0, 66), n(0, 60)], Key(0, "major"))
    assert [x.pitch for x in out] == [60, 65, 60]


@given(st.integers(0, 127), st.integers(0, 11))
def test_conformed_pitches_are_in_scale(pitch, tonic):
    (out,) = conform_to_scale([n(0, pitch)], Key(tonic, "minor pentatonic"))
    assert in_scale(out.pitch, tonic, "minor pentatonic")
    assert abs(out.pitch - pitch) <= 2


def test_split_note_inside():
    left, right = split_note(n(100, length=200), 150)
    assert (left.start_tick, left.length_ticks, right.start_tick, right.length_ticks) == (
        100, 50, 150, 150)


def test_split_note_at_its_edges_keeps_it_whole():
    note = n(100, length=200)
    assert split_note(note, 100) == (note,)
    assert split_note(note, 300) == (note,)


def test_split_notes_cuts_only_crossing_notes():
    out = split_notes([n(0, length=480), n(500, length=10)], 240)
    assert len(out) == 3


def test_split_clip_at_a_bar():
    meter = TimeSignature(4, 4)
    clip = Clip("Riff", (n(0), n(1900, length=100), n(1920 + 10)), length_bars=2, start_tick=960)
    left, right = split_clip(clip, 1, meter)
    assert left.length_bars == right.length_bars == 1
    assert right.start_tick == 960 + 1920
    assert [x.start_tick for x in left.notes] == [0, 1900]
    assert left.notes[-1].end_tick == 1920
    assert [x.start_tick for x in right.notes] == [0, 10]


def test_split_clip_outside_is_refused():
    with pytest.raises(ValueError):
        split_clip(Clip(length_bars=2), 2, TimeSignature())


def test_duplicate_notes_shifts_copies():
    out = duplicate_notes([n(0), n(100)], 1920)
    assert [x.start_tick for x in out] == [1920, 2020]


def test_duplicate_clip_goes_after_all_repeats():
    clip = Clip(length_bars=2, start_tick=480, repeats=3)
    assert duplicate_clip(clip, TimeSignature(3, 4)).start_tick == 480 + 3 * 2 * 1440


def test_notes_in_range_is_half_open():
    notes = [n(0), n(100), n(200)]
    assert [x.start_tick for x in notes_in_range(notes, 100, 200)] == [100]

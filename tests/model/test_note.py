"""Note keeps its values inside MIDI's ranges."""

import pytest

from tonewell.model import Note


def test_end_tick_is_start_plus_length():
    assert Note(start_tick=480, pitch=60, length_ticks=240).end_tick == 720


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pitch": 128}, "pitch 128 is not in 0..127"),
        ({"pitch": -1}, "pitch -1 is not in 0..127"),
        ({"length_ticks": 0}, "length_ticks 0 is less than 1"),
        ({"velocity": 0}, "velocity 0 is not in 1..127"),
        ({"velocity": 128}, "velocity 128 is not in 1..127"),
        ({"start_tick": -5}, "start_tick -5 is negative"),
    ],
)
def test_out_of_range_values_are_refused(kwargs, message):
    values = {"start_tick": 0, "pitch": 60, "length_ticks": 10, "velocity": 90, **kwargs}
    with pytest.raises(ValueError, match=message):
        Note(**values)


def test_notes_sort_by_start_then_pitch():
    a = Note(start_tick=0, pitch=64, length_ticks=1)
    b = Note(start_tick=0, pitch=60, length_ticks=1)
    c = Note(start_tick=10, pitch=1, length_ticks=1)
    assert sorted([c, a, b]) == [b, a, c]

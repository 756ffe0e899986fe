"""How the piano roll names a note length to a person: in note values, never in ticks."""

from __future__ import annotations

import pytest

from tonewell.model import PPQ
from tonewell.ui.piano_roll.snap import length_name


def test_common_lengths_have_their_names():
    assert length_name(PPQ) == "quarter note"


@pytest.mark.parametrize(
    ("length_ticks", "shown"),
    [(PPQ + PPQ // 4, "5/16 note"), (PPQ * 5, "5/4 note"), (PPQ // 2 * 7, "7/8 note")],
)
def test_a_length_made_by_resizing_is_told_as_a_fraction_of_a_whole_note(length_ticks, shown):
    assert length_name(length_ticks) == shown


def test_an_off_grid_length_is_told_in_beats_not_ticks():
    shown = length_name(PPQ + 7)
    assert "tick" not in shown
    assert shown == "about 1.01 quarter notes"

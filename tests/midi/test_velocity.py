"""Velocity curves: every table covers the whole range, in order, and keeps 0 as note off."""

from __future__ import annotations

import pytest

from tonewell.midi.velocity import FIXED_VELOCITY, VELOCITY_CURVES, curve_table


@pytest.mark.parametrize("name", sorted(VELOCITY_CURVES))
def test_every_curve_maps_1_to_127_into_1_to_127_keeping_0(name):
    table = VELOCITY_CURVES[name]
    assert len(table) == 128
    assert table[0] == 0
    assert all(1 <= v <= 127 for v in table[1:])
    assert list(table[1:]) == sorted(table[1:])  # never softer for a harder strike


def test_normal_plays_as_struck():
    assert curve_table("normal") == tuple(range(128))


def test_soft_helps_a_light_touch_and_hard_asks_for_more_force():
    soft, normal, hard = curve_table("soft"), curve_table("normal"), curve_table("hard")
    for v in (20, 40, 64, 90, 110):
        assert soft[v] > normal[v] > hard[v]
    for table in (soft, hard):
        assert table[127] == 127  # the loudest strike stays the loudest note


def test_fixed_plays_every_note_alike():
    assert set(curve_table("fixed")[1:]) == {FIXED_VELOCITY}


def test_an_unknown_curve_is_a_plain_message():
    with pytest.raises(ValueError, match="soft, normal, hard, fixed"):
        curve_table("feather")

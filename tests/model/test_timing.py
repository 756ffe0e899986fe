"""Ticks, seconds, tempo maps and bar/beat positions."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tonewell.model import PPQ, TempoChange, TempoMap, TimeSignature


def test_one_quarter_at_120_bpm_is_half_a_second():
    assert TempoMap.constant(120).tick_to_seconds(PPQ) == pytest.approx(0.5)


def test_tempo_change_applies_from_its_tick():
    tempo = TempoMap((TempoChange(0, 120.0), TempoChange(4 * PPQ, 60.0)))
    # four beats at 120 (2 s) then two beats at 60 (2 s)
    assert tempo.tick_to_seconds(6 * PPQ) == pytest.approx(4.0)
    assert tempo.bpm_at(4 * PPQ - 1) == 120.0
    assert tempo.bpm_at(4 * PPQ) == 60.0


def test_seconds_to_tick_inverts_across_changes():
    tempo = TempoMap((TempoChange(0, 100.0), TempoChange(960, 150.0), TempoChange(5000, 72.5)))
    for tick in (0, 1, 959, 960, 961, 4999, 5000, 12345):
        assert tempo.seconds_to_tick(tempo.tick_to_seconds(tick)) == pytest.approx(tick)


@given(
    st.lists(st.tuples(st.integers(1, 100_000), st.floats(10, 400)), max_size=6),
    st.floats(10, 400),
    st.integers(0, 1_000_000),
)
def test_tick_seconds_round_trip(changes, first_bpm, tick):
    unique = {t: bpm for t, bpm in changes}
    tempo = TempoMap((TempoChange(0, first_bpm), *(TempoChange(t, b) for t, b in unique.items())))
    assert tempo.seconds_to_tick(tempo.tick_to_seconds(tick)) == pytest.approx(tick, abs=1e-6)


def test_seconds_grow_with_ticks():
    tempo = TempoMap((TempoChange(0, 90.0), TempoChange(100, 300.0)))
    times = [tempo.tick_to_seconds(t) for t in range(0, 400, 7)]
    assert times == sorted(times)


def test_changes_are_sorted_and_must_start_at_zero():
    tempo = TempoMap((TempoChange(960, 60.0), TempoChange(0, 120.0)))
    assert [c.tick for c in tempo.changes] == [0, 960]
    with pytest.raises(ValueError, match="tick 0"):
        TempoMap((TempoChange(10, 120.0),))


def test_tempo_outside_range_is_refused():
    with pytest.raises(ValueError, match="BPM"):
        TempoChange(0, 5.0)


def test_with_initial_bpm_keeps_later_changes():
    tempo = TempoMap((TempoChange(0, 120.0), TempoChange(960, 60.0))).with_initial_bpm(90)
    assert [(c.tick, c.bpm) for c in tempo.changes] == [(0, 90.0), (960, 60.0)]


def test_us_per_quarter_is_the_midi_tempo():
    assert TempoChange(0, 120.0).us_per_quarter == 500_000


def test_bar_and_beat_in_four_four():
    meter = TimeSignature(4, 4)
    assert meter.ticks_per_bar == 4 * PPQ
    assert meter.bar_beat(0) == (1, 1, 0)
    assert meter.bar_beat(4 * PPQ + PPQ + 7) == (2, 2, 7)


def test_bar_and_beat_in_six_eight():
    meter = TimeSignature(6, 8)
    assert meter.ticks_per_beat == PPQ // 2
    assert meter.ticks_per_bar == 3 * PPQ
    assert meter.bar_beat(3 * PPQ + PPQ // 2) == (2, 2, 0)


@given(st.integers(1, 200), st.integers(1, 7), st.integers(0, 479))
def test_tick_of_inverts_bar_beat(bar, beat, within):
    meter = TimeSignature(7, 4)
    assert meter.bar_beat(meter.tick_of(bar, beat, within)) == (bar, beat, within)


@pytest.mark.parametrize(("num", "den"), [(0, 4), (4, 3), (4, 64), (33, 4)])
def test_invalid_time_signatures_are_refused(num, den):
    with pytest.raises(ValueError):
        TimeSignature(num, den)


def test_clock_shows_whole_minutes_and_seconds():
    from tonewell.model.timing import format_clock

    assert format_clock(0) == "0:00"
    assert format_clock(19.9) == "0:19"  # a clock never rounds up
    assert format_clock(65.4) == "1:05"
    assert format_clock(-3) == "0:00"


def test_whole_bars_rounds_up_to_a_bar() -> None:
    from tonewell.model.timing import whole_bars

    assert [whole_bars(t, 1920) for t in (0, 1, 1919, 1920, 1921, 3840)] == [0, 1, 1, 1, 2, 2]
    assert whole_bars(1440, 1440) == 1  # 3/4

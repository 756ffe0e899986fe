"""Metronome and count-in clicks: pure event generation, no FluidSynth."""

from __future__ import annotations

from itertools import islice, pairwise

from tonewell.engine import metronome
from tonewell.engine.metronome import METRONOME_CHANNEL, Click
from tonewell.engine.schedule import EventKind, compile_schedule, play_events
from tonewell.model import (
    Clip,
    Composition,
    Note,
    TempoChange,
    TempoMap,
    TimeSignature,
    Track,
)

SR = 44100


def test_clicks_fall_on_every_beat_and_accent_each_bar_start() -> None:
    four = TimeSignature(4, 4)
    assert metronome.clicks(four, 0, 3840) == [
        Click(t, t % 1920 == 0) for t in range(0, 3840, 480)
    ]


def test_a_beat_is_the_denominator_note_value() -> None:
    six_eight = TimeSignature(6, 8)
    ticks = [c.tick for c in metronome.clicks(six_eight, 0, 1440)]
    assert ticks == [0, 240, 480, 720, 960, 1200]
    three_four = metronome.clicks(TimeSignature(3, 4), 0, 2880)
    assert [c.accent for c in three_four] == [True, False, False] * 2


def test_a_window_starting_mid_beat_begins_on_the_next_beat() -> None:
    assert [c.tick for c in metronome.clicks(TimeSignature(), 100, 1000)] == [480, 960]


def test_open_ended_clicks_are_generated_lazily() -> None:
    events = metronome.iter_click_events(
        TempoMap.constant(120), TimeSignature(), 0, None, sample_rate_hz=SR
    )
    ons = [e for e in islice(events, 2000) if e.kind == EventKind.NOTE_ON]
    assert len(ons) == 1000 and ons[-1].sample == 999 * SR // 2


def test_a_click_lands_on_the_same_sample_as_a_note_on_that_tick() -> None:
    tempo = TempoMap((TempoChange(0, 97.0), TempoChange(1920, 133.0)))
    notes = tuple(Note(t, 60, 100) for t in range(0, 3840, 480))
    comp = Composition(tempo_map=tempo, tracks=(Track(clips=(Clip(notes=notes, length_bars=2),)),))
    sched = compile_schedule(comp)
    note_on = [
        e.sample for e in play_events(sched, sample_rate_hz=SR) if e.kind == EventKind.NOTE_ON
    ]
    clicks = metronome.click_events(tempo, TimeSignature(), 0, 3840, sample_rate_hz=SR)
    assert [e.sample for e in clicks if e.kind == EventKind.NOTE_ON] == note_on


def test_clicks_play_woodblocks_on_their_own_percussion_channel() -> None:
    events = metronome.click_events(
        TempoMap.constant(120), TimeSignature(), 0, 1920, sample_rate_hz=SR
    )
    assert {e.channel for e in events} == {METRONOME_CHANNEL}
    ons = [e for e in events if e.kind == EventKind.NOTE_ON]
    assert [(e.data1, e.data2) for e in ons] == [(76, 127), (77, 90), (77, 90), (77, 90)]
    setup = metronome.setup_events(200)
    assert [(e.kind, e.channel, e.data1, e.data2) for e in setup] == [
        (EventKind.PROGRAM, METRONOME_CHANNEL, 0, 1),  # standard kit, percussion bank
        (EventKind.CONTROL, METRONOME_CHANNEL, 7, 127),  # own volume, clamped
    ]


def test_clicks_never_overlap_even_at_the_fastest_tempo() -> None:
    events = metronome.click_events(
        TempoMap.constant(400), TimeSignature(4, 32), 0, 480, sample_rate_hz=SR
    )
    assert [e.kind for e in events] == [EventKind.NOTE_ON, EventKind.NOTE_OFF] * 8
    assert all(a.sample < b.sample for a, b in pairwise(events))


def test_count_in_is_whole_bars_ending_where_playback_starts() -> None:
    meter = TimeSignature(3, 4)
    events = metronome.count_in_events(90.0, meter, 2, sample_rate_hz=SR, start_tick=960)
    ons = [e for e in events if e.kind == EventKind.NOTE_ON]
    assert [e.tick for e in ons] == [960 - 2880 + 480 * i for i in range(6)]
    assert [e.data1 for e in ons] == [76, 77, 77, 76, 77, 77]
    beat = SR * 60 / 90
    assert [e.sample for e in ons] == [round(i * beat) for i in range(6)]
    assert metronome.count_in_seconds(90.0, meter, 2) == 4.0  # six beats at 90 BPM
    assert metronome.count_in_events(90.0, meter, 0, sample_rate_hz=SR) == []

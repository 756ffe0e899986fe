"""The compiled schedule: what plays, on which channel, at which sample, across loop passes.

Pure: no FluidSynth. Both the transport and the offline render play exactly these events.
"""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonewell.engine.schedule import (
    CC_EXPRESSION,
    CC_PAN,
    CC_SUSTAIN,
    CC_VOLUME,
    MAX_CHANNELS,
    Event,
    EventKind,
    assign_channels,
    compile_schedule,
    loop_pass_seconds,
    play_events,
)
from tonewell.model import (
    Clip,
    Composition,
    ControlPoint,
    LoopRegion,
    Note,
    TempoChange,
    TempoMap,
    TimeSignature,
    Track,
)
from tonewell.model.gm import DRUM_CHANNEL

SR = 44100
BAR = 1920  # ticks in a 4/4 bar at PPQ 480


def piece(*tracks: Track, bpm: float = 120.0, loop: LoopRegion | None = None, **kw) -> Composition:
    return Composition(
        tempo_map=TempoMap.constant(bpm), tracks=tracks, loop=loop or LoopRegion(), **kw
    )


def one_track(notes, *, length_bars=1, repeats=1, start_tick=0, **track_kw) -> Track:
    clip = Clip(notes=tuple(notes), length_bars=length_bars, repeats=repeats, start_tick=start_tick)
    return Track(clips=(clip,), **track_kw)


def notes_of(events, kind=EventKind.NOTE_ON) -> list[Event]:
    return [e for e in events if e.kind == kind]


# --- compiling -------------------------------------------------------------------------------


def test_repeats_are_expanded_pass_after_pass() -> None:
    sched = compile_schedule(piece(one_track([Note(0, 60, 240), Note(960, 64, 240)], repeats=3)))
    assert [(n.start_tick, n.pitch) for n in sched.notes] == [
        (0, 60), (960, 64), (1920, 60), (2880, 64), (3840, 60), (4800, 64),
    ]


def test_a_clip_is_placed_at_its_start_tick() -> None:
    sched = compile_schedule(piece(one_track([Note(120, 60, 240)], start_tick=3840, repeats=2)))
    assert [n.start_tick for n in sched.notes] == [3960, 5880]
    assert sched.end_tick == 3840 + 2 * BAR


def test_a_note_placed_past_the_clip_end_is_dropped() -> None:
    sched = compile_schedule(piece(one_track([Note(0, 60, 100), Note(BAR, 62, 100)], repeats=2)))
    assert [n.pitch for n in sched.notes] == [60, 60]


def test_a_note_running_past_the_pass_end_is_cut_there() -> None:
    sched = compile_schedule(piece(one_track([Note(1800, 60, 500)], repeats=2)))
    assert [(n.start_tick, n.end_tick) for n in sched.notes] == [(1800, 1920), (3720, 3840)]


def test_the_end_is_rounded_up_to_a_whole_bar() -> None:
    comp = piece(
        one_track([Note(0, 60, 100)], length_bars=2, start_tick=480),
        time_signature=TimeSignature(3, 4),
    )
    # clip ends at 480 + 2 * 1440 = 3360: inside bar 3 of 3/4 (1440 ticks), so the piece is 3 bars
    assert compile_schedule(comp).end_tick == 3 * 1440


def test_an_empty_piece_has_no_notes_and_ends_at_zero() -> None:
    sched = compile_schedule(Composition())
    assert sched.notes == () and sched.setups == () and sched.end_tick == 0
    assert list(play_events(sched, sample_rate_hz=SR)) == []


def test_notes_starting_finds_a_half_open_range() -> None:
    sched = compile_schedule(piece(one_track([Note(t, 60, 100) for t in (0, 480, 960, 1440)])))
    assert [n.start_tick for n in sched.notes_starting(480, 1440)] == [480, 960]


def test_a_schedule_is_frozen() -> None:
    sched = compile_schedule(piece(one_track([Note(0, 60, 100)])))
    with pytest.raises(dataclasses.FrozenInstanceError):
        sched.end_tick = 5  # type: ignore[misc]


# --- mute and solo ---------------------------------------------------------------------------


def three_tracks(mute=(False, False, False), solo=(False, False, False)) -> Composition:
    return piece(
        *(
            one_track([Note(0, 60 + i, 100)], name=f"T{i}", mute=m, solo=s)
            for i, (m, s) in enumerate(zip(mute, solo, strict=True))
        )
    )


def pitches(comp: Composition) -> list[int]:
    return sorted(n.pitch for n in compile_schedule(comp).notes)


def test_every_unmuted_track_plays() -> None:
    assert pitches(three_tracks()) == [60, 61, 62]


def test_a_muted_track_is_silent_but_keeps_its_channel_set_up() -> None:
    comp = three_tracks(mute=(False, True, False))
    assert pitches(comp) == [60, 62]
    assert [s.track_index for s in compile_schedule(comp).setups] == [0, 1, 2]


def test_when_any_track_is_soloed_only_soloed_tracks_play() -> None:
    assert pitches(three_tracks(solo=(False, True, False))) == [61]
    assert pitches(three_tracks(solo=(True, False, True))) == [60, 62]


def test_a_soloed_track_plays_even_when_muted() -> None:
    assert pitches(three_tracks(mute=(True, True, False), solo=(False, True, False))) == [61]


# --- channels --------------------------------------------------------------------------------


def test_melodic_tracks_skip_the_drum_channel() -> None:
    assert assign_channels([Track()] * 11) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11]


def test_the_first_drum_track_takes_channel_10_later_ones_start_at_16() -> None:
    tracks = [Track(), Track(is_drum=True), Track(), Track(is_drum=True), Track(is_drum=True)]
    assert assign_channels(tracks) == [0, DRUM_CHANNEL, 1, 16, 17]


def test_more_than_16_tracks_use_channels_beyond_15() -> None:
    channels = assign_channels([Track()] * 20)
    assert channels == [*range(9), *range(10, 21)]
    assert len(set(channels)) == 20


def test_tracks_beyond_the_channel_limit_are_not_scheduled() -> None:
    tracks = [one_track([Note(0, 60, 100)]) for _ in range(MAX_CHANNELS + 2)]
    channels = assign_channels(tracks)
    assert channels.count(None) == 3  # 63 usable channels: 64 minus the drum channel
    sched = compile_schedule(piece(*tracks))
    assert len(sched.setups) == len(sched.notes) == MAX_CHANNELS - 1
    assert max(s.channel for s in sched.setups) == MAX_CHANNELS - 1


def test_setup_events_come_first_with_program_controllers_and_the_drum_bank() -> None:
    comp = piece(
        one_track([Note(0, 60, 100)], program=40, volume=90, pan=30),
        one_track([Note(0, 36, 100)], is_drum=True, program=25),
    )
    events = list(play_events(compile_schedule(comp), sample_rate_hz=SR))
    setup = events[:10]
    assert all(e.sample == 0 for e in setup)
    assert [(e.kind, e.channel, e.data1, e.data2) for e in setup] == [
        (EventKind.PROGRAM, 0, 40, 0),
        (EventKind.CONTROL, 0, CC_VOLUME, 90),
        (EventKind.CONTROL, 0, CC_PAN, 30),
        (EventKind.CONTROL, 0, CC_EXPRESSION, 127),
        (EventKind.CONTROL, 0, CC_SUSTAIN, 0),
        (EventKind.PROGRAM, DRUM_CHANNEL, 25, 1),
        (EventKind.CONTROL, DRUM_CHANNEL, CC_VOLUME, 100),
        (EventKind.CONTROL, DRUM_CHANNEL, CC_PAN, 64),
        (EventKind.CONTROL, DRUM_CHANNEL, CC_EXPRESSION, 127),
        (EventKind.CONTROL, DRUM_CHANNEL, CC_SUSTAIN, 0),
    ]
    assert all(e.kind in (EventKind.NOTE_ON, EventKind.NOTE_OFF) for e in events[10:])


# --- time --------------------------------------------------------------------------------------


def test_ticks_become_samples_through_the_tempo() -> None:
    sched = compile_schedule(piece(one_track([Note(480, 60, 240)]), bpm=120))
    on, off = notes_of(sched.events(SR)), notes_of(sched.events(SR), EventKind.NOTE_OFF)
    assert (on[0].sample, off[0].sample) == (22050, 33075)  # 0.5 s and 0.75 s
    assert notes_of(sched.events(48000))[0].sample == 24000


def test_a_tempo_change_moves_later_notes() -> None:
    tempo = TempoMap((TempoChange(0, 120.0), TempoChange(BAR, 60.0)))
    notes = [Note(t, 60, 100) for t in (0, 960, 1920, 2400, 2880)]
    comp = Composition(tempo_map=tempo, tracks=(one_track(notes, length_bars=2),))
    ons = [e.sample for e in notes_of(compile_schedule(comp).events(SR))]
    # 120 BPM: a quarter is 0.5 s; from bar 2 on, 60 BPM: a quarter is 1 s
    assert ons == [0, 44100, 88200, 88200 + 44100, 88200 + 88200]


def test_note_off_comes_before_note_on_at_the_same_sample() -> None:
    sched = compile_schedule(piece(one_track([Note(0, 60, 480), Note(480, 60, 480)])))
    events = [e for e in sched.events(SR) if e.kind in (EventKind.NOTE_ON, EventKind.NOTE_OFF)]
    assert [(e.sample, e.kind) for e in events] == [
        (0, EventKind.NOTE_ON),
        (22050, EventKind.NOTE_OFF),
        (22050, EventKind.NOTE_ON),
        (44100, EventKind.NOTE_OFF),
    ]


def test_events_are_in_time_order() -> None:
    notes = [Note((i * 173) % 1900, 40 + i % 30, 50 + (i * 37) % 900) for i in range(60)]
    sched = compile_schedule(piece(one_track(notes, repeats=3), bpm=133))
    samples = [e.sample for e in sched.events(SR)]
    assert samples == sorted(samples)


def test_starting_later_counts_samples_from_the_start() -> None:
    sched = compile_schedule(piece(one_track([Note(t, 60, 100) for t in (0, 960, 1440)])))
    ons = notes_of(play_events(sched, sample_rate_hz=SR, start_tick=960))
    assert [(e.sample, e.tick) for e in ons] == [(0, 960), (22050, 1440)]


# --- loops -------------------------------------------------------------------------------------


def loop_piece(loop: LoopRegion, bpm: float = 120.0) -> Composition:
    """Two bars of quarter notes, pitches 60..67, plus a held note across bar 2."""
    quarters = [Note(i * 480, 60 + i, 240) for i in range(8)]
    held = Note(BAR, 48, BAR * 2)
    return piece(one_track([*quarters, held], length_bars=3), bpm=bpm, loop=loop)


def test_the_loop_region_plays_loop_passes_times_after_the_lead_in() -> None:
    sched = compile_schedule(loop_piece(LoopRegion(BAR, 2 * BAR, True)))
    ons = notes_of(play_events(sched, sample_rate_hz=SR, loop_passes=3))
    played = [e.data1 for e in ons if e.data1 != 48]
    assert played == [60, 61, 62, 63] + [64, 65, 66, 67] * 3
    assert [e.data1 for e in ons].count(48) == 3


@pytest.mark.parametrize("passes", [1, 2, 5, 17])
def test_loop_passes_counts_passes(passes: int) -> None:
    sched = compile_schedule(loop_piece(LoopRegion(0, BAR, True)))
    ons = notes_of(play_events(sched, sample_rate_hz=SR, loop_passes=passes))
    assert len(ons) == 4 * passes


def test_no_loop_passes_loops_forever() -> None:
    sched = compile_schedule(loop_piece(LoopRegion(0, BAR, True)))
    ons = notes_of(itertools.islice(play_events(sched, sample_rate_hz=SR), 5000))
    assert len(ons) > 1000
    assert ons[-1].sample > 1000 * 22050 / 2


def test_zero_loop_passes_or_a_disabled_loop_play_the_piece_once() -> None:
    for comp, passes in (
        (loop_piece(LoopRegion(0, BAR, True)), 0),
        (loop_piece(LoopRegion(0, BAR, False)), 5),
        (loop_piece(LoopRegion(BAR, BAR, True)), 5),  # an empty region does not loop
    ):
        sched = compile_schedule(comp)
        ons = notes_of(play_events(sched, sample_rate_hz=SR, loop_passes=passes))
        assert len(ons) == 9


def test_a_loop_started_inside_the_region_finishes_that_pass_then_repeats() -> None:
    sched = compile_schedule(loop_piece(LoopRegion(BAR, 2 * BAR, True)))
    ons = notes_of(play_events(sched, sample_rate_hz=SR, start_tick=BAR + 960, loop_passes=3))
    assert [e.data1 for e in ons] == [66, 67] + [48, 64, 65, 66, 67] * 2
    assert ons[0].sample == 0
    # the second pass starts half a bar (1 s at 120 BPM) after playback began
    assert ons[2].sample == 44100


def test_starting_past_the_loop_plays_on_to_the_end() -> None:
    sched = compile_schedule(loop_piece(LoopRegion(0, BAR, True)))
    ons = notes_of(play_events(sched, sample_rate_hz=SR, start_tick=BAR, loop_passes=4))
    assert sorted(e.data1 for e in ons) == [48, 64, 65, 66, 67]


def test_a_note_held_across_the_loop_end_is_cut_and_restarted_on_one_sample() -> None:
    sched = compile_schedule(loop_piece(LoopRegion(BAR, 2 * BAR, True), bpm=97.0))
    events = [e for e in play_events(sched, sample_rate_hz=SR, loop_passes=4) if e.data1 == 48]
    kinds = [e.kind for e in events]
    assert kinds == [EventKind.NOTE_ON, EventKind.NOTE_OFF] * 4
    pass_samples = loop_pass_seconds(sched, sched.loop) * SR
    for off, on in zip(events[1::2], events[2::2], strict=False):
        assert off.sample == on.sample
        assert off.tick == 2 * BAR and on.tick == BAR
    assert events[2].sample - events[0].sample == pytest.approx(pass_samples, abs=1)


def test_a_pass_boundary_keeps_off_before_on() -> None:
    sched = compile_schedule(loop_piece(LoopRegion(BAR, 2 * BAR, True)))
    events = list(play_events(sched, sample_rate_hz=SR, loop_passes=3))
    at_wrap = [e for e in events if e.sample == sched.tick_to_sample(2 * BAR, SR)]
    assert [(e.kind, e.data1) for e in at_wrap] == [
        (EventKind.NOTE_OFF, 48),  # the held note, cut
        (EventKind.NOTE_ON, 48),  # and started again
        (EventKind.NOTE_ON, 64),  # the first quarter of the region
    ]


@settings(max_examples=300, deadline=None)
@given(
    bpm=st.floats(10, 400).map(lambda b: round(b, 2)),
    second_bpm=st.none() | st.floats(10, 400).map(lambda b: round(b, 2)),
    change_tick=st.integers(1, 6000),
    loop_start=st.integers(0, 4000),
    loop_ticks=st.integers(1, 4000),
    sample_rate_hz=st.sampled_from([8000, 22050, 44100, 48000, 96000]),
)
def test_every_wrap_is_seamless_and_in_time_order(
    bpm, second_bpm, change_tick, loop_start, loop_ticks, sample_rate_hz
) -> None:
    changes = [TempoChange(0, bpm)]
    if second_bpm is not None:
        changes.append(TempoChange(change_tick, second_bpm))
    held = Note(0, 60, 30000)
    comp = Composition(
        tempo_map=TempoMap(tuple(changes)),
        tracks=(one_track([held], length_bars=16, start_tick=loop_start),),
        loop=LoopRegion(loop_start, loop_start + loop_ticks, True),
    )
    events = list(
        play_events(compile_schedule(comp), sample_rate_hz=sample_rate_hz, loop_passes=25)
    )
    samples = [e.sample for e in events]
    assert samples == sorted(samples)
    notes = [e for e in events if e.kind in (EventKind.NOTE_ON, EventKind.NOTE_OFF)]
    for off, on in zip(notes[1::2], notes[2::2], strict=False):
        assert (off.kind, on.kind) == (EventKind.NOTE_OFF, EventKind.NOTE_ON)
        assert off.sample == on.sample


def test_many_passes_do_not_drift() -> None:
    sched = compile_schedule(loop_piece(LoopRegion(0, BAR, True), bpm=97.0))
    events = play_events(sched, sample_rate_hz=SR, loop_passes=1000)
    ons = [e for e in notes_of(events) if e.data1 == 60]
    pass_s = loop_pass_seconds(sched, sched.loop)
    assert ons[-1].sample == pytest.approx(999 * pass_s * SR, abs=1)


# --- controller curves -------------------------------------------------------------------------


def controls_of(events) -> list[tuple[int, int, int, int]]:
    """(sample, channel, controller, value) of the controller events after the setup."""
    return [(e.sample, e.channel, e.data1, e.data2) for e in events if e.kind == EventKind.CONTROL]


def swell_piece(loop: LoopRegion | None = None) -> Composition:
    """Two bars: expression 40 at bar 1, 100 half way, pedal down at beat 2 of bar 2."""
    clip = Clip(
        notes=(Note(0, 60, 2 * BAR),),
        length_bars=2,
        controls=(
            ControlPoint(0, CC_EXPRESSION, 40),
            ControlPoint(BAR // 2, CC_EXPRESSION, 100),
            ControlPoint(BAR + 480, CC_SUSTAIN, 127),
        ),
    )
    return piece(Track(volume=90, clips=(clip,)), loop=loop)


def test_curves_play_at_their_ticks_after_the_values_at_the_start() -> None:
    sched = compile_schedule(swell_piece())
    events = list(play_events(sched, sample_rate_hz=SR))
    assert controls_of(events) == [
        (0, 0, CC_VOLUME, 90), (0, 0, CC_PAN, 64), (0, 0, CC_EXPRESSION, 40),
        (0, 0, CC_SUSTAIN, 0),
        (sched.tick_to_sample(BAR // 2, SR), 0, CC_EXPRESSION, 100),
        (sched.tick_to_sample(BAR + 480, SR), 0, CC_SUSTAIN, 127),
        (sched.tick_to_sample(2 * BAR, SR), 0, CC_SUSTAIN, 0),  # lifted where the clip ends
    ]


def test_a_seek_chases_the_values_in_force_there() -> None:
    sched = compile_schedule(swell_piece())
    events = list(play_events(sched, sample_rate_hz=SR, start_tick=BAR + 960))
    assert controls_of(events)[:4] == [
        (0, 0, CC_VOLUME, 90), (0, 0, CC_PAN, 64), (0, 0, CC_EXPRESSION, 100),
        (0, 0, CC_SUSTAIN, 127),
    ]


def test_each_loop_pass_restores_the_values_at_the_loop_start() -> None:
    sched = compile_schedule(swell_piece(LoopRegion(0, 2 * BAR, True)))
    events = list(play_events(sched, sample_rate_hz=SR, loop_passes=3))
    wrap = sched.tick_to_sample(2 * BAR, SR)
    at_wrap = [c for c in controls_of(events) if c[0] == wrap]
    # expression back to 40 and the pedal lifted, as at the start: not carried from bar 2
    assert at_wrap == [(wrap, 0, CC_EXPRESSION, 40), (wrap, 0, CC_SUSTAIN, 0)]
    second_pass = [c for c in controls_of(events) if wrap <= c[0] < 2 * wrap]
    assert [(cc, v) for _, _, cc, v in second_pass] == [
        (CC_EXPRESSION, 40), (CC_SUSTAIN, 0), (CC_EXPRESSION, 100), (CC_SUSTAIN, 127),
    ]


def test_controls_come_before_notes_at_one_sample() -> None:
    sched = compile_schedule(swell_piece(LoopRegion(0, 2 * BAR, True)))
    events = list(play_events(sched, sample_rate_hz=SR, loop_passes=2))
    wrap = sched.tick_to_sample(2 * BAR, SR)
    kinds = [e.kind for e in events if e.sample == wrap]
    assert kinds == sorted(kinds)

"""Composition -> .mid -> composition keeps what MIDI can hold.

Kept exactly: every note heard (pitch, velocity, start and length in ticks: PPQ is the same on
both sides), each track's program, drum flag, volume and pan, the tempo changes (tick and
microseconds per quarter, so the notes land at the same seconds), the meter, and the key as a key
signature. Not kept, by design: clip structure (repeats are flattened into one clip per track),
mute/solo, loop, the title (taken from the file name) and modes beyond major/minor.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import compositions, names
from tonewell.engine.schedule import compile_schedule
from tonewell.io.smf import midi_bytes, read_midi_bytes
from tonewell.io.smf_write import key_signature_name
from tonewell.model import (
    KEPT_CONTROLLERS,
    PPQ,
    Clip,
    Composition,
    Key,
    Note,
    TimeSignature,
    Track,
)

PlayedNote = tuple[int, int, int, int]
"""(start, end, pitch, velocity) on the timeline."""


def heard(comp: Composition) -> list[list[PlayedNote]]:
    """Per track, the notes the engine plays (mute and solo aside), with same-pitch overlaps
    resolved the way a synth plays them: the earlier note ends where the later one starts, and
    of two starting together the longer (then louder) one is kept."""
    unmuted = comp.with_tracks(
        [dataclasses.replace(t, mute=False, solo=False) for t in comp.tracks]
    )
    by_track: list[dict[int, list[tuple[int, int, int]]]] = [defaultdict(list) for _ in comp.tracks]
    for n in compile_schedule(unmuted).notes:
        by_track[n.track_index][n.pitch].append((n.start_tick, n.end_tick, n.velocity))
    out = []
    for per_pitch in by_track:
        notes = []
        for pitch, played in per_pitch.items():
            played.sort()
            for i, (start, end, velocity) in enumerate(played):
                if i + 1 < len(played):
                    end = min(end, played[i + 1][0])
                if end > start:
                    notes.append((start, end, pitch, velocity))
        out.append(sorted(notes))
    return out


def imported_notes(comp: Composition) -> list[list[PlayedNote]]:
    return [
        sorted(
            (c.start_tick + n.start_tick, c.start_tick + n.end_tick, n.pitch, n.velocity)
            for c in t.clips
            for n in c.notes
        )
        for t in comp.tracks
    ]


def round_trip(comp: Composition) -> Composition:
    result = read_midi_bytes(midi_bytes(comp), name="round trip.mid")
    assert result.composition.title == "round trip"
    return result.composition


def assert_same_second(original: Composition, back: Composition, tick: int) -> None:
    """`tick` sounds at the same second in both pieces, to within one tick. A file stores tempo
    in whole microseconds per quarter, so a BPM like 123.4567 comes back as the nearest tempo
    MIDI can say (the same microseconds): in a long piece the drift grows to a few parts per
    million of the time, which is the most we can ask."""
    seconds = original.tempo_map.tick_to_seconds(tick)
    one_tick = 60.0 / (original.tempo_map.bpm_at(tick) * PPQ)
    assert abs(back.tempo_map.tick_to_seconds(tick) - seconds) <= max(one_tick, 1e-5 * seconds)


def controls_at_notes(comp: Composition) -> list[list[tuple[int, ...]]]:
    """Per track, (start tick, pitch, then the value of each kept controller in force) for
    every note played: what the curves sound like where it matters."""
    unmuted = comp.with_tracks(
        [dataclasses.replace(t, mute=False, solo=False) for t in comp.tracks]
    )
    schedule = compile_schedule(unmuted)
    setups = {s.track_index: s for s in schedule.setups}
    out: list[list[tuple[int, ...]]] = [[] for _ in comp.tracks]
    for n in schedule.notes:
        setup = setups[n.track_index]
        values = (schedule.value_at(setup, cc, n.start_tick) for cc in KEPT_CONTROLLERS)
        out[n.track_index].append((n.start_tick, n.pitch, *values))
    return [sorted(set(track)) for track in out]


def assert_same_music(original: Composition, back: Composition) -> None:
    assert imported_notes(back) == heard(original)
    assert [(t.program, t.is_drum) for t in back.tracks] == [
        (t.program, t.is_drum) for t in original.tracks
    ]
    assert controls_at_notes(back) == controls_at_notes(original)
    assert [(c.tick, c.us_per_quarter) for c in back.tempo_map.changes] == [
        (c.tick, c.us_per_quarter) for c in original.tempo_map.changes
    ]
    for track in imported_notes(back):
        for start, end, _, _ in track:
            for tick in (start, end):
                assert_same_second(original, back, tick)
    assert back.time_signature == original.time_signature
    if key_signature_name(original.key) is None:  # chromatic: no key signature written
        assert back.key == Key()
    else:
        assert key_signature_name(back.key) == key_signature_name(original.key)
    if original.key.mode in ("major", "natural minor"):
        assert back.key == original.key


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(compositions(max_tracks=3, max_clips=2, max_notes=4))
def test_any_composition_keeps_its_music(comp):
    """Shared strategy: clips anywhere, repeats up to 999, overlapping notes allowed."""
    assert_same_music(comp, round_trip(comp))


@st.composite
def clean_tracks(draw: st.DrawFn, meter: TimeSignature, is_drum: bool) -> Track:
    """A track whose notes never overlap at one pitch and never cross the end of their clip:
    what MIDI holds unambiguously, so every note must come back unchanged."""
    clips = []
    start_tick = draw(st.integers(0, 3)) * meter.ticks_per_bar
    for _ in range(draw(st.integers(0, 3))):
        length_bars = draw(st.integers(1, 3))
        pass_ticks = length_bars * meter.ticks_per_bar
        free_from: dict[int, int] = {}
        notes = []
        pitches = st.integers(35, 81) if is_drum else st.integers(0, 127)
        for _ in range(draw(st.integers(0, 8))):
            pitch = draw(pitches)
            start = draw(st.integers(free_from.get(pitch, 0), pass_ticks + 100))
            if start >= pass_ticks:
                continue
            length = draw(st.integers(1, pass_ticks - start))
            free_from[pitch] = start + length
            notes.append(Note(start, pitch, length, draw(st.integers(1, 127))))
        repeats = draw(st.integers(1, 4))
        clips.append(Clip(notes=tuple(notes), length_bars=length_bars, start_tick=start_tick,
                          repeats=repeats))
        start_tick += repeats * pass_ticks + draw(st.integers(0, 2 * PPQ))
    return Track(
        name=draw(names),
        program=draw(st.integers(0, 127)),
        is_drum=is_drum,
        volume=draw(st.integers(0, 127)),
        pan=draw(st.integers(0, 127)),
        clips=tuple(clips),
    )


@st.composite
def clean_compositions(draw: st.DrawFn) -> Composition:
    meter = TimeSignature(draw(st.integers(1, 12)), draw(st.sampled_from((2, 4, 8, 16))))
    drums = draw(st.lists(st.booleans(), max_size=5))
    return Composition(
        tempo_map=draw(compositions(max_tracks=0)).tempo_map,
        time_signature=meter,
        key=Key(draw(st.integers(0, 11)), draw(st.sampled_from(("major", "natural minor")))),
        tracks=tuple(draw(clean_tracks(meter, d)) for d in drums),
    )


def expanded(track: Track, meter: TimeSignature) -> list[PlayedNote]:
    """Each clip's notes at each repeat, as plain arithmetic."""
    return sorted(
        (start, start + n.length_ticks, n.pitch, n.velocity)
        for c in track.clips
        for r in range(c.repeats)
        for n in c.notes
        for start in [c.start_tick + r * c.length_ticks(meter) + n.start_tick]
    )


@settings(max_examples=50, deadline=None)
@given(clean_compositions())
def test_every_note_comes_back_unchanged(comp):
    back = round_trip(comp)
    expected = [expanded(t, comp.time_signature) for t in comp.tracks]
    assert imported_notes(back) == expected
    assert heard(comp) == expected  # the generator made no overlaps: nothing was resolved
    assert back.key == comp.key
    assert_same_music(comp, back)


def test_clean_names_come_back():
    comp = Composition(
        tracks=(
            Track("Flöte", clips=(Clip(notes=(Note(0, 72, 10),)),)),
            Track("Bass 🎸", program=33),
            Track("Drums & Percussion", is_drum=True, clips=(Clip(notes=(Note(0, 36, 10),)),)),
        )
    )
    assert [t.name for t in round_trip(comp).tracks] == [t.name for t in comp.tracks]


def test_sixteen_melodic_tracks_share_channels_but_come_back_apart():
    tracks = tuple(
        Track(f"T{i}", program=i, clips=(Clip(notes=(Note(0, 60, 480, 1 + i),)),))
        for i in range(17)
    )
    comp = Composition(tracks=tracks)
    back = round_trip(comp)
    assert [t.program for t in back.tracks] == list(range(17))
    assert_same_music(comp, back)


def test_a_second_round_trip_changes_nothing():
    comp = Composition(
        tracks=(
            Track("A", clips=(Clip(notes=(Note(0, 60, 960), Note(480, 60, 960)), repeats=3),)),
        ),
    )
    once = round_trip(comp)
    twice = round_trip(once)
    assert twice.tracks == once.tracks
    assert twice.tempo_map == once.tempo_map

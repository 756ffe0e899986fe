"""The examples a step plays: every kind in key, short, at the piece's tempo; the answer played
back varied but recognisable."""

from __future__ import annotations

import pytest

from tonewell.guide.examples import PLAY_KINDS, answer_back, build_example, vary_answer
from tonewell.model import Clip, Composition, Key, Note, TempoMap, TimeSignature, Track
from tonewell.model.scales import in_scale

FOUR_FOUR = TimeSignature()
KEYS = [Key(0, "major"), Key(9, "natural minor"), Key(7, "major pentatonic")]


def answered(key: Key, meter: TimeSignature = FOUR_FOUR) -> Composition:
    """A call (bars 1-2) and a 2-bar answer after it, both on a piano, plus drums."""
    bar = meter.ticks_per_bar
    home = 60 + key.tonic
    call = Clip("Call", (Note(0, home, 480), Note(480, home + 7, 960)), 2)
    answer = Clip("Your answer", (Note(0, home + 4, 480), Note(480, home + 2, 240),
                                  Note(960, home, 960)), 2, start_tick=2 * bar)
    drums = Track("Drums", is_drum=True, clips=(Clip("Beat", (Note(0, 36, 240),), 4,
                                                     start_tick=4 * bar),))
    return Composition(tempo_map=TempoMap.constant(73), time_signature=meter, key=key,
                       tracks=(Track("Piano", program=0, clips=(call, answer)), drums))


@pytest.mark.parametrize("key", KEYS, ids=str)
@pytest.mark.parametrize("kind", sorted(PLAY_KINDS))
def test_every_kind_builds_a_short_piece_in_key_at_the_piece_tempo(kind: str, key: Key):
    piece = answered(key)
    example = build_example(kind, piece)
    meter = example.time_signature
    assert example.note_count() > 0
    assert example.tempo_bpm == 73
    assert example.key == key and meter == piece.time_signature
    assert not example.loop.enabled
    assert 1 <= -(-example.end_tick() // meter.ticks_per_bar) <= 4
    for track in example.tracks:
        for clip in track.clips:
            assert clip.start_tick == 0 and 1 <= clip.length_bars <= 4
            assert all(n.end_tick <= clip.length_ticks(meter) for n in clip.notes)
            if not track.is_drum:
                assert all(in_scale(n.pitch, key.tonic, key.mode) for n in clip.notes), kind
    again = build_example(kind, piece)  # the same every time
    assert [(t.program, t.clips) for t in again.tracks] == [
        (t.program, t.clips) for t in example.tracks]


@pytest.mark.parametrize("kind", sorted(PLAY_KINDS))
def test_kinds_follow_a_three_four_meter(kind: str):
    meter = TimeSignature(3, 4)
    example = build_example(kind, answered(Key(2, "dorian"), meter))
    assert example.end_tick() <= 4 * meter.ticks_per_bar
    assert all(clip.length_bars <= 4 for t in example.tracks for clip in t.clips)


def test_the_call_rises_and_stops_on_the_fifth():
    call = build_example("call-phrase", Composition(key=Key(9, "natural minor")))
    notes = call.tracks[0].clips[0].notes
    pitches = [n.pitch for n in notes]
    assert pitches == sorted(pitches) and len(set(pitches)) == len(pitches)
    assert pitches[0] % 12 == 9 and pitches[-1] % 12 == 4  # A up to E
    assert notes[-1].length_ticks >= 2 * 480  # held: a question left open
    assert call.tracks[0].clips[0].length_bars == 2


def test_the_backbeat_puts_kick_on_one_and_three_and_snare_on_two_and_four():
    notes = build_example("backbeat", Composition()).tracks[0].clips[0].notes
    assert [(n.start_tick // 480, n.pitch) for n in notes[:4]] == [(0, 36), (1, 38), (2, 36),
                                                                      (3, 38)]


def test_chords_are_one_per_bar_on_i_vi_iv_v():
    notes = build_example("chords-I-vi-IV-V", Composition()).tracks[0].clips[0].notes
    roots = [min(n.pitch for n in notes if n.start_tick == bar * 1920) % 12 for bar in range(4)]
    assert roots == [0, 9, 5, 7]


@pytest.mark.parametrize("key", KEYS, ids=str)
def test_the_answer_comes_back_varied_with_its_rhythm_in_scale_and_home_at_the_end(key: Key):
    piece = answered(key)
    answer = piece.tracks[0].clips[1].notes
    varied = answer_back(piece).tracks[0].clips[0].notes
    assert [(n.start_tick, n.length_ticks) for n in varied] == [
        (n.start_tick, n.length_ticks) for n in answer]
    assert all(in_scale(n.pitch, key.tonic, key.mode) for n in varied)
    assert varied[-1].pitch % 12 == key.tonic
    assert varied != answer
    assert [n.pitch for n in varied[:-1]] != [n.pitch for n in answer[:-1]]


def test_the_answer_played_back_is_the_latest_pitched_clip_on_its_instrument():
    piece = answered(Key())
    track = piece.tracks[0]
    piece = piece.with_tracks((Track("Flute", program=73, clips=track.clips), piece.tracks[1]))
    back = answer_back(piece)
    assert back.tracks[0].program == 73
    assert len(back.tracks[0].clips[0].notes) == 3  # the answer's three, not the call's two


def test_a_single_home_note_still_comes_back_different():
    one = (Note(0, 60, 480),)
    varied = vary_answer(one, Key())
    assert varied != one and varied[0].pitch % 12 == 0 and varied[0].start_tick == 0


def test_notes_outside_the_scale_come_back_inside_it():
    varied = vary_answer((Note(0, 61, 480), Note(480, 66, 480), Note(960, 70, 480)), Key())
    assert all(in_scale(n.pitch, 0, "major") for n in varied)


def test_without_an_answer_there_is_nothing_to_play_back():
    assert answer_back(Composition()).note_count() == 0

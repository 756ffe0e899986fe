"""Chords placed into the Chords track and the one-click backing loop, through a Document."""

from __future__ import annotations

from dataclasses import replace

import pytest

from guide.helpers import clip, piece
from tonewell.edit import Document
from tonewell.guide.backing import (
    BASS_PROGRAM,
    CHORD_PROGRAM,
    CHORD_TRACK_NAME,
    backing_loop,
    chord_bars,
    chord_track,
    next_chord_bar,
    place_chord,
    placed_progression,
)
from tonewell.guide.harmony import chord_for
from tonewell.model import Clip, Composition, Key, Note, TimeSignature, Track

BAR = 4 * 480


def place_in_turn(doc: Document, *degrees: int) -> None:
    for degree in degrees:
        doc.push(place_chord(doc.comp, degree, next_chord_bar(doc.comp, 0)))


def test_the_first_chord_makes_the_chords_track_with_a_warm_pad() -> None:
    doc = Document(Composition())
    doc.push(place_chord(doc.comp, 6, 3))
    assert doc.history.undo_name == "Add chord Am in bar 3"
    track = chord_track(doc.comp)
    assert track is not None and track.program == CHORD_PROGRAM and not track.is_drum
    (only,) = track.clips
    assert only.start_tick == 2 * BAR
    assert sorted(n.pitch for n in only.notes) == list(chord_for(Key(), 6).pitches)
    assert all(n.length_ticks == BAR for n in only.notes)


def test_chords_clicked_in_turn_fill_bars_in_order_in_one_clip_of_one_track() -> None:
    doc = Document(piece(clip([60, 62, 64, 65])))
    place_in_turn(doc, 1, 6, 4, 5)
    assert chord_bars(doc.comp) == {1: 1, 2: 6, 3: 4, 4: 5}
    assert [t.name for t in doc.comp.tracks].count(CHORD_TRACK_NAME) == 1
    (grown,) = chord_track(doc.comp).clips
    assert (grown.start_tick, grown.length_bars) == (0, 4)
    assert next_chord_bar(doc.comp, 0) == 5


def test_with_no_chord_yet_the_first_goes_under_the_playhead() -> None:
    assert next_chord_bar(Composition(), 2 * BAR + 100) == 3


def test_undo_takes_back_exactly_one_chord() -> None:
    doc = Document(Composition())
    place_in_turn(doc, 1, 4, 5)
    doc.undo()
    assert chord_bars(doc.comp) == {1: 1, 2: 4}
    doc.undo()
    doc.undo()
    assert doc.comp.tracks == ()


def test_a_chord_in_a_bar_that_has_one_changes_it() -> None:
    doc = Document(Composition())
    place_in_turn(doc, 1, 4)
    doc.push(place_chord(doc.comp, 5, 2))
    assert chord_bars(doc.comp) == {1: 1, 2: 5}
    assert len(chord_track(doc.comp).clips[0].notes) == 6


def test_a_chord_far_after_the_last_clip_gets_a_clip_of_its_own() -> None:
    doc = Document(Composition())
    place_in_turn(doc, 1)
    doc.push(place_chord(doc.comp, 4, 20))
    starts = sorted(c.start_tick for c in chord_track(doc.comp).clips)
    assert starts == [0, 19 * BAR]


def test_a_clip_does_not_grow_into_the_next_one() -> None:
    doc = Document(Composition())
    doc.push(place_chord(doc.comp, 1, 1))
    track = chord_track(doc.comp)
    looping = Clip(name="Loop", start_tick=BAR, repeats=2)  # bars 2 and 3
    doc = Document(doc.comp.with_tracks([replace(track, clips=(*track.clips, looping))]))
    doc.push(place_chord(doc.comp, 4, 4))
    clips = sorted(chord_track(doc.comp).clips, key=lambda c: c.start_tick)
    assert [(c.start_tick, c.length_bars) for c in clips] == [(0, 1), (BAR, 1), (3 * BAR, 1)]
    assert chord_bars(doc.comp) == {1: 1, 4: 4}


def test_a_chord_in_a_looping_clip_goes_into_its_pattern() -> None:
    looping = Track(name=CHORD_TRACK_NAME, clips=(Clip(length_bars=2, repeats=2),))
    doc = Document(Composition(tracks=(looping,)))
    doc.push(place_chord(doc.comp, 4, 4))
    assert chord_bars(doc.comp) == {2: 4, 4: 4}


def test_chords_follow_the_key_of_the_piece() -> None:
    doc = Document(Composition(key=Key(9, "natural minor")))
    doc.push(place_chord(doc.comp, 1, 1))
    assert doc.history.undo_name == "Add chord Am in bar 1"


def test_backing_loop_with_nothing_placed_plays_i_vi_iv_v_over_four_bars() -> None:
    doc = Document(piece(clip([64, 67])))
    doc.push(backing_loop(doc.comp))
    comp = doc.comp
    assert doc.history.undo_name == "Make a backing loop"
    assert [t.name for t in comp.tracks] == ["Melody", "Chords", "Bass", "Drums"]
    assert chord_bars(comp) == {1: 1, 2: 6, 3: 4, 4: 5}
    bass = comp.tracks[2]
    assert bass.program == BASS_PROGRAM and not bass.is_drum
    roots = [n.pitch for n in bass.clips[0].notes]
    assert all(36 <= p <= 47 for p in roots)
    assert [p % 12 for p in roots[::2]] == [0, 9, 5, 7]
    drums = comp.tracks[3]
    assert drums.is_drum and drums.clips[0].repeats == 4
    assert {n.pitch for n in drums.clips[0].notes} == {36, 38, 42}
    assert (comp.loop.start_tick, comp.loop.end_tick, comp.loop.enabled) == (0, 4 * BAR, True)
    assert comp.end_tick() == 4 * BAR


def test_backing_loop_is_one_undo_step() -> None:
    start = piece(clip([64, 67]))
    doc = Document(start)
    doc.push(backing_loop(doc.comp))
    doc.undo()
    assert doc.comp == start
    doc.redo()
    assert len(doc.comp.tracks) == 4


def test_backing_loop_follows_the_chords_the_person_placed() -> None:
    doc = Document(Composition())
    doc.push(place_chord(doc.comp, 4, 3))
    doc.push(place_chord(doc.comp, 5, 4))
    assert placed_progression(doc.comp) == (3, (4, 5))
    doc.push(backing_loop(doc.comp))
    comp = doc.comp
    assert chord_bars(comp) == {3: 4, 4: 5, 5: 4, 6: 5}
    assert (comp.loop.start_tick, comp.loop.end_tick) == (2 * BAR, 6 * BAR)
    bass = next(t for t in comp.tracks if t.name == "Bass")
    assert bass.clips[0].start_tick == 2 * BAR
    assert [n.pitch % 12 for n in bass.clips[0].notes][::2] == [5, 7, 5, 7]
    assert len(chord_track(comp).clips) == 1


def test_backing_loop_keeps_notes_the_person_wrote_in_the_chords_track() -> None:
    own = Note(0, 72, 240)  # one melody note: not a chord, still theirs
    track = Track(name=CHORD_TRACK_NAME, clips=(Clip(notes=(own,)),))
    doc = Document(Composition(tracks=(track,)))
    doc.push(backing_loop(doc.comp, (1, 4), 4))
    assert own in chord_track(doc.comp).clips[0].notes
    assert chord_bars(doc.comp) == {2: 4, 3: 1, 4: 4}


def test_backing_loop_in_three_four_keeps_every_note_inside_its_bar() -> None:
    doc = Document(Composition(time_signature=TimeSignature(3, 4)))
    doc.push(backing_loop(doc.comp, (1, 5), 2))
    bar = TimeSignature(3, 4).ticks_per_bar
    for track in doc.comp.tracks:
        for clip_ in track.clips:
            assert all(n.end_tick <= clip_.length_ticks(doc.comp.time_signature)
                       for n in clip_.notes)
    assert doc.comp.loop.end_tick == 2 * bar


def test_backing_loop_makes_new_bass_and_drum_tracks_beside_ones_already_there() -> None:
    doc = Document(Composition())
    doc.push(backing_loop(doc.comp))
    doc.push(backing_loop(doc.comp))
    assert [t.name for t in doc.comp.tracks] == ["Chords", "Bass", "Drums", "Bass 2", "Drums 2"]


def test_a_progression_with_a_degree_outside_the_key_is_refused() -> None:
    with pytest.raises(ValueError):
        backing_loop(Composition(), (1, 9))

"""MIDI files written by other programs (abc2midi, csvmidi) import as their authors meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonewell.io.formats import load_any
from tonewell.model import PPQ

HERE = Path(__file__).resolve().parent.parent / "data" / "midi" / "other-programs"
EXAMPLES = Path(__file__).resolve().parents[2] / "projects" / "examples"


def test_abc2midi_waltz_in_g():
    comp, _ = load_any(HERE / "abc2midi-tune1.mid")
    assert str(comp.time_signature) == "3/4"
    assert comp.tempo_bpm == pytest.approx(96)
    assert str(comp.key) == "G major"
    (track,) = comp.tracks
    assert track.program == 73
    notes = [n for c in track.clips for n in c.notes]
    assert len(notes) == 22
    # the pickup D (quarter note) comes first, then G on the downbeat of bar 2
    assert (notes[0].pitch, notes[0].length_ticks) == (62, PPQ - 1)
    assert notes[1].pitch == 67


def test_abc2midi_two_voices_become_two_tracks():
    comp, _ = load_any(HERE / "abc2midi-tune2.mid")
    assert str(comp.key) == "D natural minor"
    programs = sorted(t.program for t in comp.tracks)
    assert programs == [0, 42]
    counts = sorted(sum(len(c.notes) for c in t.clips) for t in comp.tracks)
    assert counts == [4, 13]


def test_abc2midi_drums_land_on_a_drum_track():
    comp, _ = load_any(HERE / "abc2midi-tune3.mid")
    (track,) = comp.tracks
    assert track.is_drum
    pitches = {n.pitch for c in track.clips for n in c.notes}
    assert pitches == {36, 38, 42}


def test_csvmidi_reencoded_groove_matches_the_project():
    original, _ = load_any(EXAMPLES / "four-chord-groove.tonewell")
    comp, _ = load_any(HERE / "csvmidi-four-chord-groove.mid")
    assert comp.note_count() == original.note_count()
    assert comp.tempo_bpm == pytest.approx(original.tempo_bpm)
    assert sorted((t.program, t.is_drum) for t in comp.tracks) == sorted(
        (t.program, t.is_drum) for t in original.tracks
    )

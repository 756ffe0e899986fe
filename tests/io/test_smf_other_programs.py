"""MIDI files written by other programs (abc2midi, csvmidi) import as their authors meant."""

from __future__ import annotations

from pathlib import Path

import mido
import pytest

from tonewell.io.formats import load_any, save_any
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


# --- .mid -> .tonewell -> .mid keeps what a file by another program holds ----------------------

RESET = {7: 100, 10: 64, 11: 127, 64: 0}
"""General MIDI's values for the kept controllers on a channel nothing has set."""


def heard_notes(mid: mido.MidiFile) -> list[tuple]:
    """Every note as a listener meets it: (start s, end s, pitch, drum?, program in force on
    its channel, then volume, pan, expression and pedal in force at its note-on)."""
    program = [0] * 16
    controls = [dict(RESET) for _ in range(16)]
    sounding: dict[tuple[int, int], list[tuple]] = {}
    out = []
    now_s = 0.0
    for msg in mid:  # mido merges the tracks and turns ticks into seconds through the tempo
        now_s += msg.time
        if msg.type == "program_change":
            program[msg.channel] = msg.program
        elif msg.type == "control_change" and msg.control in RESET:
            controls[msg.channel][msg.control] = msg.value
        elif msg.type == "note_on" and msg.velocity:
            ch = msg.channel
            setting = (msg.note, ch == 9, program[ch], *(controls[ch][cc] for cc in RESET))
            sounding.setdefault((ch, msg.note), []).append((now_s, setting))
        elif msg.type in ("note_on", "note_off") and sounding.get((msg.channel, msg.note)):
            start_s, setting = sounding[msg.channel, msg.note].pop(0)
            out.append((round(start_s, 6), round(now_s, 6), *setting))
    assert not any(sounding.values())
    return sorted(out)


def test_an_orchestral_file_comes_back_the_same_after_a_project_round_trip(tmp_path):
    """csvmidi's type 1 file: five channels, programs changed mid-piece, volume and pan set
    twice at tick 0, expression swells, pedal, a volume fade, a tempo change."""
    original = HERE / "csvmidi-orchestra.mid"
    comp, warnings = load_any(original)
    assert "Volume, expression and pedal changes are kept as curves in each clip." in warnings
    project = tmp_path / "orchestra.tonewell"
    save_any(comp, project)
    again = tmp_path / "orchestra.mid"
    save_any(load_any(project)[0], again)
    before = heard_notes(mido.MidiFile(original))
    after = heard_notes(mido.MidiFile(again))
    assert len(before) == 47
    assert after == before


def test_the_orchestral_file_keeps_the_last_setting_at_its_start():
    comp, _ = load_any(HERE / "csvmidi-orchestra.mid")
    strings, piano = comp.tracks[0], comp.tracks[2]
    assert (strings.name, strings.volume, strings.pan) == ("Strings", 126, 28)
    assert (piano.name, piano.pan) == ("Piano", 96)  # set 51 at 0, then 96 before the music
    assert [t.name for t in comp.tracks].count("Winds · Oboe part") == 1

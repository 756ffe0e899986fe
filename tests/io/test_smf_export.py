"""Exporting .mid files: what each track of the written file holds, read back with mido (an
independent reader), and that saving replaces a file all at once."""

from __future__ import annotations

import io
import os

import mido
import pytest
from mido_interop import composition_to_midi

from tonewell.engine.schedule import compile_schedule
from tonewell.errors import FileProblem
from tonewell.io import smf_write
from tonewell.io.limits import MAX_MIDI_EVENTS, MAX_NOTES
from tonewell.io.smf import midi_bytes, read_midi, read_midi_bytes, write_midi
from tonewell.io.smf_write import MidiTooLarge
from tonewell.model import (
    CC_EXPRESSION,
    CC_SUSTAIN,
    Clip,
    Composition,
    ControlPoint,
    Key,
    Note,
    TempoChange,
    TempoMap,
    TimeSignature,
    Track,
)
from tonewell.model.scales import SCALES


def parse(comp: Composition) -> mido.MidiFile:
    """The written bytes as mido reads them."""
    return mido.MidiFile(file=io.BytesIO(midi_bytes(comp)))


def absolute(track: mido.MidiTrack) -> list[tuple[int, mido.Message]]:
    tick = 0
    out = []
    for msg in track:
        tick += msg.time
        out.append((tick, msg))
    return out


def piano(*notes: Note, **clip) -> Track:
    return Track("Piano", clips=(Clip(notes=notes, **clip),))


def test_file_is_type_1_at_480_ppq_with_a_conductor_track():
    comp = Composition(
        title="Evening",
        tempo_map=TempoMap((TempoChange(0, 90.0), TempoChange(1920, 120.0))),
        time_signature=TimeSignature(6, 8),
        key=Key(7, "major"),
        tracks=(piano(Note(0, 60, 480), length_bars=2),),
    )
    mid = parse(comp)
    assert (mid.type, mid.ticks_per_beat, len(mid.tracks)) == (1, 480, 2)
    conductor = [(tick, msg.dict()) for tick, msg in absolute(mid.tracks[0])]
    assert conductor == [
        (0, {"type": "track_name", "name": "Evening", "time": 0}),
        (0, {
            "type": "time_signature", "numerator": 6, "denominator": 8, "clocks_per_click": 12,
            "notated_32nd_notes_per_beat": 8, "time": 0,
        }),
        (0, {"type": "key_signature", "key": "G", "time": 0}),
        (0, {"type": "set_tempo", "tempo": 666667, "time": 0}),
        (1920, {"type": "set_tempo", "tempo": 500000, "time": 1920}),
        (2880, {"type": "end_of_track", "time": 960}),  # the piece: two 6/8 bars
    ]


@pytest.mark.parametrize(
    ("tonic", "mode", "name"),
    [
        (0, "major", "C"),
        (1, "major", "Db"),
        (6, "major", "F#"),
        (10, "major", "Bb"),
        (9, "natural minor", "Am"),
        (3, "natural minor", "D#m"),
        (2, "dorian", "C"),  # D dorian has C major's accidentals
        (7, "mixolydian", "C"),
        (4, "major pentatonic", "E"),
        (4, "minor pentatonic", "Em"),
        (5, "blues", "Fm"),
        (0, "chromatic", None),
    ],
)
def test_key_signature_names(tonic, mode, name):
    assert smf_write.key_signature_name(Key(tonic, mode)) == name


def test_every_mode_has_a_key_signature_rule():
    assert set(smf_write.MODE_SIGNATURES) == set(SCALES)


def test_chromatic_writes_no_key_signature():
    mid = parse(Composition(key=Key(0, "chromatic")))
    assert not [m for m in mid.tracks[0] if m.type == "key_signature"]


def test_instrument_track_setup_and_notes():
    track = Track(
        "Lead",
        program=73,
        volume=90,
        pan=20,
        clips=(Clip(notes=(Note(0, 72, 240, 100), Note(480, 74, 240, 60)), start_tick=960),),
    )
    mid = parse(Composition(tracks=(track,)))
    events = [(tick, msg.dict()) for tick, msg in absolute(mid.tracks[1])]
    setup = [
        {"type": "track_name", "name": "Lead", "time": 0},
        {"type": "program_change", "channel": 0, "program": 73, "time": 0},
        {"type": "control_change", "channel": 0, "control": 7, "value": 90, "time": 0},
        {"type": "control_change", "channel": 0, "control": 10, "value": 20, "time": 0},
    ]
    assert [e for _, e in events[:4]] == setup
    notes = [(tick, e["type"], e["note"], e["velocity"]) for tick, e in events[4:-1]]
    assert notes == [
        (960, "note_on", 72, 100),
        (1200, "note_off", 72, 0),
        (1440, "note_on", 74, 60),
        (1680, "note_off", 74, 0),
    ]
    assert events[-1] == (1680, {"type": "end_of_track", "time": 0})


def test_channels_skip_10_for_melodic_tracks_and_wrap_after_15():
    tracks = [Track(f"T{i}", is_drum=i in (3, 7)) for i in range(19)]
    channels = smf_write.track_channels(tuple(tracks))
    assert channels == [0, 1, 2, 9, 3, 4, 5, 9, 6, 7, 8, 10, 11, 12, 13, 14, 15, 0, 1]
    mid = parse(Composition(tracks=tuple(tracks)))
    written = [next(m.channel for m in t if m.type == "program_change") for t in mid.tracks[1:]]
    assert written == channels


def test_muted_and_soloed_tracks_are_exported_as_they_are():
    comp = Composition(
        tracks=(
            Track("A", mute=True, clips=(Clip(notes=(Note(0, 60, 10),)),)),
            Track("B", solo=True, clips=(Clip(notes=(Note(0, 62, 10),)),)),
        )
    )
    mid = parse(comp)
    assert [[m.note for m in t if m.type == "note_on"] for t in mid.tracks[1:]] == [[60], [62]]


def test_clips_are_expanded_the_way_the_engine_plays_them():
    meter = TimeSignature(3, 4)
    clip = Clip(
        notes=(
            Note(0, 60, 480),
            Note(1200, 64, 960),  # crosses the end of each pass: cut there
            Note(1500, 67, 100),  # starts past the end of the 1-bar pass: never heard
        ),
        length_bars=1,
        start_tick=480,
        repeats=3,
    )
    comp = Composition(time_signature=meter, tracks=(Track(clips=(clip,)),))
    written = smf_write.played_notes(comp.tracks[0], meter)
    heard = [(n.start_tick, n.end_tick, n.pitch) for n in compile_schedule(comp).notes]
    assert [(s, e, p) for s, e, p, _ in written] == sorted(heard)
    assert [(s, e, p) for s, e, p, _ in written][:2] == [(480, 960, 60), (1680, 1920, 64)]


def test_same_pitch_overlaps_are_written_as_a_synth_plays_them():
    track = Track(
        clips=(
            Clip(notes=(Note(0, 60, 960, 50), Note(480, 60, 960, 90)), length_bars=2),
            Clip(notes=(Note(0, 62, 100, 50), Note(0, 62, 300, 90)), start_tick=3840),
        )
    )
    assert smf_write.played_notes(track, TimeSignature()) == [
        (0, 480, 60, 50),
        (480, 1440, 60, 90),
        (3840, 4140, 62, 90),  # two at one tick: the longer one is kept
    ]


def test_note_offs_come_before_note_ons_at_one_tick():
    track = piano(Note(0, 60, 480), Note(480, 60, 480))
    raw = [m for m in parse(Composition(tracks=(track,))).tracks[1] if "note" in m.type]
    assert [(m.type, m.time) for m in raw] == [
        ("note_on", 0), ("note_off", 480), ("note_on", 0), ("note_off", 480),
    ]


def test_drum_tracks_share_channel_10_and_come_back_apart():
    comp = Composition(
        tracks=(
            Track("Kit", is_drum=True, program=0, clips=(Clip(notes=(Note(0, 36, 60),)),)),
            Track("Brushes", is_drum=True, program=40, clips=(Clip(notes=(Note(0, 36, 90),)),)),
        )
    )
    back = composition_from(comp)
    assert [(t.name, t.program, t.is_drum) for t in back.tracks] == [
        ("Kit", 0, True), ("Brushes", 40, True),
    ]


def composition_from(comp: Composition) -> Composition:
    from tonewell.io.smf import read_midi_bytes

    return read_midi_bytes(midi_bytes(comp)).composition


def test_names_outside_latin_1_survive():
    comp = Composition(title="Lied für 🎹", tracks=(Track("ピアノ", clips=(Clip(),)),))
    mid = parse(comp)
    assert mid.tracks[1][0].name.encode("latin-1").decode("utf-8") == "ピアノ"
    assert composition_from(comp).tracks[0].name == "ピアノ"


def test_empty_composition_is_a_valid_file():
    mid = parse(Composition())
    assert len(mid.tracks) == 1
    assert mid.tracks[0][-1].type == "end_of_track"


def test_composition_to_midi_gives_a_mido_file():
    mid = composition_to_midi(Composition(tracks=(piano(Note(0, 60, 10)),)))
    assert isinstance(mid, mido.MidiFile)
    assert all(track[-1].type == "end_of_track" for track in mid.tracks)


# --- saving ------------------------------------------------------------------------------------


def test_write_midi_replaces_the_file_and_reads_back(tmp_path):
    path = tmp_path / "song.mid"
    path.write_bytes(b"old")
    comp = Composition(title="Song", tracks=(piano(Note(0, 60, 480)),))
    write_midi(comp, path)
    assert path.read_bytes() == midi_bytes(comp)
    assert read_midi(path).composition.tracks[0].clips[0].notes == (Note(0, 60, 480),)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["song.mid"]  # no temp, no backup


def test_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "song.mid"
    path.write_bytes(b"old")

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(FileProblem, match=r"song\.mid"):
        write_midi(Composition(tracks=(piano(Note(0, 60, 480)),)), path)
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["song.mid"]


# --- controller curves ---------------------------------------------------------------------------


def test_curves_are_written_after_the_setup_with_repeats_expanded():
    clip = Clip(
        notes=(Note(0, 60, 240),),
        repeats=2,
        controls=(ControlPoint(0, CC_EXPRESSION, 50), ControlPoint(480, CC_SUSTAIN, 127)),
    )
    mid = parse(Composition(tracks=(Track("Keys", clips=(clip,)),)))
    controls = [
        (tick, msg.control, msg.value)
        for tick, msg in absolute(mid.tracks[1])
        if msg.type == "control_change"
    ]
    assert controls == [
        (0, 7, 100), (0, 10, 64),  # the track's setup
        (0, CC_EXPRESSION, 50), (480, CC_SUSTAIN, 127),
        (1920, CC_EXPRESSION, 50), (2400, CC_SUSTAIN, 127),
        (3840, CC_SUSTAIN, 0),  # the pedal lifted where the clip ends
    ]


def test_a_control_comes_before_a_note_on_at_the_same_tick():
    clip = Clip(notes=(Note(480, 60, 240),), controls=(ControlPoint(480, CC_EXPRESSION, 30),))
    mid = parse(Composition(tracks=(Track(clips=(clip,)),)))
    kinds = [msg.type for tick, msg in absolute(mid.tracks[1]) if tick == 480]
    assert kinds == ["control_change", "note_on"]


def test_drum_tracks_keep_their_kit_program():
    kit = Track("Kit", is_drum=True, program=48, clips=(Clip(notes=(Note(0, 41, 60),)),))
    mid = parse(Composition(tracks=(kit,)))
    programs = [msg for msg in mid.tracks[1] if msg.type == "program_change"]
    assert [(m.channel, m.program) for m in programs] == [(9, 48)]


# --- limits --------------------------------------------------------------------------------------


def test_a_piece_too_long_with_its_repeats_is_refused_in_one_sentence():
    notes = tuple(Note(i, 60 + i % 12, 1) for i in range(1800))
    comp = Composition(tracks=(Track(clips=(Clip(notes=notes, repeats=999),)),))
    assert MAX_MIDI_EVENTS < 2 * 1800 * 999
    with pytest.raises(MidiTooLarge) as caught:
        midi_bytes(comp)
    assert isinstance(caught.value, FileProblem)
    assert str(caught.value) == (
        "This piece is too long to save as a MIDI file: with its repeats played out it would be "
        "larger than Tonewell can open again."
    )


@pytest.mark.slow
def test_a_project_at_the_note_limit_exports_to_a_file_tonewell_reads_back():
    """What Tonewell writes it can read: 1,000,000 notes (the most a project holds) make
    2,000,000 note events, over the old 2,000,000-event import cap with the setup."""
    per_track = MAX_NOTES // 16
    chord = (40, 47, 52, 56)
    notes = tuple(
        Note((i // 4) * 120, chord[i % 4], 100, 90) for i in range(per_track)
    )  # 976 bars: one clip
    clip = Clip(notes=notes, length_bars=1024)
    comp = Composition(tracks=tuple(Track(f"T{k}", clips=(clip,)) for k in range(16)))
    assert sum(len(c.notes) for t in comp.tracks for c in t.clips) == MAX_NOTES
    back = read_midi_bytes(midi_bytes(comp), name="full.mid").composition
    assert back.note_count() == MAX_NOTES

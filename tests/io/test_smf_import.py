"""Importing .mid files: byte-exact files built here exercise each rule of the reader (running
status, velocity-0 note-offs, damage, limits...), and the fixtures in tests/data/midi stand in
for what other programs write."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import mido
import pytest
from mido_interop import midi_to_composition

from tonewell.errors import UserFacingError
from tonewell.io import smf_frames, smf_read
from tonewell.io.formats import load_any
from tonewell.io.limits import MAX_CONTROL_POINTS, MAX_MIDI_FILE_BYTES, MAX_NOTES
from tonewell.io.smf import (
    ImportCancelled,
    MidiFileError,
    MidiImport,
    read_midi,
    read_midi_bytes,
)
from tonewell.model import CC_EXPRESSION, CC_SUSTAIN, CC_VOLUME, ControlPoint, Key, TimeSignature

DATA = Path(__file__).resolve().parent.parent / "data" / "midi"


# --- building files byte by byte ---------------------------------------------------------------


def vlq(value: int) -> bytes:
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def meta(meta_type: int, data: bytes = b"") -> bytes:
    return bytes([0xFF, meta_type]) + vlq(len(data)) + data


END = meta(0x2F)


def body(*events: tuple[int, str | bytes]) -> bytes:
    """Track data from (delta, event) pairs; an event is bytes or a hex string."""
    return b"".join(
        vlq(delta) + (bytes.fromhex(event) if isinstance(event, str) else event)
        for delta, event in events
    )


def chunk(chunk_id: bytes, data: bytes, length: int | None = None) -> bytes:
    return chunk_id + struct.pack(">L", len(data) if length is None else length) + data


def mtrk(*events: tuple[int, str | bytes], length: int | None = None) -> bytes:
    return chunk(b"MTrk", body(*events), length)


def smf(*tracks: bytes, fmt: int = 1, division: int = 480, declared: int | None = None) -> bytes:
    count = len(tracks) if declared is None else declared
    return chunk(b"MThd", struct.pack(">HHH", fmt, count, division)) + b"".join(tracks)


def load(data: bytes, **kwargs) -> MidiImport:
    return read_midi_bytes(data, name="test.mid", **kwargs)


def notes_of(result: MidiImport, track: int = 0) -> list[tuple[int, int, int, int]]:
    """(start, pitch, length, velocity) on the timeline, in order."""
    t = result.composition.tracks[track]
    return sorted(
        (c.start_tick + n.start_tick, n.pitch, n.length_ticks, n.velocity)
        for c in t.clips
        for n in c.notes
    )


def one_track(*events: tuple[int, str | bytes], division: int = 480) -> MidiImport:
    return load(smf(mtrk(*events, (0, END)), fmt=0, division=division))


# --- note pairing ------------------------------------------------------------------------------


def test_running_status_and_velocity_zero_note_offs():
    result = one_track(
        (0, "903C50"),  # C4 on
        (0, "4064"),  # running status: E4 on
        (480, "3C00"),  # running status, velocity 0: C4 off
        (240, "4000"),
        (0, "8043 40"),  # a real note-off for a note that never started: ignored
    )
    assert notes_of(result) == [(0, 60, 480, 80), (0, 64, 720, 100)]
    assert result.warnings == []


def test_running_status_carries_over_meta_events():
    result = one_track((0, "903C50"), (10, meta(0x01, b"hi")), (470, "3C00"))
    assert notes_of(result) == [(0, 60, 480, 80)]


def test_same_pitch_overlap_retriggers():
    # FIFO writer: the second C4 starts before the first is released.
    result = one_track((0, "903C50"), (240, "903C60"), (240, "803C00"), (240, "803C00"))
    assert notes_of(result) == [(0, 60, 240, 80), (240, 60, 240, 96)]


def test_note_off_at_the_retrigger_tick_belongs_to_the_replaced_note():
    # Written on-before-off at one tick: the off ends the first note, not the new one.
    result = one_track((0, "903C50"), (480, "903C60"), (0, "803C00"), (480, "803C00"))
    assert notes_of(result) == [(0, 60, 480, 80), (480, 60, 480, 96)]


def test_off_then_on_at_one_tick_pairs_normally():
    result = one_track((0, "903C50"), (480, "803C00"), (0, "903C60"), (480, "803C00"))
    assert notes_of(result) == [(0, 60, 480, 80), (480, 60, 480, 96)]


def test_two_note_ons_at_one_tick_make_one_note():
    result = one_track((0, "903C50"), (0, "903C60"), (480, "803C00"))
    assert notes_of(result) == [(0, 60, 480, 96)]
    assert any("started twice" in w for w in result.warnings)


def test_zero_length_note_becomes_one_tick():
    assert notes_of(one_track((5, "903C50"), (0, "803C00"))) == [(5, 60, 1, 80)]


def test_unterminated_notes_end_at_the_end_of_their_track():
    result = one_track((0, "903C50"), (0, "9040 50"), (480, "804000"), (1440, "903E50"))
    assert notes_of(result) == [(0, 60, 1920, 80), (0, 64, 480, 80), (1920, 62, 1, 80)]
    assert any("never released" in w and ": 2." in w for w in result.warnings)


def test_missing_end_of_track_is_read_without_fuss():
    data = smf(mtrk((0, "903C50"), (480, "803C00")), mtrk((0, "913E50"), (240, "813E00")))
    result = load(data)
    assert [notes_of(result, i) for i in (0, 1)] == [[(0, 60, 480, 80)], [(0, 62, 240, 80)]]
    assert result.warnings == []


# --- channels, tracks, instruments -------------------------------------------------------------


def test_type_0_is_split_into_one_track_per_channel():
    result = one_track(
        (0, "C021"),  # channel 1: fingered bass
        (0, "C905"),  # channel 10: drums
        (0, "9924 64"),
        (0, "902D 50"),
        (0, "9140 50"),  # channel 2: no program, piano
        (120, "892400"),
        (360, "802D00"),
        (0, "814000"),
    )
    tracks = result.composition.tracks
    assert [(t.name, t.program, t.is_drum) for t in tracks] == [
        ("Electric Bass (finger)", 33, False),
        ("Acoustic Grand Piano", 0, False),
        ("Drums", 5, True),
    ]
    assert notes_of(result, 2) == [(0, 36, 120, 100)]


def test_track_name_is_used_when_the_track_has_one_channel():
    name = "Klavier – rechte Hand".encode()
    result = one_track((0, meta(0x03, name)), (0, "903C50"), (10, "803C00"))
    assert result.composition.tracks[0].name == "Klavier – rechte Hand"


def test_latin_1_track_names_are_read_too():
    result = one_track((0, meta(0x03, "Flöte\x00".encode("latin-1"))), (0, "903C50"), (1, "3C00"))
    assert result.composition.tracks[0].name == "Flöte"


def test_first_program_at_or_before_the_first_note_is_kept():
    result = one_track(
        (0, "C005"),
        (0, "903C50"),
        (0, "C006"),  # same tick as the first note, after it: still "at" the first note
        (480, "803C00"),
        (0, "C007"),  # later: ignored, with a warning
        (0, "903C50"),
        (480, "803C00"),
    )
    assert result.composition.tracks[0].program == 6
    assert any("instrument" in w for w in result.warnings)


def test_setup_in_another_track_applies_to_the_channel():
    setup = mtrk((0, meta(0x03, b"Setup")), (0, "C018"), (0, "C130"), (0, "B00750"), (0, END))
    music = mtrk((0, meta(0x03, b"Tune")), (0, "903C50"), (480, "803C00"), (0, END))
    result = load(smf(setup, music))
    [track] = result.composition.tracks  # the setup track has no notes and two channels
    assert (track.name, track.program, track.volume, track.pan) == ("Tune", 24, 80, 64)


def test_a_tracks_own_settings_win_over_another_tracks_on_the_same_channel():
    first = mtrk((0, "C905"), (0, "B90A10"), (0, "9924 64"), (60, "892400"), (0, END))
    second = mtrk((0, "C919"), (0, "9926 64"), (60, "892600"), (0, END))
    tracks = load(smf(first, second)).composition.tracks
    assert [(t.program, t.pan, t.is_drum) for t in tracks] == [(5, 16, True), (25, 16, True)]


def test_volume_and_pan_are_the_values_at_the_first_note_and_changes_become_points():
    result = one_track(
        (0, "B0075A"), (0, "B00A20"), (0, "903C50"), (240, "B00710"), (240, "803C00")
    )
    track = result.composition.tracks[0]
    assert (track.volume, track.pan) == (90, 32)
    assert track.clips[0].controls == (ControlPoint(240, CC_VOLUME, 16),)
    assert "Volume changes are kept as curves in each clip." in result.warnings


def test_values_set_twice_at_the_start_keep_the_last():
    result = one_track(
        (0, "B00765"), (0, "B0077E"), (0, "B00A40"), (0, "B00A1C"), (0, "903C50"), (240, "3C00")
    )
    track = result.composition.tracks[0]
    assert (track.volume, track.pan) == (126, 28)
    assert track.clips[0].controls == ()


def test_a_change_just_before_the_first_note_is_in_force():
    result = one_track((0, "B00A33"), (100, "B00A60"), (20, "903C50"), (240, "3C00"))
    assert result.composition.tracks[0].pan == 96


def test_expression_and_pedal_at_the_first_note_become_points_there():
    result = one_track(
        (0, "B00B50"), (0, "B04000"), (480, "903C50"), (0, "B0407F"), (240, "B00B50"),
        (0, "B00B64"), (240, "803C00"), (0, "B04000"),
    )
    clip = result.composition.tracks[0].clips[0]
    assert clip.controls == (
        ControlPoint(480, CC_EXPRESSION, 80),
        ControlPoint(480, CC_SUSTAIN, 127),
        ControlPoint(720, CC_EXPRESSION, 100),  # 80 again first: a repeat, dropped
        ControlPoint(960, CC_SUSTAIN, 0),
    )
    assert "Expression and pedal changes are kept as curves in each clip." in result.warnings


def test_every_note_keeps_its_program_by_splitting_the_track():
    result = one_track(
        (0, meta(0x03, b"Flute")), (0, "C049"), (0, "903C50"), (480, "803C00"),
        (0, "C044"), (0, "903E50"), (480, "803E00"), (0, "C049"), (0, "90405A"),
        (480, "804000"), (0, "B0070A"),
    )
    tracks = result.composition.tracks
    assert [(t.name, t.program) for t in tracks] == [("Flute", 73), ("Flute · Oboe part", 68)]
    assert notes_of(result, 0) == [(0, 60, 480, 80), (960, 64, 480, 90)]
    assert notes_of(result, 1) == [(480, 62, 480, 80)]
    assert any("split" in w and "1 more track" in w for w in result.warnings)


def test_a_note_less_track_on_one_channel_is_kept_empty():
    conductor = mtrk((0, meta(0x51, (500_000).to_bytes(3, "big"))), (0, END))
    empty = mtrk((0, meta(0x03, b"Later")), (0, "C238"), (0, END))
    tracks = load(smf(conductor, empty)).composition.tracks
    assert [(t.name, t.program, t.clips) for t in tracks] == [("Later", 56, ())]


def test_ignored_messages_are_counted_in_one_warning():
    result = one_track(
        (0, "903C50"), (0, "E00040"), (0, "0050"), (0, "B04000"), (0, "B07B00"), (10, "803C00")
    )
    assert "Not imported, as Tonewell does not play them: 2 pitch bend." in result.warnings
    assert "Pedal changes are kept as curves in each clip." not in result.warnings  # only 0s


def test_gm_reset_is_silent_but_other_sysex_is_counted():
    result = one_track(
        (0, bytes.fromhex("F0057E7F0901F7")),
        (0, bytes.fromhex("F00543104C0000")),
        (0, "903C50"),
        (10, "3C00"),
    )
    assert result.warnings == ["System exclusive messages (device settings) ignored: 1."]


# --- tempo, meter, key, time base --------------------------------------------------------------


def tempo(us_per_quarter: int) -> bytes:
    return meta(0x51, us_per_quarter.to_bytes(3, "big"))


def test_tempo_changes_become_the_tempo_map():
    result = one_track((0, tempo(666_667)), (960, tempo(428_571)), (0, "903C50"), (10, "3C00"))
    changes = result.composition.tempo_map.changes
    assert [(c.tick, c.bpm) for c in changes] == [(0, 90.0), (960, 140.0)]


def test_no_tempo_at_the_start_means_120_bpm():
    changes = one_track((480, tempo(1_000_000))).composition.tempo_map.changes
    assert [(c.tick, c.bpm) for c in changes] == [(0, 120.0), (480, 60.0)]


def test_tempos_outside_the_model_range_are_clamped_with_a_warning():
    result = one_track((0, tempo(0xFFFFFF)), (480, tempo(0)), (480, tempo(100_000)))
    assert [c.bpm for c in result.composition.tempo_map.changes] == [10.0, 400.0, 400.0]
    assert any("10–400 BPM" in w and ": 3." in w for w in result.warnings)


def test_first_time_signature_is_used_and_changes_are_warned_about():
    result = one_track(
        (0, meta(0x58, bytes([6, 3, 36, 8]))),
        (2880, meta(0x58, bytes([6, 3, 36, 8]))),  # a repeat of the same meter: no warning
        (2880, meta(0x58, bytes([2, 2, 24, 8]))),
        (0, "903C50"),
        (1, "3C00"),
    )
    assert result.composition.time_signature == TimeSignature(6, 8)
    assert len(result.warnings) == 1 and "time signature changes" in result.warnings[0]


def test_unusable_time_signature_is_ignored():
    result = one_track((0, meta(0x58, bytes([0, 9, 24, 8]))), (0, meta(0x58, b"\x03")))
    assert result.composition.time_signature == TimeSignature(4, 4)
    assert result.warnings.count("A time signature Tonewell cannot use was ignored.") == 2


@pytest.mark.parametrize(
    ("sharps", "minor", "expected"),
    [
        (0, 0, Key(0, "major")),
        (-2, 0, Key(10, "major")),
        (6, 0, Key(6, "major")),
        (-7, 0, Key(11, "major")),
        (0, 1, Key(9, "natural minor")),
        (3, 1, Key(6, "natural minor")),
        (-6, 1, Key(3, "natural minor")),
    ],
)
def test_key_signatures(sharps, minor, expected):
    result = one_track((0, meta(0x59, bytes([sharps & 0xFF, minor]))))
    assert result.composition.key == expected


def test_bad_key_signature_is_read_leniently():
    data = smf(mtrk((0, meta(0x59, bytes([9, 0]))), (0, "903C50"), (10, "3C00"), (0, END)))
    with pytest.raises(mido.KeySignatureError):  # mido gives up on the whole file here
        mido.MidiFile(file=io.BytesIO(data))
    result = load(data)
    assert result.composition.key == Key()
    assert notes_of(result) == [(0, 60, 10, 80)]
    assert result.warnings == ["A damaged key signature was ignored."]


@pytest.mark.parametrize(
    ("division", "start", "end", "expected"),
    [
        (96, 1, 2, (5, 5)),
        (960, 1, 2, (1, 1)),  # 0.5 rounds up to 1; the end too, so length is kept at 1
        (960, 961, 1921, (481, 480)),
        (1000, 999, 1001, (480, 1)),
        (7, 3, 5, (206, 137)),
    ],
)
def test_ticks_are_rescaled_to_480_per_quarter(division, start, end, expected):
    result = one_track((start, "903C50"), (end - start, "803C00"), division=division)
    [(got_start, _, got_length, _)] = notes_of(result)
    assert (got_start, got_length) == expected


def test_rescaling_keeps_order():
    events = [(1, "903C50"), (1, "803C00"), (0, "903E50"), (1, "803E00"), (0, "9040 50")]
    starts = [n[0] for n in notes_of(one_track(*events, (1, "804000"), division=5000))]
    assert starts == sorted(starts)


def test_notes_go_into_one_clip_of_whole_bars_from_tick_0():
    result = one_track((0, meta(0x58, bytes([3, 2, 24, 8]))), (1500, "903C50"), (500, "3C00"))
    [clip] = result.composition.tracks[0].clips
    assert (clip.start_tick, clip.length_bars, clip.repeats) == (0, 2, 1)


def test_a_track_longer_than_1024_bars_gets_more_clips_without_cutting_notes():
    bar = 1920
    result = one_track(
        (0, "903C50"),
        (10, "3C00"),
        (1023 * bar, "903E50"),  # crosses the end of bar 1024: starts the second clip
        (2 * bar, "3E00"),
        (100 * bar, "903C50"),
        (10, "3C00"),
    )
    clips = result.composition.tracks[0].clips
    assert [(c.start_tick, c.length_bars) for c in clips] == [(0, 1), (1023 * bar, 103)]
    assert notes_of(result) == [
        (0, 60, 10, 80), (1023 * bar + 10, 62, 2 * bar, 80), (1125 * bar + 10, 60, 10, 80),
    ]


def test_a_note_longer_than_1024_bars_is_cut_to_fit_a_clip():
    bar = 1920
    result = one_track((5, "903C50"), (2000 * bar, "3C00"))
    [clip] = result.composition.tracks[0].clips
    assert (clip.start_tick, clip.length_bars) == (0, 1024)
    assert notes_of(result) == [(5, 60, 1024 * bar - 5, 80)]
    assert "Notes longer than 1,024 bars, shortened to fit a clip: 1." in result.warnings


# --- title and metadata ------------------------------------------------------------------------


def test_title_and_metadata(tmp_path):
    path = tmp_path / "My Song.mid"
    path.write_bytes(one_file_with_copyright())
    result = read_midi(path)
    assert result.composition.title == "My Song"
    assert result.composition.metadata == {
        "imported_from": "My Song.mid",
        "copyright": "(c) Someone",
    }
    assert read_midi(path, title="Other").composition.title == "Other"


def one_file_with_copyright() -> bytes:
    return smf(mtrk((0, meta(0x02, b"(c) Someone")), (0, "903C50"), (10, "3C00"), (0, END)))


def test_empty_file_says_it_has_no_notes():
    result = load(smf(mtrk((0, END))))
    assert result.composition.tracks == ()
    assert result.warnings == ["The file contains no notes."]


# --- files that are not MIDI, or that we refuse ------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", '"test.mid" is empty.'),
        (b"ID3\x03hello", '"test.mid" is not a MIDI file (it does not start with MThd).'),
        (b"MThd\x00\x00", '"test.mid" is damaged: its header is cut short.'),
        (chunk(b"MThd", b"\x00\x01"), '"test.mid" is damaged: its header is cut short.'),
        (smf(fmt=7), '"test.mid" is damaged: its header names an unknown MIDI format (7).'),
        (smf(division=0), '"test.mid" is damaged: its header says a beat has 0 ticks.'),
    ],
)
def test_refusals_are_one_plain_line(data, message):
    with pytest.raises(MidiFileError) as caught:
        load(data)
    assert str(caught.value) == message


def test_type_2_is_refused_clearly():
    with pytest.raises(MidiFileError, match=r'^"test.mid" is a type 2 MIDI file .*type 0 or 1'):
        load(smf(mtrk((0, END)), fmt=2))


def test_smpte_time_is_refused_clearly():
    with pytest.raises(MidiFileError, match="SMPTE"):
        load(smf(mtrk((0, END)), division=0xE728))  # -25 fps, 40 ticks per frame


def test_riff_rmid_is_unwrapped():
    inner = smf(mtrk((0, "903C50"), (480, "3C00"), (0, END)))
    riff_body = b"RMID" + b"LIST" + struct.pack("<L", 4) + b"INFO"  # an info chunk first
    riff_body += b"data" + struct.pack("<L", len(inner)) + inner
    data = b"RIFF" + struct.pack("<L", len(riff_body)) + riff_body
    assert notes_of(load(data)) == [(0, 60, 480, 80)]


def test_riff_that_is_not_midi_is_refused():
    with pytest.raises(MidiFileError, match="not a MIDI file"):
        load(b"RIFF\x04\x00\x00\x00WAVE")


# --- damage ------------------------------------------------------------------------------------


def test_out_of_range_data_bytes_are_clipped():
    result = one_track((0, "90BCFF"), (10, "807F00"))
    assert notes_of(result) == [(0, 127, 10, 127)]
    assert "Out-of-range data values read as 127: 2." in result.warnings


def test_track_length_recorded_too_long_is_read_up_to_its_end_marker():
    first = mtrk((0, "903C50"), (480, "3C00"), (0, END), length=500)
    second = mtrk((0, "913E50"), (480, "3E00"), (0, END))
    result = load(smf(first, second))
    assert [notes_of(result, i) for i in (0, 1)] == [[(0, 60, 480, 80)], [(0, 62, 480, 80)]]
    assert any("wrong length" in w for w in result.warnings)


def test_track_length_recorded_too_short_is_read_up_to_its_end_marker():
    first = mtrk((0, "903C50"), (480, "3C00"), (0, "9040 50"), (10, "4000"), (0, END), length=5)
    second = mtrk((0, "913E50"), (480, "3E00"), (0, END))
    result = load(smf(first, second))
    assert notes_of(result, 0) == [(0, 60, 480, 80), (480, 64, 10, 80)]
    assert notes_of(result, 1) == [(0, 62, 480, 80)]
    assert any("wrong length" in w for w in result.warnings)


def test_truncated_file_keeps_what_was_read():
    whole = smf(mtrk((0, "903C50"), (480, "3C00"), (0, "903E50"), (480, "3E00"), (0, END)))
    result = load(whole[:-6])  # cut inside the second note-off
    assert notes_of(result) == [(0, 60, 480, 80), (480, 62, 1, 80)]
    assert any("ends in the middle" in w for w in result.warnings)
    assert any("never released" in w for w in result.warnings)


def test_damage_in_one_track_keeps_the_others():
    broken = mtrk((0, "903C50"), (480, "3C00"), (0, "F4"), (0, "903E50"), (0, END))
    healthy = mtrk((0, "913E50"), (480, "3E00"), (0, END))
    result = load(smf(broken, healthy))
    assert notes_of(result, 0) == [(0, 60, 480, 80)]
    assert notes_of(result, 1) == [(0, 62, 480, 80)]
    assert any("Track 1 is damaged" in w and "0xF4" in w for w in result.warnings)


def test_data_byte_without_status_is_damage():
    broken = mtrk((0, "3C50"), (0, "903C50"), (0, END))
    result = load(smf(broken, mtrk((0, "903E50"), (10, "3E00"), (0, END))))
    assert notes_of(result) == [(0, 62, 10, 80)]
    assert any("Track 1" in w and "without a status byte" in w for w in result.warnings)


def test_a_damaged_file_with_no_notes_left_is_refused():
    broken = mtrk((0, "3C50"), (0, "903C50"), (0, END))  # data before any status byte
    with pytest.raises(MidiFileError) as caught:
        load(smf(broken))
    assert str(caught.value) == '"test.mid" is damaged: no notes could be read from it.'
    load(smf(mtrk((0, tempo(500_000)), (0, END))))  # undamaged and empty: fine


def test_alien_chunks_are_skipped_and_garbage_between_tracks_too():
    data = smf(
        mtrk((0, "903C50"), (480, "3C00"), (0, END)),
        chunk(b"XFIH", b"\x01\x02\x03"),
        b"\x00\x00\x17",
        mtrk((0, "913E50"), (480, "3E00"), (0, END)),
        declared=2,
    )
    result = load(data)
    assert len(result.composition.tracks) == 2
    assert result.warnings == ["Unreadable bytes between tracks skipped: 3."]


def test_missing_tracks_are_reported():
    result = load(smf(mtrk((0, "903C50"), (480, "3C00"), (0, END)), declared=3))
    assert any("Tracks missing" in w for w in result.warnings)


def test_live_only_system_messages_are_skipped():
    result = one_track((0, "F8"), (0, "903C50"), (0, "F2 0000"), (480, "3C00"))
    assert notes_of(result) == [(0, 60, 480, 80)]
    assert any("Live-only" in w and ": 2." in w for w in result.warnings)


# --- limits ------------------------------------------------------------------------------------


def test_too_large_bytes_are_refused_before_reading():
    with pytest.raises(MidiFileError, match=r'^"test.mid" is too large to open \(over 27 MB\)'):
        load(b"MThd" + bytes(MAX_MIDI_FILE_BYTES))


def test_too_large_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.mid"
    with path.open("wb") as f:
        f.truncate(MAX_MIDI_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(MidiFileError, match=r'^"huge.mid" is too large to open'):
        read_midi(path)


def test_too_many_tracks_are_refused():
    data = smf(*[mtrk((0, END))] * 258)
    with pytest.raises(MidiFileError, match=r"too many tracks to open \(over 257\)"):
        load(data)
    # 256 tracks and export's conductor track are fine (no notes)
    assert len(load(smf(*[mtrk((0, END))] * 257)).warnings) == 1


def test_too_many_events_are_refused(monkeypatch):
    monkeypatch.setattr(smf_frames, "MAX_EVENTS", 100)
    notes = [(0, "903C50"), (1, "3C00")] * 50
    load(smf(mtrk(*notes)))  # exactly 100 events
    with pytest.raises(MidiFileError, match=r"too large to open \(over 100 events\)"):
        load(smf(mtrk(*notes, (0, END))))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, '"gone.mid" was not found.'),
        (lambda p: p.mkdir(), '"gone.mid" is a folder, not a MIDI file.'),
    ],
)
def test_unreadable_paths_are_plain_errors(tmp_path, make, message):
    path = tmp_path / "gone.mid"
    make(path)
    with pytest.raises(MidiFileError) as caught:
        read_midi(path)
    assert str(caught.value) == message


# --- files as other programs write them --------------------------------------------------------


def test_fixture_from_a_notation_program():
    result = read_midi(DATA / "sequencer_type1_ppq96.mid")
    comp = result.composition
    assert comp.title == "sequencer_type1_ppq96"
    assert comp.metadata["copyright"] == "(c) 2026 Example Composer"
    assert [(c.tick, c.bpm) for c in comp.tempo_map.changes] == [(0, 100.0), (5760, 80.0)]
    assert (comp.time_signature, comp.key) == (TimeSignature(3, 4), Key(10, "major"))
    assert [(t.name, t.program, t.is_drum, t.volume, t.pan) for t in comp.tracks] == [
        ("Piano", 0, False, 100, 40),
        ("Strings", 48, False, 100, 64),
        ("Drums", 0, True, 100, 64),
    ]
    assert notes_of(result, 0) == [
        (0, 60, 480, 80), (0, 64, 480, 80), (480, 67, 480, 76), (960, 72, 960, 96),
    ]
    assert notes_of(result, 1) == [(0, 57, 1440, 70), (1440, 60, 1440, 70)]
    assert len(notes_of(result, 2)) == 8
    assert comp.tracks[0].clips[0].controls == (
        ControlPoint(0, CC_SUSTAIN, 127), ControlPoint(960, CC_SUSTAIN, 0),
    )
    assert sorted(result.warnings) == [
        "Not imported, as Tonewell does not play them: 1 pitch bend.",
        "Pedal changes are kept as curves in each clip.",
        "Text not kept: 1 text, 1 marker.",
    ]


def test_fixture_from_a_type_0_sequencer():
    result = read_midi(DATA / "type0_ppq960.mid")
    comp = result.composition
    assert [(c.tick, c.bpm) for c in comp.tempo_map.changes] == [(0, 120.0), (3840, 140.0)]
    assert comp.key == Key(9, "natural minor")
    assert [(t.name, t.program, t.is_drum, t.volume) for t in comp.tracks] == [
        ("Acoustic Grand Piano", 0, False, 100),
        ("Acoustic Grand Piano · Electric Piano 1 part", 4, False, 100),
        ("Electric Bass (finger)", 33, False, 90),
        ("Drums", 0, True, 100),
    ]
    assert notes_of(result, 0) == [(0, 69, 481, 100), (481, 72, 480, 100)]
    assert notes_of(result, 1) == [(3840, 76, 960, 80)]  # after the program change
    assert notes_of(result, 2) == [(0, 45, 1920, 90)]
    assert notes_of(result, 3) == [(0, 36, 60, 100)]
    assert len(result.warnings) == 3


@pytest.mark.parametrize("fixture", sorted(p.name for p in DATA.glob("*.mid")))
def test_fixtures_import_the_same_through_mido(fixture):
    """Where mido can parse a file, its reading and ours give the same composition."""
    data = (DATA / fixture).read_bytes()
    ours = read_midi_bytes(data, name=fixture)
    theirs = midi_to_composition(mido.MidiFile(file=io.BytesIO(data)), name=fixture)
    assert theirs.composition.tracks == ours.composition.tracks
    assert theirs.composition.tempo_map == ours.composition.tempo_map
    assert theirs.warnings == ours.warnings


def test_fixtures_are_what_the_generator_makes():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fixtures", DATA / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, build in module.FIXTURES.items():
        assert (DATA / name).read_bytes() == build(), f"rebuild {name} with make_fixtures.py"


def test_a_mido_file_built_in_memory_imports_the_same_way():
    mid = mido.MidiFile(type=1, ticks_per_beat=96)
    mid.tracks.append(mido.MidiTrack([
        mido.MetaMessage("key_signature", key="F#m"),
        mido.MetaMessage("set_tempo", tempo=400_000),
    ]))
    mid.tracks.append(mido.MidiTrack([
        mido.MetaMessage("track_name", name="Harp"),
        mido.Message("program_change", channel=3, program=46),
        mido.Message("note_on", channel=3, note=67, velocity=70, time=96),
        mido.Message("note_on", channel=3, note=67, velocity=0, time=48),
    ]))
    result = midi_to_composition(mid, name="built.mid")
    comp = result.composition
    assert (comp.title, comp.key, comp.tempo_bpm) == ("built", Key(6, "natural minor"), 150.0)
    assert [(t.name, t.program) for t in comp.tracks] == [("Harp", 46)]
    assert notes_of(result) == [(480, 67, 240, 70)]
    with pytest.raises(MidiFileError, match="type 2"):
        midi_to_composition(mido.MidiFile(type=2), name="built.mid")


# --- big files: limits agree with a project, progress and cancel --------------------------------


def many_notes(count: int) -> bytes:
    return smf(mtrk(*[(0, "903C50"), (1, "3C00")] * count, (0, END)))


def test_more_notes_than_a_project_holds_are_refused(monkeypatch):
    monkeypatch.setattr(smf_read, "MAX_NOTES", 99)
    load(many_notes(99))
    with pytest.raises(MidiFileError, match=r'^"test.mid" holds more notes than a Tonewell '
                       r"piece can \(over 99\)\.$"):
        load(many_notes(100))


def test_more_curve_points_than_a_project_holds_are_refused(monkeypatch):
    monkeypatch.setattr(smf_read, "MAX_CONTROL_POINTS", 3)
    swell = [(0, "903C50")] + [(1, f"B00B{v:02X}") for v in (10, 20, 30, 40)] + [(1, "803C00")]
    with pytest.raises(MidiFileError, match="more volume, pan, expression and pedal changes"):
        one_track(*swell)


def test_the_event_cap_leaves_room_for_a_full_project():
    assert smf_frames.MAX_EVENTS >= 2 * MAX_NOTES + MAX_CONTROL_POINTS


def test_progress_is_reported_from_0_to_1(monkeypatch):
    monkeypatch.setattr(smf_frames, "POLL_MASK", 15)
    seen: list[float] = []
    load(many_notes(200), progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen) and len(seen) > 10


@pytest.mark.parametrize("after_calls", [1, 5, 28, 29])  # 28: scanning, 29: building
def test_an_import_can_be_cancelled_while_reading_or_building(monkeypatch, after_calls):
    monkeypatch.setattr(smf_frames, "POLL_MASK", 15)
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) >= after_calls

    with pytest.raises(ImportCancelled) as caught:
        load(many_notes(200), cancelled=cancelled)
    assert not isinstance(caught.value, UserFacingError)
    assert len(calls) == after_calls


def test_a_file_is_read_with_progress_and_cancel(tmp_path):
    path = tmp_path / "tune.mid"
    path.write_bytes(many_notes(3))
    seen: list[float] = []
    assert read_midi(path, progress=seen.append, cancelled=lambda: False).composition
    assert seen[-1] == 1.0
    with pytest.raises(ImportCancelled):
        load_any(path, cancelled=lambda: True)


# --- times beyond what a project holds -----------------------------------------------------------


def test_events_later_than_a_project_can_hold_are_left_out_and_the_piece_saves_and_reopens():
    from tonewell.io.limits import MAX_TICK
    from tonewell.io.project import project_from_bytes, project_to_bytes

    longest = 0x0FFFFFFF  # the largest delta time a MIDI file can hold
    late = [(longest, "903E5A"), (10, "803E00")] * 20  # each ~2.8M beats later than the last
    result = one_track((0, "903C5A"), (480, "803C00"), *late, division=96)
    notes = notes_of(result)
    assert notes[0] == (0, 60, 2400, 90)
    assert all(start + length <= MAX_TICK for start, _, length, _ in notes)
    assert len(notes) < 21
    assert any("left out" in w for w in result.warnings)
    again = project_from_bytes(project_to_bytes(result.composition))
    assert again.note_count() == result.composition.note_count()

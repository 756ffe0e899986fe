"""Write a Composition as a type 1 Standard MIDI File that other programs, and Tonewell, read back
the way the app plays it. The bytes are assembled here (about 1 µs a note; building a mido message
per event and letting mido save them took ~45 µs a note); mido reads them back in the tests.

Choices:
- Track 0 is the conductor: the title as its name, the time signature, the key signature and every
  tempo change at its tick; its end-of-track marks where the piece ends.
- Then one MTrk per Tonewell track: name, program change (the kit's program on drum tracks),
  volume (CC7), pan (CC10), then its controller curves (`Track.heard_controls`: repeats
  expanded, a held pedal lifted where its clip ends) and its notes. At one tick controller
  changes come first, then note-offs, then note-ons, as the engine plays them.
- Channels: drum tracks share channel 10 (index 9). Melodic tracks take channels 0..15, skipping
  9, in track order; after 15 melodic tracks the channels are used again from 0 (a file has only
  16). Tracks sharing a channel are still separate MTrks, so Tonewell reads them back apart; other
  players will hear the later track's instrument on both.
- Clips are expanded the way the engine plays them (engine/schedule.py): each repeat in turn, a
  note starting past the end of a pass dropped, one crossing it cut there.
- Same-pitch notes overlapping on one track are written as a synth plays them: the earlier ends
  where the later starts. At one tick note-offs come before note-ons, so every reader pairs them
  the same way.
- Muted and soloed tracks are written as they are: muting is a playback choice, not the piece.
- Key: major and natural minor as they are; other modes as the key signature with the same
  accidentals (D dorian is written as C major); chromatic writes no key signature.
- A piece whose repeats make a file larger than Tonewell reads back (`tonewell.io.limits`) is
  refused with one plain sentence (`MidiTooLarge`, a FileProblem), before anything is written.
"""

from __future__ import annotations

import struct
from collections import defaultdict

from tonewell.errors import FileProblem
from tonewell.io.files import safe_text
from tonewell.io.limits import MAX_MIDI_EVENTS, MAX_MIDI_FILE_BYTES
from tonewell.model import CC_PAN, CC_VOLUME, PPQ, Composition, Key, TimeSignature, Track
from tonewell.model.gm import DRUM_CHANNEL

MELODIC_CHANNELS = tuple(c for c in range(16) if c != DRUM_CHANNEL)


class MidiTooLarge(FileProblem):
    """The piece, with its repeats played out, is more than a .mid file Tonewell reads back."""

MAJOR_SHARPS = (0, -5, 2, -3, 4, -1, 6, 1, -4, 3, -2, 5)
"""Pitch class of a major key's tonic -> sharps in its signature (negative = flats), choosing
the spelling with fewer accidentals (Db, not C#; F# for the tie)."""

MAJOR_KEY_NAMES = (
    "Cb", "Gb", "Db", "Ab", "Eb", "Bb", "F", "C", "G", "D", "A", "E", "B", "F#", "C#",
)
MINOR_KEY_NAMES = (
    "Abm", "Ebm", "Bbm", "Fm", "Cm", "Gm", "Dm", "Am", "Em", "Bm", "F#m", "C#m", "G#m", "D#m",
    "A#m",
)
"""mido's key names, indexed by sharps + 7."""

MODE_SIGNATURES: dict[str, tuple[int, bool] | None] = {
    "major": (0, False),
    "natural minor": (0, True),
    "dorian": (-2, False),
    "mixolydian": (-7, False),
    "major pentatonic": (0, False),
    "minor pentatonic": (0, True),
    "blues": (0, True),
    "chromatic": None,
}
"""Mode -> (semitones from the tonic to the key whose signature it shares, is that key minor),
or None when no key signature fits."""

ORDER_SETUP, ORDER_CONTROL, ORDER_NOTE_OFF, ORDER_NOTE_ON = range(4)


def key_signature(key: Key) -> tuple[int, int] | None:
    """(sharps -7..7, 1 for minor else 0) of the key signature written for `key`, or None."""
    signature = MODE_SIGNATURES.get(key.mode)
    if signature is None:
        return None
    shift, minor = signature
    tonic = (key.tonic + shift) % 12
    return MAJOR_SHARPS[(tonic + 3) % 12 if minor else tonic], int(minor)


def key_signature_name(key: Key) -> str | None:
    """mido's name for the key signature of `key` (e.g. 'Bb', 'F#m'), or None for none."""
    signature = key_signature(key)
    if signature is None:
        return None
    sharps, minor = signature
    return (MINOR_KEY_NAMES if minor else MAJOR_KEY_NAMES)[sharps + 7]


def track_channels(tracks: tuple[Track, ...]) -> list[int]:
    """The channel each track is written on (see the module docstring)."""
    out = []
    melodic = 0
    for track in tracks:
        if track.is_drum:
            out.append(DRUM_CHANNEL)
        else:
            out.append(MELODIC_CHANNELS[melodic % len(MELODIC_CHANNELS)])
            melodic += 1
    return out


def played_notes(track: Track, meter: TimeSignature) -> list[tuple[int, int, int, int]]:
    """(start, end, pitch, velocity) of every note the track plays, on the timeline, in order,
    with same-pitch overlaps resolved (the earlier note ends where the later one starts)."""
    by_pitch: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for clip in track.clips:
        for start, end, note in clip.heard_notes(meter):
            by_pitch[note.pitch].append((start, end, note.velocity))
    out = []
    for pitch, notes in by_pitch.items():
        notes.sort()
        for (start, end, velocity), following in zip(notes, [*notes[1:], None], strict=True):
            if following is not None:
                end = min(end, following[0])
            if end > start:  # a note restarted at its own start tick is the later one
                out.append((start, end, pitch, velocity))
    out.sort()
    return out


Event = tuple[int, int, bytes]
"""(tick, order at that tick, the event's bytes from its status byte on)."""

META_TRACK_NAME = 0x03
META_TEMPO = 0x51
META_TIME_SIGNATURE = 0x58
META_KEY_SIGNATURE = 0x59
END_OF_TRACK = b"\xff\x2f\x00"


def _vlq(value: int) -> bytes:
    """A MIDI variable-length quantity."""
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def _meta(meta_type: int, data: bytes) -> bytes:
    return bytes((0xFF, meta_type)) + _vlq(len(data)) + data


def _chunk(events: list[Event], end_tick: int = 0) -> bytes:
    """An MTrk chunk of `events` in time order, its end-of-track at `end_tick` or right after
    the last event, whichever is later. No running status: plainest for every reader."""
    events.sort(key=lambda e: (e[0], e[1]))
    out = bytearray()
    last_tick = 0
    for tick, _, data in events:
        delta = tick - last_tick
        if delta < 0x80:
            out.append(delta)
        else:
            out += _vlq(delta)
        out += data
        last_tick = tick
    out += _vlq(max(0, end_tick - last_tick)) + END_OF_TRACK
    return b"MTrk" + struct.pack(">L", len(out)) + out


def _conductor(comp: Composition) -> bytes:
    meter = comp.time_signature
    events: list[Event] = [
        (0, ORDER_SETUP, _meta(META_TRACK_NAME, safe_text(comp.title).encode("utf-8"))),
        (0, ORDER_SETUP, _meta(META_TIME_SIGNATURE, bytes((
            meter.numerator,
            meter.denominator.bit_length() - 1,
            96 // meter.denominator,  # MIDI clocks per metronome click: one beat
            8,  # 32nd notes per quarter
        )))),
    ]
    signature = key_signature(comp.key)
    if signature is not None:
        sharps, minor = signature
        events.append((0, ORDER_SETUP, _meta(META_KEY_SIGNATURE, bytes((sharps & 0xFF, minor)))))
    for change in comp.tempo_map.changes:
        tempo = change.us_per_quarter.to_bytes(3, "big")
        events.append((change.tick, ORDER_SETUP, _meta(META_TEMPO, tempo)))
    return _chunk(events, end_tick=comp.end_tick())


def _instrument_track(track: Track, channel: int, meter: TimeSignature) -> bytes:
    events: list[Event] = [
        (0, ORDER_SETUP, _meta(META_TRACK_NAME, safe_text(track.name).encode("utf-8"))),
        (0, ORDER_SETUP, bytes((0xC0 | channel, track.program))),
        (0, ORDER_SETUP, bytes((0xB0 | channel, CC_VOLUME, track.volume))),
        (0, ORDER_SETUP, bytes((0xB0 | channel, CC_PAN, track.pan))),
    ]
    control = 0xB0 | channel
    for tick, controller, value in track.heard_controls(meter):
        events.append((tick, ORDER_CONTROL, bytes((control, controller, value))))
    note_on, note_off = 0x90 | channel, 0x80 | channel
    for start, end, pitch, velocity in played_notes(track, meter):
        events.append((start, ORDER_NOTE_ON, bytes((note_on, pitch, velocity))))
        events.append((end, ORDER_NOTE_OFF, bytes((note_off, pitch, 0))))
    return _chunk(events)


def event_count_bound(comp: Composition) -> int:
    """At most how many events the file of `comp` holds, counted without building it (the
    notes and points of every pass, setup and end markers), so an oversized piece is refused
    before its repeats are played out in memory."""
    meter = comp.time_signature
    count = 4 + len(comp.tempo_map.changes)  # conductor: name, meter, key, tempos, end
    for track in comp.tracks:
        count += 5  # name, program, volume, pan, end
        for clip in track.clips:
            pass_ticks = clip.length_ticks(meter)
            notes = sum(1 for n in clip.notes if n.start_tick < pass_ticks)
            points = sum(1 for p in clip.controls if p.tick < pass_ticks)
            count += clip.repeats * (2 * notes + points) + 1  # + a pedal lift
    return count


def _too_large() -> MidiTooLarge:
    return MidiTooLarge(
        "This piece is too long to save as a MIDI file: with its repeats played out it "
        "would be larger than Tonewell can open again."
    )


def midi_bytes(comp: Composition) -> bytes:
    """The bytes of `comp` as a type 1 Standard MIDI File (see the module docstring). Raises
    MidiTooLarge when Tonewell could not read the file back."""
    if event_count_bound(comp) > MAX_MIDI_EVENTS:
        raise _too_large()
    chunks = [_conductor(comp)]
    meter = comp.time_signature
    for track, channel in zip(comp.tracks, track_channels(comp.tracks), strict=True):
        chunks.append(_instrument_track(track, channel, meter))
    header = b"MThd" + struct.pack(">LHHH", 6, 1, len(chunks), PPQ)
    data = header + b"".join(chunks)
    if len(data) > MAX_MIDI_FILE_BYTES:
        raise _too_large()
    return data

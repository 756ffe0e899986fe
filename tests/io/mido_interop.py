"""Between mido and Tonewell, for tests only: files built with mido import the app's way, and
the app's files are read back by mido, the independent reader they are checked against."""

from __future__ import annotations

import io

import mido

from tonewell.io.smf_frames import MidiFileError, RawEvent, RawMidi, vlq_at
from tonewell.io.smf_read import MidiImport, raw_to_composition
from tonewell.io.smf_write import midi_bytes
from tonewell.model import Composition


def raw_from_mido(mid: mido.MidiFile, name: str) -> RawMidi:
    """A mido MidiFile as raw events, so files built or parsed by mido import the same way."""
    if mid.type == 2:
        raise MidiFileError(f'"{name}" is a type 2 MIDI file, which Tonewell cannot open.')
    if not isinstance(mid.ticks_per_beat, int) or mid.ticks_per_beat <= 0:
        raise MidiFileError(f'"{name}" has no usable ticks per beat.')
    tracks: list[list[RawEvent]] = []
    for track in mid.tracks:
        tick = 0
        events: list[RawEvent] = []
        for msg in track:
            tick += int(msg.time)
            if msg.is_meta:
                data = bytes(msg.bytes())
                _, start = vlq_at(data, 2)
                events.append((tick, 0xFF, data[1], 0, data[start:]))
            elif msg.type == "sysex":
                events.append((tick, 0xF0, 0xF0, 0, bytes(msg.data)))
            else:
                data = bytes(msg.bytes())
                if data[0] < 0xF0:
                    events.append((tick, data[0], data[1], data[2] if len(data) > 2 else 0, b""))
        tracks.append(events)
    return RawMidi(mid.type, mid.ticks_per_beat, tracks)


def midi_to_composition(
    mid: mido.MidiFile, *, name: str = "MIDI file", title: str | None = None
) -> MidiImport:
    """Import a mido MidiFile (built in memory or parsed by mido) the same way as a file."""
    return raw_to_composition(raw_from_mido(mid, name), name=name, title=title)


def composition_to_midi(comp: Composition) -> mido.MidiFile:
    """`comp` as a mido MidiFile (the bytes of `midi_bytes`, parsed by mido)."""
    return mido.MidiFile(file=io.BytesIO(midi_bytes(comp)))

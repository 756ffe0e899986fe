"""Turn a MIDI file's raw events into a Composition, saying plainly what could not be kept.

A .mid file and a Tonewell composition do not map one to one: MIDI has channels, running tempo
and meter changes, pedals and pitch bend; Tonewell has tracks holding clips, one meter and one key.
This module makes the choices (documented below) and collects a warning for everything dropped,
so an import never fails silently and never crashes on a file another program wrote.

Choices:
- Every (file track, channel) pair with notes becomes one Tonewell track, so a type 0 file (all
  channels in one track) is split per channel. Channel 10 (index 9) is a drum track.
- Same pitch, same channel, still sounding when a new note-on arrives: the sounding note ends there
  and the new one starts ("retrigger", what a synth plays). A note-off at the very tick a
  retriggered note began belongs to the note it replaced. Two note-ons at one tick make one note.
- A note never released ends where its track ends (at least one tick long).
- Ticks are rescaled to PPQ by rounding start and end independently (order is kept; a note is at
  least one tick long). Tempo, time signature and key come from all tracks in time order.
- A track's instrument is the last program change at or before its first note, from its own file
  track first, else from any track on its channel; later changes are ignored with a warning.
  Volume (CC7) and pan (CC10) are the first values, found the same way.
- The notes of a track go into one clip from tick 0, as many whole bars long as they need. A
  track longer than a clip may be (1024 bars) gets more clips, each starting on the bar of the
  first note that would not fit in the one before, so no note is cut (except one that alone is
  longer than 1024 bars).
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import PurePath

import mido

from tonewell.io.smf_frames import MidiFileError, RawEvent, RawMidi, vlq_at
from tonewell.model import (
    PPQ,
    Clip,
    Composition,
    Key,
    Note,
    TempoChange,
    TempoMap,
    TimeSignature,
    Track,
)
from tonewell.model.gm import DRUM_CHANNEL, program_name
from tonewell.model.timing import MAX_BPM, MIN_BPM, VALID_DENOMINATORS, whole_bars

DEFAULT_US_PER_QUARTER = 500_000
"""120 BPM: the tempo of a MIDI file that sets none."""

MAX_CLIP_BARS = 1024
"""The longest clip the model allows (Clip.length_bars)."""

NOTE_OFF, NOTE_ON, KEY_PRESSURE, CONTROL, PROGRAM, CHANNEL_PRESSURE, PITCH_BEND = range(8, 15)
CC_VOLUME = 7
CC_PAN = 10

META_COPYRIGHT = 0x02
META_TRACK_NAME = 0x03
META_TEMPO = 0x51
META_TIME_SIGNATURE = 0x58
META_KEY_SIGNATURE = 0x59

UNPLAYED_MESSAGES: dict[int, str] = {
    KEY_PRESSURE: "key pressure",
    CHANNEL_PRESSURE: "channel pressure",
    PITCH_BEND: "pitch bend",
}
CONTROLLER_NAMES: dict[int, str] = {
    0: "bank select",
    32: "bank select",
    1: "modulation",
    11: "expression",
    64: "sustain pedal",
    66: "sostenuto pedal",
    67: "soft pedal",
    91: "reverb",
    93: "chorus",
}
"""Controllers we name when reporting that they were not imported; others are 'controller'."""

SILENT_CONTROLLERS = range(120, 128)
"""Channel mode messages (all notes off, reset controllers...): housekeeping, nothing to keep."""

TEXT_META_NAMES: dict[int, str] = {0x01: "text", 0x05: "lyric", 0x06: "marker", 0x07: "cue point"}

RESET_SYSEX: frozenset[bytes] = frozenset({
    bytes.fromhex("7E7F0901"),  # General MIDI system on
    bytes.fromhex("7E7F0903"),  # General MIDI 2 system on
    bytes.fromhex("411042124000007F0041"),  # Roland GS reset
    bytes.fromhex("43104C00007E00"),  # Yamaha XG system on
})
"""Sysex that only resets a synth to General MIDI, which Tonewell always is: not worth a warning."""

MAX_NAME_CHARS = 100


@dataclass
class MidiImport:
    """An imported composition and plain sentences about what could not be kept."""

    composition: Composition
    warnings: list[str]


def key_from_signature(sharps: int, minor: bool) -> Key:
    """The Key of a key signature: `sharps` -7..7 (negative = flats), major or minor."""
    tonic = (sharps * 7 + (9 if minor else 0)) % 12
    return Key(tonic, "natural minor" if minor else "major")


def _text(payload: bytes) -> str:
    """Meta text as a clean one-line string (UTF-8 when it is, else Latin-1)."""
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        text = payload.decode("latin-1")
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())[:MAX_NAME_CHARS]


def _bpm(us_per_quarter: int) -> float:
    """The tempo in BPM, as round a number as gives back the same `us_per_quarter` (666667 µs
    is 90.0 BPM, not 89.99995), so a file's tempo survives being imported and saved again."""
    if us_per_quarter <= 0:
        return math.inf
    exact = 60_000_000 / us_per_quarter
    for digits in range(4):
        bpm = round(exact, digits)
        if bpm and round(60_000_000 / bpm) == us_per_quarter:
            return bpm
    return exact


def _phrase(counts: Counter[str]) -> str:
    """`Counter({'pitch bend': 3, 'modulation': 1})` -> `3 pitch bend, 1 modulation`."""
    return ", ".join(f"{n:,} {label}" for label, n in counts.most_common())


@dataclass
class _Group:
    """One future Tonewell track: a file track's notes on one channel."""

    track: int
    channel: int
    notes: list[tuple[int, int, int, int]]
    """(start, end, pitch, velocity) in file ticks."""


class _Setting:
    """The timed values one channel setting (program, volume or pan) takes in a file."""

    def __init__(self, default: int) -> None:
        self.default = default
        self.changes: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        """channel -> (tick, file track, value), in time order once `value_for` is called."""
        self.own: dict[tuple[int, int], list[tuple[int, int, int]]] = {}

    def add(self, channel: int, tick: int, track: int, value: int) -> None:
        self.changes[channel].append((tick, track, value))

    def _index(self) -> None:
        for channel, changes in self.changes.items():
            changes.sort(key=lambda c: c[0])
            for change in changes:
                self.own.setdefault((channel, change[1]), []).append(change)

    def value_for(self, group: _Group, at_tick: float | None) -> tuple[int, int]:
        """The value a group starts with, and how many different later values its own file
        track sets (which Tonewell cannot keep). With `at_tick` None this is the first value
        the group's own file track sets, else the first any track sets on its channel; with a
        tick, the last value set at or before it, looked up the same way."""
        if self.changes and not self.own:
            self._index()
        changes = self.changes.get(group.channel, [])
        own = self.own.get((group.channel, group.track), [])
        value: int | None
        if at_tick is None:
            value = own[0][2] if own else (changes[0][2] if changes else None)
            later = own[1:]
        else:
            i = bisect.bisect_right(own, at_tick, key=lambda c: c[0])
            value = own[i - 1][2] if i else None
            later = own[i:]
            if value is None:
                j = bisect.bisect_right(changes, at_tick, key=lambda c: c[0])
                value = changes[j - 1][2] if j else None
        if value is None:
            value = self.default
        return value, sum(1 for change in later if change[2] != value)


class _Importer:
    def __init__(self, raw: RawMidi) -> None:
        self.ticks_per_beat = raw.ticks_per_beat
        self.tracks = raw.tracks
        self.warnings = list(raw.warnings)
        self.unplayed: Counter[str] = Counter()
        self.texts: Counter[str] = Counter()
        self.sysex = 0
        self.unreleased = 0
        self.merged = 0
        self.programs = _Setting(default=0)
        self.volumes = _Setting(default=100)
        self.pans = _Setting(default=64)
        self.tempos: list[tuple[int, int]] = []
        self.meters: list[tuple[int, bytes]] = []
        self.keys: list[tuple[int, bytes]] = []
        self.names: dict[int, str] = {}
        self.copyright = ""
        self.groups: list[_Group] = []

    def to_ppq(self, tick: int) -> int:
        """A file tick at PPQ, rounded half up (monotonic, so order is kept)."""
        return (tick * 2 * PPQ + self.ticks_per_beat) // (2 * self.ticks_per_beat)

    # --- pass over the events -------------------------------------------------------------

    def scan(self) -> None:
        for index, events in enumerate(self.tracks):
            self._scan_track(index, events)

    def _scan_track(self, index: int, events: list[RawEvent]) -> None:
        end_tick = events[-1][0] if events else 0
        sounding: dict[tuple[int, int], tuple[int, int, bool]] = {}
        notes: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
        channels: set[int] = set()
        for tick, status, data1, data2, payload in events:
            kind = status >> 4
            if kind in (NOTE_ON, NOTE_OFF):
                channel = status & 0x0F
                key = (channel, data1)
                held = sounding.get(key)
                if kind == NOTE_ON and data2:
                    if held is not None:
                        if tick > held[0]:
                            notes[channel].append((held[0], tick, data1, held[1]))
                        else:
                            self.merged += 1
                    sounding[key] = (tick, data2, held is not None)
                elif held is not None:
                    if held[2] and tick == held[0]:  # the off of the note this one replaced
                        sounding[key] = (held[0], held[1], False)
                        continue
                    notes[channel].append((held[0], tick, data1, held[1]))
                    del sounding[key]
            elif status < 0xF0:
                channels.add(status & 0x0F)
                self._channel_message(index, tick, kind, status & 0x0F, data1, data2)
            elif status == 0xFF:
                self._meta(index, tick, data1, payload)
            elif payload.rstrip(b"\xf7") not in RESET_SYSEX:
                self.sysex += 1
        for (channel, pitch), (start, velocity, _) in sounding.items():
            notes[channel].append((start, max(start, end_tick), pitch, velocity))
            self.unreleased += 1
        for channel in sorted(notes):
            self.groups.append(_Group(index, channel, notes[channel]))
        if not notes and len(channels) == 1:  # a track set up for an instrument, not yet played
            self.groups.append(_Group(index, channels.pop(), []))

    def _channel_message(
        self, index: int, tick: int, kind: int, channel: int, data1: int, data2: int
    ) -> None:
        if kind == PROGRAM:
            self.programs.add(channel, tick, index, data1)
        elif kind == CONTROL and data1 == CC_VOLUME:
            self.volumes.add(channel, tick, index, data2)
        elif kind == CONTROL and data1 == CC_PAN:
            self.pans.add(channel, tick, index, data2)
        elif kind == CONTROL:
            if data1 not in SILENT_CONTROLLERS:
                self.unplayed[CONTROLLER_NAMES.get(data1, "other controller")] += 1
        else:
            self.unplayed[UNPLAYED_MESSAGES[kind]] += 1

    def _meta(self, index: int, tick: int, meta_type: int, payload: bytes) -> None:
        if meta_type == META_TEMPO and len(payload) >= 3:
            self.tempos.append((tick, int.from_bytes(payload[:3], "big")))
        elif meta_type == META_TIME_SIGNATURE:
            self.meters.append((tick, payload))
        elif meta_type == META_KEY_SIGNATURE:
            self.keys.append((tick, payload))
        elif meta_type == META_TRACK_NAME and index not in self.names:
            self.names[index] = _text(payload)
        elif meta_type == META_COPYRIGHT and not self.copyright:
            self.copyright = _text(payload)
        elif meta_type in TEXT_META_NAMES:
            self.texts[TEXT_META_NAMES[meta_type]] += 1

    # --- the whole-piece settings ------------------------------------------------------------

    def tempo_map(self) -> TempoMap:
        bpm_at: dict[int, float] = {0: 60_000_000 / DEFAULT_US_PER_QUARTER}
        clamped = 0
        for tick, us_per_quarter in sorted(self.tempos, key=lambda t: t[0]):
            bpm = _bpm(us_per_quarter)
            if not MIN_BPM <= bpm <= MAX_BPM:
                clamped += 1
                bpm = min(max(bpm, MIN_BPM), MAX_BPM)
            bpm_at[self.to_ppq(tick)] = bpm
        if clamped:
            self.warnings.append(
                f"Tempos outside {MIN_BPM:g}–{MAX_BPM:g} BPM were brought into that range: "
                f"{clamped:,}."
            )
        return TempoMap(tuple(TempoChange(tick, bpm) for tick, bpm in sorted(bpm_at.items())))

    def time_signature(self) -> TimeSignature:
        chosen: TimeSignature | None = None
        changes = 0
        for _, payload in sorted(self.meters, key=lambda m: m[0]):
            numerator, exponent = (payload[0], payload[1]) if len(payload) >= 2 else (0, 0)
            if not 1 <= numerator <= 32 or exponent >= len(VALID_DENOMINATORS):
                self.warnings.append("A time signature Tonewell cannot use was ignored.")
                continue
            meter = TimeSignature(numerator, 2**exponent)
            if chosen is None:
                chosen = meter
            elif meter != chosen:
                changes += 1
        chosen = chosen or TimeSignature()
        if changes:
            self.warnings.append(
                f"The time signature changes during the piece; Tonewell uses the first one "
                f"({chosen}) throughout."
            )
        return chosen

    def key(self) -> Key:
        chosen: Key | None = None
        changes = 0
        for _, payload in sorted(self.keys, key=lambda k: k[0]):
            sharps = int.from_bytes(payload[:1], "big", signed=True)
            if len(payload) < 2 or not -7 <= sharps <= 7 or payload[1] > 1:
                self.warnings.append("A damaged key signature was ignored.")
                continue
            key = key_from_signature(sharps, bool(payload[1]))
            if chosen is None:
                chosen = key
            elif key != chosen:
                changes += 1
        chosen = chosen or Key()
        if changes:
            self.warnings.append(
                f"The key changes during the piece; Tonewell uses the first key ({chosen})."
            )
        return chosen

    # --- tracks ------------------------------------------------------------------------------

    def build_tracks(self, meter: TimeSignature) -> list[Track]:
        dropped: Counter[str] = Counter()
        groups_per_track = Counter(group.track for group in self.groups)
        out: list[Track] = []
        for group in self.groups:
            first_note = min((n[0] for n in group.notes), default=math.inf)
            program, later = self.programs.value_for(group, first_note)
            dropped["instrument"] += later
            volume, later = self.volumes.value_for(group, None)
            dropped["volume"] += later
            pan, later = self.pans.value_for(group, None)
            dropped["pan"] += later
            is_drum = group.channel == DRUM_CHANNEL
            fallback = "Drums" if is_drum else program_name(program)
            only_group = groups_per_track[group.track] == 1
            name = (self.names.get(group.track) if only_group else None) or fallback
            out.append(
                Track(
                    name=name,
                    program=program,
                    is_drum=is_drum,
                    volume=volume,
                    pan=pan,
                    clips=self._clips(group, meter),
                )
            )
        dropped = +dropped
        if dropped:
            self.warnings.append(
                "Changes during the piece were ignored (each track keeps its first setting): "
                f"{_phrase(dropped)}."
            )
        return out

    def _clips(self, group: _Group, meter: TimeSignature) -> tuple[Clip, ...]:
        if not group.notes:
            return ()
        scale = 2 * PPQ
        half, divisor = self.ticks_per_beat, 2 * self.ticks_per_beat
        notes = []  # (start, pitch, length, velocity): the order Note sorts in
        for start, end, pitch, velocity in group.notes:
            start = (start * scale + half) // divisor
            end = (end * scale + half) // divisor
            notes.append((start, pitch, max(1, end - start), velocity))
        notes.sort()
        bar_ticks = meter.ticks_per_bar
        span = MAX_CLIP_BARS * bar_ticks
        runs: list[tuple[int, int, list[tuple[int, int, int, int]]]] = []  # (start, end, notes)
        for note in notes:
            start, _, length, _ = note
            if runs and start + length <= runs[-1][0] + span:
                run_start, run_end, members = runs[-1]
                members.append(note)
                runs[-1] = (run_start, max(run_end, start + length), members)
                continue
            bar_start = start - start % bar_ticks
            run_start = 0 if not runs and start + length <= span else bar_start
            runs.append((run_start, min(start + length, run_start + span), [note]))
        clips = []
        for index, (offset, end, members) in enumerate(runs):
            inside = tuple(
                Note(start - offset, pitch, min(length, offset + span - start), velocity)
                for start, pitch, length, velocity in members
            )
            clips.append(Clip(
                name="Imported" if len(runs) == 1 else f"Imported {index + 1}",
                notes=inside,
                length_bars=whole_bars(end - offset, bar_ticks),
                start_tick=offset,
            ))
        return tuple(clips)

    def finish_warnings(self, tracks: list[Track]) -> None:
        table = (
            (self.unreleased, "Notes never released, now ending where their track ends"),
            (self.merged, "Notes started twice at the same moment, merged into one"),
            (self.sysex, "System exclusive messages (device settings) ignored"),
        )
        self.warnings.extend(f"{text}: {count:,}." for count, text in table if count)
        if self.unplayed:
            self.warnings.append(
                f"Not imported, as Tonewell does not play them: {_phrase(self.unplayed)}."
            )
        if self.texts:
            self.warnings.append(f"Text not kept: {_phrase(self.texts)}.")
        if not any(clip.notes for track in tracks for clip in track.clips):
            self.warnings.append("The file contains no notes.")


def raw_to_composition(raw: RawMidi, *, name: str, title: str | None = None) -> MidiImport:
    """Build a Composition from framed raw events (see module docstring for the choices)."""
    importer = _Importer(raw)
    importer.scan()
    tempo_map = importer.tempo_map()
    meter = importer.time_signature()
    key = importer.key()
    tracks = importer.build_tracks(meter)
    if raw.damaged and not any(clip.notes for track in tracks for clip in track.clips):
        raise MidiFileError(f'"{name}" is damaged: no notes could be read from it.')
    importer.finish_warnings(tracks)
    metadata: dict[str, str] = {"imported_from": name}
    if importer.copyright:
        metadata["copyright"] = importer.copyright
    title = " ".join((title if title is not None else PurePath(name).stem).split())
    comp = Composition(
        title=title or "Untitled",
        tempo_map=tempo_map,
        time_signature=meter,
        key=key,
        tracks=tuple(tracks),
        metadata=metadata,
    )
    return MidiImport(comp, importer.warnings)


def _raw_from_mido(mid: mido.MidiFile, name: str) -> RawMidi:
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
    return raw_to_composition(_raw_from_mido(mid, name), name=name, title=title)

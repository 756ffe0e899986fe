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
- Every note keeps its instrument: the program in force at its start, from its own file track
  once that has set one, else from any track on its channel. A (file track, channel) pair that
  plays several programs becomes one Tonewell track per program ("Flute", "Flute · Oboe part").
- Volume (CC7), pan (CC10), expression (CC11) and the sustain pedal (CC64) are looked up the
  same way. A track's volume and pan are the values in force at its first note; later changes,
  and expression or pedal values other than General MIDI's reset at the first note, become the
  clip's control points (repeated values dropped). Changes after a track's last clip ends are
  left out; a pedal still down there is lifted (see `Clip.heard_controls`).
- The notes of a track go into one clip from tick 0, as many whole bars long as they need. A
  track longer than a clip may be (1024 bars) gets more clips, each starting on the bar of the
  first note that would not fit in the one before, so no note is cut (except one that alone is
  longer than 1024 bars).
- Events later than a project can place (`MAX_TICK` at PPQ: huge delta times) are left out, with
  a warning; a note still sounding there ends there.
- A file that would give a piece more notes or control points than a project holds
  (`tonewell.io.limits`) is refused with one plain line.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import PurePath

from tonewell.io.limits import MAX_CONTROL_POINTS, MAX_NOTES, MAX_TICK
from tonewell.io.smf_frames import (
    META_END_OF_TRACK,
    READ_SHARE,
    ImportWatch,
    MidiFileError,
    RawEvent,
    RawMidi,
)
from tonewell.model import (
    CC_PAN,
    CC_VOLUME,
    KEPT_CONTROLLERS,
    MAX_CLIP_BARS,
    PPQ,
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
from tonewell.model.controls import CC_EXPRESSION, CC_SUSTAIN, RESET_VALUES, pedal_down
from tonewell.model.gm import DRUM_CHANNEL, instrument_name, program_name
from tonewell.model.timing import MAX_BPM, MIN_BPM, VALID_DENOMINATORS, whole_bars

DEFAULT_US_PER_QUARTER = 500_000
"""120 BPM: the tempo of a MIDI file that sets none."""

NOTE_OFF, NOTE_ON, KEY_PRESSURE, CONTROL, PROGRAM, CHANNEL_PRESSURE, PITCH_BEND = range(8, 15)
KEPT = frozenset(KEPT_CONTROLLERS)
CURVE_WORDS: dict[int, str] = {
    CC_VOLUME: "volume", CC_EXPRESSION: "expression", CC_PAN: "pan", CC_SUSTAIN: "pedal",
}
"""How the import notes name each kept controller's changes, in the order they are named."""

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


def _value_at(curve: tuple[list[int], list[int]], tick: float, default: int) -> int:
    """The last value of `curve` (ticks, values) at or before `tick`, else `default`."""
    i = bisect.bisect_right(curve[0], tick)
    return curve[1][i - 1] if i else default


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
    """The timed values one channel setting (a program or a kept controller) takes in a file."""

    def __init__(self, default: int) -> None:
        self.default = default
        self.changes: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        """channel -> (tick, file track, value) in the order read."""

    def add(self, channel: int, tick: int, track: int, value: int) -> None:
        self.changes[channel].append((tick, track, value))

    def timeline(self, group: _Group) -> tuple[list[int], list[int]]:
        """(ticks, values), in time order, of the changes that decide the value for `group`
        at any tick: its own file track's from the first one it sets, any track's on its
        channel before that. The value at a tick is the last one at or before it."""
        changes = sorted(self.changes.get(group.channel, ()), key=lambda c: c[0])
        first_own = next((c[0] for c in changes if c[1] == group.track), math.inf)
        chosen = [c for c in changes if c[0] < first_own or c[1] == group.track]
        return [c[0] for c in chosen], [c[2] for c in chosen]

    def value_at(self, timeline: tuple[list[int], list[int]], tick: float) -> int:
        return _value_at(timeline, tick, self.default)


class _Importer:
    def __init__(self, raw: RawMidi, name: str) -> None:
        self.subject = f'"{name}"'
        self.ticks_per_beat = raw.ticks_per_beat
        self.tracks = raw.tracks
        self.warnings = list(raw.warnings)
        self.unplayed: Counter[str] = Counter()
        self.texts: Counter[str] = Counter()
        self.sysex = 0
        self.unreleased = 0
        self.shortened = 0
        """Notes longer than the longest clip, cut to fit it."""
        self.merged = 0
        self.too_late = 0
        self.last_file_tick = (
            (MAX_TICK + 1) * 2 * self.ticks_per_beat - self.ticks_per_beat - 1
        ) // (2 * PPQ)
        """The last file tick that lands at or before MAX_TICK at PPQ (see `to_ppq`)."""
        self.programs = _Setting(default=0)
        self.controls = {cc: _Setting(RESET_VALUES[cc]) for cc in KEPT_CONTROLLERS}
        self.curve_kinds: set[int] = set()
        self.splits = 0
        self.note_total = 0
        self.point_total = 0
        self.watch = ImportWatch()
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
        total = sum(len(events) for events in self.tracks) or 1
        done = 0
        for index, events in enumerate(self.tracks):
            self.watch.step(READ_SHARE + (1 - READ_SHARE) * 0.6 * done / total)
            self._scan_track(index, events)
            done += len(events)

    def _scan_track(self, index: int, events: list[RawEvent]) -> None:
        end_tick = min(events[-1][0], self.last_file_tick) if events else 0
        sounding: dict[tuple[int, int], tuple[int, int, bool]] = {}
        notes: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
        channels: set[int] = set()
        for tick, status, data1, data2, payload in events:
            if tick > self.last_file_tick:
                self.too_late += status != 0xFF or data1 != META_END_OF_TRACK
                continue
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
        elif kind == CONTROL and data1 in KEPT:
            self.controls[data1].add(channel, tick, index, data2)
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
        groups_per_track = Counter(group.track for group in self.groups)
        out: list[Track] = []
        for number, group in enumerate(self.groups):
            self.watch.step(READ_SHARE + (1 - READ_SHARE) * (0.6 + 0.4 * number / len(self.groups)))
            programs = self.programs.timeline(group)
            curves = {cc: self._curve(setting, group) for cc, setting in self.controls.items()}
            by_program: dict[int, list[tuple[int, int, int, int]]] = {}
            notes = sorted(group.notes)
            if notes and (not programs[0] or programs[0][-1] <= notes[0][0]):
                by_program[self.programs.value_at(programs, notes[0][0])] = notes  # one program
            for note in notes if not by_program else ():
                program = self.programs.value_at(programs, note[0])
                by_program.setdefault(program, []).append(note)
            if not by_program:  # set up for an instrument, not yet played
                by_program[self.programs.value_at(programs, math.inf)] = []
            is_drum = group.channel == DRUM_CHANNEL
            first_program = next(iter(by_program))
            fallback = instrument_name(first_program, is_drum)
            only_group = groups_per_track[group.track] == 1
            name = (self.names.get(group.track) if only_group else None) or fallback
            for program, notes in by_program.items():
                if program != first_program:
                    self.splits += 1
                part = f"Kit {program + 1}" if is_drum else program_name(program)
                out.append(self._track(
                    name if program == first_program else f"{name} · {part} part",
                    program, is_drum, notes, curves, meter,
                ))
        if self.note_total > MAX_NOTES:
            raise MidiFileError(
                f"{self.subject} holds more notes than a Tonewell piece can (over "
                f"{MAX_NOTES:,})."
            )
        if self.point_total > MAX_CONTROL_POINTS:
            raise MidiFileError(
                f"{self.subject} holds more volume, pan, expression and pedal changes than a "
                f"Tonewell piece can (over {MAX_CONTROL_POINTS:,})."
            )
        return out

    def _curve(self, setting: _Setting, group: _Group) -> tuple[list[int], list[int]]:
        """A controller's timeline for `group` at PPQ, one value per tick (the last)."""
        ticks, values = setting.timeline(group)
        by_tick = {self.to_ppq(tick): value for tick, value in zip(ticks, values, strict=True)}
        return list(by_tick), list(by_tick.values())

    def _track(
        self,
        name: str,
        program: int,
        is_drum: bool,
        notes: list[tuple[int, int, int, int]],
        curves: dict[int, tuple[list[int], list[int]]],
        meter: TimeSignature,
    ) -> Track:
        runs = self._runs(notes, meter)
        first_tick = runs[0][2][0][0] if runs else math.inf
        base = dict(RESET_VALUES)  # what plays at the first note before any point
        for cc in (CC_VOLUME, CC_PAN):  # the track's own settings
            base[cc] = _value_at(curves[cc], first_tick, RESET_VALUES[cc])
        points = self._points(runs, curves, base, first_tick)
        clips = tuple(
            Clip(
                name="Imported" if len(runs) == 1 else f"Imported {index + 1}",
                notes=inside,
                length_bars=whole_bars(end - offset, meter.ticks_per_bar),
                start_tick=offset,
                controls=tuple(clip_points),
            )
            for index, ((offset, end, _), inside, clip_points) in enumerate(
                zip(runs, (self._inside(run) for run in runs), points, strict=True)
            )
        )
        self.note_total += len(notes)
        return Track(
            name=name,
            program=program,
            is_drum=is_drum,
            volume=base[CC_VOLUME],
            pan=base[CC_PAN],
            clips=clips,
        )

    def _points(
        self,
        runs: list[tuple[int, int, list[tuple[int, int, int, int]]]],
        curves: dict[int, tuple[list[int], list[int]]],
        base: dict[int, int],
        first_tick: float,
    ) -> list[list[ControlPoint]]:
        """Each clip's control points: on entering a clip (at the first note for the first
        clip, at its start for later ones) the value in force there when it differs from what
        is playing, then every change inside the clip that gives a new value."""
        out: list[list[ControlPoint]] = [[] for _ in runs]
        for cc, (ticks, values) in curves.items():
            playing = base[cc]
            for index, (offset, end, _) in enumerate(runs):
                entry = int(first_tick) if index == 0 else offset
                value = _value_at((ticks, values), entry, RESET_VALUES[cc])
                moments = [(entry, value)]
                lo = bisect.bisect_right(ticks, entry)
                hi = bisect.bisect_left(ticks, end)
                moments.extend(zip(ticks[lo:hi], values[lo:hi], strict=True))
                for tick, value in moments:
                    if value != playing:
                        out[index].append(ControlPoint(tick - offset, cc, value))
                        self.curve_kinds.add(cc)
                        playing = value
                if cc == CC_SUSTAIN and pedal_down(playing):
                    playing = RESET_VALUES[cc]  # lifted where the clip ends
        self.point_total += sum(len(points) for points in out)
        return out

    @staticmethod
    def _inside(run: tuple[int, int, list[tuple[int, int, int, int]]]) -> tuple[Note, ...]:
        offset, _, members = run
        return tuple(
            Note(start - offset, pitch, length, velocity)
            for start, pitch, length, velocity in members
        )

    def _runs(
        self, notes: list[tuple[int, int, int, int]], meter: TimeSignature
    ) -> list[tuple[int, int, list[tuple[int, int, int, int]]]]:
        """The clips a track's notes (file ticks) fill: (start, end, notes at PPQ as
        (start, pitch, length, velocity), each cut to its clip)."""
        if not notes:
            return []
        scale = 2 * PPQ
        half, divisor = self.ticks_per_beat, 2 * self.ticks_per_beat
        converted = []  # (start, pitch, length, velocity): the order Note sorts in
        for start, end, pitch, velocity in notes:
            start = (start * scale + half) // divisor
            end = (end * scale + half) // divisor
            converted.append((start, pitch, max(1, end - start), velocity))
        converted.sort()
        bar_ticks = meter.ticks_per_bar
        span = MAX_CLIP_BARS * bar_ticks
        runs: list[tuple[int, int, list[tuple[int, int, int, int]]]] = []
        for note in converted:
            start, _, length, _ = note
            if runs and start + length <= runs[-1][0] + span:
                run_start, run_end, members = runs[-1]
                members.append(note)
                runs[-1] = (run_start, max(run_end, start + length), members)
                continue
            bar_start = start - start % bar_ticks
            run_start = 0 if not runs and start + length <= span else bar_start
            runs.append((run_start, min(start + length, run_start + span), [note]))
        out = []
        for offset, end, members in runs:
            cut = [(s, p, min(n, offset + span - s), v) for s, p, n, v in members]
            self.shortened += sum(1 for s, _, n, _ in members if n > offset + span - s)
            clip_end = offset + whole_bars(end - offset, bar_ticks) * bar_ticks
            out.append((offset, clip_end, cut))
        return out

    def finish_warnings(self, tracks: list[Track]) -> None:
        table = (
            (self.unreleased, "Notes never released, now ending where their track ends"),
            (self.merged, "Notes started twice at the same moment, merged into one"),
            (self.shortened, f"Notes longer than {MAX_CLIP_BARS:,} bars, shortened to fit a clip"),
            (self.sysex, "System exclusive messages (device settings) ignored"),
            (self.too_late, "Events placed later than Tonewell can hold a note, left out"),
        )
        self.warnings.extend(f"{text}: {count:,}." for count, text in table if count)
        if self.unplayed:
            self.warnings.append(
                f"Not imported, as Tonewell does not play them: {_phrase(self.unplayed)}."
            )
        if self.texts:
            self.warnings.append(f"Text not kept: {_phrase(self.texts)}.")
        if self.splits:
            self.warnings.append(
                "Tracks that change instrument were split so every note keeps its own: "
                f"{self.splits:,} more {'track' if self.splits == 1 else 'tracks'}."
            )
        if self.curve_kinds:
            kinds = [CURVE_WORDS[cc] for cc in CURVE_WORDS if cc in self.curve_kinds]
            listed = kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} and {kinds[-1]}"
            self.warnings.append(
                f"{listed.capitalize()} changes are kept as curves in each clip."
            )
        if not any(clip.notes for track in tracks for clip in track.clips):
            self.warnings.append("The file contains no notes.")


def raw_to_composition(
    raw: RawMidi, *, name: str, title: str | None = None, watch: ImportWatch | None = None
) -> MidiImport:
    """Build a Composition from framed raw events (see module docstring for the choices).
    `watch` hears progress from `READ_SHARE` on and may cancel (ImportCancelled)."""
    importer = _Importer(raw, name)
    if watch is not None:
        importer.watch = watch
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
    importer.watch.step(1.0)
    return MidiImport(comp, importer.warnings)

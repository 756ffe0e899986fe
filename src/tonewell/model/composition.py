"""Clips, tracks and the whole composition.

A Clip is a named pattern of notes and controller points, `length_bars` long, placed on its track
at `start_tick` and played `repeats` times back to back (a loop). Notes and points inside a clip
count ticks from the clip start. Controller values last until changed, as in MIDI.
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from tonewell.model.controls import CC_SUSTAIN, PEDAL_UP, ControlPoint, pedal_down
from tonewell.model.frozen import FrozenJSON
from tonewell.model.note import Note
from tonewell.model.scales import PITCH_CLASS_NAMES, SCALES
from tonewell.model.timing import TempoMap, TimeSignature

MAX_REPEATS = 999
MAX_CLIP_BARS = 1024
"""The longest a clip's pattern may be (`Clip.length_bars`)."""

HeardControl = tuple[int, int, int]
"""(timeline tick, controller, value) of a controller change as it is played."""

_object_ids = itertools.count(1)
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
"""A colour a person chose for a track: `#rrggbb`."""


def new_object_id() -> int:
    """A number naming one track or clip for as long as the app runs (not saved in files).

    `dataclasses.replace` keeps it, so an edited clip is still the same clip to the editor; a
    clip made anew gets a new one. It takes no part in equality or hashing."""
    return next(_object_ids)


def now_iso() -> str:
    """The current UTC time as an ISO 8601 string with seconds, e.g. `2026-11-27T06:30:00Z`."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Clip:
    """A pattern of notes and controller points placed on a track, optionally repeated."""

    name: str = "Pattern"
    notes: tuple[Note, ...] = ()
    length_bars: int = 1
    start_tick: int = 0
    repeats: int = 1
    controls: tuple[ControlPoint, ...] = ()
    """Sorted like notes. A point at or past the end of one pass is not part of the pattern."""
    uid: int = field(default_factory=new_object_id, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "notes", tuple(sorted(self.notes)))
        object.__setattr__(self, "controls", tuple(sorted(self.controls)))
        for a, b in zip(self.controls, self.controls[1:], strict=False):
            if (a.tick, a.controller) == (b.tick, b.controller):
                raise ValueError(f"controller {a.controller} has two values at tick {a.tick}")
        if not 1 <= self.length_bars <= MAX_CLIP_BARS:
            raise ValueError(f"length_bars {self.length_bars} is not in 1..{MAX_CLIP_BARS}")
        if self.start_tick < 0:
            raise ValueError(f"start_tick {self.start_tick} is negative")
        if not 1 <= self.repeats <= MAX_REPEATS:
            raise ValueError(f"repeats {self.repeats} is not in 1..{MAX_REPEATS}")

    def length_ticks(self, meter: TimeSignature) -> int:
        """Length of one pass of the pattern."""
        return self.length_bars * meter.ticks_per_bar

    def end_tick(self, meter: TimeSignature) -> int:
        """The timeline tick just after the last repeat ends."""
        return self.start_tick + self.repeats * self.length_ticks(meter)

    def heard_notes(self, meter: TimeSignature) -> Iterator[tuple[int, int, Note]]:
        """(start_tick, end_tick, note) on the timeline for every note as it is heard: repeats
        expanded, each note cut at the end of its pass, notes placed past the clip's end left
        out (they are not part of the pattern). Playback and MIDI export both use this."""
        pass_ticks = self.length_ticks(meter)
        for repeat in range(self.repeats):
            offset = self.start_tick + repeat * pass_ticks
            pass_end = offset + pass_ticks
            for note in self.notes:
                start = offset + note.start_tick
                if start < pass_end:
                    yield start, min(start + note.length_ticks, pass_end), note

    def heard_controls(self, meter: TimeSignature) -> Iterator[HeardControl]:
        """(tick, controller, value) on the timeline for every controller change as it is
        heard: repeats expanded, points past the end of a pass left out (as `heard_notes`
        does for notes). A sustain pedal still down when the last pass ends is lifted there,
        so it never holds the notes of whatever follows. Playback and MIDI export both use
        this."""
        pass_ticks = self.length_ticks(meter)
        pedal = PEDAL_UP
        for repeat in range(self.repeats):
            offset = self.start_tick + repeat * pass_ticks
            for point in self.controls:
                if point.tick >= pass_ticks:
                    break
                if point.controller == CC_SUSTAIN:
                    pedal = point.value
                yield offset + point.tick, point.controller, point.value
        if pedal_down(pedal):
            yield self.end_tick(meter), CC_SUSTAIN, PEDAL_UP

    def with_notes(self, notes: tuple[Note, ...] | list[Note]) -> Clip:
        return replace(self, notes=tuple(notes))

    def with_controls(self, controls: tuple[ControlPoint, ...] | list[ControlPoint]) -> Clip:
        return replace(self, controls=tuple(controls))


@dataclass(frozen=True, slots=True)
class Track:
    """One instrument line: a General MIDI program (or drums on channel 10) and its clips."""

    name: str = "Track"
    program: int = 0
    is_drum: bool = False
    volume: int = 100
    pan: int = 64
    mute: bool = False
    solo: bool = False
    clips: tuple[Clip, ...] = ()
    colour: str = ""
    """`#rrggbb` chosen by the person, or "" for the palette colour of the track's place."""
    uid: int = field(default_factory=new_object_id, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "clips", tuple(self.clips))
        if not 0 <= self.program <= 127:
            raise ValueError(f"program {self.program} is not in 0..127")
        if not 0 <= self.volume <= 127:
            raise ValueError(f"volume {self.volume} is not in 0..127")
        if not 0 <= self.pan <= 127:
            raise ValueError(f"pan {self.pan} is not in 0..127")
        if self.colour and not HEX_COLOUR.fullmatch(self.colour):
            raise ValueError(f"colour {self.colour!r} is not #rrggbb")

    def with_clips(self, clips: tuple[Clip, ...] | list[Clip]) -> Track:
        return replace(self, clips=tuple(clips))

    def note_count(self, meter: TimeSignature) -> int:
        """Notes as heard: each clip's notes times its repeats (notes placed past a clip's
        end are not heard, so not counted)."""
        return sum(1 for clip in self.clips for _ in clip.heard_notes(meter))

    def heard_controls(self, meter: TimeSignature) -> list[HeardControl]:
        """Every controller change the track plays, in time order, one value per controller
        and tick: where clips overlap the later clip in the track wins, and a clip's own point
        wins over another clip's pedal lift (see `Clip.heard_controls`). A clip's pedal lift
        where it ends is left out while another clip of the track is still playing there:
        that clip's pedal, not the ended one's, is what sounds."""
        spans = [(clip.start_tick, clip.end_tick(meter)) for clip in self.clips]
        chosen: dict[tuple[int, int], tuple[bool, int]] = {}  # (tick, cc) -> (is a point, value)
        for index, clip in enumerate(self.clips):
            end = spans[index][1]
            for tick, controller, value in clip.heard_controls(meter):
                is_point = tick < end  # the lift at the very end is not one of the clip's points
                if not is_point and any(
                    start <= tick < stop for i, (start, stop) in enumerate(spans) if i != index
                ):
                    continue
                held = chosen.get((tick, controller))
                if held is None or is_point or not held[0]:
                    chosen[tick, controller] = (is_point, value)
        return sorted((tick, cc, value) for (tick, cc), (_, value) in chosen.items())


@dataclass(frozen=True, slots=True)
class Key:
    """A key: tonic pitch class (0 = C .. 11 = B) and a mode from `SCALES`."""

    tonic: int = 0
    mode: str = "major"

    def __post_init__(self) -> None:
        if not 0 <= self.tonic <= 11:
            raise ValueError(f"tonic {self.tonic} is not in 0..11")
        if self.mode not in SCALES:
            raise ValueError(f"mode {self.mode!r} is not one of: {', '.join(SCALES)}")

    def __str__(self) -> str:
        return f"{PITCH_CLASS_NAMES[self.tonic]} {self.mode}"


@dataclass(frozen=True, slots=True)
class LoopRegion:
    """The region the transport repeats when looping is on; `end_tick` is exclusive."""

    start_tick: int = 0
    end_tick: int = 0
    enabled: bool = False

    def __post_init__(self) -> None:
        if self.start_tick < 0:
            raise ValueError(f"loop start_tick {self.start_tick} is negative")
        if self.end_tick < self.start_tick:
            raise ValueError("loop end_tick is before its start_tick")

    @property
    def length_ticks(self) -> int:
        return self.end_tick - self.start_tick


def new_uid() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class Composition:
    """A whole piece. `uid` is stable for the life of the piece (autosave names use it)."""

    title: str = "Untitled"
    tempo_map: TempoMap = field(default_factory=TempoMap)
    time_signature: TimeSignature = field(default_factory=TimeSignature)
    key: Key = field(default_factory=Key)
    tracks: tuple[Track, ...] = ()
    loop: LoopRegion = field(default_factory=LoopRegion)
    created: str = field(default_factory=now_iso)
    modified: str = field(default_factory=now_iso)
    metadata: Mapping[str, Any] = field(default_factory=FrozenJSON)
    """Free-form JSON, frozen (a plain dict given here is frozen; `.thaw()` gives it back)."""
    uid: str = field(default_factory=new_uid)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tracks", tuple(self.tracks))
        if not isinstance(self.metadata, FrozenJSON):
            object.__setattr__(self, "metadata", FrozenJSON(self.metadata))

    @property
    def tempo_bpm(self) -> float:
        """The opening tempo (most pieces have only this one)."""
        return self.tempo_map.initial_bpm

    def end_tick(self) -> int:
        """The tick after the last clip ends (0 for an empty piece)."""
        meter = self.time_signature
        return max(
            (clip.end_tick(meter) for track in self.tracks for clip in track.clips), default=0
        )

    def length_seconds(self) -> float:
        return self.tempo_map.tick_to_seconds(self.end_tick())

    def note_count(self) -> int:
        """Notes as heard: each clip's notes times its repeats."""
        return sum(t.note_count(self.time_signature) for t in self.tracks)

    def with_tracks(self, tracks: tuple[Track, ...] | list[Track]) -> Composition:
        return replace(self, tracks=tuple(tracks))

    def touched(self) -> Composition:
        """This composition with `modified` set to now."""
        return replace(self, modified=now_iso())

"""Compile a Composition into an immutable, sorted schedule of timed events.

The engine never reads the live model: the transport and the offline renderer both play a
`Schedule`, so what you hear is what you export. Pure Python (no Qt, no FluidSynth); the
import-linter contract in pyproject.toml keeps it that way.

Times are kept in ticks and, through the tempo map, in samples. Clips that repeat are expanded;
mute and solo are applied (a soloed track plays even when muted; when any track is soloed only
soloed tracks play). Loop passes are unrolled by `play_events`, which both paths use.

Controller curves (volume, pan, expression, sustain pedal) are played at their ticks. Whenever
playback starts at a tick (start, seek, an edit's swap) every channel is first given the value
of each kept controller in force there ("chasing"), and each loop pass restores the values in
force at the loop start, so no pass or seek inherits a value from later in the piece.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import IntEnum

from tonewell.model import (
    CC_EXPRESSION,
    CC_PAN,
    CC_SUSTAIN,
    CC_VOLUME,
    KEPT_CONTROLLERS,
    Composition,
    LoopRegion,
    TempoMap,
    TimeSignature,
    Track,
)
from tonewell.model.controls import RESET_VALUES
from tonewell.model.gm import DRUM_CHANNEL
from tonewell.model.mixing import audible_tracks
from tonewell.model.timing import whole_bars

MAX_CHANNELS = 64
"""Tracks beyond this many channels are not scheduled (the synth is configured for it)."""


class EventKind(IntEnum):
    """What an event does. At one instant they are applied in this order."""

    PROGRAM = 0
    CONTROL = 1
    NOTE_OFF = 2
    NOTE_ON = 3


__all__ = [
    "CC_EXPRESSION",
    "CC_PAN",
    "CC_SUSTAIN",
    "CC_VOLUME",
    "MAX_CHANNELS",
    "ChannelSetup",
    "Event",
    "EventKind",
    "Schedule",
    "ScheduledControl",
    "ScheduledNote",
    "assign_channels",
    "audible_tracks",
    "compile_schedule",
    "loop_pass_seconds",
    "play_events",
]


@dataclass(frozen=True, slots=True, order=True)
class Event:
    """One timed event. For notes data1 is the pitch and data2 the velocity; for CONTROL data1
    is the controller and data2 its value; for PROGRAM data1 is the program and data2 is 1 for
    the percussion bank (128), else 0."""

    sample: int
    kind: EventKind
    channel: int
    data1: int
    data2: int
    tick: int = field(compare=False)


@dataclass(frozen=True, slots=True)
class ScheduledNote:
    """A note on the song timeline, after clip placement and repeats."""

    start_tick: int
    end_tick: int
    pitch: int
    velocity: int
    channel: int
    track_index: int


@dataclass(frozen=True, slots=True, order=True)
class ScheduledControl:
    """A controller change on the song timeline, after clip placement and repeats."""

    tick: int
    channel: int
    controller: int
    value: int


@dataclass(frozen=True, slots=True)
class ChannelSetup:
    """How a track's channel is set up before any note plays."""

    channel: int
    program: int
    is_drum: bool
    volume: int
    pan: int
    track_index: int

    def base_value(self, controller: int) -> int:
        """A kept controller's value where no point of the track has set it yet."""
        if controller == CC_VOLUME:
            return self.volume
        if controller == CC_PAN:
            return self.pan
        return RESET_VALUES[controller]


def assign_channels(tracks: Sequence[Track]) -> list[int | None]:
    """One MIDI channel per track: melodic tracks take 0, 1, ... skipping 9; the first drum
    track takes 9, later drum tracks the next free channel from 16 (played with the percussion
    bank). Tracks past `MAX_CHANNELS` get None and are not scheduled."""
    used: set[int] = set()
    out: list[int | None] = []
    for track in tracks:
        if track.is_drum and DRUM_CHANNEL not in used:
            channel: int | None = DRUM_CHANNEL
        else:
            start = 16 if track.is_drum else 0
            channel = next(
                (c for c in range(start, MAX_CHANNELS) if c != DRUM_CHANNEL and c not in used),
                None,
            )
        if channel is not None:
            used.add(channel)
        out.append(channel)
    return out


@dataclass(frozen=True, slots=True)
class Schedule:
    """Everything the engine needs to play one composition, frozen at compile time."""

    tempo_map: TempoMap
    time_signature: TimeSignature
    setups: tuple[ChannelSetup, ...]
    notes: tuple[ScheduledNote, ...]
    """Sorted by (start_tick, pitch)."""
    end_tick: int
    """Where the piece ends: the end of the last clip, rounded up to a whole bar."""
    loop: LoopRegion
    controls: tuple[ScheduledControl, ...] = ()
    """Sorted by (tick, channel, controller); one value per channel, controller and tick."""
    _starts: tuple[int, ...] = field(repr=False, compare=False, default=())
    _control_ticks: tuple[int, ...] = field(repr=False, compare=False, default=())
    _curves: dict[tuple[int, int], tuple[list[int], list[int]]] = field(
        repr=False, compare=False, default_factory=dict
    )
    """(channel, controller) -> (ticks, values) of its points, for chasing."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(n.start_tick for n in self.notes))
        object.__setattr__(self, "_control_ticks", tuple(c.tick for c in self.controls))
        curves: dict[tuple[int, int], tuple[list[int], list[int]]] = {}
        for c in self.controls:
            ticks, values = curves.setdefault((c.channel, c.controller), ([], []))
            ticks.append(c.tick)
            values.append(c.value)
        object.__setattr__(self, "_curves", curves)

    def tick_to_sample(self, tick: float, sample_rate_hz: int) -> int:
        """The sample (from tick 0) at which `tick` sounds."""
        return round(self.tempo_map.tick_to_seconds(tick) * sample_rate_hz)

    def seconds_to_tick(self, seconds: float) -> float:
        return self.tempo_map.seconds_to_tick(seconds)

    def notes_starting(self, start_tick: int, end_tick: int) -> Sequence[ScheduledNote]:
        """Notes whose start lies in [start_tick, end_tick)."""
        lo = bisect.bisect_left(self._starts, start_tick)
        hi = bisect.bisect_left(self._starts, end_tick)
        return self.notes[lo:hi]

    def controls_between(self, from_tick: int, to_tick: int) -> Sequence[ScheduledControl]:
        """Controller changes whose tick lies in [from_tick, to_tick)."""
        lo = bisect.bisect_left(self._control_ticks, from_tick)
        hi = bisect.bisect_left(self._control_ticks, to_tick)
        return self.controls[lo:hi]

    def value_at(self, setup: ChannelSetup, controller: int, tick: int) -> int:
        """The value of `controller` in force on `setup`'s channel at `tick` (a point at
        `tick` itself counts), or its base value when no point comes at or before it."""
        curve = self._curves.get((setup.channel, controller))
        if curve is not None:
            i = bisect.bisect_right(curve[0], tick)
            if i:
                return curve[1][i - 1]
        return setup.base_value(controller)

    def setup_events(self, start_tick: int = 0) -> list[Event]:
        """For every scheduled channel, at sample 0: its program, then each kept controller
        (volume, pan, expression, sustain pedal) at its value in force at `start_tick`."""
        out: list[Event] = []
        for s in self.setups:
            out.append(Event(0, EventKind.PROGRAM, s.channel, s.program, int(s.is_drum), 0))
            for cc in KEPT_CONTROLLERS:
                value = self.value_at(s, cc, start_tick)
                out.append(Event(0, EventKind.CONTROL, s.channel, cc, value, start_tick))
        return out

    def wrap_controls(self, loop: LoopRegion) -> list[tuple[int, int, int]]:
        """(channel, controller, value) to restore when a loop pass starts again: each curve
        whose value at the loop end differs from the one in force at the loop start."""
        out = []
        for s in self.setups:
            for cc in KEPT_CONTROLLERS:
                if (s.channel, cc) not in self._curves:
                    continue
                start_value = self.value_at(s, cc, loop.start_tick)
                if self.value_at(s, cc, loop.end_tick - 1) != start_value:
                    out.append((s.channel, cc, start_value))
        return out

    def events(self, sample_rate_hz: int = 44100) -> tuple[Event, ...]:
        """The whole piece once through, setup first: note on/off in time order."""
        return tuple(play_events(self, sample_rate_hz=sample_rate_hz, loop_passes=0))


def compile_schedule(comp: Composition) -> Schedule:
    """Expand clips and repeats, apply mute/solo and give every track its channel."""
    meter = comp.time_signature
    channels = assign_channels(comp.tracks)
    audible = audible_tracks(comp.tracks)
    setups: list[ChannelSetup] = []
    notes: list[ScheduledNote] = []
    controls: list[ScheduledControl] = []
    for index, (track, channel) in enumerate(zip(comp.tracks, channels, strict=True)):
        if channel is None:
            continue
        setups.append(
            ChannelSetup(channel, track.program, track.is_drum, track.volume, track.pan, index)
        )
        if not audible[index]:
            continue
        for clip in track.clips:
            for start, end, n in clip.heard_notes(meter):
                notes.append(ScheduledNote(start, end, n.pitch, n.velocity, channel, index))
        controls.extend(
            ScheduledControl(tick, channel, cc, value)
            for tick, cc, value in track.heard_controls(meter)
        )
    notes.sort(key=lambda n: (n.start_tick, n.pitch, n.channel))
    controls.sort()
    bar = meter.ticks_per_bar
    end_tick = whole_bars(comp.end_tick(), bar) * bar
    return Schedule(
        comp.tempo_map, meter, tuple(setups), tuple(notes), end_tick, comp.loop, tuple(controls)
    )


def _pass_events(
    schedule: Schedule,
    from_tick: int,
    to_tick: int,
    offset_s: float,
    sample_rate_hz: int,
    end_sample: int | None = None,
    *,
    wrap: Sequence[tuple[int, int, int]] = (),
    wrap_tick: int = 0,
) -> list[Event]:
    """Note and controller events of one stretch [from_tick, to_tick) of the song, played
    starting `offset_s` seconds after playback began (controls at `from_tick` itself are
    chased before it starts). Notes are cut at `to_tick`; a note still sounding there ends on
    `end_sample` when one is given (the sample the next loop pass starts on, at `wrap_tick`),
    where the `wrap` values (channel, controller, value) are restored. Without `end_sample`
    the stretch ends the piece, so a change at `to_tick` (a pedal lifted where the last clip
    ends) plays too."""
    tick_s = schedule.tempo_map.tick_to_seconds
    base_s = tick_s(from_tick)
    out: list[Event] = []
    last_control = to_tick if end_sample is not None else to_tick + 1
    for c in schedule.controls_between(from_tick + 1, last_control):
        at = round((offset_s + tick_s(c.tick) - base_s) * sample_rate_hz)
        out.append(Event(at, EventKind.CONTROL, c.channel, c.controller, c.value, c.tick))
    if end_sample is not None:
        out.extend(
            Event(end_sample, EventKind.CONTROL, channel, cc, value, wrap_tick)
            for channel, cc, value in wrap
        )
    for n in schedule.notes_starting(from_tick, to_tick):
        on = round((offset_s + tick_s(n.start_tick) - base_s) * sample_rate_hz)
        end_tick = min(n.end_tick, to_tick)
        if end_tick == to_tick and end_sample is not None:
            off = end_sample
        else:
            off = round((offset_s + tick_s(end_tick) - base_s) * sample_rate_hz)
        out.append(Event(on, EventKind.NOTE_ON, n.channel, n.pitch, n.velocity, n.start_tick))
        out.append(Event(max(off, on + 1), EventKind.NOTE_OFF, n.channel, n.pitch, 0, end_tick))
    out.sort()
    return out


def play_events(
    schedule: Schedule,
    *,
    sample_rate_hz: int,
    start_tick: int = 0,
    loop: LoopRegion | None = None,
    loop_passes: int | None = None,
) -> Iterator[Event]:
    """The events heard when playback starts at `start_tick`, in time order.

    `sample` counts from the moment playback starts. Setup events come first: programs and
    the controller values in force at `start_tick`. Without a loop
    (or with `loop_passes=0`) playback runs to the end of the piece. With an enabled loop region
    it plays up to the loop end, then the region again and again: `loop_passes` times in all, or
    forever when None (the live transport pulls what it needs). A pass is seamless: notes are
    cut at the loop end and the next pass begins on the very same sample. Within one instant a
    note-off always comes before a note-on, so a note repeated across the wrap restarts cleanly.
    """
    loop = schedule.loop if loop is None else loop
    yield from schedule.setup_events(start_tick)
    looping = loop.enabled and loop.length_ticks > 0 and loop_passes != 0
    tick_s = schedule.tempo_map.tick_to_seconds
    if not looping or start_tick >= loop.end_tick:
        yield from _pass_events(
            schedule, start_tick, max(schedule.end_tick, start_tick), 0.0, sample_rate_hz
        )
        return
    offset_s = 0.0
    first_from = start_tick
    passes = 0
    loop_start_s = tick_s(loop.start_tick)
    wrap = schedule.wrap_controls(loop)
    while loop_passes is None or passes < loop_passes:
        next_offset_s = offset_s + (tick_s(loop.end_tick) - tick_s(first_from))
        # The next pass starts where it puts a note at the loop start, with that very
        # arithmetic: rounding the cut notes' ends on their own could land a sample before or
        # after it, and an off after the restart would silence the restarted note.
        wrap_sample = round((next_offset_s + loop_start_s - loop_start_s) * sample_rate_hz)
        last = loop_passes is not None and passes + 1 == loop_passes
        events = _pass_events(
            schedule, first_from, loop.end_tick, offset_s, sample_rate_hz, wrap_sample,
            wrap=() if last else wrap, wrap_tick=loop.start_tick,
        )
        if not events and first_from == loop.start_tick:
            return  # a silent loop (an empty piece to record into): every pass is silent
        yield from events
        offset_s = next_offset_s
        first_from = loop.start_tick
        passes += 1


def loop_pass_seconds(schedule: Schedule, loop: LoopRegion) -> float:
    """How long one pass of `loop` lasts."""
    tick_s = schedule.tempo_map.tick_to_seconds
    return tick_s(loop.end_tick) - tick_s(loop.start_tick)

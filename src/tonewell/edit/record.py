"""Recording into loops: played notes and pedal presses become one command per loop pass.

This file exists to keep the rules of a take apart from the window and the engine, so they are
tested with plain lists of `Played` events. A `Take` is fed events already placed on the song
timeline (fractional ticks, see `record_clock` for how arrival times become ticks) and the
heard playhead; each time the playhead wraps around the loop it hands back the pass just
finished as a `RecordedPass`, and `pass_command` turns that into one named command ("Record 6
notes") on the clip being recorded: overdub adds, replace first clears what the pass covered.

- A note held across the loop's wrap ends at the loop's end and goes on from its start in the
  next pass; the pedal likewise is pressed again at the start of the next pass.
- A note never released (the device went away and nothing said so) ends where the take stops.
- Input quantize (grid and strength) is off unless asked for.
- A pass in which nothing was played changes nothing, in either mode.
Pure Python.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from tonewell.edit.commands import Command, InsertClip, SetClipFields
from tonewell.edit.note_edits import count_words
from tonewell.edit.record_clock import ClockMap
from tonewell.midi.played import NOTE_OFF, NOTE_ON, SUSTAIN, Played
from tonewell.model import Clip, ControlPoint, LoopRegion, Note, TimeSignature
from tonewell.model.controls import CC_SUSTAIN, pedal_down
from tonewell.model.ops import quantize
from tonewell.model.timing import whole_bars


class RecordMode(StrEnum):
    OVERDUB = "overdub"
    """Add what was played to what is there."""
    REPLACE = "replace"
    """What was there in the stretch a pass covered goes; what was played comes in."""


@dataclass(frozen=True, slots=True)
class TakeSettings:
    mode: RecordMode = RecordMode.OVERDUB
    quantize_grid_ticks: int = 0
    """0: off (the default). Else starts move toward this grid."""
    quantize_strength: float = 1.0
    """0..1: how far of the way to the grid line a start moves."""


@dataclass(frozen=True, slots=True)
class RecordedPass:
    """What one pass of the loop (or a take without a loop) recorded, on the song timeline:
    notes and sustain-pedal points with song ticks, over [start_tick, end_tick)."""

    start_tick: int
    end_tick: int
    notes: tuple[Note, ...] = ()
    pedal: tuple[ControlPoint, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.notes and not self.pedal


EARLY_TICKS = 120
"""A note played up to this much before the take begins (during the count-in, eager to start)
counts as played on its first tick; earlier ones are not part of the take."""


@dataclass
class _Held:
    start_tick: float
    velocity: int


@dataclass
class Take:
    """One take, fed in time order from the GUI thread: `add` each played event at the tick it
    was heard, `advance` to the heard playhead; both return the passes that finished.

    `loop` None (or disabled): the take is one stretch from `start_tick` until `stop`."""

    start_tick: int
    loop: LoopRegion | None = None
    settings: TakeSettings = field(default_factory=TakeSettings)
    _held: dict[tuple[int, int], _Held] = field(default_factory=dict, repr=False)
    _notes: list[Note] = field(default_factory=list, repr=False)
    _pedal: dict[int, int] = field(default_factory=dict, repr=False)
    _pedal_value: int = 0
    _pass_start: int = 0
    _last_tick: float = 0.0
    _wraps: int = 0

    def __post_init__(self) -> None:
        if self.loop is not None and not (self.loop.enabled and self.loop.length_ticks > 0):
            self.loop = None
        self._pass_start = self.start_tick
        self._last_tick = float(self.start_tick)

    # --- the timeline -----------------------------------------------------------------------

    def _wrapped(self, tick: float) -> float:
        """`tick` brought into the loop (a run that just swapped may count back past the loop
        start for a moment)."""
        loop = self.loop
        if loop is not None and self._wraps and tick < loop.start_tick:
            tick += loop.length_ticks
        return tick

    def _pass_end(self) -> int | None:
        loop = self.loop
        return loop.end_tick if loop is not None and self._pass_start < loop.end_tick else None

    def advance(self, tick: float) -> list[RecordedPass]:
        """The heard playhead is at `tick`: the passes finished by a wrap, if any."""
        tick = self._wrapped(tick)
        done: list[RecordedPass] = []
        loop = self.loop
        if (
            loop is not None
            and loop.start_tick <= tick < self._last_tick - loop.length_ticks / 2
        ):
            done.append(self._wrap(loop))
        self._last_tick = max(self._last_tick, tick) if not done else tick
        return done

    def _wrap(self, loop: LoopRegion) -> RecordedPass:
        held = dict(self._held)
        for key in held:
            self._end_note(key, float(loop.end_tick))
        finished = self._finish(loop.end_tick)
        self._pass_start = loop.start_tick
        self._wraps += 1
        for key, h in held.items():
            self._held[key] = _Held(float(loop.start_tick), h.velocity)
        if pedal_down(self._pedal_value):
            self._pedal[loop.start_tick] = self._pedal_value
        return finished

    @property
    def last_tick(self) -> float:
        """The latest heard playhead the take was given."""
        return self._last_tick

    # --- events -----------------------------------------------------------------------------

    def add(self, tick: float, played: Played) -> list[RecordedPass]:
        """`played` was heard at song `tick` (as the playback's `tick_at` gives it)."""
        done = self.advance(tick)
        tick = self._wrapped(tick)
        if tick < self._pass_start:
            if tick < self.start_tick - EARLY_TICKS or self._wraps:
                return done
            tick = float(self._pass_start)
        end = self._pass_end()
        if end is not None:
            tick = min(tick, end - 1.0)
        key = (played.channel, played.pitch)
        if played.kind == NOTE_ON:
            if key in self._held:
                self._end_note(key, tick)  # a key struck again while held: a new note
            self._held[key] = _Held(tick, max(1, min(127, played.value)))
        elif played.kind == NOTE_OFF:
            if key in self._held:
                self._end_note(key, tick)
        elif played.kind == SUSTAIN:
            self._pedal_value = played.value
            self._pedal[round(tick)] = played.value
        return done

    def _end_note(self, key: tuple[int, int], end_tick: float) -> None:
        h = self._held.pop(key)
        start = round(h.start_tick)
        length = max(1, round(end_tick) - start)
        self._notes.append(Note(start, key[1], length, h.velocity))

    def _finish(self, end_tick: int) -> RecordedPass:
        notes = self._notes
        s = self.settings
        if s.quantize_grid_ticks > 0 and s.quantize_strength > 0:
            notes = list(quantize(notes, s.quantize_grid_ticks, min(1.0, s.quantize_strength)))
        pedal = tuple(ControlPoint(t, CC_SUSTAIN, v) for t, v in sorted(self._pedal.items()))
        out = RecordedPass(self._pass_start, max(end_tick, self._pass_start), tuple(notes), pedal)
        self._notes, self._pedal = [], {}
        return out

    def stop(self, tick: float) -> RecordedPass:
        """The take ends with the heard playhead at `tick` (any passes finished on the way are
        returned by `advance` first): notes still held end here."""
        tick = self._wrapped(tick)
        end = self._pass_end()
        stop_tick = tick if end is None else min(tick, float(end))
        stop_tick = max(stop_tick, float(self._pass_start))
        for key in list(self._held):
            h = self._held[key]
            self._end_note(key, max(stop_tick, h.start_tick + 1))
        return self._finish(max(round(stop_tick), self._pass_start + 1))


def feed(
    take: Take,
    events: Iterable[Played],
    clock: ClockMap,
    tick_at: Callable[[float], float],
    now_ns: int,
) -> list[RecordedPass]:
    """Give `take` the `events` drained since the last call and the heard playhead at `now_ns`
    (monotonic); `tick_at` maps a clock sample to the song tick sounding there (the playback
    run's own arithmetic, wrapping with the loop). The passes that finished, oldest first."""
    done: list[RecordedPass] = []
    for p in events:
        done += take.add(tick_at(clock.heard_sample(p.arrived_ns)), p)
    done += take.advance(tick_at(clock.heard_sample(now_ns)))
    return done


# --- commands ---------------------------------------------------------------------------------


def _folded_ranges(clip: Clip, meter: TimeSignature, start: int, end: int) -> list[range]:
    """The stretches of the clip's pattern (clip-relative ticks) that song ticks [start, end)
    play, over all its repeats."""
    length = clip.length_ticks(meter)
    out: list[range] = []
    for k in range(clip.repeats):
        offset = clip.start_tick + k * length
        a, b = max(start, offset), min(end, offset + length)
        if a < b:
            out.append(range(a - offset, b - offset))
    return out


def _fold(clip: Clip, meter: TimeSignature, tick: int) -> int | None:
    """The clip-relative tick of song `tick`, or None when the clip does not play there."""
    if not clip.start_tick <= tick < clip.end_tick(meter):
        return None
    return (tick - clip.start_tick) % clip.length_ticks(meter)


def fold_pass(clip: Clip, meter: TimeSignature, recorded: RecordedPass) -> RecordedPass:
    """`recorded` in the clip's own ticks: outside the clip left out, each note cut at the end
    of the pattern pass it starts in."""
    length = clip.length_ticks(meter)
    notes = []
    for n in recorded.notes:
        rel = _fold(clip, meter, n.start_tick)
        if rel is not None:
            notes.append(replace(n, start_tick=rel, length_ticks=min(n.length_ticks, length - rel)))
    pedal: dict[int, int] = {}
    for p in recorded.pedal:
        rel = _fold(clip, meter, p.tick)
        if rel is not None:
            pedal[rel] = p.value
    points = tuple(ControlPoint(t, CC_SUSTAIN, v) for t, v in sorted(pedal.items()))
    return RecordedPass(recorded.start_tick, recorded.end_tick, tuple(notes), points)


def record_name(recorded: RecordedPass) -> str:
    """How Edit › Undo names a pass: "Record 6 notes", "Record sustain pedal"."""
    if recorded.notes:
        return f"Record {count_words(len(recorded.notes))}"
    return "Record sustain pedal"


def new_clip_for(start_tick: int, end_tick: int, meter: TimeSignature) -> Clip:
    """An empty clip of whole bars covering [start_tick, end_tick) (at least one bar)."""
    bar = meter.ticks_per_bar
    first = start_tick // bar * bar
    bars = max(1, whole_bars(end_tick - first, bar))
    return Clip("Recording", length_bars=bars, start_tick=first)


def pass_command(
    track_uid: int,
    clip: Clip,
    meter: TimeSignature,
    recorded: RecordedPass,
    mode: RecordMode,
    *,
    new: bool = False,
) -> Command | None:
    """The one command that records `recorded` into `clip` on track `track_uid` (which must
    hold it, unless `new`: then the clip is inserted with what was played). None when the pass
    recorded nothing."""
    if recorded.empty:
        return None
    folded = fold_pass(clip, meter, recorded)
    if folded.empty:
        return None
    covered = _folded_ranges(clip, meter, recorded.start_tick, recorded.end_tick)

    def kept(tick: int) -> bool:
        return mode == RecordMode.OVERDUB or not any(tick in r for r in covered)

    notes = [n for n in clip.notes if kept(n.start_tick)] + list(folded.notes)
    new_ticks = {p.tick for p in folded.pedal}
    controls = [
        c for c in clip.controls
        if c.controller != CC_SUSTAIN or (kept(c.tick) and c.tick not in new_ticks)
    ] + list(folded.pedal)  # fmt: skip
    name = record_name(folded)
    if new:
        filled = replace(clip, notes=tuple(notes), controls=tuple(controls))
        return InsertClip(name, track_uid, filled)
    return SetClipFields(
        name,
        {"notes": tuple(sorted(notes)), "controls": tuple(sorted(controls))},
        track_uid=track_uid,
        clip_uid=clip.uid,
    )

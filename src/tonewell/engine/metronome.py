"""Metronome and count-in clicks as plain events.

Pure event generation (no Qt, no FluidSynth), so the transport can merge clicks into what it
schedules and tests can count them. Clicks play a General MIDI percussion sound on their own
channel (`METRONOME_CHANNEL`, percussion bank), so they never disturb a track: the downbeat of
each bar is accented with a higher woodblock and a harder hit, other beats use the low woodblock.
A beat is one note value of the time signature's denominator (6/8 clicks six eighths a bar).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from tonewell.engine.schedule import CC_VOLUME, Event, EventKind
from tonewell.model import PPQ, TempoMap, TimeSignature

METRONOME_CHANNEL = 63
"""The last of the synth's 64 channels; `assign_channels` gives tracks the low ones first."""

CLICK_LENGTH_S = 0.05
"""How long a click is held (half a beat when beats are shorter, so the events of consecutive
clicks never interleave). Woodblocks ring out on their own; the note-off frees the voice."""


@dataclass(frozen=True, slots=True)
class ClickSound:
    """Which GM percussion keys and velocities the metronome plays (76/77: hi/low woodblock)."""

    accent_pitch: int = 76
    beat_pitch: int = 77
    accent_velocity: int = 127
    beat_velocity: int = 90


DEFAULT_SOUND = ClickSound()


@dataclass(frozen=True, slots=True)
class Click:
    """One metronome click at `tick` (song ticks; negative during a count-in)."""

    tick: int
    accent: bool


def iter_clicks(meter: TimeSignature, from_tick: int, to_tick: int | None) -> Iterator[Click]:
    """Clicks on every beat in [from_tick, to_tick) (forever when `to_tick` is None); bar starts
    are accented. Beats count from tick 0, so a window starting mid-beat begins on the next."""
    beat = meter.ticks_per_beat
    bar = meter.ticks_per_bar
    tick = -(-from_tick // beat) * beat
    while to_tick is None or tick < to_tick:
        yield Click(tick, tick % bar == 0)
        tick += beat


def clicks(meter: TimeSignature, from_tick: int, to_tick: int) -> list[Click]:
    """The clicks of the window [from_tick, to_tick)."""
    return list(iter_clicks(meter, from_tick, to_tick))


def _click_pair(
    click: Click, on_sample: int, hold_samples: float, sound: ClickSound
) -> tuple[Event, Event]:
    """Note on and off of one click, held `hold_samples`."""
    pitch = sound.accent_pitch if click.accent else sound.beat_pitch
    velocity = sound.accent_velocity if click.accent else sound.beat_velocity
    off_sample = on_sample + max(1, round(hold_samples))
    return (
        Event(on_sample, EventKind.NOTE_ON, METRONOME_CHANNEL, pitch, velocity, click.tick),
        Event(off_sample, EventKind.NOTE_OFF, METRONOME_CHANNEL, pitch, 0, click.tick),
    )


def iter_click_events(
    tempo_map: TempoMap,
    meter: TimeSignature,
    from_tick: int,
    to_tick: int | None,
    *,
    sample_rate_hz: int,
    offset_s: float = 0.0,
    sound: ClickSound = DEFAULT_SOUND,
) -> Iterator[Event]:
    """Click events for the song stretch [from_tick, to_tick) played `offset_s` seconds after
    playback began, in time order, timed with the same arithmetic `schedule.play_events` uses
    for notes, so a click and a note on one tick land on the same sample. Lazy: an open-ended
    stretch (`to_tick` None) clicks forever."""
    tick_s = tempo_map.tick_to_seconds
    base_s = tick_s(from_tick)
    for click in iter_clicks(meter, from_tick, to_tick):
        on = round((offset_s + tick_s(click.tick) - base_s) * sample_rate_hz)
        beat_s = tick_s(click.tick + meter.ticks_per_beat) - tick_s(click.tick)
        hold = min(CLICK_LENGTH_S, beat_s / 2) * sample_rate_hz
        yield from _click_pair(click, on, hold, sound)


def click_events(
    tempo_map: TempoMap,
    meter: TimeSignature,
    from_tick: int,
    to_tick: int,
    *,
    sample_rate_hz: int,
    offset_s: float = 0.0,
    sound: ClickSound = DEFAULT_SOUND,
) -> list[Event]:
    """`iter_click_events` for a bounded stretch, as a list."""
    return list(
        iter_click_events(
            tempo_map,
            meter,
            from_tick,
            to_tick,
            sample_rate_hz=sample_rate_hz,
            offset_s=offset_s,
            sound=sound,
        )
    )


def count_in_seconds(bpm: float, meter: TimeSignature, bars: int) -> float:
    """How long `bars` bars of count-in last at `bpm` quarter notes per minute."""
    return bars * meter.ticks_per_bar * 60.0 / (bpm * PPQ)


def count_in_events(
    bpm: float,
    meter: TimeSignature,
    bars: int,
    *,
    sample_rate_hz: int,
    start_tick: int = 0,
    sound: ClickSound = DEFAULT_SOUND,
) -> list[Event]:
    """Clicks for `bars` whole bars before playback starts at `start_tick`: sample 0 is the first
    count-in click, and the song's first beat falls on `count_in_seconds(...)`. Ticks are
    negative offsets from `start_tick` (e.g. -1920..-480 for one bar of 4/4 before tick 0)."""
    if bars <= 0:
        return []
    total_ticks = bars * meter.ticks_per_bar
    s_per_tick = 60.0 / (bpm * PPQ)
    out: list[Event] = []
    beat_samples = meter.ticks_per_beat * s_per_tick * sample_rate_hz
    hold = min(CLICK_LENGTH_S * sample_rate_hz, beat_samples / 2)
    for click in clicks(meter, 0, total_ticks):
        on = round(click.tick * s_per_tick * sample_rate_hz)
        shifted = Click(start_tick - total_ticks + click.tick, click.accent)
        out.extend(_click_pair(shifted, on, hold, sound))
    return out


def setup_events(volume: int, *, at_sample: int = 0) -> list[Event]:
    """Select the standard drum kit (percussion bank) and set the metronome's own volume (CC7)."""
    volume = min(127, max(0, volume))
    return [
        Event(at_sample, EventKind.PROGRAM, METRONOME_CHANNEL, 0, 1, 0),
        Event(at_sample, EventKind.CONTROL, METRONOME_CHANNEL, CC_VOLUME, volume, 0),
    ]

"""Pure operations on notes and clips: transpose, quantize, snap, conform, split, duplicate.

Each takes immutable values and returns new ones; the edit layer wraps them in undoable commands.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from tonewell.model.composition import Clip, Key
from tonewell.model.note import Note
from tonewell.model.scales import nearest_scale_pitch
from tonewell.model.timing import TimeSignature


def transpose(notes: Iterable[Note], semitones: int) -> tuple[Note, ...]:
    """Every note moved by `semitones`. Refuses (ValueError) if any would leave 0..127."""
    notes = tuple(notes)
    for note in notes:
        if not 0 <= note.pitch + semitones <= 127:
            raise ValueError(f"moving by {semitones} would take a note outside the keyboard")
    return tuple(replace(n, pitch=n.pitch + semitones) for n in notes)


def snap(tick: float, grid_ticks: int) -> int:
    """The grid line nearest `tick` (halfway rounds up), never below 0."""
    if grid_ticks < 1:
        raise ValueError("grid_ticks must be at least 1")
    return max(0, int((tick + grid_ticks / 2) // grid_ticks) * grid_ticks)


def snap_down(tick: float, grid_ticks: int) -> int:
    """The grid line at or before `tick` (where a click in a grid cell lands)."""
    if grid_ticks < 1:
        raise ValueError("grid_ticks must be at least 1")
    return max(0, int(tick // grid_ticks) * grid_ticks)


def quantize(
    notes: Iterable[Note], grid_ticks: int, strength: float = 1.0, *, ends: bool = False
) -> tuple[Note, ...]:
    """Move each start `strength` (0..1) of the way to its nearest grid line.

    Lengths are kept, unless `ends` is set: then the end moves toward its grid line too (a note
    never becomes shorter than one tick).
    """
    if not 0.0 <= strength <= 1.0:
        raise ValueError(f"strength {strength} is not in 0..1")
    out = []
    for n in notes:
        start = round(n.start_tick + (snap(n.start_tick, grid_ticks) - n.start_tick) * strength)
        end = start + n.length_ticks
        if ends:
            end = round(n.end_tick + (snap(n.end_tick, grid_ticks) - n.end_tick) * strength)
        out.append(replace(n, start_tick=max(0, start), length_ticks=max(1, end - max(0, start))))
    return tuple(out)


def conform_to_scale(notes: Iterable[Note], key: Key) -> tuple[Note, ...]:
    """Each pitch moved to the nearest tone of `key` (ties go down)."""
    return tuple(
        replace(n, pitch=nearest_scale_pitch(n.pitch, key.tonic, key.mode)) for n in notes
    )


def split_note(note: Note, at_tick: int) -> tuple[Note, ...]:
    """`note` cut in two at `at_tick`; unchanged (one note) if the tick is not strictly inside."""
    if not note.start_tick < at_tick < note.end_tick:
        return (note,)
    return (
        replace(note, length_ticks=at_tick - note.start_tick),
        replace(note, start_tick=at_tick, length_ticks=note.end_tick - at_tick),
    )


def split_notes(notes: Iterable[Note], at_tick: int) -> tuple[Note, ...]:
    """Every note that crosses `at_tick` cut in two there."""
    return tuple(sorted(part for n in notes for part in split_note(n, at_tick)))


def split_clip(clip: Clip, at_bar: int, meter: TimeSignature) -> tuple[Clip, Clip]:
    """One pass of `clip` cut into two clips at bar `at_bar` (1 <= at_bar < length_bars).

    Notes crossing the cut are split. The second clip starts where the cut was on the timeline;
    both play once (a repeated clip is split in its first pass).
    """
    if not 1 <= at_bar < clip.length_bars:
        raise ValueError(f"bar {at_bar} is not inside a {clip.length_bars}-bar clip")
    cut = at_bar * meter.ticks_per_bar
    parts = split_notes(clip.notes, cut)
    left = [n for n in parts if n.start_tick < cut]
    right = [replace(n, start_tick=n.start_tick - cut) for n in parts if n.start_tick >= cut]
    return (
        replace(clip, notes=tuple(left), length_bars=at_bar, repeats=1),
        replace(
            clip,
            name=f"{clip.name} (2)",
            notes=tuple(right),
            length_bars=clip.length_bars - at_bar,
            start_tick=clip.start_tick + cut,
            repeats=1,
        ),
    )


def duplicate_notes(notes: Iterable[Note], offset_ticks: int) -> tuple[Note, ...]:
    """Copies of `notes` shifted later by `offset_ticks` (the originals are not included)."""
    if offset_ticks < 0:
        raise ValueError("duplicates go later in time: offset_ticks must not be negative")
    return tuple(replace(n, start_tick=n.start_tick + offset_ticks) for n in notes)


def duplicate_clip(clip: Clip, meter: TimeSignature) -> Clip:
    """A copy of `clip` placed right after it ends (after all its repeats)."""
    return replace(clip, start_tick=clip.end_tick(meter))


def notes_in_range(notes: Iterable[Note], start_tick: int, end_tick: int) -> tuple[Note, ...]:
    """Notes that start in [start_tick, end_tick)."""
    return tuple(n for n in notes if start_tick <= n.start_tick < end_tick)

"""Edits to the notes of one clip, each one named command plus the notes selected afterwards.

The piano roll's gestures and menu actions call these: they decide the new notes with the pure
operations in `tonewell.model.ops`, keep every note inside the keyboard and the clip's start,
and name the step as people read it in Edit › Undo ("Move 4 notes"). A note is a value: the
selection is the set of note values, and every edit returns the notes as they are afterwards so
the same ones stay selected.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from tonewell.edit.commands import SetClipFields
from tonewell.model import Clip, Key, Note
from tonewell.model.ops import conform_to_scale, quantize, transpose

MIN_PITCH, MAX_PITCH = 0, 127


@dataclass(frozen=True, slots=True)
class NoteEdit:
    """A command for the document and the notes to select once it is done."""

    command: SetClipFields
    selection: tuple[Note, ...]


def count_words(count: int, noun: str = "note") -> str:
    """`1` -> "note", `4` -> "4 notes": how a step names what it changed."""
    return noun if count == 1 else f"{count} {noun}s"


def _without(notes: Iterable[Note], remove: Iterable[Note]) -> list[Note]:
    """`notes` less one copy of each note in `remove` (two equal notes are two notes)."""
    left = Counter(remove)
    out = []
    for note in notes:
        if left[note]:
            left[note] -= 1
        else:
            out.append(note)
    return out


def _edit(
    track_uid: int, clip: Clip, name: str, notes: Iterable[Note], selection: Iterable[Note]
) -> NoteEdit:
    command = SetClipFields(
        name, {"notes": tuple(sorted(notes))}, track_uid=track_uid, clip_uid=clip.uid
    )
    return NoteEdit(command, tuple(sorted(selection)))


def replace_notes(
    track_uid: int, clip: Clip, old: Iterable[Note], new: Iterable[Note], name: str
) -> NoteEdit:
    """`old` notes of the clip replaced by `new` ones (which become the selection)."""
    new = list(new)
    return _edit(track_uid, clip, name, [*_without(clip.notes, old), *new], new)


def add_notes(track_uid: int, clip: Clip, notes: Iterable[Note]) -> NoteEdit:
    notes = list(notes)
    return _edit(
        track_uid, clip, f"Add {count_words(len(notes))}", [*clip.notes, *notes], notes
    )


def remove_notes(track_uid: int, clip: Clip, notes: Iterable[Note]) -> NoteEdit:
    notes = list(notes)
    return _edit(
        track_uid, clip, f"Delete {count_words(len(notes))}", _without(clip.notes, notes), ()
    )


def move_notes(
    track_uid: int, clip: Clip, notes: Iterable[Note], delta_ticks: int, delta_pitch: int
) -> NoteEdit:
    """Move `notes` in time and pitch; the move is limited so none leaves the keyboard or starts
    before the clip."""
    notes = list(notes)
    delta_ticks, delta_pitch = clamp_move(notes, delta_ticks, delta_pitch)
    moved = [
        replace(n, start_tick=n.start_tick + delta_ticks, pitch=n.pitch + delta_pitch)
        for n in notes
    ]
    return replace_notes(track_uid, clip, notes, moved, f"Move {count_words(len(notes))}")


def clamp_move(notes: Iterable[Note], delta_ticks: int, delta_pitch: int) -> tuple[int, int]:
    """The nearest move to (`delta_ticks`, `delta_pitch`) that keeps every note valid."""
    notes = list(notes)
    if not notes:
        return 0, 0
    earliest = min(n.start_tick for n in notes)
    low = min(n.pitch for n in notes)
    high = max(n.pitch for n in notes)
    delta_ticks = max(delta_ticks, -earliest)
    delta_pitch = min(max(delta_pitch, MIN_PITCH - low), MAX_PITCH - high)
    return delta_ticks, delta_pitch


def resize_notes(
    track_uid: int,
    clip: Clip,
    notes: Iterable[Note],
    *,
    delta_start: int = 0,
    delta_end: int = 0,
    min_length: int = 1,
) -> NoteEdit:
    """Move the starts and/or the ends of `notes`; each keeps at least `min_length` ticks."""
    notes = list(notes)
    out = []
    for n in notes:
        start = min(max(0, n.start_tick + delta_start), n.end_tick - min_length)
        start = max(0, start)
        end = max(n.end_tick + delta_end, start + min_length)
        out.append(replace(n, start_tick=start, length_ticks=end - start))
    return replace_notes(track_uid, clip, notes, out, f"Resize {count_words(len(notes))}")


def set_velocity(
    track_uid: int, clip: Clip, notes: Iterable[Note], velocity: int | dict[Note, int]
) -> NoteEdit:
    """Give `notes` one velocity, or each its own (a mapping from note to velocity)."""
    notes = list(notes)

    def new_velocity(n: Note) -> int:
        value = velocity if isinstance(velocity, int) else velocity.get(n, n.velocity)
        return min(127, max(1, int(value)))

    out = [replace(n, velocity=new_velocity(n)) for n in notes]
    name = f"Set velocity of {count_words(len(notes))}"
    return replace_notes(track_uid, clip, notes, out, name)


def transpose_notes(
    track_uid: int, clip: Clip, notes: Iterable[Note], semitones: int
) -> NoteEdit:
    """Notes moved by `semitones`, as far as the keyboard allows."""
    notes = list(notes)
    semitones = clamp_move(notes, 0, semitones)[1]
    out = list(transpose(notes, semitones))
    return replace_notes(track_uid, clip, notes, out, f"Transpose {count_words(len(notes))}")


def quantize_notes(
    track_uid: int, clip: Clip, notes: Iterable[Note], grid_ticks: int, strength: float = 1.0
) -> NoteEdit:
    notes = list(notes)
    out = list(quantize(notes, grid_ticks, strength))
    return replace_notes(track_uid, clip, notes, out, f"Quantize {count_words(len(notes))}")


def conform_notes(track_uid: int, clip: Clip, notes: Iterable[Note], key: Key) -> NoteEdit:
    notes = list(notes)
    out = list(conform_to_scale(notes, key))
    name = f"Fit {count_words(len(notes))} to {key}"
    return replace_notes(track_uid, clip, notes, out, name)


def paste_notes(track_uid: int, clip: Clip, notes: Iterable[Note], at_tick: int) -> NoteEdit:
    """Copies of `notes` placed so the earliest starts at `at_tick` (they keep their spacing)."""
    notes = list(notes)
    if not notes:
        return _edit(track_uid, clip, "Paste", clip.notes, ())
    earliest = min(n.start_tick for n in notes)
    shift = max(0, at_tick) - earliest
    pasted = [replace(n, start_tick=n.start_tick + shift) for n in notes]
    return _edit(
        track_uid, clip, f"Paste {count_words(len(pasted))}", [*clip.notes, *pasted], pasted
    )


def duplicate_notes(
    track_uid: int, clip: Clip, notes: Iterable[Note], grid_ticks: int = 1
) -> NoteEdit:
    """Copies of `notes` placed right after them: shifted by their span, rounded up to the
    grid, so a one-bar phrase repeats in the next bar."""
    notes = list(notes)
    if not notes:
        return _edit(track_uid, clip, "Duplicate", clip.notes, ())
    first = min(n.start_tick for n in notes)
    last = max(n.end_tick for n in notes)
    grid = max(1, grid_ticks)
    span = -(-(last - first) // grid) * grid
    copies = [replace(n, start_tick=n.start_tick + span) for n in notes]
    return _edit(
        track_uid, clip, f"Duplicate {count_words(len(notes))}", [*clip.notes, *copies], copies
    )

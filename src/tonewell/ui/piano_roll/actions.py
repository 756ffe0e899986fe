"""Edit actions on the piano roll's selection: the Edit menu's items and the keyboard's.

Each action builds one edit with `tonewell.edit.note_edits` and pushes it as one step; none
decides note logic of its own. An action with nothing to work on does nothing (and says so by
returning False), so a menu item can stay enabled without harm.
"""

from __future__ import annotations

from tonewell.edit import note_edits
from tonewell.edit.commands import SetClipFields
from tonewell.model import Clip, Note
from tonewell.ui.piano_roll import clipboard
from tonewell.ui.piano_roll.state import RollState


def _target(state: RollState) -> tuple[int, Clip] | None:
    clip = state.clip
    if clip is None or state.track_uid is None:
        return None
    return state.track_uid, clip


def select_all(state: RollState) -> bool:
    clip = state.clip
    if clip is None:
        return False
    state.selection.set(clip.notes)
    return True


def delete_selection(state: RollState) -> bool:
    target = _target(state)
    if target is None or not state.selection:
        return False
    state.push(note_edits.remove_notes(*target, state.selection.sorted()))
    return True


def copy(state: RollState) -> bool:
    return bool(state.selection) and clipboard.copy_notes(state.selection.notes) > 0


def cut(state: RollState) -> bool:
    if not copy(state):
        return False
    target = _target(state)
    assert target is not None
    edit = note_edits.remove_notes(*target, state.selection.sorted())
    state.push(note_edits.NoteEdit(_renamed(edit.command, "Cut"), edit.selection))
    return True


def _renamed(command: SetClipFields, verb: str) -> SetClipFields:
    """The same command named with another verb ("Delete 3 notes" -> "Cut 3 notes")."""
    command.name = verb + command.name[command.name.index(" ") :] if " " in command.name else verb
    return command


def paste(state: RollState, at_tick: int | None = None) -> bool:
    """Paste the copied notes at `at_tick` (clip ticks), else at the playhead when it is in
    this clip, else at the keyboard cursor."""
    target = _target(state)
    notes = clipboard.copied_notes()
    if target is None or not notes:
        return False
    if at_tick is None:
        at_tick = state.playhead_tick if state.playhead_tick is not None else state.cursor.tick
    state.push(note_edits.paste_notes(*target, notes, at_tick))
    return True


def duplicate(state: RollState) -> bool:
    target = _target(state)
    if target is None or not state.selection:
        return False
    grid = state.snap.grid_ticks or 1
    state.push(note_edits.duplicate_notes(*target, state.selection.sorted(), grid))
    return True


def quantize(state: RollState, grid_ticks: int | None = None, strength: float = 1.0) -> bool:
    """Quantize the selection (or, with nothing selected, every note of the clip)."""
    target = _target(state)
    if target is None:
        return False
    notes = state.selection.sorted() or list(target[1].notes)
    grid = grid_ticks or state.snap.grid_ticks
    if not notes or not grid:
        return False
    strength = min(1.0, max(0.0, strength))
    state.push(note_edits.quantize_notes(*target, notes, grid, strength))
    return True


def transpose(state: RollState, semitones: int) -> bool:
    target = _target(state)
    if target is None or not state.selection or not semitones:
        return False
    state.push(note_edits.transpose_notes(*target, state.selection.sorted(), semitones))
    return True


def move_by_steps(state: RollState, steps: int) -> bool:
    """Move the selection `steps` grid steps later (earlier when negative)."""
    target = _target(state)
    if target is None or not state.selection:
        return False
    delta = steps * state.snap.step_ticks
    state.push(note_edits.move_notes(*target, state.selection.sorted(), delta, 0))
    return True


def resize_by_steps(state: RollState, steps: int) -> bool:
    """Make the selected notes end `steps` grid steps later (earlier when negative)."""
    target = _target(state)
    if target is None or not state.selection:
        return False
    notes = state.selection.sorted()
    step = state.snap.step_ticks
    minimum = min(step, *(n.length_ticks for n in notes))
    edit = note_edits.resize_notes(*target, notes, delta_end=steps * step, min_length=minimum)
    state.push(edit)
    if len(edit.selection) == 1:
        state.snap.length_ticks = edit.selection[0].length_ticks
    return True


def set_velocity(state: RollState, velocity: int) -> bool:
    target = _target(state)
    if target is None or not state.selection:
        return False
    state.push(note_edits.set_velocity(*target, state.selection.sorted(), velocity))
    return True


def toggle_at_cursor(state: RollState) -> bool:
    """Enter: remove the note in the cursor's cell, or place one of the current length."""
    target = _target(state)
    if target is None:
        return False
    there = state.note_at_cursor()
    if there is not None:
        state.push(note_edits.remove_notes(*target, [there]))
        return True
    note = Note(state.cursor.tick, state.cursor.pitch, state.snap.length_ticks, 100)
    state.push(note_edits.add_notes(*target, [note]))
    state.audition(note.pitch, note.velocity)
    return True


def select_at_cursor(state: RollState) -> bool:
    """Shift+Enter: add the note at the cursor to the selection, or take it out."""
    there = state.note_at_cursor()
    if there is None:
        return False
    state.selection.toggle(there)
    return True

"""Note edits: the notes they produce, the selection after them, and their names."""

from __future__ import annotations

from tonewell.edit import Document
from tonewell.edit.note_edits import (
    add_notes,
    clamp_move,
    count_words,
    duplicate_notes,
    move_notes,
    paste_notes,
    quantize_notes,
    remove_notes,
    resize_notes,
    set_velocity,
    transpose_notes,
)
from tonewell.model import Clip, Composition, Note, Track


def setup() -> tuple[Document, int, Clip]:
    clip = Clip("Tune", (Note(0, 60, 240), Note(480, 64, 240), Note(960, 67, 240)), length_bars=1)
    doc = Document(Composition(tracks=(Track("Piano", clips=(clip,)),)))
    return doc, doc.comp.tracks[0].uid, clip


def clip_now(doc: Document) -> Clip:
    return doc.comp.tracks[0].clips[0]


def test_names_read_as_people_say_them() -> None:
    assert count_words(1) == "note"
    assert count_words(4) == "4 notes"
    _doc, uid, clip = setup()
    assert move_notes(uid, clip, clip.notes, 10, 0).command.name == "Move 3 notes"
    assert add_notes(uid, clip, [Note(0, 70, 10)]).command.name == "Add note"


def test_add_and_remove() -> None:
    doc, uid, clip = setup()
    edit = add_notes(uid, clip, [Note(240, 62, 120)])
    doc.push(edit.command)
    assert Note(240, 62, 120) in clip_now(doc).notes and edit.selection == (Note(240, 62, 120),)
    edit = remove_notes(uid, clip_now(doc), [Note(0, 60, 240), Note(240, 62, 120)])
    doc.push(edit.command)
    assert clip_now(doc).notes == (Note(480, 64, 240), Note(960, 67, 240))
    assert edit.selection == ()


def test_remove_takes_one_of_two_equal_notes() -> None:
    doc, uid, _ = setup()
    doc.push(add_notes(uid, clip_now(doc), [Note(0, 60, 240)]).command)
    doc.push(remove_notes(uid, clip_now(doc), [Note(0, 60, 240)]).command)
    assert clip_now(doc).notes.count(Note(0, 60, 240)) == 1


def test_move_keeps_the_selection_on_the_moved_notes() -> None:
    doc, uid, clip = setup()
    edit = move_notes(uid, clip, clip.notes[:2], 120, -1)
    doc.push(edit.command)
    assert edit.selection == (Note(120, 59, 240), Note(600, 63, 240))
    assert Note(960, 67, 240) in clip_now(doc).notes


def test_move_stops_at_the_edges() -> None:
    notes = [Note(100, 2, 10), Note(200, 120, 10)]
    assert clamp_move(notes, -500, -10) == (-100, -2)
    assert clamp_move(notes, 0, 30) == (0, 7)
    _doc, uid, clip = setup()
    edit = move_notes(uid, clip, clip.notes[:1], -1000, 0)
    assert edit.selection == (Note(0, 60, 240),)


def test_resize_ends_and_starts() -> None:
    _doc, uid, clip = setup()
    edit = resize_notes(uid, clip, clip.notes[:1], delta_end=120)
    assert edit.selection == (Note(0, 60, 360),)
    edit = resize_notes(uid, clip, clip.notes[1:2], delta_start=-100)
    assert edit.selection == (Note(380, 64, 340),)
    edit = resize_notes(uid, clip, clip.notes[1:2], delta_end=-1000, min_length=30)
    assert edit.selection == (Note(480, 64, 30),)
    edit = resize_notes(uid, clip, clip.notes[1:2], delta_start=5000, min_length=30)
    assert edit.selection == (Note(690, 64, 30),)


def test_velocity_one_value_or_each_its_own() -> None:
    _doc, uid, clip = setup()
    assert {n.velocity for n in set_velocity(uid, clip, clip.notes, 200).selection} == {127}
    edit = set_velocity(uid, clip, clip.notes[:2], {clip.notes[0]: 30, clip.notes[1]: 0})
    assert [n.velocity for n in edit.selection] == [30, 1]


def test_transpose_quantize_paste_duplicate() -> None:
    doc, uid, clip = setup()
    assert [n.pitch for n in transpose_notes(uid, clip, clip.notes, 12).selection] == [72, 76, 79]
    off_grid = Clip("x", (Note(130, 60, 100),))
    assert quantize_notes(uid, off_grid, off_grid.notes, 120).selection == (Note(120, 60, 100),)
    pasted = paste_notes(uid, clip, clip.notes[:2], 1920).selection
    assert pasted == (Note(1920, 60, 240), Note(2400, 64, 240))
    copies = duplicate_notes(uid, clip, clip.notes, grid_ticks=1920).selection
    assert copies[0] == Note(1920, 60, 240)
    doc.push(duplicate_notes(uid, clip, clip.notes, grid_ticks=1920).command)
    assert len(clip_now(doc).notes) == 6

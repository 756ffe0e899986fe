"""The Document: push, undo, redo, merging, dirty state and the events listeners hear."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tonewell.edit import Action, Document, DocumentEvent, Scope
from tonewell.edit.commands import CommandError
from tonewell.edit.note_edits import add_notes, move_notes
from tonewell.edit.piece_edits import (
    add_track,
    move_track,
    new_track,
    remove_track,
    set_tempo,
    set_track_value,
)
from tonewell.model import Clip, Composition, Note, Track


def piece() -> Composition:
    clip = Clip("Tune", (Note(0, 60, 240), Note(480, 62, 240)), length_bars=1)
    return Composition(title="Test", tracks=(Track("Piano", clips=(clip,)), Track("Bass")))


@pytest.fixture
def doc() -> Document:
    return Document(piece())


def events_of(doc: Document) -> list[DocumentEvent]:
    seen: list[DocumentEvent] = []
    doc.subscribe(seen.append)
    return seen


def test_push_applies_and_tells_listeners(doc: Document) -> None:
    seen = events_of(doc)
    doc.push(set_tempo(doc.comp, 100))
    assert doc.comp.tempo_bpm == 100
    assert [(e.action, e.name) for e in seen] == [(Action.DO, "Tempo 100 BPM")]
    assert seen[0].touches(Scope.PIECE) and seen[0].composition is doc.comp
    assert doc.dirty


def test_undo_and_redo_restore_exactly(doc: Document) -> None:
    before = doc.comp
    track = doc.comp.tracks[0]
    edit = add_notes(track.uid, track.clips[0], [Note(960, 64, 240)])
    doc.push(edit.command)
    after = doc.comp
    assert len(after.tracks[0].clips[0].notes) == 3
    assert doc.undo() and doc.comp == before and not doc.dirty
    assert doc.redo() and doc.comp == after and doc.dirty
    assert not doc.redo()


def test_a_command_that_changes_nothing_is_not_a_step(doc: Document) -> None:
    doc.push(set_tempo(doc.comp, doc.comp.tempo_bpm))
    assert not doc.history.can_undo and not doc.dirty


def test_a_drag_merges_into_one_step_until_sealed(doc: Document) -> None:
    uid = doc.comp.tracks[0].uid
    for volume in (90, 80, 70, 60):
        doc.push(set_track_value(doc.comp, uid, "volume", volume))
    doc.seal()
    doc.push(set_track_value(doc.comp, uid, "volume", 50))
    assert doc.history.names() == ["Volume of Piano", "Volume of Piano"]
    doc.undo()
    assert doc.comp.tracks[0].volume == 60
    doc.undo()
    assert doc.comp.tracks[0].volume == 100  # the first step's old value, not 90


def test_different_controls_do_not_merge(doc: Document) -> None:
    uid = doc.comp.tracks[0].uid
    doc.push(set_track_value(doc.comp, uid, "volume", 90))
    doc.push(set_track_value(doc.comp, uid, "pan", 20))
    assert len(doc.history.names()) == 2


def test_tempo_arrows_merge(doc: Document) -> None:
    for bpm in (91, 92, 93):
        doc.push(set_tempo(doc.comp, bpm))
    doc.seal()
    assert doc.history.names() == ["Tempo 93 BPM"]
    doc.undo()
    assert doc.comp.tempo_bpm == piece().tempo_bpm


def test_commands_find_their_clip_after_tracks_move(doc: Document) -> None:
    before = doc.comp
    piano = doc.comp.tracks[0]
    clip = piano.clips[0]
    doc.push(move_track(doc.comp, piano.uid, 1))
    doc.push(add_track(new_track(doc.comp, 40), 0))
    doc.push(move_notes(piano.uid, clip, clip.notes[:1], 120, 2).command)
    moved = doc.comp.tracks[2].clips[0].notes
    assert Note(120, 62, 240) in moved
    while doc.undo():
        pass
    assert doc.comp == before


def test_remove_track_undo_puts_it_back_in_place(doc: Document) -> None:
    before = doc.comp
    doc.push(remove_track(doc.comp, doc.comp.tracks[0].uid))
    assert [t.name for t in doc.comp.tracks] == ["Bass"]
    doc.undo()
    assert doc.comp == before
    assert doc.comp.tracks[0].uid == before.tracks[0].uid


def test_command_for_a_track_that_is_gone_raises(doc: Document) -> None:
    uid = doc.comp.tracks[1].uid
    stale = set_track_value(doc.comp, uid, "mute", True)
    doc.push(remove_track(doc.comp, uid))
    with pytest.raises(CommandError):
        doc.push(stale)
    assert doc.history.names() == ["Remove track Bass"]


def test_saved_point_and_dirty(doc: Document, tmp_path) -> None:
    doc.push(set_tempo(doc.comp, 120))
    doc.seal()
    doc.mark_saved(tmp_path / "a.tonewell")
    assert not doc.dirty and doc.path == tmp_path / "a.tonewell"
    doc.undo()
    assert doc.dirty
    doc.redo()
    assert not doc.dirty
    doc.undo()
    doc.push(set_tempo(doc.comp, 70))  # the saved state can no longer be reached
    while doc.undo():
        assert doc.dirty
    assert doc.dirty


def test_merging_into_the_saved_step_makes_it_dirty(doc: Document, tmp_path) -> None:
    uid = doc.comp.tracks[0].uid
    doc.push(set_track_value(doc.comp, uid, "volume", 90))
    doc.mark_saved(tmp_path / "a.tonewell")  # saving seals the gesture
    doc.push(set_track_value(doc.comp, uid, "volume", 80))
    assert doc.dirty and len(doc.history.names()) == 2


def test_load_clears_history_and_tells_everyone(doc: Document) -> None:
    seen = events_of(doc)
    doc.push(set_tempo(doc.comp, 120))
    doc.load(Composition(title="New"), None)
    assert not doc.history.can_undo and not doc.dirty and doc.title == "New"
    assert seen[-1].action == Action.LOAD and seen[-1].touches(Scope.NOTES)
    doc.load(Composition(title="Restored"), None, dirty=True)
    assert doc.dirty


def test_history_limit_forgets_the_oldest(doc: Document) -> None:
    doc.history.limit = 3
    for bpm in (100, 101, 102, 103, 104):
        doc.push(set_tempo(doc.comp, bpm))
        doc.seal()
    assert len(doc.history.names()) == 3
    while doc.undo():
        pass
    assert doc.comp.tempo_bpm == 101
    assert doc.dirty


def test_unsubscribe(doc: Document) -> None:
    seen: list[DocumentEvent] = []
    stop = doc.subscribe(seen.append)
    stop()
    doc.push(set_tempo(doc.comp, 99))
    assert seen == []


def test_equal_compositions_keep_identity_across_replace() -> None:
    clip = Clip("A", (Note(0, 60, 10),))
    assert replace(clip, start_tick=480).uid == clip.uid
    assert Clip("A", (Note(0, 60, 10),)).uid != clip.uid
    assert Clip("A", (Note(0, 60, 10),)) == clip

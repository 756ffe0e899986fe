"""Piece, track and clip edits: names, merging and undo."""

from __future__ import annotations

from tonewell.edit import Document
from tonewell.edit.piece_edits import (
    add_clip,
    add_track,
    change_clip,
    duplicate_clip,
    move_clip,
    new_track,
    notes_past_clip_ends,
    piece_settings,
    remove_clip,
    rename_track,
    set_instrument,
    set_loop,
    set_title,
    set_track_value,
)
from tonewell.model import Clip, Composition, Key, LoopRegion, Note, TimeSignature, Track


def doc_with_two_tracks() -> Document:
    clip = Clip("Tune", (Note(0, 60, 240),), length_bars=2)
    return Document(Composition(tracks=(Track("Piano", clips=(clip,)), Track("Bass"))))


def test_new_track_names_do_not_clash() -> None:
    doc = doc_with_two_tracks()
    track = new_track(doc.comp, 0, name="Piano")
    assert track.name == "Piano 2"
    assert new_track(doc.comp, 0, is_drum=True).name == "Drums"
    doc.push(add_track(track))
    assert [t.name for t in doc.comp.tracks] == ["Piano", "Bass", "Piano 2"]


def test_rename_instrument_mute_solo_colour() -> None:
    doc = doc_with_two_tracks()
    uid = doc.comp.tracks[1].uid
    doc.push(rename_track(doc.comp, uid, "  Low   line "))
    doc.push(set_instrument(doc.comp, uid, 33))
    doc.push(set_track_value(doc.comp, uid, "mute", True))
    doc.push(set_track_value(doc.comp, uid, "colour", "#112233"))
    track = doc.comp.tracks[1]
    assert (track.name, track.program, track.mute, track.colour) == (
        "Low line", 33, True, "#112233"
    )
    assert doc.history.names() == [
        "Rename Bass to Low line", "Low line: Electric Bass (finger)", "Mute Low line",
        "Colour of Low line",
    ]


def test_loop_and_title() -> None:
    doc = doc_with_two_tracks()
    doc.push(set_loop(1920, 0, True))
    assert doc.comp.loop == LoopRegion(0, 1920, True)
    doc.push(set_loop(480, 1920, True))
    doc.seal()
    assert len(doc.history.names()) == 1  # dragging a loop end is one step
    doc.push(set_title("  Evening   "))
    assert doc.comp.title == "Evening"


def test_clip_add_move_resize_repeat_duplicate_remove() -> None:
    doc = doc_with_two_tracks()
    piano, bass = (t.uid for t in doc.comp.tracks)
    meter = doc.comp.time_signature
    new = Clip("Riff", length_bars=1, start_tick=3840)
    doc.push(add_clip(bass, new))
    doc.push(change_clip(bass, new, "Lengthen clip", length_bars=2))
    doc.push(change_clip(bass, new, "Repeat clip", repeats=3))
    riff = doc.comp.tracks[1].clips[0]
    assert (riff.length_bars, riff.repeats) == (2, 3)
    doc.push(duplicate_clip(bass, riff, meter))
    copy = doc.comp.tracks[1].clips[1]
    assert copy.start_tick == riff.end_tick(meter) and copy.uid != riff.uid
    tune = doc.comp.tracks[0].clips[0]
    doc.push(move_clip(doc.comp, piano, tune, 1920, to_track_uid=bass))
    assert doc.comp.tracks[0].clips == () and doc.comp.tracks[1].clips[-1].start_tick == 1920
    doc.undo()
    assert doc.comp.tracks[0].clips[0].uid == tune.uid
    doc.push(remove_clip(doc.comp, bass, copy))
    assert len(doc.comp.tracks[1].clips) == 1
    while doc.undo():
        pass
    assert doc.comp.tracks[1].clips == ()


def test_restore_version_is_one_step_that_keeps_the_piece_itself() -> None:
    from tonewell.edit import Action, Scope
    from tonewell.edit.piece_edits import restore_version

    now = Composition(title="Now", tracks=(Track(name="Today"),), uid="piece")
    earlier = Composition(title="Then", tracks=(Track(name="Earlier"), Track(name="Bass")),
                          uid="other")
    doc = Document(now)
    events = []
    doc.subscribe(events.append)
    doc.push(restore_version(doc.comp, earlier))
    assert [t.name for t in doc.comp.tracks] == ["Earlier", "Bass"]
    assert (doc.comp.title, doc.comp.uid, doc.comp.created) == ("Now", "piece", now.created)
    assert events[-1].action is Action.DO and events[-1].touches(Scope.TRACKS)
    assert doc.history.undo_name == "Restore an earlier version"
    assert doc.undo() and doc.comp == now
    assert not doc.undo()  # nothing else was pushed: one step
    assert doc.redo() and [t.name for t in doc.comp.tracks] == ["Earlier", "Bass"]


def test_piece_settings_is_one_step_of_only_what_changed() -> None:
    doc = doc_with_two_tracks()
    before = doc.comp
    same = piece_settings(before, title=f"  {before.title} ", key=before.key,
                          meter=before.time_signature, tempo_bpm=before.tempo_bpm)
    assert same is None
    step = piece_settings(before, title="Low  tide", key=Key(9, "natural minor"),
                          meter=before.time_signature, tempo_bpm=66)
    assert step is not None and step.name == "Piece settings"
    assert [c.name for c in step.commands] == ["Rename piece", "Key A natural minor",
                                               "Tempo 66 BPM"]
    doc.push(step)
    assert (doc.comp.title, doc.comp.key, doc.comp.tempo_bpm) == (
        "Low tide", Key(9, "natural minor"), 66)
    doc.undo()
    assert doc.comp == before and not doc.history.can_undo


def test_notes_past_clip_ends_counts_what_a_shorter_bar_leaves_unheard() -> None:
    clip = Clip("Tune", tuple(Note(i * 480, 60, 240) for i in range(8)), length_bars=2)
    comp = Composition(tracks=(Track("Piano", clips=(clip,)),))
    assert notes_past_clip_ends(comp, TimeSignature(4, 4)) == 0
    assert notes_past_clip_ends(comp, TimeSignature(3, 4)) == 2  # two 3/4 bars hold 6 beats

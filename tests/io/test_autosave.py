"""Recovery copies: one file per composition, listed and reloaded, damaged ones skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tonewell.io import autosave
from tonewell.io.atomic import SaveError
from tonewell.io.autosave import (
    Autosaver,
    discard_recovery,
    list_recoverable,
    load_recovery,
    recovery_path,
    write_recovery,
)
from tonewell.io.paths import recovery_dir
from tonewell.io.project import ProjectError
from tonewell.model import Clip, Composition, Note, Track

UID_A = "a" * 32
UID_B = "b" * 32


def piece(uid: str = UID_A, title: str = "Sketch") -> Composition:
    clip = Clip(notes=(Note(0, 60, 480),))
    return Composition(title=title, uid=uid, tracks=(Track(clips=(clip,)),))


def test_a_recovery_copy_is_written_in_the_recovery_folder():
    path = write_recovery(piece(), None)
    assert path.parent == recovery_dir()
    assert path.name == f"{UID_A}.tonewell-recovery"


def test_a_recovery_copy_loads_as_the_same_composition():
    assert load_recovery(write_recovery(piece(), None)) == piece()


def test_two_compositions_get_two_files():
    assert write_recovery(piece(UID_A), None) != write_recovery(piece(UID_B), None)


def test_writing_again_replaces_the_copy_without_a_backup():
    write_recovery(piece(title="One"), None)
    path = write_recovery(piece(title="Two"), None)
    assert load_recovery(path).title == "Two"
    assert sorted(p.name for p in recovery_dir().iterdir()) == [path.name]


def test_the_copy_remembers_where_the_piece_was_saved_and_when(tmp_path):
    path = write_recovery(piece(), tmp_path / "song.tonewell")
    doc = json.loads(path.read_text("utf-8"))
    assert doc["format"] == "tonewell-recovery"
    assert doc["source_path"] == str(tmp_path / "song.tonewell")
    assert doc["saved_at"].endswith("Z")
    assert doc["project"]["format"] == "tonewell"


def test_an_unsafe_uid_cannot_reach_outside_the_folder():
    path = recovery_path("../../../etc/passwd")
    assert path.parent == recovery_dir()
    assert "/" not in path.name and ".." not in path.name


def test_uids_differing_only_in_case_get_different_names_on_any_disk():
    upper, lower = recovery_path("A" * 32), recovery_path("a" * 32)
    assert upper.name.lower() != lower.name.lower()


def test_a_hashed_name_never_equals_a_hex_name():
    assert not recovery_path("not-hex").name.startswith(tuple("0123456789abcdef"))


def test_list_shows_title_source_and_time(tmp_path):
    write_recovery(piece(title="Rain"), tmp_path / "rain.tonewell")
    [found] = list_recoverable()
    assert (found.uid, found.title) == (UID_A, "Rain")
    assert found.source_path == tmp_path / "rain.tonewell"
    assert found.path == recovery_path(UID_A)
    assert found.saved_at


def test_list_gives_none_for_a_piece_never_saved():
    write_recovery(piece(), None)
    assert list_recoverable()[0].source_path is None


def test_list_is_newest_first(monkeypatch):
    monkeypatch.setattr(autosave, "now_iso", lambda: "2026-01-01T00:00:00Z")
    write_recovery(piece(UID_A), None)
    monkeypatch.setattr(autosave, "now_iso", lambda: "2026-01-02T00:00:00Z")
    write_recovery(piece(UID_B), None)
    assert [r.uid for r in list_recoverable()] == [UID_B, UID_A]


@pytest.mark.parametrize(
    "content",
    [b"\x00\x01garbage", b"{}", b'{"format": "tonewell-recovery", "version": 1}',
     b'{"format": "tonewell-recovery", "version": 1, "saved_at": "x", "source_path": null,'
     b' "project": {"format": "tonewell", "version": 1}}'],
    ids=["bytes", "empty-object", "no-project", "damaged-project"],
)
def test_list_skips_damaged_copies(content):
    write_recovery(piece(), None)
    (recovery_dir() / f"{'c' * 32}.tonewell-recovery").write_bytes(content)
    assert [r.uid for r in list_recoverable()] == [UID_A]


def test_loading_a_damaged_copy_is_a_project_error():
    path = recovery_dir() / f"{'c' * 32}.tonewell-recovery"
    path.write_bytes(b"{")
    with pytest.raises(ProjectError):
        load_recovery(path)


def test_discard_removes_the_copy():
    path = write_recovery(piece(), None)
    discard_recovery(UID_A)
    assert not path.exists()
    assert list_recoverable() == []


def test_discarding_a_copy_that_is_not_there_is_fine():
    discard_recovery(UID_B)


# ------------------------------------------------------------------------------ Autosaver


def test_autosaver_waits_for_the_interval_after_the_first_change():
    saver = Autosaver(interval_s=30)
    saver.note_change(100.0)
    saver.note_change(120.0)
    assert not saver.should_save(129.9)
    assert saver.should_save(130.0)


def test_autosaver_does_not_save_without_changes():
    assert not Autosaver(interval_s=30).should_save(1e9)


def test_autosaver_maybe_save_writes_once_then_waits_for_a_change():
    saver = Autosaver(interval_s=10)
    saver.note_change(0.0)
    assert saver.maybe_save(piece(), None, 5.0) is None
    assert saver.maybe_save(piece(), None, 10.0) == recovery_path(UID_A)
    assert saver.maybe_save(piece(), None, 100.0) is None


def test_autosaver_after_a_failed_save_waits_another_interval(monkeypatch):
    def full_disk(comp, source_path):
        raise SaveError("no space")

    monkeypatch.setattr(autosave, "write_recovery", full_disk)
    saver = Autosaver(interval_s=10)
    saver.note_change(0.0)
    with pytest.raises(SaveError):
        saver.maybe_save(piece(), None, 10.0)
    assert saver.has_unsaved_changes
    assert not saver.should_save(19.0)
    assert saver.should_save(20.0)


def test_recovery_folder_follows_tonewell_home(tonewell_home):
    assert write_recovery(piece(), None).is_relative_to(Path(tonewell_home))

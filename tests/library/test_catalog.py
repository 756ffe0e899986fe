"""The library's catalog: pieces from the Compositions folder, recent files and the journal,
merged by uid, searched by title and session words, most recent first."""

from __future__ import annotations

import os
import time
from pathlib import Path

from tonewell.io.paths import user_compositions_dir
from tonewell.io.project import project_to_bytes, save_project
from tonewell.library.catalog import (
    UNREADABLE_NOTE,
    gather_catalog,
    project_files,
    read_catalog,
    search,
    worked_on_text,
)
from tonewell.library.journal import Journal
from tonewell.library.records import CheckIn, SessionEntry, Snapshot
from tonewell.model import Clip, Composition, Note, Track

DAY_S = 86400.0


def piece(title: str, uid: str, notes: int = 3) -> Composition:
    clip = Clip(notes=tuple(Note(i * 240, 60 + i, 200) for i in range(notes)))
    return Composition(title=title, uid=uid, tracks=(Track(clips=(clip,)),))


def save_at(comp: Composition, path: Path, when_s: float) -> Path:
    save_project(comp, path)
    os.utime(path, (when_s, when_s))
    return path


def session(uid: str, day: int, *, reflection: str = "", words: str = "",
            snapshot: Composition | None = None, title: str = "") -> SessionEntry:
    snap = None
    if snapshot is not None:
        snap = Snapshot(f"Free composing · {day} Nov 2026", project_to_bytes(snapshot),
                        saved_at=f"2026-11-{day:02d}T10:10:00Z")
    return SessionEntry(
        started_at=f"2026-11-{day:02d}T10:00:00Z", duration_s=600.0,
        check_in=CheckIn(stress=6, words=words), reflection=reflection,
        composition_uid=uid, composition_title=title, snapshot=snap,
    )


def test_folder_recent_and_journal_merge_by_uid(tmp_path, tonewell_home):
    folder = user_compositions_dir()
    assert folder == tonewell_home / "Compositions"
    base = time.mktime((2026, 11, 20, 12, 0, 0, 0, 0, -1))
    save_at(piece("Morning", "m1"), folder / "morning.tonewell", base)
    elsewhere = tmp_path / "desk"
    elsewhere.mkdir()
    save_at(piece("Rain song", "r1"), elsewhere / "rain.tonewell", base - 5 * DAY_S)
    with Journal() as journal:
        journal.add_session(session("m1", 1, reflection="Felt like sunrise", words="tired"))
        journal.add_session(session("m1", 2, reflection="Lighter today"))
        only_kept = piece("Gift for Ana", "g1", notes=5)
        journal.add_session(session("g1", 25, reflection="For my sister", snapshot=only_kept))
        journal.add_session(session("nothing-kept", 3))  # no file, no version: not listed
        catalog = read_catalog([elsewhere / "rain.tonewell", tmp_path / "gone.tonewell"], journal)
    by_uid = {e.uid: e for e in catalog.entries}
    assert sorted(by_uid) == ["g1", "m1", "r1"]
    morning = by_uid["m1"]
    assert (morning.title, morning.path, morning.session_count) == (
        "Morning", folder / "morning.tonewell", 2)
    assert morning.reflections == ("Lighter today", "Felt like sunrise")
    assert morning.latest_reflection == "Lighter today"
    assert morning.feeling_words == ("tired",)
    assert morning.version.startswith("file:") and morning.latest_snapshot_id is None
    gift = by_uid["g1"]
    assert gift.path is None and gift.title == "Gift for Ana"
    assert gift.composition is not None and gift.composition.note_count() == 5
    assert gift.version == f"snapshot:{gift.latest_snapshot_id}"
    assert by_uid["r1"].session_count == 0 and by_uid["r1"].path == elsewhere / "rain.tonewell"
    # the journal's 25 Nov session is the newest, then the file of 20 Nov, then the older file
    assert [e.uid for e in catalog.entries] == ["g1", "m1", "r1"]
    assert catalog.unreadable == 0


def test_the_newest_file_of_a_piece_is_the_one_listed(tmp_path):
    old = save_at(piece("Draft", "same"), tmp_path / "a.tonewell", 1_000_000)
    new = save_at(piece("Final", "same"), tmp_path / "b.tonewell", 2_000_000)
    for files in ([old, new], [new, old]):
        (entry,) = gather_catalog(files).entries
        assert (entry.title, entry.path) == ("Final", new)


def test_a_damaged_file_is_listed_with_a_calm_note(tmp_path):
    good = save_at(piece("Fine", "f1"), tmp_path / "fine.tonewell", 2_000_000)
    broken = tmp_path / "half written.tonewell"
    broken.write_bytes(b'{"format": "tonewell", "version": 2, "compo')
    os.utime(broken, (1_000_000, 1_000_000))
    bad_version = SessionEntry(started_at="2026-11-01T10:00:00Z", duration_s=60,
                               composition_uid="v1",
                               snapshot=Snapshot("Old", b"not a project"))
    with Journal(tmp_path / "j.sqlite3") as journal:
        journal.add_session(bad_version)
        catalog = gather_catalog([good, broken], journal.sessions(), journal.latest_snapshots())
    by_title = {e.title: e for e in catalog.entries}
    assert by_title["half written"].note == UNREADABLE_NOTE
    assert not by_title["half written"].can_open
    assert by_title["Fine"].can_open and by_title["Fine"].note == ""
    assert by_title["Untitled"].note.startswith("This saved version could not be read")
    assert catalog.unreadable == 2


def test_project_files_skip_other_kinds_and_missing_ones(tmp_path):
    (tmp_path / "sub").mkdir()
    kept = save_at(piece("Deep", "d1"), tmp_path / "sub" / "deep.tonewell", 1_000_000)
    (tmp_path / "notes.txt").write_text("hello")
    song = tmp_path / "song.mid"
    song.write_bytes(b"MThd")
    assert project_files(tmp_path, [song, tmp_path / "missing.tonewell", kept]) == [kept]


def test_search_matches_title_and_reflection_words_every_word(tmp_path):
    when = {"u0": 3_000_000, "u1": 2_000_000, "u2": 1_000_000}
    files = [
        save_at(piece(title, uid), tmp_path / f"{uid}.tonewell", when[uid])
        for uid, title in (("u0", "Café at dawn"), ("u1", "Storm"), ("u2", "Quiet river"))
    ]
    sessions = [
        session("u1", 1, reflection="It rained and then it was calm"),
        session("u2", 2, words="CALM, rested"),
    ]
    entries = gather_catalog(files, sessions).entries
    titles = lambda found: [e.title for e in found]  # noqa: E731
    assert titles(search(entries, "cafe")) == ["Café at dawn"]
    assert titles(search(entries, "  DAWN  café ")) == ["Café at dawn"]
    # both sessions are newer than the files: the 2 Nov one first
    assert titles(search(entries, "calm")) == ["Quiet river", "Storm"]
    assert titles(search(entries, "calm rained")) == ["Storm"]
    assert titles(search(entries, "calm sunshine")) == []
    assert titles(search(entries, "")) == titles(entries)
    assert titles(entries) == ["Quiet river", "Storm", "Café at dawn"]


def test_worked_on_text_reads_as_a_person_would_say_it():
    now = time.mktime((2026, 11, 27, 15, 0, 0, 0, 0, -1))
    assert worked_on_text(now - 3600, now) == "Last worked on today"
    assert worked_on_text(now - DAY_S, now) == "Last worked on yesterday"
    assert worked_on_text(now - 3 * DAY_S, now) == "Last worked on 3 days ago"
    assert worked_on_text(now - 21 * DAY_S, now) == "Last worked on 3 weeks ago"
    assert worked_on_text(now - 200 * DAY_S, now).startswith("Last worked on ")
    assert "2026" in worked_on_text(now - 200 * DAY_S, now)


def test_reading_again_uses_what_was_read_while_the_file_is_unchanged(tmp_path, monkeypatch):
    path = save_at(piece("Once", "o1"), tmp_path / "once.tonewell", 1_000_000)
    gather_catalog([path])
    from tonewell.library import catalog as module

    def no_reading(_path):
        raise AssertionError("read again although unchanged")

    monkeypatch.setattr(module, "load_project", no_reading)
    assert gather_catalog([path]).entries[0].title == "Once"
    save_at(piece("Twice", "o1"), path, 2_000_000)
    monkeypatch.undo()
    assert gather_catalog([path]).entries[0].title == "Twice"

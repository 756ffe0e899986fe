"""The session journal on a real SQLite file: saving, reading, migrations, damage, crashes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from tonewell.errors import FileProblem
from tonewell.library import journal as journal_module
from tonewell.library.journal import Journal, journal_path
from tonewell.library.journal_schema import CURRENT_VERSION, MIGRATIONS
from tonewell.library.records import CheckIn, SessionEntry, Snapshot

SRC = Path(__file__).resolve().parents[2] / "src"


def entry(
    n: int = 1, *, uid: str = "piece-1", snapshot: bytes | None = b'{"v": 1}'
) -> SessionEntry:
    return SessionEntry(
        started_at=f"2026-11-{n:02d}T10:00:00Z",
        duration_s=600.0 + n,
        prompt_id="breathing-loop",
        prompt_title="A breathing loop",
        steps_completed=("choose a sound", "make a loop"),
        check_in=CheckIn(stress=7, valence=-0.5, energy=0.25, words="tense, tired"),
        check_out=CheckIn(stress=3, valence=0.5, energy=-0.25, words="calmer é", meaningful=8),
        reflection="The loop felt like breathing out.",
        composition_uid=uid,
        composition_title="Morning",
        snapshot=None if snapshot is None else Snapshot(f"After session {n}", snapshot),
    )


def test_default_path_is_in_the_user_data_folder(tonewell_home):
    assert journal_path() == tonewell_home / "journal.sqlite3"
    with Journal() as journal:
        assert journal.sessions() == []
    assert (tonewell_home / "journal.sqlite3").is_file()


def test_a_session_comes_back_whole(tmp_path):
    path = tmp_path / "journal.sqlite3"
    with Journal(path) as journal:
        first = journal.add_session(entry(1))
        journal.add_session(entry(2, snapshot=None))
    with Journal(path) as journal:
        back = journal.session(first)
        everything = journal.sessions()
        assert journal.session(999) is None
    assert back is not None and back.id == first
    original = entry(1)
    assert back.check_in == original.check_in
    assert back.check_out == original.check_out
    assert back.steps_completed == original.steps_completed
    assert back.steps_completed_count == 2
    assert (back.reflection, back.composition_title) == (original.reflection, "Morning")
    assert back.snapshot is not None
    assert back.snapshot.project_bytes == b'{"v": 1}'
    assert back.snapshot.session_id == first
    assert back.snapshot.composition_uid == "piece-1"
    assert [e.started_at for e in everything] == [entry(1).started_at, entry(2).started_at]
    assert everything[1].snapshot is None


def test_snapshots_are_a_timeline_per_composition(tmp_path):
    with Journal(tmp_path / "j.sqlite3") as journal:
        for n in (1, 2, 3):
            journal.add_session(entry(n, snapshot=f"v{n}".encode()))
        journal.add_session(entry(4, uid="other", snapshot=b"other"))
        timeline = journal.snapshots("piece-1")
        assert journal.snapshots("nothing") == []
    assert [s.project_bytes for s in timeline] == [b"v1", b"v2", b"v3"]
    assert [s.name for s in timeline] == ["After session 1", "After session 2", "After session 3"]


def test_ratings_outside_their_range_are_refused():
    with pytest.raises(ValueError):
        CheckIn(stress=11)
    with pytest.raises(ValueError):
        CheckIn(valence=1.5)


def test_a_new_journal_is_in_wal_mode_at_the_current_version(tmp_path):
    path = tmp_path / "j.sqlite3"
    Journal(path).close()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    raw.close()


def test_each_session_finds_its_snapshot_by_an_index_not_a_scan(tmp_path):
    path = tmp_path / "j.sqlite3"
    Journal(path).close()
    raw = sqlite3.connect(path)
    plan = " ".join(str(row[-1]) for row in raw.execute(
        f"EXPLAIN QUERY PLAN {journal_module._SESSIONS_QUERY}"))
    raw.close()
    assert "snapshots_by_session" in plan


def test_an_old_journal_is_upgraded_and_keeps_its_sessions(tmp_path):
    path = tmp_path / "j.sqlite3"
    raw = sqlite3.connect(path)
    raw.executescript(MIGRATIONS[0])  # a version-1 journal: sessions, no snapshots table yet
    raw.execute(
        "INSERT INTO sessions (started_at, duration_s, prompt_id, steps_completed, check_in) "
        "VALUES ('2026-01-02T09:00:00Z', 300, 'cool-down', '[\"breathe\"]', "
        '\'{"stress": 5, "words": "ok"}\')'
    )
    raw.execute("PRAGMA user_version = 1")
    raw.commit()
    raw.close()
    with Journal(path) as journal:
        (old,) = journal.sessions()
        assert old.prompt_id == "cool-down"
        assert old.steps_completed == ("breathe",)
        assert old.check_in == CheckIn(stress=5, words="ok")
        journal.add_session(entry(3))
        assert len(journal.snapshots("piece-1")) == 1
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
    raw.close()


def test_a_journal_from_a_newer_tonewell_is_left_alone(tmp_path):
    path = tmp_path / "j.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    raw.close()
    before = path.read_bytes()
    with pytest.raises(FileProblem, match="newer Tonewell"):
        Journal(path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["j.sqlite3"]


def test_a_damaged_file_is_moved_aside_not_deleted(tmp_path):
    path = tmp_path / "journal.sqlite3"
    garbage = os.urandom(8192)
    path.write_bytes(garbage)
    with Journal(path) as journal:
        assert journal.notice is not None
        assert "damaged" in journal.notice and "Nothing was deleted" in journal.notice
        assert journal.sessions() == []
        journal.add_session(entry(1))
    (kept,) = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert kept.name.startswith("journal.sqlite3.damaged-")
    assert kept.read_bytes() == garbage
    with Journal(path) as journal:
        assert journal.notice is None
        assert len(journal.sessions()) == 1


def test_a_database_damaged_inside_is_moved_aside(tmp_path):
    path = tmp_path / "journal.sqlite3"
    with Journal(path) as journal:
        for n in range(1, 30):
            journal.add_session(entry(n, snapshot=os.urandom(3000)))
    data = bytearray(path.read_bytes())
    assert len(data) > 8 * 4096
    data[4096 * 2 : 4096 * 6] = os.urandom(4096 * 4)  # scramble pages after the header
    path.write_bytes(bytes(data))
    with Journal(path) as journal:
        assert journal.notice is not None
        assert journal.sessions() == []
    assert any(".damaged-" in p.name for p in tmp_path.iterdir())


def test_a_locked_journal_gives_a_plain_message(tmp_path):
    path = tmp_path / "j.sqlite3"
    Journal(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Journal(path, busy_timeout_s=0.1) as journal, pytest.raises(FileProblem, match="busy"):
            journal.add_session(entry(1))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Journal(path) as journal:
        assert journal.sessions() == []  # nothing half-saved


def test_a_read_only_journal_gives_a_plain_message(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root may write to read-only files")
    path = tmp_path / "j.sqlite3"
    Journal(path).close()
    path.chmod(0o444)
    try:
        with pytest.raises(FileProblem, match=r"read-only|could not be opened"), Journal(path) as j:
            j.add_session(entry(1))
    finally:
        path.chmod(0o644)


def test_a_reader_sees_whole_sessions_while_another_writes(tmp_path):
    path = tmp_path / "j.sqlite3"
    writer = Journal(path)
    reader = Journal(path)
    try:
        writer.add_session(entry(1))
        raw = sqlite3.connect(path, isolation_level=None)
        raw.execute("BEGIN")  # a long read, as a window listing the library might hold
        assert raw.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
        writer.add_session(entry(2))  # WAL: the open read does not block the save
        assert raw.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1
        raw.execute("COMMIT")
        raw.close()
        assert len(reader.sessions()) == 2
    finally:
        writer.close()
        reader.close()


_WRITER = """
import sys
from tonewell.library.journal import Journal
from tonewell.library.records import CheckIn, SessionEntry, Snapshot
journal = Journal(sys.argv[1])
n = 0
while True:
    n += 1
    sid = journal.add_session(SessionEntry(
        started_at=f"2026-01-01T00:00:{n % 60:02d}Z", duration_s=n, prompt_id=f"p{n}",
        check_in=CheckIn(stress=n % 11), composition_uid="u",
        snapshot=Snapshot(f"s{n}", bytes(20000))))
    print(sid, flush=True)
"""


def test_killed_mid_write_keeps_every_committed_session(tmp_path):
    path = tmp_path / "journal.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert child.stdout is not None
    committed: list[int] = []
    deadline = time.monotonic() + 30
    while len(committed) < 40 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        committed.append(int(line))
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    committed.extend(int(line) for line in child.stdout.read().split())  # printed before the kill
    assert len(committed) >= 40, "the writer did not get going"
    assert Path(f"{path}-wal").exists()  # killed before any checkpoint could tidy up
    with Journal(path) as journal:
        assert journal.notice is None
        stored = {e.id: e for e in journal.sessions()}
        assert set(committed) <= set(stored)
        for sid in committed:
            assert stored[sid].prompt_id == f"p{sid}"
            assert stored[sid].snapshot is not None
            assert len(stored[sid].snapshot.project_bytes) == 20000
        journal.add_session(entry(1))  # and it goes on working
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()


def test_latest_snapshots_gives_the_newest_version_of_each_composition(tmp_path):
    with Journal(tmp_path / "j.sqlite3") as journal:
        assert journal.latest_snapshots() == {}
        for n in (1, 3, 2):  # saved out of order: the newest by time wins, not by id
            snap = Snapshot(f"v{n}", f"v{n}".encode(), saved_at=f"2026-11-0{n}T11:00:00Z")
            journal.add_session(replace(entry(n), snapshot=snap))
        journal.add_session(entry(4, uid="other", snapshot=b"other"))
        journal.add_session(entry(5, uid="no-version", snapshot=None))
        latest = journal.latest_snapshots()
    assert sorted(latest) == ["other", "piece-1"]
    assert latest["piece-1"].project_bytes == b"v3"
    assert latest["other"].name == "After session 4"

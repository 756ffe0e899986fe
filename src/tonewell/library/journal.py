"""The session journal: one SQLite file in the user data folder that outlives a crash.

Each guided session is saved in one transaction together with the version of the composition
saved at its end. That version is kept as the project file's bytes inside the journal (the
`snapshots` table) rather than as a path to a file beside it: the session and its snapshot then
commit together or not at all, a kill -9 can never leave a session pointing at a half-written or
missing file, and copying the one journal file copies the whole history. Project files are a
few kilobytes, so the journal stays small.

The database runs in WAL mode with `synchronous=FULL`: a committed session survives the app
being killed mid-write, and a window reading the journal never blocks a save. A file that is not
a database, or is damaged, is never deleted: it is moved aside with a timestamp
(`journal.sqlite3.damaged-YYYYMMDD-HHMMSS`), a new journal is started, and `Journal.notice` says
so. Every other problem (a busy or read-only journal, a full disk) raises FileProblem with a
plain message.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from tonewell.errors import FileProblem
from tonewell.io.atomic import describe_os_error
from tonewell.io.files import shown_path
from tonewell.io.paths import user_data_dir
from tonewell.library.journal_schema import CURRENT_VERSION, MIGRATIONS
from tonewell.library.records import CheckIn, SessionEntry, Snapshot
from tonewell.model.composition import now_iso

JOURNAL_NAME = "journal.sqlite3"
BUSY_TIMEOUT_S = 5.0
"""How long a save waits for another Tonewell's save to finish before saying the journal is busy."""

_DAMAGED = {"SQLITE_NOTADB", "SQLITE_CORRUPT"}
_BUSY = {"SQLITE_BUSY", "SQLITE_LOCKED"}
_SIDE_FILES = ("-wal", "-shm")


class JournalDamaged(FileProblem):
    """The journal file is not a database or is damaged inside."""


def journal_path() -> Path:
    """Where the journal lives: `journal.sqlite3` in the user data folder."""
    return user_data_dir() / JOURNAL_NAME


def _error_name(err: sqlite3.Error) -> str:
    """The primary SQLite error name, e.g. `SQLITE_BUSY` for `SQLITE_BUSY_SNAPSHOT`."""
    name = getattr(err, "sqlite_errorname", "") or ""
    return "_".join(name.split("_")[:2])


def _plain(err: sqlite3.Error, path: Path, doing: str) -> FileProblem:
    """`err` worded for the person: what could not be done with the journal, and why."""
    name = _error_name(err)
    where = f'the journal "{shown_path(path)}"'
    if name in _DAMAGED:
        return JournalDamaged(f"Could not {doing}: {where} is damaged.")
    if name in _BUSY:
        return FileProblem(
            f"Could not {doing}: {where} is busy (another Tonewell may be saving to it). "
            "Please try again in a moment."
        )
    if name == "SQLITE_READONLY":
        return FileProblem(f"Could not {doing}: {where} is read-only.")
    if name == "SQLITE_FULL":
        return FileProblem(f"Could not {doing}: no space left on the disk for {where}.")
    if name == "SQLITE_CANTOPEN":
        return FileProblem(f"Could not {doing}: {where} could not be opened.")
    return FileProblem(f"Could not {doing}: {where} reported a problem ({err}).")


def _check_in_json(check: CheckIn | None) -> str | None:
    if check is None:
        return None
    return json.dumps(
        {
            "stress": check.stress,
            "valence": check.valence,
            "energy": check.energy,
            "words": check.words,
            "meaningful": check.meaningful,
        },
        ensure_ascii=False,
    )


def _check_in_from_json(text: str | None) -> CheckIn | None:
    if not text:
        return None
    try:
        data = json.loads(text)
        return CheckIn(
            stress=data.get("stress"),
            valence=data.get("valence"),
            energy=data.get("energy"),
            words=str(data.get("words") or ""),
            meaningful=data.get("meaningful"),
        )
    except (ValueError, TypeError, AttributeError):
        return None  # a value edited by hand outside Tonewell: shown as skipped


def _steps_from_json(text: str) -> tuple[str, ...]:
    try:
        steps = json.loads(text)
    except ValueError:
        return ()
    return tuple(str(s) for s in steps) if isinstance(steps, list) else ()


_SESSION_COLUMNS = (
    "s.id, s.started_at, s.duration_s, s.prompt_id, s.prompt_title, s.steps_completed, "
    "s.check_in, s.check_out, s.reflection, s.composition_uid, s.composition_title"
)
_SNAPSHOT_COLUMNS = "p.id, p.session_id, p.composition_uid, p.name, p.saved_at, p.project"
_SESSIONS_QUERY = (
    f"SELECT {_SESSION_COLUMNS}, {_SNAPSHOT_COLUMNS} FROM sessions s "
    "LEFT JOIN snapshots p ON p.id = "
    "(SELECT max(q.id) FROM snapshots q WHERE q.session_id = s.id)"
)


def _snapshot_from_row(row: tuple[Any, ...]) -> Snapshot:
    snap_id, session_id, uid, name, saved_at, project = row
    return Snapshot(
        name=name,
        project_bytes=bytes(project),
        composition_uid=uid,
        saved_at=saved_at,
        id=snap_id,
        session_id=session_id,
    )


def _entry_from_row(row: tuple[Any, ...]) -> SessionEntry:
    snapshot = _snapshot_from_row(row[11:]) if row[11] is not None else None
    return SessionEntry(
        started_at=row[1],
        duration_s=float(row[2]),
        prompt_id=row[3],
        prompt_title=row[4],
        steps_completed=_steps_from_json(row[5]),
        check_in=_check_in_from_json(row[6]),
        check_out=_check_in_from_json(row[7]),
        reflection=row[8],
        composition_uid=row[9],
        composition_title=row[10],
        snapshot=snapshot,
        id=row[0],
    )


def move_aside(path: Path, *, now_s: float | None = None) -> Path:
    """Rename a damaged journal (and its -wal/-shm files) to `<name>.damaged-<timestamp>`,
    never replacing anything; returns the new name of the journal itself."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now_s))
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while any(Path(f"{target}{side}").exists() for side in ("", *_SIDE_FILES)):
        counter += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
    for side in _SIDE_FILES:
        if Path(f"{path}{side}").exists():
            os.rename(f"{path}{side}", f"{target}{side}")
    os.rename(path, target)
    return target


class Journal:
    """The session journal at `path` (default: `journal_path()`), opened and brought up to date.

    Raises FileProblem when it cannot be opened (busy, read-only, written by a newer Tonewell).
    A damaged file is moved aside and a new journal started; `notice` then says so (else None).
    Use as a context manager, or call `close()`.
    """

    def __init__(self, path: Path | str | None = None, *, busy_timeout_s: float = BUSY_TIMEOUT_S):
        self.path = Path(path) if path is not None else journal_path()
        self.busy_timeout_s = busy_timeout_s
        self.notice: str | None = None
        try:
            self._conn = self._open()
        except JournalDamaged:
            try:
                moved = move_aside(self.path)
            except OSError as err:
                raise FileProblem(
                    f'The journal "{shown_path(self.path)}" is damaged, and it could not be '
                    f"moved aside: {describe_os_error(err)}. It was left as it is."
                ) from err
            self._conn = self._open()
            self.notice = (
                f'The journal was damaged, so Tonewell kept it as "{shown_path(moved.name)}" '
                "beside the new one and started a fresh journal. Nothing was deleted."
            )

    # -- opening -------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise FileProblem(
                f'Could not make the folder for the journal "{shown_path(self.path)}": '
                f"{describe_os_error(err)}."
            ) from err
        try:
            conn = sqlite3.connect(self.path, timeout=self.busy_timeout_s, isolation_level=None)
        except sqlite3.Error as err:
            raise _plain(err, self.path, "open the journal") from err
        try:
            self._prepare(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _prepare(self, conn: sqlite3.Connection) -> None:
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise JournalDamaged(f'The journal "{shown_path(self.path)}" is damaged.')
            self._refuse_newer(conn)  # before anything, even the WAL switch, changes the file
            if conn.execute("PRAGMA journal_mode=WAL").fetchone()[0].lower() != "wal":
                raise FileProblem(
                    f'The journal "{shown_path(self.path)}" could not be switched to safe '
                    "writing (WAL mode); is it on a network or read-only disk?"
                )
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._migrate(conn)
        except sqlite3.Error as err:
            raise _plain(err, self.path, "open the journal") from err

    def _refuse_newer(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > CURRENT_VERSION:
            raise FileProblem(
                f'The journal "{shown_path(self.path)}" was written by a newer Tonewell '
                f"(journal version {version}); this one reads up to version {CURRENT_VERSION}. "
                "It was left as it is."
            )

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        while version < CURRENT_VERSION:
            with self._transaction(conn):
                # Another Tonewell may have upgraded it while this one waited for the lock.
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                if version >= CURRENT_VERSION:
                    break
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                version += 1
                conn.execute(f"PRAGMA user_version = {int(version)}")

    @staticmethod
    @contextmanager
    def _transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """One write transaction: taken at once (BEGIN IMMEDIATE), committed whole or undone."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- writing and reading -------------------------------------------------------------------

    def add_session(self, record: SessionEntry) -> int:
        """Save `record` and its snapshot (if any) in one transaction; returns the session's id."""
        conn = self._conn
        try:
            with self._transaction(conn):
                cursor = conn.execute(
                    "INSERT INTO sessions (started_at, duration_s, prompt_id, prompt_title, "
                    "steps_completed, check_in, check_out, reflection, composition_uid, "
                    "composition_title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        record.started_at,
                        float(record.duration_s),
                        record.prompt_id,
                        record.prompt_title,
                        json.dumps(list(record.steps_completed), ensure_ascii=False),
                        _check_in_json(record.check_in),
                        _check_in_json(record.check_out),
                        record.reflection,
                        record.composition_uid,
                        record.composition_title,
                    ),
                )
                session_id = cursor.lastrowid
                snap = record.snapshot
                if snap is not None:
                    conn.execute(
                        "INSERT INTO snapshots (session_id, composition_uid, name, saved_at, "
                        "project) VALUES (?, ?, ?, ?, ?)",
                        (
                            session_id,
                            snap.composition_uid or record.composition_uid,
                            snap.name,
                            snap.saved_at or now_iso(),
                            sqlite3.Binary(snap.project_bytes),
                        ),
                    )
        except sqlite3.Error as err:
            raise _plain(err, self.path, "save this session in the journal") from err
        assert session_id is not None
        return session_id

    def sessions(self) -> list[SessionEntry]:
        """Every session, oldest first, each with the snapshot saved at its end (if any)."""
        return self._read(f"{_SESSIONS_QUERY} ORDER BY s.started_at, s.id", ())

    def session(self, session_id: int) -> SessionEntry | None:
        """The session with this id, or None when there is none."""
        found = self._read(f"{_SESSIONS_QUERY} WHERE s.id = ?", (session_id,))
        return found[0] if found else None

    def snapshots(self, composition_uid: str) -> list[Snapshot]:
        """The saved versions of one composition, oldest first (its growth timeline)."""
        try:
            rows = self._conn.execute(
                f"SELECT {_SNAPSHOT_COLUMNS} FROM snapshots p WHERE p.composition_uid = ? "
                "ORDER BY p.saved_at, p.id",
                (composition_uid,),
            ).fetchall()
        except sqlite3.Error as err:
            raise _plain(err, self.path, "read the journal") from err
        return [_snapshot_from_row(row) for row in rows]

    def latest_snapshots(self) -> dict[str, Snapshot]:
        """The newest saved version of every composition in the journal, by composition uid
        (what the library shows for a piece known only from its sessions)."""
        try:
            rows = self._conn.execute(
                f"SELECT {_SNAPSHOT_COLUMNS} FROM snapshots p WHERE p.id = "
                "(SELECT q.id FROM snapshots q WHERE q.composition_uid = p.composition_uid "
                "ORDER BY q.saved_at DESC, q.id DESC LIMIT 1)"
            ).fetchall()
        except sqlite3.Error as err:
            raise _plain(err, self.path, "read the journal") from err
        return {snap.composition_uid: snap for snap in map(_snapshot_from_row, rows)}

    def _read(self, query: str, params: tuple[Any, ...]) -> list[SessionEntry]:
        try:
            rows = self._conn.execute(query, params).fetchall()
        except sqlite3.Error as err:
            raise _plain(err, self.path, "read the journal") from err
        return [_entry_from_row(row) for row in rows]

    def close(self) -> None:
        """Close the database (checkpointing the WAL when this is the last connection)."""
        self._conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

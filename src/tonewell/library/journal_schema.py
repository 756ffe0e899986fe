"""The journal database's tables, and bringing a journal written by an older Tonewell up to date.

The schema version is SQLite's `PRAGMA user_version`. `MIGRATIONS` maps version N to the SQL
that turns a version-N database into version N+1 (version 0 is a new, empty file); the journal
runs each step in its own transaction together with the new version number, so a kill between
steps leaves a database at one whole version, never half of one. To change the schema, bump
`CURRENT_VERSION` and add the step from the old version here; never edit a step that shipped.
"""

from __future__ import annotations

CURRENT_VERSION = 3

_V0_TO_V1 = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    duration_s REAL NOT NULL,
    prompt_id TEXT NOT NULL DEFAULT '',
    prompt_title TEXT NOT NULL DEFAULT '',
    steps_completed TEXT NOT NULL DEFAULT '[]',
    check_in TEXT,
    check_out TEXT,
    reflection TEXT NOT NULL DEFAULT '',
    composition_uid TEXT NOT NULL DEFAULT '',
    composition_title TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_start ON sessions (started_at);
"""
"""Version 1: one row per session; steps and check-in/out as small JSON texts."""

_V1_TO_V2 = """
CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY,
    session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
    composition_uid TEXT NOT NULL,
    name TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    project BLOB NOT NULL
);
CREATE INDEX snapshots_by_composition ON snapshots (composition_uid, saved_at);
"""
"""Version 2: the version saved at a session's end, kept as the project file's bytes."""

_V2_TO_V3 = """
CREATE INDEX snapshots_by_session ON snapshots (session_id);
"""
"""Version 3: finding each session's snapshot by an index, not a scan of every snapshot (a
journal of 1,000 sessions read in 0.43 s before, see benchmarks/run.py)."""

MIGRATIONS: dict[int, str] = {0: _V0_TO_V1, 1: _V1_TO_V2, 2: _V2_TO_V3}
"""Schema version N -> the SQL turning a version-N journal into version N+1."""

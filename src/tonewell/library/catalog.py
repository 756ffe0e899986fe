"""The library: every piece the person has made, gathered into one list and searched.

A piece can be known from three places: a `.tonewell` file in the Compositions folder, a file
opened or saved elsewhere (the recent files the window remembers), and the journal, where each
guided session leaves the version saved at its end. One piece keeps one `Composition.uid`
through all of them, so the three are merged by uid into one `CatalogEntry`: the file when there
is one (that is what opens), else the newest version in the journal; with the words of its
sessions (reflections and check-in words) for the search.

A file that cannot be read is listed with a calm note, never a traceback. Files are read whole
(the picture needs every note) but once per change: reading is cached by path, size and
modification time, so opening the library again costs only a `stat` per file.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from tonewell.errors import UserFacingError
from tonewell.io.paths import user_compositions_dir
from tonewell.io.project import load_project, project_from_bytes
from tonewell.library.journal import Journal
from tonewell.library.records import SessionEntry, Snapshot
from tonewell.model import Composition

PROJECT_SUFFIX = ".tonewell"
MAX_FOLDER_FILES = 1000
"""The most files taken from the Compositions folder (and its subfolders), newest first."""
UNREADABLE_NOTE = "This file could not be read just now; it was left as it is."
UNREADABLE_VERSION_NOTE = "This saved version could not be read; it was left as it is."
_CACHE_LIMIT = 2000

_read_cache: dict[Path, tuple[tuple[int, int], Composition | None]] = {}
"""path -> ((mtime_ns, size), what was read there or None when it could not be)."""


@dataclass(frozen=True)
class CatalogEntry:
    """One piece in the library. `touched_s` is when it was last worked on (seconds since the
    epoch); `version` names the version `composition` holds (`file:<mtime_ns>` or
    `snapshot:<id>`), so a picture of it can be cached; `composition` is None when it could not
    be read (then `note` says so)."""

    uid: str
    title: str
    path: Path | None
    touched_s: float
    version: str
    session_count: int = 0
    reflections: tuple[str, ...] = ()
    """Reflections of its sessions, newest first (empty ones left out)."""
    feeling_words: tuple[str, ...] = ()
    """Words given at check-in and check-out, newest first."""
    latest_snapshot_id: int | None = None
    note: str = ""
    composition: Composition | None = field(default=None, compare=False, repr=False)

    @property
    def latest_reflection(self) -> str:
        return self.reflections[0] if self.reflections else ""

    @property
    def can_open(self) -> bool:
        return self.composition is not None


@dataclass(frozen=True)
class Catalog:
    entries: tuple[CatalogEntry, ...]
    """Most recently worked on first."""
    unreadable: int = 0
    """How many of the entries could not be read (they carry a note)."""


# --- reading the three places -------------------------------------------------------------


def _stat_key(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _read_file(path: Path, key: tuple[int, int]) -> Composition | None:
    cached = _read_cache.get(path)
    if cached is not None and cached[0] == key:
        return cached[1]
    try:
        comp: Composition | None = load_project(path)
    except (UserFacingError, OSError, ValueError):
        comp = None
    if len(_read_cache) >= _CACHE_LIMIT:
        _read_cache.clear()
    _read_cache[path] = (key, comp)
    return comp


def project_files(folder: Path | None, recent: Iterable[Path] = ()) -> list[Path]:
    """The `.tonewell` files in `folder` (and below) and among `recent`, each once, files that
    are gone left out."""
    found: dict[Path, None] = {}
    if folder is not None:
        try:
            in_folder = sorted(folder.rglob(f"*{PROJECT_SUFFIX}"))[:MAX_FOLDER_FILES]
        except OSError:
            in_folder = []
        found.update(dict.fromkeys(p.absolute() for p in in_folder))
    for path in recent:
        path = Path(path).absolute()
        if path.suffix.lower() == PROJECT_SUFFIX and path.is_file():
            found[path] = None
    return [p for p in found if p.is_file()]


def iso_to_seconds(text: str) -> float:
    """Seconds since the epoch of an ISO 8601 time as the journal writes it (0.0 if unreadable)."""
    try:
        return datetime.fromisoformat(text).timestamp()
    except (ValueError, TypeError):
        return 0.0


@dataclass
class _Piece:
    """What is known of one uid while the three places are merged."""

    uid: str
    title: str = ""
    path: Path | None = None
    touched_s: float = 0.0
    version: str = ""
    composition: Composition | None = None
    note: str = ""
    sessions: list[SessionEntry] = field(default_factory=list)
    snapshot: Snapshot | None = None

    def entry(self) -> CatalogEntry:
        newest = sorted(self.sessions, key=lambda s: (s.started_at, s.id or 0), reverse=True)
        words = tuple(
            w for s in newest for c in (s.check_out, s.check_in) if c and (w := c.words.strip())
        )
        return CatalogEntry(
            uid=self.uid,
            title=self.title.strip() or "Untitled",
            path=self.path,
            touched_s=self.touched_s,
            version=self.version,
            session_count=len(self.sessions),
            reflections=tuple(r for s in newest if (r := s.reflection.strip())),
            feeling_words=words,
            latest_snapshot_id=self.snapshot.id if self.snapshot else None,
            note=self.note,
            composition=self.composition,
        )


def gather_catalog(
    files: Sequence[Path],
    sessions: Sequence[SessionEntry] = (),
    latest: Mapping[str, Snapshot] | None = None,
) -> Catalog:
    """Merge project `files`, journal `sessions` and the journal's `latest` version of each
    piece (`Journal.latest_snapshots()`) by composition uid. Pure apart from reading `files`."""
    pieces: dict[str, _Piece] = {}
    for path in files:
        key = _stat_key(path)
        if key is None:
            continue
        comp = _read_file(path, key)
        touched = key[0] / 1e9
        if comp is None:  # listed under its file name, so the person can see it is there
            uid = f"file:{path}"
            pieces[uid] = _Piece(uid, path.stem, path, touched, f"file:{key[0]}",
                                 note=UNREADABLE_NOTE)
            continue
        held = pieces.get(comp.uid)
        if held is not None and held.path is not None and held.touched_s >= touched:
            continue  # a copy saved elsewhere with the same uid: the newest file is the piece
        pieces[comp.uid] = _Piece(comp.uid, comp.title, path, touched, f"file:{key[0]}", comp)
    for session in sessions:
        if not session.composition_uid:
            continue
        piece = pieces.setdefault(session.composition_uid, _Piece(session.composition_uid))
        piece.sessions.append(session)
        ended = iso_to_seconds(session.started_at) + max(0.0, session.duration_s)
        piece.touched_s = max(piece.touched_s, ended)
        if not piece.title:
            piece.title = session.composition_title
    for uid, snapshot in (latest or {}).items():
        piece = pieces.setdefault(uid, _Piece(uid))
        piece.snapshot = snapshot
        piece.touched_s = max(piece.touched_s, iso_to_seconds(snapshot.saved_at))
        if piece.path is None:
            _take_snapshot(piece, snapshot)
    entries = [p.entry() for p in pieces.values() if p.path is not None or p.snapshot]
    entries.sort(key=_recent_first)
    return Catalog(tuple(entries), sum(1 for e in entries if e.note))


def _take_snapshot(piece: _Piece, snapshot: Snapshot) -> None:
    piece.version = f"snapshot:{snapshot.id}"
    try:
        piece.composition = project_from_bytes(snapshot.project_bytes)
    except (UserFacingError, ValueError):
        piece.note = UNREADABLE_VERSION_NOTE
        return
    # the session's own title is newer than the one inside the version, if they differ
    piece.title = piece.title or piece.composition.title


def read_catalog(recent: Sequence[Path] = (), journal: Journal | None = None,
                 folder: Path | None = None) -> Catalog:
    """The library as it stands: the Compositions folder (or `folder`), `recent` files and,
    when a `journal` is given, the pieces of its sessions. Raises FileProblem only from the
    journal; a folder that cannot be made is left out."""
    if folder is None:
        try:
            folder = user_compositions_dir()
        except UserFacingError:
            folder = None
    files = project_files(folder, recent)
    if journal is None:
        return gather_catalog(files)
    return gather_catalog(files, journal.sessions(), journal.latest_snapshots())


# --- searching and saying when ---------------------------------------------------------------


def _recent_first(entry: CatalogEntry) -> tuple[float, str]:
    return -entry.touched_s, fold(entry.title)


def fold(text: str) -> str:
    """`text` for matching: accents dropped and case folded ("Café" and "cafe" match)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search(entries: Iterable[CatalogEntry], text: str) -> list[CatalogEntry]:
    """The entries whose title or session words hold every word of `text` (as the start of a
    word or inside one, ignoring case and accents), most recently worked on first."""
    wanted = fold(text).split()
    found = []
    for entry in entries:
        haystack = fold(" ".join((entry.title, *entry.reflections, *entry.feeling_words)))
        if all(word in haystack for word in wanted):
            found.append(entry)
    return sorted(found, key=_recent_first)


def worked_on_text(touched_s: float, now_s: float) -> str:
    """When a piece was last worked on, as a person would say it ("3 days ago")."""
    if touched_s <= 0:
        return "Not worked on in a session yet"
    then, today = date.fromtimestamp(touched_s), date.fromtimestamp(now_s)
    days = (today - then).days
    if days <= 0:
        return "Last worked on today"
    if days == 1:
        return "Last worked on yesterday"
    if days < 14:
        return f"Last worked on {days} days ago"
    if days < 60:
        return f"Last worked on {days // 7} weeks ago"
    return f"Last worked on {then.day} {then.strftime('%b %Y')}"

"""Recovery copies: what was on screen, saved every so often, so a crash never loses much work.

Each composition has one recovery file in `recovery_dir()`, named from its `uid`, holding the
project document plus where the piece was saved (if anywhere) and when the copy was made::

    {"format": "tonewell-recovery", "version": 1, "source_path": str | null,
     "saved_at": "2026-01-31T18:00:00Z", "project": {<a .tonewell document>}}

Recovery files are written atomically without a backup, as compact JSON (speed matters more than
looks here). `Autosaver` decides when to write; the Qt timer that asks it lives in the ui layer.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from tonewell.errors import FileProblem
from tonewell.io.atomic import SaveError, atomic_write_bytes, describe_os_error
from tonewell.io.paths import recovery_dir
from tonewell.io.project import (
    ProjectError,
    composition_from_dict,
    composition_to_dict,
    decode_json,
    read_file_bytes,
)
from tonewell.model import Composition
from tonewell.model.composition import now_iso

RECOVERY_FORMAT = "tonewell-recovery"
RECOVERY_VERSION = 1
RECOVERY_SUFFIX = ".tonewell-recovery"
DEFAULT_INTERVAL_S = 60.0

_HEX_UID = re.compile(r"[0-9a-f]{8,64}")


@dataclass(frozen=True, slots=True)
class Recoverable:
    """A recovery file found on disk, described without loading the whole piece again."""

    uid: str
    title: str
    source_path: Path | None
    saved_at: str
    path: Path


def recovery_path(uid: str) -> Path:
    """The recovery file for the composition with `uid`.

    A lowercase hex uid (what Tonewell makes) is used as it is. Anything else is hashed, with a
    `u` prefix hex names never start with, so no uid can reach outside the folder and no two
    uids share a name, even on disks that ignore case.
    """
    if _HEX_UID.fullmatch(uid):
        stem = uid
    else:
        stem = "u" + hashlib.sha256(uid.encode("utf-8", "surrogatepass")).hexdigest()[:40]
    return recovery_dir() / f"{stem}{RECOVERY_SUFFIX}"


def write_recovery(comp: Composition, source_path: Path | None) -> Path:
    """Save a recovery copy of `comp` (last saved at `source_path`, if any). Raises SaveError."""
    path = recovery_path(comp.uid)
    try:
        doc = {
            "format": RECOVERY_FORMAT,
            "version": RECOVERY_VERSION,
            "source_path": None if source_path is None else str(source_path),
            "saved_at": now_iso(),
            "project": composition_to_dict(comp),
        }
        data = json.dumps(doc, sort_keys=True, ensure_ascii=False, allow_nan=False)
        encoded = (data + "\n").encode("utf-8")
    except (TypeError, ValueError, RecursionError) as err:
        raise SaveError(
            f'Could not save a recovery copy of "{comp.title}": part of it cannot be written '
            "to a file."
        ) from err
    atomic_write_bytes(path, encoded, keep_backup=False)
    return path


def _read(path: Path) -> tuple[Recoverable, Composition]:
    """What a recovery file says about itself, and its composition. Raises ProjectError."""
    doc = decode_json(read_file_bytes(path), name=path.name)
    if (
        not isinstance(doc, dict)
        or doc.get("format") != RECOVERY_FORMAT
        or type(doc.get("version")) is not int
        or doc["version"] != RECOVERY_VERSION
        or not isinstance(doc.get("saved_at"), str)
        or not isinstance(doc.get("source_path", 0), str | None)
    ):
        raise ProjectError(f'The recovery copy "{path.name}" is damaged.')
    source = doc["source_path"]
    comp = composition_from_dict(doc.get("project"), name=path.name)
    info = Recoverable(
        uid=comp.uid,
        title=comp.title,
        source_path=None if source is None else Path(source),
        saved_at=doc["saved_at"],
        path=path,
    )
    return info, comp


def load_recovery(path: Path) -> Composition:
    """The composition in a recovery file. Raises ProjectError."""
    return _read(Path(path))[1]


def list_recoverable() -> list[Recoverable]:
    """Every readable recovery file, newest first. Damaged ones are skipped, not raised."""
    found = []
    for path in recovery_dir().glob(f"*{RECOVERY_SUFFIX}"):
        try:
            found.append(_read(path)[0])
        except ProjectError:
            continue
    return sorted(found, key=lambda r: (r.saved_at, str(r.path)), reverse=True)


def discard_recovery(uid: str) -> None:
    """Remove the recovery copy for `uid`, if there is one. Raises FileProblem if it stays."""
    path = recovery_path(uid)
    try:
        path.unlink(missing_ok=True)
    except OSError as err:
        raise FileProblem(
            f'Could not remove the recovery copy "{path.name}": {describe_os_error(err)}.'
        ) from err


class Autosaver:
    """Decides when to write a recovery copy: once `interval_s` has passed since the first
    change that is not yet in a copy. Plain Python; a timer calls `maybe_save` now and then.
    """

    def __init__(self, interval_s: float = DEFAULT_INTERVAL_S) -> None:
        if interval_s <= 0:
            raise ValueError("interval_s must be positive")
        self.interval_s = interval_s
        self._unsaved_since_s: float | None = None

    @property
    def has_unsaved_changes(self) -> bool:
        return self._unsaved_since_s is not None

    def note_change(self, now_s: float) -> None:
        """The composition changed at `now_s` (seconds on any steady clock)."""
        if self._unsaved_since_s is None:
            self._unsaved_since_s = now_s

    def saved(self) -> None:
        """A recovery copy (or the project itself) now holds every change."""
        self._unsaved_since_s = None

    def should_save(self, now_s: float) -> bool:
        return (
            self._unsaved_since_s is not None and now_s - self._unsaved_since_s >= self.interval_s
        )

    def maybe_save(self, comp: Composition, source_path: Path | None, now_s: float) -> Path | None:
        """Write a recovery copy if one is due; returns its path, or None if none was due.

        On SaveError the next try waits another interval (a full disk is not retried on every
        tick), and the error is raised for the caller to show.
        """
        if not self.should_save(now_s):
            return None
        try:
            path = write_recovery(comp, source_path)
        except SaveError:
            self._unsaved_since_s = now_s
            raise
        self.saved()
        return path

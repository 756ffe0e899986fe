"""The journal as a CSV file a person (or their therapist) can open in any spreadsheet.

One row per session under a header row, UTF-8. A text cell that begins like a formula
(`=`, `+`, `-`, `@`) gets a leading apostrophe, so a spreadsheet shows the words instead of
running them. Written atomically through `atomic_write_bytes`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from tonewell.io.atomic import atomic_write_bytes
from tonewell.library.records import CheckIn, SessionEntry

HEADER: tuple[str, ...] = (
    "session_id",
    "started_at",
    "duration_min",
    "prompt_id",
    "prompt_title",
    "steps_completed_count",
    "steps_completed",
    "stress_before",
    "valence_before",
    "energy_before",
    "words_before",
    "stress_after",
    "valence_after",
    "energy_after",
    "words_after",
    "meaningful",
    "reflection",
    "composition_uid",
    "composition_title",
    "snapshot_name",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _mood(check: CheckIn | None) -> list[str]:
    if check is None:
        return ["", "", "", ""]
    return [
        _number(check.stress),
        _number(check.valence),
        _number(check.energy),
        _text(check.words),
    ]


def csv_row(entry: SessionEntry) -> list[str]:
    """One session as the cells under `HEADER`."""
    after = entry.check_out
    return [
        "" if entry.id is None else str(entry.id),
        entry.started_at,
        f"{entry.duration_s / 60:.1f}",
        _text(entry.prompt_id),
        _text(entry.prompt_title),
        str(entry.steps_completed_count),
        _text("; ".join(entry.steps_completed)),
        *_mood(entry.check_in),
        *_mood(after),
        _number(after.meaningful if after else None),
        _text(entry.reflection),
        entry.composition_uid,
        _text(entry.composition_title),
        _text(entry.snapshot.name) if entry.snapshot else "",
    ]


def journal_csv_bytes(entries: Iterable[SessionEntry]) -> bytes:
    """The CSV file's bytes: the header row, then one row per session (UTF-8, CRLF rows)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for entry in entries:
        writer.writerow(csv_row(entry))
    return out.getvalue().encode("utf-8")


def write_journal_csv(entries: Sequence[SessionEntry], path: Path) -> None:
    """Write `entries` as CSV to `path` all at once (a read-only `path` is refused)."""
    atomic_write_bytes(Path(path), journal_csv_bytes(entries), keep_backup=False)

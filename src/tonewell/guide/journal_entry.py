"""From the guide's `SessionRecord` to the journal's `SessionEntry`, with its named snapshot.

The guide and the journal keep their own records (the journal does not know prompts); this is
the one place that maps one onto the other. Mood grid `pleasant` becomes the journal's
`valence`; "How meaningful was this?" is kept with the check-out. `steps_completed` holds each
completed step as its number and its words ("1. Choose a sound for your loop."), so the CSV and
the report read on their own, even after a prompt pack has changed or gone.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tonewell.guide.prompts import Prompt
from tonewell.guide.session import SessionRecord
from tonewell.guide.suggest import Ratings
from tonewell.library.records import CheckIn, SessionEntry, Snapshot
from tonewell.model import Composition

FREE_COMPOSING = "Free composing"
"""The snapshot's name when the person composed without a prompt."""


def _iso_utc(seconds: float) -> str:
    """Seconds since the epoch as ISO 8601 text in UTC, as the journal keeps times."""
    moment = datetime.fromtimestamp(seconds, UTC).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")


def snapshot_name(prompt: Prompt | None, now: datetime) -> str:
    """"Breathing loop · 29 Nov 2026, 22:10" (`now` in the person's own time)."""
    title = prompt.title if prompt is not None else FREE_COMPOSING
    return f"{title} · {now.day} {now:%b %Y, %H:%M}"


def check_in_for(ratings: Ratings | None, meaningful: int | None = None) -> CheckIn | None:
    """The journal's check-in (or check-out) for the guide's ratings; None when skipped."""
    if ratings is None:
        return None
    return CheckIn(stress=ratings.stress, valence=ratings.pleasant, energy=ratings.energy,
                   words=ratings.words, meaningful=meaningful)


def step_words(prompt: Prompt | None, index: int) -> str:
    """Step `index` (from 0) as the journal keeps it: "2. Its text", or "2" without a prompt."""
    if prompt is None or not 0 <= index < len(prompt.steps):
        return str(index + 1)
    return f"{index + 1}. {prompt.steps[index].text}"


def entry_for(record: SessionRecord, prompt: Prompt | None, comp: Composition,
              snapshot_bytes: bytes, now: datetime) -> SessionEntry:
    """The journal entry of a finished session; `snapshot_bytes` is the piece as a project file
    (`project_to_bytes`), saved as a version named after the prompt and `now`."""
    snapshot = Snapshot(
        name=snapshot_name(prompt, now),
        project_bytes=snapshot_bytes,
        composition_uid=comp.uid,
        saved_at=_iso_utc(record.ended_s),
    )
    return SessionEntry(
        started_at=_iso_utc(record.started_s),
        duration_s=max(0.0, record.duration_s),
        prompt_id=record.prompt_id or "",
        prompt_title=prompt.title if prompt is not None else "",
        steps_completed=tuple(step_words(prompt, index) for index in record.steps_completed),
        check_in=check_in_for(record.check_in),
        check_out=check_in_for(record.check_out, record.meaningful),
        reflection=record.reflection,
        composition_uid=comp.uid,
        composition_title=comp.title,
        snapshot=snapshot,
    )

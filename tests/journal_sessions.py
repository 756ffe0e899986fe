"""Sessions as a person would leave them in the journal, with a real piece saved at the end,
for the progress view, the PDF report and `tonewell report` tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tonewell.io.project import project_to_bytes
from tonewell.library.journal import Journal
from tonewell.library.records import CheckIn, SessionEntry, Snapshot
from tonewell.model import Clip, Composition, Note, Track

BEAT = 480
PROMPTS = ("Arrival groove", "Minor to major", "Breathing loop", "Cool-down", "Gift melody")


def melody_piece(title: str, seed: int = 0) -> Composition:
    """Two tracks of notes: a rising and falling melody and a slow bass."""
    melody = tuple(
        Note(start_tick=i * BEAT, pitch=60 + (i * 3 + seed) % 12, length_ticks=BEAT)
        for i in range(16)
    )
    bass = tuple(Note(start_tick=i * 4 * BEAT, pitch=36 + (i * 5) % 7, length_ticks=4 * BEAT)
                 for i in range(4))
    return Composition(
        title=title,
        tracks=(
            Track(name="Melody", clips=(Clip(notes=melody, length_bars=4),)),
            Track(name="Bass", program=32, clips=(Clip(notes=bass, length_bars=4),)),
        ),
    )


def session(n: int, *, start: datetime | None = None, reflection: str = "") -> SessionEntry:
    """The `n`th (0-based) of a run of sessions, two or three days apart."""
    when = (start or datetime(2026, 10, 5, 18, 30, tzinfo=UTC)) + timedelta(days=n * 2 + n % 2)
    title = f"Evening piece {n // 3 + 1}"
    comp = melody_piece(title, seed=n)
    return SessionEntry(
        started_at=when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        duration_s=(12 + (n * 7) % 20) * 60,
        prompt_id=f"prompt-{n % len(PROMPTS)}",
        prompt_title=PROMPTS[n % len(PROMPTS)],
        steps_completed=("Choose a sound", "Play a 4-bar loop", "Add an ending"),
        check_in=CheckIn(stress=None if n % 7 == 3 else 5 + n % 5, valence=-0.67, energy=0.67,
                         words="tired, a bit tense"),
        check_out=CheckIn(stress=None if n % 9 == 4 else 2 + n % 4, valence=0.67, energy=-0.67,
                          words="quieter", meaningful=7),
        reflection=reflection or f"Session {n + 1}: the bass made it feel steady.",
        composition_uid=f"uid-{n // 3}",
        composition_title=title,
        snapshot=Snapshot(f"{PROMPTS[n % len(PROMPTS)]} · {when:%d %b %Y, %H:%M}",
                          project_to_bytes(comp), composition_uid=f"uid-{n // 3}"),
    )


def fill_journal(count: int, **kwargs: object) -> list[SessionEntry]:
    """Add `count` sessions to the journal in TONEWELL_HOME; returns them as written."""
    entries = [session(n) for n in range(count)]
    with Journal() as journal:
        for entry in entries:
            journal.add_session(entry)
    return entries

"""What one guided session leaves in the journal, as plain frozen values.

These are the journal's own records, independent of `tonewell.guide` (a later step maps the
guide's session record onto a `SessionEntry`). Times are ISO 8601 text in UTC, as the model's
`now_iso` writes them; durations are seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CheckIn:
    """How the person felt at the start (check-in) or the end (check-out) of a session.

    Every part is optional: a skipped question is None (or "" for the words). `valence` runs
    from unpleasant (-1) to pleasant (1) and `energy` from calm (-1) to energetic (1); a mood
    grid cell is stored as the centre of the cell in these units. `meaningful` (0-10) is asked
    only at check-out.
    """

    stress: int | None = None
    valence: float | None = None
    energy: float | None = None
    words: str = ""
    meaningful: int | None = None

    def __post_init__(self) -> None:
        for name, value in (("stress", self.stress), ("meaningful", self.meaningful)):
            if value is not None and not 0 <= value <= 10:
                raise ValueError(f"{name} is a rating from 0 to 10, not {value}")
        for name, mood in (("valence", self.valence), ("energy", self.energy)):
            if mood is not None and not -1.0 <= mood <= 1.0:
                raise ValueError(f"{name} runs from -1 to 1, not {mood}")


@dataclass(frozen=True)
class Snapshot:
    """The named version of a composition saved when a session ended: a whole project file.

    `id`, `session_id` and `saved_at` are filled in by the journal when it is read back."""

    name: str
    project_bytes: bytes
    composition_uid: str = ""
    saved_at: str = ""
    id: int | None = None
    session_id: int | None = None


@dataclass(frozen=True)
class SessionEntry:
    """One guided session. `id` is None until the journal has stored it."""

    started_at: str
    duration_s: float
    prompt_id: str = ""
    prompt_title: str = ""
    steps_completed: tuple[str, ...] = ()
    check_in: CheckIn | None = None
    check_out: CheckIn | None = None
    reflection: str = ""
    composition_uid: str = ""
    composition_title: str = ""
    snapshot: Snapshot | None = field(default=None, repr=False)
    id: int | None = None

    @property
    def steps_completed_count(self) -> int:
        return len(self.steps_completed)

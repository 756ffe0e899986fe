"""What the journal shows over time: stress before and after, time spent per week, prompts tried.

Pure aggregates over `Journal.sessions()` for the progress view (ui/progress_view.py), kept
here without Qt so every number and every sentence is tested with plain pytest. A skipped
rating is left out, never counted as 0; a week with no session between the first and the last
one is shown as 0. Sentences are plain facts about what was recorded: no praise, no blame and
no claim about health.

Times in the journal are UTC; days and weeks are counted in the person's own time zone (`tz`,
the computer's when None).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from tonewell.library.records import SessionEntry
from tonewell.library.session_text import count_text, day_text, duration_text

FREE_COMPOSING = "Free composing"
"""How a session without a prompt is named (as its snapshot is)."""
MIN_PAIRS_FOR_AVERAGE = 3
"""Sessions with stress rated both before and after needed before an average is told."""
SAME_WITHIN_POINTS = 0.5
"""An average change smaller than this is told as "about the same"."""


@dataclass(frozen=True)
class StressPoint:
    """Stress (0-10) at check-in and check-out of one session; None where it was skipped."""

    started: datetime
    before: int | None
    after: int | None


@dataclass(frozen=True)
class WeekTotal:
    """Time spent in sessions in one ISO week (Monday to Sunday)."""

    monday: date
    minutes: float
    sessions: int


@dataclass(frozen=True)
class PromptTried:
    """How often a prompt was chosen, and when for the first time."""

    title: str
    times: int
    first_tried: date
    new_in_latest_week: bool
    """First tried in the week of the latest session."""


@dataclass(frozen=True)
class Progress:
    """Everything the progress view shows, in order of time (prompts: most tried first)."""

    session_count: int
    stress: tuple[StressPoint, ...]
    weeks: tuple[WeekTotal, ...]
    prompts: tuple[PromptTried, ...]
    sentences: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return self.session_count == 0


def started_local(entry: SessionEntry, tz: tzinfo | None = None) -> datetime | None:
    """When `entry` started, in `tz` (the computer's time zone when None); None when the
    journal's time is not readable (a value edited by hand outside Tonewell)."""
    try:
        when = datetime.fromisoformat(entry.started_at)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.now().astimezone().tzinfo if tz is None else tz)
    return when.astimezone(tz)


def prompt_name(entry: SessionEntry) -> str:
    """The prompt's title, or "Free composing" for a session without one."""
    return entry.prompt_title.strip() or entry.prompt_id.strip() or FREE_COMPOSING


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weeks(dated: Sequence[tuple[datetime, SessionEntry]]) -> tuple[WeekTotal, ...]:
    minutes: Counter[date] = Counter()
    count: Counter[date] = Counter()
    for when, entry in dated:
        week = _monday(when.date())
        minutes[week] += max(0.0, entry.duration_s) / 60
        count[week] += 1
    if not count:
        return ()
    first, last = min(count), max(count)
    weeks = []
    week = first
    while week <= last:
        weeks.append(WeekTotal(week, round(minutes[week], 1), count[week]))
        week += timedelta(days=7)
    return tuple(weeks)


def _prompts(dated: Sequence[tuple[datetime, SessionEntry]]) -> tuple[PromptTried, ...]:
    if not dated:
        return ()
    latest_week = _monday(max(when for when, _ in dated).date())
    times: Counter[str] = Counter()
    first: dict[str, date] = {}
    for when, entry in dated:
        name = prompt_name(entry)
        times[name] += 1
        first[name] = min(first.get(name, when.date()), when.date())
    tried = [
        PromptTried(name, n, first[name], _monday(first[name]) == latest_week)
        for name, n in times.items()
    ]
    tried.sort(key=lambda p: (-p.times, p.first_tried, p.title.lower()))
    return tuple(tried)


def _points(value: float) -> str:
    shown = f"{round(value, 1):g}"
    return f"{shown} point{'' if shown == '1' else 's'}"


def _stress_sentence(stress: Sequence[StressPoint]) -> str:
    pairs = [(p.before, p.after) for p in stress if p.before is not None and p.after is not None]
    if not pairs:
        return (
            "Stress has not been rated both before and after a session yet, so there is "
            "nothing to compare so far."
        )
    if len(pairs) < MIN_PAIRS_FOR_AVERAGE:
        return (
            f"Stress was rated before and after {count_text(len(pairs), 'session')}; after a few "
            "more an average can be shown."
        )
    change = sum(b - a for b, a in pairs) / len(pairs)  # type: ignore[operator]
    basis = f"(from the {len(pairs)} sessions rated both times)"
    if abs(change) < SAME_WITHIN_POINTS:
        return f"On average stress was about the same before and after a session {basis}."
    direction = "lower" if change > 0 else "higher"
    return f"On average stress was {_points(abs(change))} {direction} after a session {basis}."


def _sentences(
    dated: Sequence[tuple[datetime, SessionEntry]],
    stress: Sequence[StressPoint],
    prompts: Sequence[PromptTried],
) -> tuple[str, ...]:
    if not dated:
        return (
            "No sessions in your journal yet. When you finish a guided session, "
            "it will show up here.",
        )
    first_day = dated[0][0].date()
    minutes = sum(max(0.0, e.duration_s) for _, e in dated) / 60
    if len(dated) == 1:
        opening = f"1 session, on {day_text(first_day)}, {duration_text(minutes)} long."
    else:
        opening = (
            f"{len(dated)} sessions since {day_text(first_day)}, "
            f"{duration_text(minutes)} of music-making in all."
        )
    lines = [opening, _stress_sentence(stress)]
    if prompts:
        top = prompts[0]
        kinds = count_text(len(prompts), "different prompt")
        lines.append(
            f"{kinds} tried; “{top.title}” the most often ({count_text(top.times, 'time')})."
            if len(prompts) > 1
            else f"Every session so far used “{top.title}”."
        )
        new = [p.title for p in prompts if p.new_in_latest_week and len(dated) > 1]
        if new and len(new) < len(prompts):
            lines.append("New this week: " + ", ".join(f"“{t}”" for t in new) + ".")
    return tuple(lines)


def progress_of(entries: Sequence[SessionEntry], tz: tzinfo | None = None) -> Progress:
    """The progress shown for `entries` (any order), with days in `tz` (local when None).
    Sessions whose start time cannot be read are left out."""
    dated = sorted(
        ((when, e) for e in entries if (when := started_local(e, tz)) is not None),
        key=lambda pair: pair[0],
    )
    stress = tuple(
        StressPoint(
            when,
            e.check_in.stress if e.check_in else None,
            e.check_out.stress if e.check_out else None,
        )
        for when, e in dated
        if (e.check_in and e.check_in.stress is not None)
        or (e.check_out and e.check_out.stress is not None)
    )
    prompts = _prompts(dated)
    return Progress(
        session_count=len(dated),
        stress=stress,
        weeks=_weeks(dated),
        prompts=prompts,
        sentences=_sentences(dated, stress, prompts),
    )

"""A session from the journal told in words: its date, length, ratings and mood.

One place for how a session reads to a person, shared by the PDF report (ui/session_report.py)
and the progress view, and tested without Qt. Skipped answers read "skipped", never 0.
"""

from __future__ import annotations

from datetime import date

from tonewell.library.records import CheckIn

SKIPPED = "skipped"
MOOD_EDGE = 1 / 3
"""A mood value beyond ±this leans to one side (the grid's outer cells); within it, "neutral"."""


def day_text(day: date) -> str:
    """`3 Nov 2026`: a day as the report and the view write it."""
    return f"{day.day} {day:%b %Y}"


def count_text(n: int, word: str) -> str:
    """`1 session`, `3 sessions`."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def duration_text(minutes: float) -> str:
    """`25 minutes`, `1 hour`, `1 h 15 min`; under half a minute reads `under a minute`."""
    whole = round(minutes)
    if whole == 0:
        return "under a minute"
    hours, rest = divmod(whole, 60)
    if hours == 0:
        return count_text(whole, "minute")
    return f"{hours} h {rest} min" if rest else count_text(hours, "hour")


def rating_text(value: int | None) -> str:
    """`7 of 10`, or `skipped`."""
    return SKIPPED if value is None else f"{value} of 10"


def mood_words(check: CheckIn | None) -> str:
    """The mood grid answer in words, e.g. `pleasant and calm`, or `skipped`."""
    if check is None or (check.valence is None and check.energy is None):
        return SKIPPED
    parts = []
    if check.valence is not None:
        parts.append(_side(check.valence, "unpleasant", "neutral", "pleasant"))
    if check.energy is not None:
        parts.append(_side(check.energy, "calm", "between calm and energetic", "energetic"))
    return " and ".join(parts)


def _side(value: float, low: str, middle: str, high: str) -> str:
    if value < -MOOD_EDGE:
        return low
    if value > MOOD_EDGE:
        return high
    return middle

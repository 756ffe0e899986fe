"""The progress aggregates: stress over time, time per week with gaps, prompts tried, sentences."""

from __future__ import annotations

from datetime import UTC, date, timedelta, timezone

from tonewell.library.progress import FREE_COMPOSING, progress_of
from tonewell.library.records import CheckIn, SessionEntry


def entry(
    started_at: str,
    *,
    minutes: float = 15,
    before: int | None = None,
    after: int | None = None,
    prompt: str = "Minor to major",
) -> SessionEntry:
    return SessionEntry(
        started_at=started_at,
        duration_s=minutes * 60,
        prompt_title=prompt,
        check_in=CheckIn(stress=before),
        check_out=CheckIn(stress=after),
    )


def test_no_sessions_is_said_kindly_and_has_nothing_to_plot():
    shown = progress_of([], UTC)
    assert shown.empty
    assert (shown.stress, shown.weeks, shown.prompts) == ((), (), ())
    assert shown.sentences == (
        "No sessions in your journal yet. When you finish a guided session, "
        "it will show up here.",
    )


def test_one_session():
    shown = progress_of([entry("2026-11-03T09:00:00Z", minutes=20, before=7, after=4)], UTC)
    assert shown.session_count == 1
    assert [(p.before, p.after) for p in shown.stress] == [(7, 4)]
    assert [(w.monday, w.minutes, w.sessions) for w in shown.weeks] == [
        (date(2026, 11, 2), 20.0, 1)
    ]
    assert shown.sentences[0] == "1 session, on 3 Nov 2026, 20 minutes long."
    assert "after a few more an average can be shown" in shown.sentences[1]
    assert shown.sentences[2] == "Every session so far used “Minor to major”."


def test_weeks_without_a_session_between_the_first_and_last_are_zero():
    shown = progress_of(
        [
            entry("2026-11-23T10:00:00Z", minutes=30),  # week of 23 Nov
            entry("2026-11-02T10:00:00Z", minutes=10),  # week of 2 Nov (Monday)
            entry("2026-11-08T22:00:00Z", minutes=5),  # Sunday: still the week of 2 Nov
        ],
        UTC,
    )
    assert [(w.monday.isoformat(), w.minutes, w.sessions) for w in shown.weeks] == [
        ("2026-11-02", 15.0, 2),
        ("2026-11-09", 0.0, 0),
        ("2026-11-16", 0.0, 0),
        ("2026-11-23", 30.0, 1),
    ]


def test_skipped_ratings_are_left_out_not_zero():
    shown = progress_of(
        [
            entry("2026-11-01T09:00:00Z", before=8, after=None),
            entry("2026-11-02T09:00:00Z", before=None, after=None),
            entry("2026-11-03T09:00:00Z", before=None, after=3),
        ],
        UTC,
    )
    assert [(p.before, p.after) for p in shown.stress] == [(8, None), (None, 3)]
    assert shown.sentences[1].startswith("Stress has not been rated both before and after")


def test_average_change_counts_only_sessions_rated_both_times():
    shown = progress_of(
        [
            entry("2026-11-01T09:00:00Z", before=8, after=5),
            entry("2026-11-02T09:00:00Z", before=6, after=5),
            entry("2026-11-03T09:00:00Z", before=7, after=5),
            entry("2026-11-04T09:00:00Z", before=9, after=None),  # skipped: not in the average
        ],
        UTC,
    )
    assert shown.sentences[1] == (
        "On average stress was 2 points lower after a session "
        "(from the 3 sessions rated both times)."
    )


def test_a_rise_and_no_change_are_told_as_plainly():
    higher = [entry(f"2026-11-0{d}T09:00:00Z", before=3, after=a) for d, a in ((1, 4), (2, 5))]
    higher.append(entry("2026-11-03T09:00:00Z", before=3, after=4))
    assert "1.3 points higher after a session" in progress_of(higher, UTC).sentences[1]
    same = [entry(f"2026-11-0{d}T09:00:00Z", before=5, after=5) for d in (1, 2, 3)]
    assert "about the same" in progress_of(same, UTC).sentences[1]


def test_prompts_tried_are_counted_and_the_new_ones_named():
    shown = progress_of(
        [
            entry("2026-11-02T09:00:00Z", prompt="Arrival groove"),
            entry("2026-11-03T09:00:00Z", prompt="Arrival groove"),
            entry("2026-11-04T09:00:00Z", prompt=""),
            entry("2026-11-16T09:00:00Z", prompt="Cool-down"),
            entry("2026-11-17T09:00:00Z", prompt="Arrival groove"),
        ],
        UTC,
    )
    assert [(p.title, p.times, p.new_in_latest_week) for p in shown.prompts] == [
        ("Arrival groove", 3, False),
        (FREE_COMPOSING, 1, False),
        ("Cool-down", 1, True),
    ]
    assert shown.sentences[0] == "5 sessions since 2 Nov 2026, 1 h 15 min of music-making in all."
    assert shown.sentences[2] == (
        "3 different prompts tried; “Arrival groove” the most often (3 times)."
    )
    assert shown.sentences[3] == "New this week: “Cool-down”."


def test_days_are_counted_in_the_persons_time_zone():
    late_sunday_utc = entry("2026-11-08T23:30:00Z")
    assert progress_of([late_sunday_utc], UTC).weeks[0].monday == date(2026, 11, 2)
    east = timezone(timedelta(hours=2))  # already Monday there
    assert progress_of([late_sunday_utc], east).weeks[0].monday == date(2026, 11, 9)


def test_an_unreadable_start_time_is_left_out():
    shown = progress_of([entry("yesterday"), entry("2026-11-03T09:00:00Z")], UTC)
    assert shown.session_count == 1


def test_no_judging_or_medical_words_in_any_sentence():
    entries = [
        entry(f"2026-11-{d:02d}T09:00:00Z", before=8, after=d % 9, prompt=f"P{d % 4}")
        for d in range(1, 29)
    ]
    words = " ".join(progress_of(entries, UTC).sentences).lower()
    for word in ("wrong", "mistake", "fail", "bad", "error", "cure", "treat", "heal", "great"):
        assert word not in words

"""A session's ratings, mood and length in words: skipped answers read "skipped", never 0."""

from __future__ import annotations

from datetime import date

from tonewell.library.records import CheckIn
from tonewell.library.session_text import day_text, duration_text, mood_words, rating_text


def test_ratings_and_skips():
    assert rating_text(0) == "0 of 10"
    assert rating_text(None) == "skipped"


def test_mood_in_words():
    assert mood_words(CheckIn(valence=0.67, energy=-0.67)) == "pleasant and calm"
    mixed = "unpleasant and between calm and energetic"
    assert mood_words(CheckIn(valence=-1.0, energy=0.0)) == mixed
    assert mood_words(CheckIn(energy=0.67)) == "energetic"
    assert mood_words(CheckIn(stress=4)) == "skipped"
    assert mood_words(None) == "skipped"


def test_durations_and_days():
    assert duration_text(0.2) == "under a minute"
    assert duration_text(1) == "1 minute"
    assert duration_text(25.4) == "25 minutes"
    assert duration_text(60) == "1 hour"
    assert duration_text(75) == "1 h 15 min"
    assert day_text(date(2026, 11, 29)) == "29 Nov 2026"

"""Every goal word says what it asks for and how far the piece is, in the panel's words."""

from __future__ import annotations

import pytest

from tonewell.guide.goals import GOALS, goal_line, goal_progress
from tonewell.model import Key

from .helpers import clip, piece

SOME = piece(clip([60, 62, 64]))
"""Three notes (C4 D4 E4) in one 1-bar clip, C major, 120 BPM."""

CASES = {
    # word: (value, piece not there yet, its progress phrase, a piece that meets it)
    "notes_in_clip": ({"at_least": 8}, SOME, "at least 8 notes in one clip — 3 so far",
                      piece(clip([60] * 8, bars=2))),
    "notes": ({"at_least": 4}, SOME, "at least 4 notes in the piece — 3 so far",
              piece(clip([60, 62, 64, 65]))),
    "tracks": ({"at_least": 2}, SOME, "at least 2 tracks with notes — 1 so far",
               piece(clip([60]), drums=(clip([36]),))),
    "clips": ({"at_least": 2}, SOME, "at least 2 clips with notes — 1 so far",
              piece(clip([60]), clip([62], start_bar=1))),
    "loop_bars": (2, SOME, "a 2-bar loop — clips of 1 bar so far",
                  piece(clip([60], bars=2))),
    "answer_bars": (2, SOME, "an answer of 2 bars in a clip after the phrase — 1 clip with "
                    "notes so far", piece(clip([60]), clip([62], start_bar=1, bars=2))),
    "length_bars": ({"at_least": 4}, SOME, "a piece of at least 4 bars — 1 bar so far",
                    piece(clip([60], bars=4))),
    "ends_on_tonic": (True, SOME, "ending on the home note — the last note is E4 now",
                      piece(clip([64, 60]))),
    "tempo_bpm": ({"at_most": 70}, SOME, "a tempo of at most 70 BPM — 120 BPM now",
                  piece(clip([60]), bpm=60)),
    "uses_mode": ("natural minor", SOME, "the key in natural minor — C major now",
                  piece(clip([60]), key=Key(0, "natural minor"))),
    "notes_in_range": ({"low": 62, "high": 72}, SOME,
                       "notes between D4 and C5 — 2 of 3 inside so far", piece(clip([62, 64]))),
    "rhythm_only": (True, SOME, "drums only, no pitched notes — 0 drum notes and 3 pitched "
                    "notes so far", piece(drums=(clip([36, 38]),))),
}


def test_every_goal_word_has_a_case():
    assert set(CASES) == set(GOALS)


@pytest.mark.parametrize("word", sorted(CASES))
def test_progress_says_how_far_then_done(word):
    value, before, phrase, after = CASES[word]
    [part] = goal_progress({word: value}, before)
    assert not part.met and str(part) == phrase
    [done] = goal_progress({word: value}, after)
    assert done.met and str(done) == f"{done.target} ✓"


def test_the_goal_line_joins_the_conditions_and_says_done_when_all_hold():
    goal = {"notes_in_clip": {"at_least": 4}, "ends_on_tonic": True}
    assert goal_line(goal, SOME) == ("Goal: at least 4 notes in one clip — 3 so far; "
                                     "ending on the home note — the last note is E4 now")
    met = piece(clip([64, 62, 64, 60]))
    assert goal_line(goal, met) == ("Done: at least 4 notes in one clip and ending on the home "
                                    "note ✓")
    assert goal_line(None, SOME) == ""


def test_counts_read_as_people_say_them():
    from tonewell.guide.goals import range_words

    assert [range_words(s) for s in (8, {"at_least": 2}, {"at_most": 3},
                                     {"at_least": 2, "at_most": 4})] == [
        "8", "at least 2", "at most 3", "2 to 4"]

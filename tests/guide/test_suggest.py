"""Suggestion rules: from a check-in to 2-3 prompts, by the shipped rules and by given ones."""

from __future__ import annotations

import pytest

from tonewell.guide.prompts import Choice, built_in
from tonewell.guide.suggest import (
    Ratings,
    Rule,
    Rules,
    rules_problems,
    starting_point,
    starting_point_for,
    suggest,
    suggestions_for,
)

IDS = [p.id for p in built_in().prompts]


def test_high_stress_and_high_energy_suggests_a_grounding_groove():
    assert suggestions_for(Ratings(stress=8, pleasant=0.0, energy=0.6), IDS)[0] == "arrival-groove"


def test_high_stress_when_calm_suggests_the_breathing_loop():
    assert suggestions_for(Ratings(stress=8, pleasant=0.0, energy=-0.5), IDS)[0] == (
        "breathing-loop")


def test_low_mood_suggests_the_resilience_song():
    assert suggestions_for(Ratings(stress=3, pleasant=-0.7, energy=0.0), IDS)[0] == (
        "resilience-song")


def test_own_words_can_suggest_a_gift_melody():
    assert "gift-melody" in suggestions_for(Ratings(2, 0.0, 0.0, "I miss my sister"), IDS)


@pytest.mark.parametrize("check_in", [None, Ratings(5, 0.0, 0.0), Ratings(0, 1.0, 1.0)])
def test_always_two_or_three_known_prompts(check_in):
    chosen = suggestions_for(check_in, IDS)
    assert 2 <= len(chosen) <= 3 and set(chosen) <= set(IDS) and len(set(chosen)) == len(chosen)


def test_ids_that_did_not_load_are_left_out_and_the_default_fills_in():
    rules = Rules((Rule({"stress": {"at_least": 5}}, ("gone", "a")),), ("a", "b", "c"))
    assert suggest(Ratings(9, 0, 0), rules, {"a", "b", "c"}) == ["a", "b", "c"]


def test_the_shipped_rules_name_only_shipped_prompts():
    import json
    from importlib import resources

    data = json.loads((resources.files("tonewell.guide") / "prompts" / "suggestions.json")
                      .read_text("utf-8"))
    assert rules_problems(data) == []
    named = {i for r in data["rules"] for i in r["suggest"]} | set(data["default"])
    assert named <= set(IDS)


def test_rules_problems_name_the_place():
    data = {"format": 1, "default": ["a"],
            "rules": [{"when": {"sleep": {"at_least": 1}}, "suggest": ["a"]}]}
    assert rules_problems(data) == [
        "rules[0].when.sleep: use one of: stress, pleasant, energy, words_any"]


def test_ratings_outside_their_scales_are_refused():
    with pytest.raises(ValueError):
        Ratings(stress=11, pleasant=0.0, energy=0.0)
    with pytest.raises(ValueError):
        Ratings(stress=1, pleasant=1.5, energy=0.0)


def test_a_stressed_check_in_gets_a_slow_breath_like_starting_point():
    point = starting_point_for(Ratings(stress=8, pleasant=0.0, energy=-0.5))
    assert point is not None and point.sets == {"tempo_bpm": 60}
    assert "breath-like" in point.label
    low_mood = starting_point_for(Ratings(stress=3, pleasant=-0.6, energy=0.0))
    assert low_mood is not None and low_mood.sets["mode"] == "natural minor"
    assert starting_point_for(Ratings(stress=3, pleasant=0.0, energy=0.0)) is None  # no rule
    assert starting_point_for(None) is None  # a skipped check-in suggests nothing


def test_the_first_matching_rule_with_a_starting_point_gives_it():
    slow = Choice("Slow", {"tempo_bpm": 60})
    rules = Rules((Rule({"stress": {"at_least": 7}}, ("a",)),
                   Rule({"stress": {"at_least": 5}}, ("b",), slow)), ("a",))
    assert starting_point(Ratings(8, 0.0, 0.0), rules) == slow  # the first has none
    assert starting_point(Ratings(2, 0.0, 0.0), rules) is None


def test_a_broken_starting_point_is_named_with_its_place():
    data = {"format": 1, "default": ["a"], "rules": [
        {"when": {"stress": {"at_least": 7}}, "suggest": ["a"],
         "starting_point": {"label": "Fast", "sets": {"tempo_bpm": 999, "colour": "red"}}}]}
    problems = rules_problems(data)
    assert any(p.startswith("rules[0].starting_point.sets.tempo_bpm") for p in problems)
    assert any(p.startswith("rules[0].starting_point.sets.colour") for p in problems)

"""Suggestion rules: from a check-in to 2-3 prompts, by the shipped rules and by given ones."""

from __future__ import annotations

import pytest

from tonewell.guide.prompts import built_in
from tonewell.guide.suggest import Ratings, Rule, Rules, rules_problems, suggest, suggestions_for

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

"""The shipped prompts and the pack loader: good packs, broken packs, words we never use."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tonewell.guide.prompts import ARC_STAGES, BUILT_IN, built_in, load_all, read_pack
from tonewell.guide.suggest import built_in_rules

DOCS = Path(__file__).resolve().parents[2] / "docs"
UNWELCOME = re.compile(r"\b(wrong|mistakes?|fail\w*|bad|cur(e|es|ed|ing)|treat\w*|heal\w*)\b",
                       re.IGNORECASE)
GOOD_PROMPT = {
    "id": "sea-breath",
    "title": "Sea breath",
    "purpose": "A loop like waves.",
    "arc": "warm-up",
    "steps": [{"text": "Make a 4-bar loop.", "goal": {"loop_bars": 4}}],
}


def write_pack(folder: Path, name: str, prompts: list[object], fmt: int = 1) -> Path:
    path = folder / name
    path.write_text(json.dumps({"format": fmt, "prompts": prompts}), encoding="utf-8")
    return path


def test_twelve_prompts_ship_across_the_whole_arc_with_no_problems():
    loaded = built_in()
    assert loaded.problems == ()
    assert len(loaded.prompts) >= 12
    assert {p.arc for p in loaded.prompts} == set(ARC_STAGES)
    assert all(p.source == BUILT_IN for p in loaded.prompts)


def shipped_texts() -> list[str]:
    texts = []
    for p in built_in().prompts:
        texts += [p.title, p.purpose]
        for step in p.steps:
            texts += [step.text, step.example, *(c.label for c in step.choices)]
    texts += [r.starting_point.label for r in built_in_rules().rules if r.starting_point]
    return texts


def test_no_judging_words_and_no_medical_claims_in_any_shipped_prompt():
    found = [t for t in shipped_texts() if UNWELCOME.search(t)]
    assert found == []


def test_the_word_scan_does_find_such_words():
    assert UNWELCOME.search("That note is wrong") and UNWELCOME.search("music heals")


def test_a_good_pack_loads_with_its_file_as_source(tmp_path):
    path = write_pack(tmp_path, "mine.json", [GOOD_PROMPT])
    loaded = read_pack(path)
    assert loaded.problems == ()
    assert loaded.prompts[0].id == "sea-breath" and loaded.prompts[0].source == str(path)
    assert loaded.prompts[0].steps[0].goal == {"loop_bars": 4}


def test_problems_name_file_prompt_and_field(tmp_path):
    broken = {**GOOD_PROMPT, "id": "storm", "arc": "nap",
              "steps": [{"text": "", "choices": [{"label": "One", "sets": {"colour": 1}}]}]}
    path = write_pack(tmp_path, "broken.json", [broken, GOOD_PROMPT])
    loaded = read_pack(path)
    named = {(p.file, p.prompt_id, p.field) for p in loaded.problems}
    assert (str(path), "storm", "arc") in named
    assert (str(path), "storm", "steps[0].text") in named
    assert (str(path), "storm", "steps[0].choices") in named  # only one choice
    assert [p.id for p in loaded.prompts] == ["sea-breath"]  # the whole one still loads


def test_a_bad_choice_suggestion_and_goal_are_named(tmp_path):
    step = {"text": "Pick.", "choices": [{"label": "A", "sets": {"program": 300}},
                                         {"label": "B", "sets": {"colour": "red"}}],
            "goal": {"tempo": 60}}
    loaded = read_pack(write_pack(tmp_path, "p.json", [{**GOOD_PROMPT, "steps": [step]}]))
    fields = [p.field for p in loaded.problems]
    assert fields == ["steps[0].choices[0].sets.program", "steps[0].choices[1].sets.colour",
                      "steps[0].goal.tempo"]


def test_a_play_or_adds_word_not_in_the_vocabulary_is_named(tmp_path):
    steps = [{"text": "Listen.", "example": "A drum.", "play": "drum-solo"},
             {"text": "Listen.", "example": "A drum.", "play": "steady-drum", "adds": ["x"]},
             {"text": "Listen.", "play": "backbeat"},
             {"text": "Listen.", "example": "A drum.", "play": "steady-drum",
              "adds": "call-phrase"}]
    path = write_pack(tmp_path, "p.json", [{**GOOD_PROMPT, "steps": steps}])
    loaded = read_pack(path)
    assert [(p.file, p.prompt_id, p.field) for p in loaded.problems] == [
        (str(path), "sea-breath", "steps[0].play"), (str(path), "sea-breath", "steps[1].adds"),
        (str(path), "sea-breath", "steps[2].example")]
    assert "steady-drum" in loaded.problems[0].text


def test_every_shipped_step_with_an_example_plays_one():
    steps = [s for p in built_in().prompts for s in p.steps if s.example]
    assert len(steps) >= 7
    assert all(s.play for s in steps)


def test_a_prompt_without_an_id_is_named_by_its_place(tmp_path):
    nameless = {k: v for k, v in GOOD_PROMPT.items() if k != "id"}
    loaded = read_pack(write_pack(tmp_path, "p.json", [GOOD_PROMPT, nameless]))
    assert [(p.prompt_id, p.field) for p in loaded.problems] == [("#2", "id")]


def test_a_file_that_is_not_a_pack_is_one_problem(tmp_path):
    for text in ("{not json", "[1, 2]", '{"format": 7, "prompts": []}', '{"format": 1}'):
        path = tmp_path / "p.json"
        path.write_text(text, encoding="utf-8")
        loaded = read_pack(path)
        assert loaded.prompts == () and len(loaded.problems) == 1
    assert read_pack(tmp_path / "missing.json").problems[0].field == "file"


def test_a_broken_pack_never_stops_the_others(tmp_path):
    (tmp_path / "a-broken.json").write_text("{oops", encoding="utf-8")
    write_pack(tmp_path, "b-good.json", [GOOD_PROMPT])
    loaded = load_all(tmp_path)
    ids = {p.id for p in loaded.prompts}
    assert "sea-breath" in ids and "arrival-groove" in ids
    assert [p.file for p in loaded.problems] == [str(tmp_path / "a-broken.json")]


def test_a_pack_cannot_take_a_built_in_id(tmp_path):
    write_pack(tmp_path, "p.json", [{**GOOD_PROMPT, "id": "cool-down"}])
    loaded = load_all(tmp_path)
    cool = loaded.by_id()["cool-down"]
    assert cool.source == BUILT_IN
    assert [(p.prompt_id, p.field) for p in loaded.problems] == [("cool-down", "id")]


def test_the_documented_example_pack_is_usable():
    loaded = read_pack(DOCS / "example-pack.json")
    assert loaded.problems == () and len(loaded.prompts) >= 1

"""Prompts as data: the shipped library and therapists' packs, read and checked strictly.

A pack is a JSON file `{"format": 1, "prompts": [...]}` (see docs/prompt-packs.md). Loading
never raises for what is in a file: every problem is named with its file, prompt id and field,
the prompts that are whole are kept, and one broken pack never stops the others from loading.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from tonewell.guide.call_response import STEP_EDITS
from tonewell.guide.examples import PLAY_KINDS
from tonewell.guide.goals import Goal, goal_problems
from tonewell.model.scales import SCALES

PACK_FORMAT = 1
ARC_STAGES = ("check-in", "warm-up", "make", "shape", "reflect", "check-out")
REGISTERS = ("low", "middle", "high")
BUILT_IN = "built-in"
"""The source named for prompts shipped with Tonewell."""
MAX_PACK_BYTES = 1_000_000


def _is_int_in(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


SUGGESTION_CHECKS: dict[str, tuple[Any, str]] = {
    "program": (lambda v: _is_int_in(v, 0, 127), "a General MIDI program 0 to 127"),
    "drums": (lambda v: isinstance(v, bool), "true or false"),
    "register": (lambda v: v in REGISTERS, "one of: " + ", ".join(REGISTERS)),
    "mode": (lambda v: v in SCALES, "one of: " + ", ".join(SCALES)),
    "tempo_bpm": (lambda v: _is_int_in(v, 20, 300), "a tempo from 20 to 300 BPM"),
}
"""What a choice may set as a suggestion -> (its check, the words for a problem)."""


@dataclass(frozen=True, slots=True)
class Choice:
    """One of 2-3 options in a step; `sets` are suggestions the person can change."""

    label: str
    sets: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Step:
    text: str
    choices: tuple[Choice, ...] = ()
    example: str = ""
    """A short description of what the app plays as an example, or ""."""
    goal: Goal | None = None
    """None: the step completes when the person moves on."""
    play: str = ""
    """The example the app plays: a key of `guide.examples.PLAY_KINDS`, or "" for none."""
    adds: str = ""
    """What the step adds to the piece when it begins: a key of
    `guide.call_response.STEP_EDITS`, or "" for nothing."""


@dataclass(frozen=True, slots=True)
class Prompt:
    id: str
    title: str
    purpose: str
    arc: str
    steps: tuple[Step, ...]
    source: str = BUILT_IN
    """BUILT_IN or the pack file the prompt came from."""


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in a pack that cannot be used, named so a person can find it."""

    file: str
    prompt_id: str
    field: str
    text: str

    def __str__(self) -> str:
        return f"{self.file}: prompt {self.prompt_id or '?'}: {self.field}: {self.text}"


@dataclass(frozen=True, slots=True)
class Loaded:
    prompts: tuple[Prompt, ...]
    problems: tuple[Problem, ...]

    def by_id(self) -> dict[str, Prompt]:
        return {p.id: p for p in self.prompts}


def _text(raw: Mapping[str, Any], key: str, problems: list[tuple[str, str]], where: str,
          required: bool = True) -> str:
    value = raw.get(key, None if required else "")
    if not isinstance(value, str) or (required and not value.strip()):
        problems.append((f"{where}{key}", "needs some text" if required else "must be text"))
        return ""
    return value.strip()


def _word(raw: Mapping[str, Any], key: str, vocabulary: Mapping[str, object],
          problems: list[tuple[str, str]], where: str) -> str:
    """An optional word from `vocabulary` ("" when the field is absent)."""
    value = raw.get(key, "")
    if value != "" and (not isinstance(value, str) or value not in vocabulary):
        problems.append((f"{where}{key}", "must be one of: " + ", ".join(vocabulary)))
        return ""
    return str(value)


def read_choice(raw: object, where: str, problems: list[tuple[str, str]]) -> Choice | None:
    """A choice (`label` and the suggestions it `sets`) from data; each problem is added to
    `problems` as (field, what is not understood). Steps and starting points both use it."""
    if not isinstance(raw, Mapping):
        problems.append((where, 'must be an object with "label" and "sets"'))
        return None
    label = _text(raw, "label", problems, f"{where}.")
    sets = raw.get("sets", {})
    if not isinstance(sets, Mapping):
        problems.append((f"{where}.sets", "must be an object"))
        return None
    for key, value in sets.items():
        check = SUGGESTION_CHECKS.get(key)
        if check is None:
            allowed = ", ".join(SUGGESTION_CHECKS)
            problems.append((f"{where}.sets.{key}", f"can set only: {allowed}"))
        elif not check[0](value):
            problems.append((f"{where}.sets.{key}", f"must be {check[1]}"))
    return Choice(label, dict(sets))


def _step(raw: object, where: str, problems: list[tuple[str, str]]) -> Step | None:
    if not isinstance(raw, Mapping):
        problems.append((where, 'must be an object with at least "text"'))
        return None
    before = len(problems)
    text = _text(raw, "text", problems, f"{where}.")
    example = _text(raw, "example", problems, f"{where}.", required=False)
    raw_choices = raw.get("choices", [])
    choices: list[Choice] = []
    if not isinstance(raw_choices, list) or not (raw_choices == [] or 2 <= len(raw_choices) <= 3):
        problems.append((f"{where}.choices", "must be a list of 2 or 3 choices"))
    else:
        for i, rc in enumerate(raw_choices):
            choice = read_choice(rc, f"{where}.choices[{i}]", problems)
            if choice is not None:
                choices.append(choice)
    goal = raw.get("goal")
    if goal is not None:
        problems.extend((f"{where}.{name}", text) for name, text in goal_problems(goal))
    play = _word(raw, "play", PLAY_KINDS, problems, f"{where}.")
    adds = _word(raw, "adds", STEP_EDITS, problems, f"{where}.")
    if play and not example:
        problems.append((f"{where}.example", 'needs some text saying what "play" plays'))
    if len(problems) != before:
        return None
    return Step(text, tuple(choices), example, goal, play, adds)


def check_prompt(raw: object, source: str) -> tuple[Prompt | None, list[tuple[str, str]]]:
    """A prompt from its JSON object, or None and (field, problem) pairs."""
    problems: list[tuple[str, str]] = []
    if not isinstance(raw, Mapping):
        return None, [("prompt", "must be an object")]
    prompt_id = _text(raw, "id", problems, "")
    title = _text(raw, "title", problems, "")
    purpose = _text(raw, "purpose", problems, "")
    arc = raw.get("arc")
    if arc not in ARC_STAGES:
        problems.append(("arc", "must be one of: " + ", ".join(ARC_STAGES)))
    raw_steps = raw.get("steps")
    steps: list[Step] = []
    if not isinstance(raw_steps, list) or not raw_steps:
        problems.append(("steps", "must be a list with at least one step"))
    else:
        for i, rs in enumerate(raw_steps):
            step = _step(rs, f"steps[{i}]", problems)
            if step is not None:
                steps.append(step)
    if problems:
        return None, problems
    return Prompt(prompt_id, title, purpose, str(arc), tuple(steps), source), []


def parse_pack(text: str, source: str) -> Loaded:
    """Every whole prompt of one pack's JSON text, and a Problem for everything else."""
    def problem(prompt_id: str, where: str, what: str) -> Problem:
        return Problem(source, prompt_id, where, what)

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return Loaded((), (problem("", "file", f"is not JSON (line {exc.lineno}: {exc.msg})"),))
    if not isinstance(data, Mapping):
        return Loaded((), (problem("", "file", 'must be {"format": 1, "prompts": [...]}'),))
    if data.get("format") != PACK_FORMAT:
        return Loaded((), (problem("", "format", f"must be {PACK_FORMAT}"),))
    raw_prompts = data.get("prompts")
    if not isinstance(raw_prompts, list):
        return Loaded((), (problem("", "prompts", "must be a list of prompts"),))
    prompts: list[Prompt] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_prompts):
        named = raw.get("id") if isinstance(raw, Mapping) else None
        prompt_id = named if isinstance(named, str) and named else f"#{index + 1}"
        prompt, found = check_prompt(raw, source)
        problems.extend(problem(prompt_id, where, what) for where, what in found)
        if prompt is not None and prompt.id in seen:
            problems.append(problem(prompt.id, "id", "is used twice in this pack"))
        elif prompt is not None:
            seen.add(prompt.id)
            prompts.append(prompt)
    return Loaded(tuple(prompts), tuple(problems))


def read_pack(path: Path) -> Loaded:
    """One pack file; a file that cannot be read is a Problem, not an exception."""
    try:
        if path.stat().st_size > MAX_PACK_BYTES:
            return Loaded((), (Problem(str(path), "", "file", "is larger than 1 MB"),))
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        what = exc.strerror if isinstance(exc, OSError) and exc.strerror else "is not UTF-8 text"
        return Loaded((), (Problem(str(path), "", "file", f"could not be read ({what})"),))
    return parse_pack(text, str(path))


def built_in() -> Loaded:
    """The prompts shipped with Tonewell (guide/prompts/*.json except suggestions.json)."""
    folder = resources.files("tonewell.guide") / "prompts"
    packs = sorted((f for f in folder.iterdir() if f.name.endswith(".json")
                    and f.name != "suggestions.json"), key=lambda f: f.name)
    return merge(parse_pack(f.read_text(encoding="utf-8"), BUILT_IN) for f in packs)


def merge(packs: Iterable[Loaded]) -> Loaded:
    """Packs in order; a prompt id already taken keeps its first prompt and is a Problem."""
    prompts: dict[str, Prompt] = {}
    problems: list[Problem] = []
    for pack in packs:
        problems.extend(pack.problems)
        for prompt in pack.prompts:
            if prompt.id in prompts:
                problems.append(Problem(prompt.source, prompt.id, "id",
                                        f"is already used by {prompts[prompt.id].source}"))
            else:
                prompts[prompt.id] = prompt
    return Loaded(tuple(prompts.values()), tuple(problems))


def load_all(packs_dir: Path | None) -> Loaded:
    """The built-in prompts, then every *.json pack in `packs_dir` (when it exists), by name.

    The app passes `tonewell.io.paths.user_data_dir() / "prompts"`."""
    packs = [built_in()]
    if packs_dir is not None and packs_dir.is_dir():
        packs.extend(read_pack(p) for p in sorted(packs_dir.glob("*.json")))
    return merge(packs)


def user_packs_dir() -> Path:
    """Where therapists' packs go: the `prompts` folder in the user data folder."""
    from tonewell.io.paths import user_data_dir

    return user_data_dir() / "prompts"

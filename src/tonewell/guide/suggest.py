"""From a check-in to 2-3 suggested prompts, by rules that live in data (prompts/suggestions.json).

A rule's `when` holds conditions on the check-in: `stress` (0-10), `pleasant` and `energy` (the
mood grid, -1.0 to 1.0) as ranges like goals' counts, and `words_any` (any of these words among
the person's own words). Matching rules give their prompts in order; when they give fewer than
two, the default list fills up to three, and a skipped check-in gets the default. Suggestions
are only suggestions: the person can always browse every prompt or compose freely.

A rule may also give a `starting_point`: a labelled set of suggestions for the piece, in the
form of a step's choice (e.g. a slow, breath-like tempo when stress is high). The first matching
rule that has one gives it; the panel offers it, and the person may take it or leave it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from tonewell.guide.goals import in_range, range_problems
from tonewell.guide.prompts import Choice, read_choice

MOST_SUGGESTIONS = 3
FEWEST_SUGGESTIONS = 2


@dataclass(frozen=True, slots=True)
class Ratings:
    """A check-in or the ratings half of a check-out.

    `stress` 0 (none) to 10 (a great deal); `pleasant` -1.0 (unpleasant) to 1.0 (pleasant) and
    `energy` -1.0 (calm) to 1.0 (energetic) are the mood grid's two axes; `words` is free text."""

    stress: int
    pleasant: float
    energy: float
    words: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.stress <= 10:
            raise ValueError(f"stress {self.stress} is not in 0..10")
        for name in ("pleasant", "energy"):
            if not -1.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} {getattr(self, name)} is not in -1.0..1.0")


@dataclass(frozen=True, slots=True)
class Rule:
    when: Mapping[str, Any]
    suggest: tuple[str, ...]
    starting_point: Choice | None = None


@dataclass(frozen=True, slots=True)
class Rules:
    rules: tuple[Rule, ...]
    default: tuple[str, ...]


_SCALES = ("stress", "pleasant", "energy")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w']+", text.casefold()))


def _holds(when: Mapping[str, Any], check_in: Ratings) -> bool:
    for name, spec in when.items():
        if name == "words_any":
            if not _words(check_in.words) & {w.casefold() for w in spec}:
                return False
        elif not in_range(getattr(check_in, name), spec):
            return False
    return True


def suggest(check_in: Ratings | None, rules: Rules, known_ids: Collection[str]) -> list[str]:
    """2-3 prompt ids for this check-in (None: skipped), only ids in `known_ids`."""
    chosen: list[str] = []
    matching = [r.suggest for r in rules.rules if check_in is not None and _holds(r.when, check_in)]
    for ids in [*matching, rules.default]:
        if ids is rules.default and len(chosen) >= FEWEST_SUGGESTIONS:
            break
        for prompt_id in ids:
            if prompt_id in known_ids and prompt_id not in chosen:
                chosen.append(prompt_id)
    return chosen[:MOST_SUGGESTIONS]


def starting_point(check_in: Ratings | None, rules: Rules) -> Choice | None:
    """The starting point of the first rule that holds for `check_in` and has one, else None
    (and None for a skipped check-in)."""
    if check_in is None:
        return None
    return next((r.starting_point for r in rules.rules
                 if r.starting_point is not None and _holds(r.when, check_in)), None)


def rules_problems(data: object) -> list[str]:
    """Each thing in a rules file that cannot be used; empty when it is whole."""
    if not isinstance(data, Mapping) or data.get("format") != 1:
        return ['the file must be {"format": 1, "rules": [...], "default": [...]}']
    problems: list[str] = []
    default = data.get("default")
    if not _is_id_list(default):
        problems.append("default: must be a list of prompt ids")
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list):
        return [*problems, "rules: must be a list"]
    for i, rule in enumerate(raw_rules):
        where = f"rules[{i}]"
        if not isinstance(rule, Mapping) or not isinstance(rule.get("when"), Mapping):
            problems.append(f'{where}: must have "when" and "suggest"')
            continue
        if not _is_id_list(rule.get("suggest")):
            problems.append(f"{where}.suggest: must be a list of prompt ids")
        if "starting_point" in rule:
            found: list[tuple[str, str]] = []
            read_choice(rule["starting_point"], f"{where}.starting_point", found)
            problems.extend(f"{field}: {text}" for field, text in found)
        for name, spec in rule["when"].items():
            if name == "words_any":
                if not _is_id_list(spec):
                    problems.append(f"{where}.when.words_any: must be a list of words")
            elif name not in _SCALES:
                problems.append(f"{where}.when.{name}: use one of: stress, pleasant, energy, "
                                "words_any")
            elif not isinstance(spec, Mapping):
                problems.append(f"{where}.when.{name}: must be at_least/at_most")
            else:
                problems.extend(f"{where}.when.{name}: {p}" for p in _signed_range(spec))
    return problems


def _signed_range(spec: Mapping[str, Any]) -> list[str]:
    """Like `range_problems`, but mood axes may be negative."""
    shifted = {k: v + 1 if isinstance(v, int | float) and not isinstance(v, bool) else v
               for k, v in spec.items()}
    return range_problems(shifted)


def _is_id_list(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def parse_rules(data: Mapping[str, Any]) -> Rules:
    """Rules from data already checked by `rules_problems`."""
    return Rules(
        tuple(Rule(dict(r["when"]), tuple(r["suggest"]), _starting_point(r))
              for r in data["rules"]),
        tuple(data["default"]),
    )


def _starting_point(rule: Mapping[str, Any]) -> Choice | None:
    if "starting_point" not in rule:
        return None
    return read_choice(rule["starting_point"], "starting_point", [])


@cache
def built_in_rules() -> Rules:
    """The shipped rules, read once (a check-in asks for suggestions and a starting point); a
    problem in them is a bug in Tonewell, so it raises."""
    text = (resources.files("tonewell.guide") / "prompts" / "suggestions.json").read_text("utf-8")
    data = json.loads(text)
    problems = rules_problems(data)
    if problems:
        raise ValueError("suggestions.json: " + "; ".join(problems))
    return parse_rules(data)


def suggestions_for(check_in: Ratings | None, prompt_ids: Sequence[str]) -> list[str]:
    """The shipped rules applied to a check-in, among the prompts that loaded."""
    return suggest(check_in, built_in_rules(), set(prompt_ids))


def starting_point_for(check_in: Ratings | None) -> Choice | None:
    """The shipped rules' starting point for a check-in (None when none fits)."""
    return starting_point(check_in, built_in_rules())

"""The goal vocabulary of prompt steps, read from the composition itself.

A goal is a small JSON object such as `{"notes_in_clip": {"at_least": 8}}`. Each key is one
condition from `GOALS`; all of a goal's keys must hold for it to be met. A goal is met or not yet
met, never "wrong": `goal_met` answers True or False and nothing else. `goal_problems` names
what in a goal cannot be understood, so a prompt pack is checked before anyone uses it.

Counts take a number (exactly that many) or `{"at_least": n, "at_most": m}` (either or both).
Each word also says in words what it asks for and how far the piece is (`goal_progress`), so
the panel's goal line and the rule it reports on live in one row of `GOALS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from tonewell.model.composition import Clip, Composition, Track
from tonewell.model.scales import SCALES, pitch_name
from tonewell.model.timing import whole_bars

Goal = Mapping[str, Any]


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def range_problems(value: object) -> list[str]:
    """What is not understood in a count or range: a number, or at_least/at_most."""
    if _is_number(value):
        return [] if value >= 0 else ["must not be negative"]
    if not isinstance(value, Mapping) or not value:
        return ['must be a number or {"at_least": n, "at_most": m}']
    problems = [f'"{key}" is not at_least or at_most' for key in value if
                key not in ("at_least", "at_most")]
    for key in ("at_least", "at_most"):
        if key in value and not (_is_number(value[key]) and value[key] >= 0):
            problems.append(f'"{key}" must be a number 0 or more')
    if not problems and value.get("at_least", 0) > value.get("at_most", float("inf")):
        problems.append("at_least is more than at_most")
    return problems


def in_range(amount: float, spec: Any) -> bool:
    """True when `amount` fits a count or range already checked by `range_problems`."""
    if _is_number(spec):
        return bool(amount == spec)
    return bool(spec.get("at_least", float("-inf")) <= amount <= spec.get("at_most", float("inf")))


def _clips_with_notes(comp: Composition) -> Iterator[tuple[Track, Clip]]:
    for track in comp.tracks:
        for clip in track.clips:
            if clip.notes:
                yield track, clip


def _heard_pitches(comp: Composition, drums: bool = False) -> list[tuple[int, int]]:
    """(start_tick, pitch) of every note heard, pitched tracks only unless `drums`."""
    meter = comp.time_signature
    return sorted(
        (start, note.pitch)
        for track in comp.tracks
        if drums or not track.is_drum
        for clip in track.clips
        for start, _, note in clip.heard_notes(meter)
    )


def _notes_in_clip(comp: Composition, spec: Any) -> bool:
    return any(in_range(len(clip.notes), spec) for _, clip in _clips_with_notes(comp))


def _notes(comp: Composition, spec: Any) -> bool:
    return in_range(comp.note_count(), spec)


def _tracks_with_notes(comp: Composition) -> int:
    """Tracks that have something to play."""
    return sum(1 for t in comp.tracks if any(c.notes for c in t.clips))


def _tracks(comp: Composition, spec: Any) -> bool:
    return in_range(_tracks_with_notes(comp), spec)


def _clip_count(comp: Composition) -> int:
    return sum(1 for _ in _clips_with_notes(comp))


def _clips(comp: Composition, spec: Any) -> bool:
    return in_range(_clip_count(comp), spec)


def _loop_bars(comp: Composition, bars: int) -> bool:
    """A clip of `bars` bars with notes in it, or a loop region of that length turned on."""
    ticks_per_bar = comp.time_signature.ticks_per_bar
    if comp.loop.enabled and comp.loop.length_ticks == bars * ticks_per_bar:
        return True
    return any(clip.length_bars == bars for _, clip in _clips_with_notes(comp))


def _answer_bars(comp: Composition, bars: int) -> bool:
    """An answer after a phrase: two or more clips with notes, the latest-starting one
    `bars` bars long."""
    clips = sorted((clip.start_tick, clip.length_bars) for _, clip in _clips_with_notes(comp))
    return len(clips) >= 2 and clips[-1][1] == bars


def _piece_bars(comp: Composition) -> int:
    return whole_bars(comp.end_tick(), comp.time_signature.ticks_per_bar)


def _length_bars(comp: Composition, spec: Any) -> bool:
    return in_range(_piece_bars(comp), spec)


def _ends_on_tonic(comp: Composition, wanted: bool) -> bool:
    heard = _heard_pitches(comp)
    if not heard:
        return False
    last_start = heard[-1][0]
    on_tonic = any(p % 12 == comp.key.tonic for start, p in heard if start == last_start)
    return on_tonic == wanted


def _tempo_bpm(comp: Composition, spec: Any) -> bool:
    return in_range(comp.tempo_bpm, spec)


def _uses_mode(comp: Composition, mode: str) -> bool:
    return comp.key.mode == mode


def _notes_in_range(comp: Composition, spec: Mapping[str, int]) -> bool:
    """Some notes, all of them between `low` and `high` (MIDI pitches, inclusive)."""
    heard = _heard_pitches(comp)
    return bool(heard) and all(spec["low"] <= p <= spec["high"] for _, p in heard)


def _rhythm_only(comp: Composition, wanted: bool) -> bool:
    """Notes on drum tracks and none on pitched ones (or the opposite when false)."""
    drums = any(t.is_drum and any(c.notes for c in t.clips) for t in comp.tracks)
    pitched = bool(_heard_pitches(comp))
    return (drums and not pitched) == wanted


def _flag_problems(value: object) -> list[str]:
    return [] if isinstance(value, bool) else ["must be true or false"]


def _bars_problems(value: object) -> list[str]:
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 1024
    return [] if ok else ["must be a whole number of bars from 1 to 1024"]


def _mode_problems(value: object) -> list[str]:
    return [] if value in SCALES else [f"must be one of: {', '.join(SCALES)}"]


def _pitch_range_problems(value: object) -> list[str]:
    if not isinstance(value, Mapping) or set(value) != {"low", "high"}:
        return ['must be {"low": pitch, "high": pitch}']
    low, high = value["low"], value["high"]
    if not all(isinstance(p, int) and not isinstance(p, bool) and 0 <= p <= 127
               for p in (low, high)):
        return ["low and high must be MIDI pitches 0 to 127"]
    return [] if low <= high else ["low is above high"]


def range_words(spec: Any) -> str:
    """A checked count in words: "8", "at least 8", "at most 3", "2 to 4"."""
    if _is_number(spec):
        return f"{spec:g}"
    low, high = spec.get("at_least"), spec.get("at_most")
    if low is not None and high is not None:
        return f"{low:g} to {high:g}"
    return f"at least {low:g}" if low is not None else f"at most {high:g}"


def _plural(amount: int, noun: str) -> str:
    return f"{amount} {noun}" if amount == 1 else f"{amount} {noun}s"


def _most_notes_in_a_clip(comp: Composition) -> int:
    return max((len(clip.notes) for _, clip in _clips_with_notes(comp)), default=0)


def _count(noun: str, amount: Callable[[Composition], int]) -> tuple[
        Callable[[Any], str], Callable[[Composition, Any], str]]:
    """The target and progress phrases of a count goal about `noun`."""
    return (lambda spec: f"{range_words(spec)} {noun}",
            lambda comp, spec: f"{amount(comp)} so far")


def _bars_clips_so_far(comp: Composition) -> str:
    lengths = sorted({clip.length_bars for _, clip in _clips_with_notes(comp)})
    if not lengths:
        return "no clip with notes yet"
    return "clips of " + ", ".join(f"{n}" for n in lengths[:-1]) + (
        " and " if len(lengths) > 1 else "") + _plural(lengths[-1], "bar") + " so far"


def _last_note_words(comp: Composition, wanted: bool) -> str:
    heard = _heard_pitches(comp)
    if not heard:
        return "no notes yet"
    return f"the last note is {pitch_name(heard[-1][1])} now"


def _in_range_so_far(comp: Composition, spec: Mapping[str, int]) -> str:
    heard = _heard_pitches(comp)
    inside = sum(1 for _, p in heard if spec["low"] <= p <= spec["high"])
    return f"{inside} of {len(heard)} inside so far" if heard else "no notes yet"


def _rhythm_so_far(comp: Composition, wanted: bool) -> str:
    drums = sum(len(c.notes) for t in comp.tracks if t.is_drum for c in t.clips)
    pitched = sum(len(c.notes) for t in comp.tracks if not t.is_drum for c in t.clips)
    return f"{drums} drum notes and {pitched} pitched notes so far"


@dataclass(frozen=True, slots=True)
class GoalKind:
    """One word of the vocabulary: how its value is checked and evaluated, and in words what
    it asks for (`target(value)`) and how far a piece is (`so_far(comp, value)`)."""

    check: Callable[[object], list[str]]
    met: Callable[[Composition, Any], bool]
    describes: str
    target: Callable[[Any], str]
    so_far: Callable[[Composition, Any], str]


GOALS: dict[str, GoalKind] = {
    "notes_in_clip": GoalKind(range_problems, _notes_in_clip, "notes in one clip",
                              *_count("notes in one clip", _most_notes_in_a_clip)),
    "notes": GoalKind(range_problems, _notes, "notes heard in the whole piece",
                      *_count("notes in the piece", Composition.note_count)),
    "tracks": GoalKind(range_problems, _tracks, "tracks with notes",
                       *_count("tracks with notes", _tracks_with_notes)),
    "clips": GoalKind(range_problems, _clips, "clips with notes (sections)",
                      *_count("clips with notes", _clip_count)),
    "loop_bars": GoalKind(
        _bars_problems, _loop_bars, "a loop of this many bars",
        lambda bars: f"a {bars}-bar loop", lambda comp, bars: _bars_clips_so_far(comp)),
    "answer_bars": GoalKind(
        _bars_problems, _answer_bars, "an answer clip of this many bars",
        lambda bars: f"an answer of {bars} bars in a clip after the phrase",
        lambda comp, bars: f"{_plural(_clip_count(comp), 'clip')} with notes so far"),
    "length_bars": GoalKind(
        range_problems, _length_bars, "length of the piece in bars",
        lambda spec: f"a piece of {range_words(spec)} bars",
        lambda comp, spec: f"{_plural(_piece_bars(comp), 'bar')} so far"),
    "ends_on_tonic": GoalKind(
        _flag_problems, _ends_on_tonic, "the last note is the home note",
        lambda wanted: "ending on the home note" if wanted else "ending away from the home note",
        _last_note_words),
    "tempo_bpm": GoalKind(
        range_problems, _tempo_bpm, "the opening tempo",
        lambda spec: f"a tempo of {range_words(spec)} BPM",
        lambda comp, spec: f"{comp.tempo_bpm:g} BPM now"),
    "uses_mode": GoalKind(
        _mode_problems, _uses_mode, "the piece's key uses this mode",
        lambda mode: f"the key in {mode}",
        lambda comp, mode: f"{comp.key} now"),
    "notes_in_range": GoalKind(
        _pitch_range_problems, _notes_in_range, "all notes in a range",
        lambda spec: f"notes between {pitch_name(spec['low'])} and {pitch_name(spec['high'])}",
        _in_range_so_far),
    "rhythm_only": GoalKind(
        _flag_problems, _rhythm_only, "drums only, no pitched notes",
        lambda wanted: "drums only, no pitched notes" if wanted else "some pitched notes",
        _rhythm_so_far),
}
"""Goal word -> its checker and evaluator. Adding a kind of goal means adding a row."""


def goal_problems(goal: object) -> list[tuple[str, str]]:
    """(field, what is not understood) for each problem in `goal`; empty when it is usable."""
    if not isinstance(goal, Mapping) or not goal:
        return [("goal", "must be an object with at least one of: " + ", ".join(GOALS))]
    problems: list[tuple[str, str]] = []
    for word, value in goal.items():
        kind = GOALS.get(word)
        if kind is None:
            problems.append((f"goal.{word}", "is not a goal word; use one of: " + ", ".join(GOALS)))
            continue
        problems.extend((f"goal.{word}", text) for text in kind.check(value))
    return problems


def goal_met(goal: Goal, comp: Composition) -> bool:
    """True when every condition of a checked goal holds for `comp`."""
    return all(GOALS[word].met(comp, value) for word, value in goal.items())


@dataclass(frozen=True, slots=True)
class GoalPart:
    """One condition of a goal in words: what it asks, how far the piece is, whether it holds."""

    target: str
    so_far: str
    met: bool

    def __str__(self) -> str:
        return f"{self.target} ✓" if self.met else f"{self.target} — {self.so_far}"


def goal_progress(goal: Goal, comp: Composition) -> list[GoalPart]:
    """Each condition of a checked goal, in words, for `comp` (one per goal word, in order)."""
    return [GoalPart(GOALS[word].target(value), GOALS[word].so_far(comp, value),
                     GOALS[word].met(comp, value)) for word, value in goal.items()]


def goal_line(goal: Goal | None, comp: Composition) -> str:
    """The panel's goal state: "Goal: at least 8 notes in one clip — 5 so far", then
    "Done: at least 8 notes in one clip ✓"; "" for a step with no goal. Never a judgement:
    a goal is reached or still ahead."""
    if not goal:
        return ""
    parts = goal_progress(goal, comp)
    if all(part.met for part in parts):
        return "Done: " + " and ".join(part.target for part in parts) + " ✓"
    return "Goal: " + "; ".join(str(part) for part in parts)

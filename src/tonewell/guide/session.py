"""The guided session as a pure state machine, driven by the panel and the Document's events.

check-in (skippable) -> choose (a suggestion, any prompt, or compose freely) -> the prompt's steps
-> check-out (skippable) -> done, leaving a `SessionRecord` for the journal. A step completes
when its goal is met by the composition of a DocumentEvent (`on_composition`) or when the person
moves on (`move_on`); nothing is ever marked wrong. Time comes from a clock passed in, so tests
and the journal agree on it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from tonewell.guide.goals import goal_met
from tonewell.guide.prompts import Choice, Prompt, Step
from tonewell.guide.suggest import Ratings, starting_point_for, suggestions_for
from tonewell.model.composition import Composition


class Stage(Enum):
    CHECK_IN = "check-in"
    CHOOSE = "choose"
    STEPS = "steps"
    CHECK_OUT = "check-out"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class CheckOut:
    ratings: Ratings
    meaningful: int
    """"How meaningful was this?" 0 (not at all) to 10 (very)."""
    reflection: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.meaningful <= 10:
            raise ValueError(f"meaningful {self.meaningful} is not in 0..10")


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """What the journal keeps of one session. Times are seconds since the epoch."""

    started_s: float
    ended_s: float
    prompt_id: str | None
    """None: the person composed freely."""
    steps_total: int
    steps_completed: tuple[int, ...]
    """Indexes of the steps completed: their goal was met, or the person moved on from them
    (moving on completes a step too; a step left by Finish before its goal is not in here)."""
    check_in: Ratings | None
    check_out: Ratings | None
    meaningful: int | None
    reflection: str

    @property
    def duration_s(self) -> float:
        return self.ended_s - self.started_s


class SessionError(RuntimeError):
    """A call that does not fit the stage the session is in (a bug in the caller)."""


class Session:
    """One guided session. `prompts` are those that loaded (shipped and packs)."""

    def __init__(self, prompts: Sequence[Prompt], clock: Callable[[], float] = time.time) -> None:
        self._prompts = {p.id: p for p in prompts}
        self._clock = clock
        self.started_s = clock()
        self.stage = Stage.CHECK_IN
        self.check_in: Ratings | None = None
        self.prompt: Prompt | None = None
        self.step_index = 0
        self.completed: set[int] = set()
        self._check_out: CheckOut | None = None
        self._ended_s: float | None = None

    def _expect(self, stage: Stage) -> None:
        if self.stage is not stage:
            raise SessionError(f"the session is at {self.stage.value}, not {stage.value}")

    def submit_check_in(self, ratings: Ratings | None) -> None:
        """The check-in's ratings, or None when the person skipped it."""
        self._expect(Stage.CHECK_IN)
        self.check_in = ratings
        self.stage = Stage.CHOOSE

    def suggestions(self) -> list[str]:
        """2-3 prompt ids suggested from the check-in."""
        return suggestions_for(self.check_in, list(self._prompts))

    def starting_point(self) -> Choice | None:
        """Suggestions for the piece from the check-in (a slow tempo when stressed, a mode, a
        register), offered with the prompts; None when none fits or the check-in was skipped."""
        return starting_point_for(self.check_in)

    def all_prompts(self) -> list[Prompt]:
        return list(self._prompts.values())

    def choose(self, prompt_id: str | None) -> None:
        """Start a prompt, or compose freely (None): then the next stage is check-out."""
        self._expect(Stage.CHOOSE)
        if prompt_id is None:
            self.stage = Stage.CHECK_OUT
            return
        if prompt_id not in self._prompts:
            raise SessionError(f"no prompt {prompt_id!r}")
        self.prompt = self._prompts[prompt_id]
        self.step_index = 0
        self.stage = Stage.STEPS

    @property
    def step(self) -> Step | None:
        if self.stage is not Stage.STEPS or self.prompt is None:
            return None
        return self.prompt.steps[self.step_index]

    def goal_met_now(self, comp: Composition) -> bool:
        """Whether the current step's goal holds for `comp` (False when it has none)."""
        step = self.step
        return step is not None and step.goal is not None and goal_met(step.goal, comp)

    def on_composition(self, comp: Composition) -> bool:
        """A DocumentEvent's composition: marks the current step met when its goal holds. The
        panel shows it and offers the next step; True when the step was newly met."""
        if not self.goal_met_now(comp) or self.step_index in self.completed:
            return False
        self.completed.add(self.step_index)
        return True

    def move_on(self) -> None:
        """The step is complete, whether its goal was met or not (the person decides): on to
        the next step, or to check-out after the last one."""
        self._expect(Stage.STEPS)
        assert self.prompt is not None
        self.completed.add(self.step_index)
        if self.step_index + 1 < len(self.prompt.steps):
            self.step_index += 1
        else:
            self.stage = Stage.CHECK_OUT

    def finish_steps(self) -> None:
        """Leave the prompt early and go to check-out."""
        self._expect(Stage.STEPS)
        self.stage = Stage.CHECK_OUT

    def submit_check_out(self, check_out: CheckOut | None) -> SessionRecord:
        """The check-out, or None when skipped; ends the session and returns its record."""
        self._expect(Stage.CHECK_OUT)
        self._check_out = check_out
        self._ended_s = self._clock()
        self.stage = Stage.DONE
        return self.record()

    def record(self) -> SessionRecord:
        self._expect(Stage.DONE)
        assert self._ended_s is not None
        out = self._check_out
        return SessionRecord(
            started_s=self.started_s,
            ended_s=self._ended_s,
            prompt_id=self.prompt.id if self.prompt else None,
            steps_total=len(self.prompt.steps) if self.prompt else 0,
            steps_completed=tuple(sorted(self.completed)),
            check_in=self.check_in,
            check_out=out.ratings if out else None,
            meaningful=out.meaningful if out else None,
            reflection=out.reflection if out else "",
        )

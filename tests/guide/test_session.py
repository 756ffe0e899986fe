"""The session flow: check-in, choice, steps met by the composition or moved on from, check-out."""

from __future__ import annotations

import pytest

from tonewell.guide.prompts import built_in
from tonewell.guide.session import CheckOut, Session, SessionError, Stage
from tonewell.guide.suggest import Ratings
from tonewell.model import Key

from .helpers import clip, piece

PROMPTS = built_in().prompts


class Clock:
    def __init__(self) -> None:
        self.now_s = 1000.0

    def __call__(self) -> float:
        return self.now_s


def test_a_whole_session_with_goals_met_from_the_composition():
    clock = Clock()
    session = Session(PROMPTS, clock)
    session.submit_check_in(Ratings(stress=8, pleasant=-0.2, energy=0.5, words="busy day"))
    assert session.stage is Stage.CHOOSE
    assert session.suggestions()[0] == "arrival-groove"
    session.choose("arrival-groove")
    assert session.step is not None and session.step.goal is None  # the choice of sound
    session.move_on()
    assert not session.on_composition(piece(clip([60, 62])))  # 2 notes: not yet
    assert session.on_composition(piece(clip([60, 62, 64, 65])))
    assert not session.on_composition(piece(clip([60, 62, 64, 65, 67])))  # already met
    session.move_on()
    assert session.on_composition(piece(clip([36, 36, 36, 36])))  # a one-bar loop
    session.move_on()
    assert session.stage is Stage.CHECK_OUT
    clock.now_s = 1600.0
    record = session.submit_check_out(
        CheckOut(Ratings(3, 0.5, -0.3), meaningful=7, reflection="Steadier now."))
    assert session.stage is Stage.DONE
    assert record.prompt_id == "arrival-groove" and record.steps_total == 3
    assert record.steps_completed == (0, 1, 2)
    assert record.check_in is not None and record.check_in.stress == 8
    assert record.check_out is not None and record.check_out.stress == 3
    assert (record.meaningful, record.reflection, record.duration_s) == (7, "Steadier now.", 600)


def test_moving_on_completes_the_step_and_is_always_allowed():
    session = Session(PROMPTS, Clock())
    session.submit_check_in(None)
    session.choose("resilience-song")
    for _ in range(3):
        session.move_on()
    record = session.submit_check_out(None)
    assert record.steps_completed == (0, 1, 2)
    assert record.check_in is None and record.check_out is None
    assert record.meaningful is None and record.reflection == ""


def test_a_step_goal_follows_the_key_of_the_piece():
    session = Session(PROMPTS, Clock())
    session.submit_check_in(None)
    session.choose("resilience-song")
    six = clip([57, 59, 60, 62, 64, 57], bars=4)
    assert not session.on_composition(piece(six))  # C major: the minor step waits
    assert session.on_composition(piece(six, key=Key(tonic=9, mode="natural minor")))


def test_composing_freely_goes_straight_to_check_out():
    session = Session(PROMPTS, Clock())
    session.submit_check_in(None)
    session.choose(None)
    assert session.stage is Stage.CHECK_OUT and session.step is None
    assert session.submit_check_out(None).prompt_id is None


def test_leaving_a_prompt_early_keeps_what_was_met():
    session = Session(PROMPTS, Clock())
    session.submit_check_in(None)
    session.choose("breathing-loop")
    assert session.on_composition(piece(bpm=60))
    session.move_on()
    session.finish_steps()  # step 2 left by Finish before its goal: not complete
    assert session.submit_check_out(None).steps_completed == (0,)


def test_calls_out_of_order_are_refused():
    session = Session(PROMPTS, Clock())
    with pytest.raises(SessionError):
        session.choose("cool-down")
    session.submit_check_in(None)
    with pytest.raises(SessionError):
        session.choose("no-such-prompt")
    with pytest.raises(SessionError):
        session.submit_check_out(None)


def test_meaningful_is_0_to_10():
    with pytest.raises(ValueError):
        CheckOut(Ratings(1, 0, 0), meaningful=11)

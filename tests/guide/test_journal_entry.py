"""A finished session as the journal keeps it: ratings mapped, steps numbered, snapshot named."""

from __future__ import annotations

from datetime import datetime

from tonewell.guide.journal_entry import entry_for, snapshot_name
from tonewell.guide.prompts import Prompt, Step
from tonewell.guide.session import SessionRecord
from tonewell.guide.suggest import Ratings
from tonewell.io.project import project_from_bytes, project_to_bytes
from tonewell.library.records import CheckIn

from .helpers import clip, piece

PROMPT = Prompt("breathing-loop", "Breathing loop", "Slow down.", "warm-up",
                (Step("one"), Step("two"), Step("three")))
NOW = datetime(2026, 11, 29, 22, 10)


def record(**changes) -> SessionRecord:
    values = dict(started_s=1_796_000_000.0, ended_s=1_796_000_600.0, prompt_id="breathing-loop",
                  steps_total=3, steps_completed=(0, 2),
                  check_in=Ratings(8, -0.5, 1.0, "tired"), check_out=Ratings(3, 0.5, -0.5, "ok"),
                  meaningful=7, reflection="It helped to slow down.")
    values.update(changes)
    return SessionRecord(**values)


def test_ratings_steps_and_times_map_onto_the_journal_record():
    comp = piece(clip([60, 62]))
    entry = entry_for(record(), PROMPT, comp, project_to_bytes(comp), NOW)
    assert entry.check_in == CheckIn(stress=8, valence=-0.5, energy=1.0, words="tired")
    assert entry.check_out == CheckIn(stress=3, valence=0.5, energy=-0.5, words="ok",
                                      meaningful=7)
    assert entry.steps_completed == ("1. one", "3. three")
    assert entry.prompt_id == "breathing-loop" and entry.prompt_title == "Breathing loop"
    assert entry.duration_s == 600.0
    assert entry.started_at == "2026-11-30T00:53:20Z"
    assert entry.reflection == "It helped to slow down."
    assert entry.composition_uid == comp.uid
    snap = entry.snapshot
    assert snap is not None and snap.name == "Breathing loop · 29 Nov 2026, 22:10"
    assert snap.composition_uid == comp.uid
    assert project_from_bytes(snap.project_bytes).note_count() == 2


def test_skipped_check_in_and_out_and_free_composing():
    comp = piece()
    entry = entry_for(record(prompt_id=None, steps_completed=(), check_in=None, check_out=None,
                             meaningful=None, reflection=""), None, comp, b"{}", NOW)
    assert entry.check_in is None and entry.check_out is None
    assert entry.prompt_id == "" and entry.prompt_title == ""
    assert entry.snapshot is not None and entry.snapshot.name.startswith("Free composing · ")


def test_the_snapshot_name_has_the_day_without_a_leading_zero():
    assert snapshot_name(PROMPT, datetime(2026, 3, 5, 9, 4)) == "Breathing loop · 5 Mar 2026, 09:04"

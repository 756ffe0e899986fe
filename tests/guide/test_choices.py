"""A step's choice: its suggestions become one undoable edit, and a register to look at."""

from __future__ import annotations

from tonewell.edit import Document
from tonewell.guide.choices import choice_command, register_pitch
from tonewell.model import Key

from .helpers import clip, piece


def test_tempo_mode_and_instrument_are_one_undo_step():
    comp = piece(clip([60]), key=Key(2, "major"))
    track = comp.tracks[0]
    doc = Document(comp)
    command = choice_command(comp, track.uid, "Dusky",
                             {"tempo_bpm": 60, "mode": "natural minor", "program": 42})
    assert command is not None and command.name == "Dusky"
    doc.push(command)
    assert doc.comp.tempo_bpm == 60 and doc.comp.key == Key(2, "natural minor")
    assert doc.comp.tracks[0].program == 42
    assert doc.undo() and doc.comp == comp


def test_drums_and_nothing_to_edit():
    comp = piece(clip([60]))
    command = choice_command(comp, comp.tracks[0].uid, "Hand drums", {"drums": True})
    assert command is not None and command.apply(comp).tracks[0].is_drum
    assert choice_command(comp, None, "Cello", {"program": 42}) is None  # no track to change
    assert choice_command(comp, comp.tracks[0].uid, "Low", {"register": "low"}) is None


def test_register_pitches():
    assert [register_pitch({"register": r}) for r in ("low", "middle", "high")] == [48, 60, 72]
    assert register_pitch({"tempo_bpm": 60}) is None

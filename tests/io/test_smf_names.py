"""MIDI files with names that are not valid UTF-8: the title made from such a name, and titles
or track names holding surrogates, never crash a read or a write."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tonewell.io.smf import read_midi, write_midi
from tonewell.model import Clip, Composition, Note, Track


def piece(title: str, track_name: str) -> Composition:
    notes = (Note(0, 60, 480),)
    return Composition(title=title, tracks=(Track(track_name, clips=(Clip("A", notes),)),))


@pytest.mark.skipif(sys.platform != "linux", reason="Linux file names are bytes")
def test_the_title_from_a_name_that_is_not_utf8_is_made_safe(tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode(b"caf\xe9.mid")
    write_midi(piece("Anything", "Melody"), path)
    imported = read_midi(path)
    assert imported.composition.title == "caf\ufffd"


@pytest.mark.parametrize(
    ("text", "safe"),
    [(os.fsdecode(b"caf\xe9"), "caf\ufffd"), ("lone \ud800 surrogate", "lone \ufffd surrogate")],
)
def test_surrogates_in_the_title_and_track_names_are_written_as_replacement_characters(
    tmp_path: Path, text: str, safe: str
) -> None:
    path = tmp_path / "out.mid"
    write_midi(piece(text, text), path)
    assert path.read_bytes().count(safe.encode("utf-8")) == 2  # the title and the track name
    assert read_midi(path).composition.tracks[0].name == safe

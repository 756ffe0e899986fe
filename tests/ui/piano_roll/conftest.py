"""A piano roll around a real open piece (no engine): one melody clip and a drum clip."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.ui.piano_roll.helpers import MELODY

from tonewell.edit import Document
from tonewell.model import Clip, Composition, Key, Note, Track
from tonewell.ui.piano_roll import PianoRoll, clipboard
from tonewell.ui.piece import OpenPiece


@pytest.fixture
def piece() -> OpenPiece:
    melody = Track("Piano", clips=(Clip("Tune", MELODY, length_bars=2),))
    drums = Track("Drums", is_drum=True, clips=(Clip("Beat", (Note(0, 36, 120),), length_bars=1),))
    return OpenPiece(Document(Composition(key=Key(0, "major"), tracks=(melody, drums))))


@pytest.fixture
def roll(qtbot, piece: OpenPiece) -> Iterator[PianoRoll]:
    clipboard.clear()
    widget = PianoRoll(piece)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    track = piece.comp.tracks[0]
    widget.set_clip(track.uid, track.clips[0].uid)
    widget.canvas.setFocus()
    yield widget

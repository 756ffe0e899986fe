"""An Arrangement around a real Document: three tracks, two clips and a loop over bars 1-2."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tonewell.edit import Document
from tonewell.model import Clip, Composition, LoopRegion, Note, TempoMap, Track
from tonewell.ui.arrangement import Arrangement
from tonewell.ui.piece import OpenPiece

from .points import BAR


def piece_for_tests() -> Composition:
    """Piano: "Tune" in bar 1. Kit: "Beat" in bars 3-4. Strings: empty. Loop over bars 1-2."""
    tune = Clip(name="Tune", notes=(Note(0, 60, 480), Note(960, 64, 480)), length_bars=1)
    beat = Clip(name="Beat", notes=(Note(0, 36, 120),), length_bars=2, start_tick=2 * BAR)
    return Composition(
        title="Test",
        tempo_map=TempoMap.constant(120),
        tracks=(
            Track(name="Piano", clips=(tune,)),
            Track(name="Kit", is_drum=True, clips=(beat,)),
            Track(name="Strings", program=48),
        ),
        loop=LoopRegion(0, 2 * BAR, True),
    )


@pytest.fixture
def piece() -> OpenPiece:
    return OpenPiece(Document(piece_for_tests()))


@pytest.fixture
def view(qtbot, piece: OpenPiece) -> Iterator[Arrangement]:
    widget = Arrangement(piece)
    qtbot.addWidget(widget)
    widget.resize(900, 360)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget

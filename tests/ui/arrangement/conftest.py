"""An Arrangement around a real Document: three tracks, two clips and a loop over bars 1-2."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tonewell.edit import Document
from tonewell.ui.arrangement import Arrangement
from tonewell.ui.piece import OpenPiece

from .points import piece_for_tests


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

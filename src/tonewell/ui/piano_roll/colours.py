"""The piano roll's colours, in one place, from the app's calm palette (`ui.theme`).

Notes take their track's colour with a darker outline; selected notes get a thick ink outline
and a lighter fill, so selection never rests on colour alone. Notes past the clip's end (not
heard) are faded.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from tonewell.ui import theme

GRID_BACKGROUND = QColor(theme.CARD)
BLACK_KEY_ROW = QColor("#f1ebe1")
SCALE_ROW = QColor("#fbf8f2")
OCTAVE_LINE = QColor("#d9cdbd")
ROW_LINE = QColor("#efe7dc")
CELL_LINE = QColor("#f0e9de")
BEAT_LINE = QColor("#e2d6c6")
BAR_LINE = QColor("#bfb09c")
OUTSIDE_CLIP = QColor(120, 108, 94, 38)
"""Laid over the grid past the clip's end: notes there are not heard."""
CLIP_END_LINE = QColor("#8a7a66")
PLAYHEAD = QColor(theme.ACCENT)
CURSOR = QColor(theme.ACCENT_DARK)
BAND_FILL = QColor(94, 140, 122, 40)
BAND_LINE = QColor(theme.ACCENT_DARK)
SELECTED_OUTLINE = QColor(theme.INK)
HINT_TEXT = QColor(theme.SOFT_INK)


@dataclass(frozen=True, slots=True)
class NoteColours:
    fill: QColor
    outline: QColor
    selected_fill: QColor
    faded_fill: QColor
    faded_outline: QColor


def note_colours(base: QColor) -> NoteColours:
    faded = QColor(base)
    faded.setAlpha(90)
    faded_outline = base.darker(150)
    faded_outline.setAlpha(110)
    return NoteColours(
        fill=base,
        outline=base.darker(160),
        selected_fill=base.lighter(135),
        faded_fill=faded,
        faded_outline=faded_outline,
    )

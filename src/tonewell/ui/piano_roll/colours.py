"""The piano roll's colours, read from the live theme (`ui.theme.palette()`) when painting.

The names below (`colours.GRID_BACKGROUND`, ...) are looked up at paint time, so a change of
look repaints in the new colours. Notes take their track's colour with an outline pushed to 3:1
against the grid (`theme.outline_for`); selected notes get a thick ink outline and a lighter fill,
so selection never rests on colour alone. Notes past the clip's end (not heard) are faded.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from tonewell.ui import theme

_ROLES = {
    "GRID_BACKGROUND": "grid", "BLACK_KEY_ROW": "black_row", "SCALE_ROW": "scale_row",
    "OCTAVE_LINE": "octave_line", "ROW_LINE": "row_line", "CELL_LINE": "cell_line",
    "BEAT_LINE": "beat_line", "BAR_LINE": "bar_line", "OUTSIDE_CLIP": "outside_clip",
    "CLIP_END_LINE": "clip_end", "PLAYHEAD": "accent", "CURSOR": "strong",
    "BAND_FILL": "band_fill", "BAND_LINE": "strong", "SELECTED_OUTLINE": "ink",
    "HINT_TEXT": "soft_ink", "FOCUS": "focus",
}
"""Piano-roll names for the palette's roles (`ui.palettes.Palette`)."""


def __getattr__(name: str) -> QColor:
    role = _ROLES.get(name)
    if role is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return QColor(getattr(theme.palette(), role))


@dataclass(frozen=True, slots=True)
class NoteColours:
    fill: QColor
    outline: QColor
    selected_fill: QColor
    faded_fill: QColor
    faded_outline: QColor


def note_colours(base: QColor) -> NoteColours:
    pal = theme.palette()
    outline = theme.outline_for(base, pal.grid, pal.black_row, pal.scale_row)
    faded = QColor(base)
    faded.setAlpha(90)
    faded_outline = QColor(outline)
    faded_outline.setAlpha(150)
    selected = base.darker(125) if pal.dark else base.lighter(135)
    return NoteColours(
        fill=base,
        outline=outline,
        selected_fill=selected,
        faded_fill=faded,
        faded_outline=faded_outline,
    )

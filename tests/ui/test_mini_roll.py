"""The mini piano roll: notes drawn where they sound, in their track's colour, cached."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor

from tonewell.model import Clip, Composition, Note, Track
from tonewell.ui import theme
from tonewell.ui.mini_roll import PAD_PX, MiniRolls, paint_mini_roll

SIZE = QSize(200, 100)


def two_notes() -> Composition:
    """A high note in the first half of the bar, a low one in the second half."""
    clip = Clip(notes=(Note(0, 72, 960), Note(960, 48, 960)), length_bars=1)
    return Composition(tracks=(Track(colour="#cc2200", clips=(clip,)),))


def colour_at(image, x: float, y: float) -> str:
    return QColor(image.pixel(round(x), round(y))).name()


def test_notes_are_drawn_where_they_sound(qapp):
    image = paint_mini_roll(two_notes(), SIZE)
    inner_w, inner_h = SIZE.width() - 2 * PAD_PX, SIZE.height() - 2 * PAD_PX
    row_h = inner_h / (72 - 48 + 1)
    top = PAD_PX + row_h / 2
    bottom = PAD_PX + inner_h - row_h / 2
    left, right = PAD_PX + inner_w * 0.25, PAD_PX + inner_w * 0.75
    assert colour_at(image, left, top) == "#cc2200"  # the high note, early
    assert colour_at(image, right, bottom) == "#cc2200"  # the low note, late
    card = QColor(theme.palette().card).name()
    assert colour_at(image, right, top) == card
    assert colour_at(image, left, bottom) == card


def test_a_track_without_its_own_colour_uses_the_colour_of_its_place(qapp):
    comp = two_notes()
    second = replace(comp.tracks[0], colour="")
    comp = comp.with_tracks([Track(name="silent"), second])
    image = paint_mini_roll(comp, SIZE)
    expected = theme.track_colour(1).name()
    assert colour_at(image, PAD_PX + 2, PAD_PX + 1) == expected


def test_an_empty_piece_still_gets_a_calm_picture(qapp):
    image = paint_mini_roll(Composition(), SIZE)
    assert not image.isNull() and image.size() == SIZE


def test_pictures_are_cached_per_uid_and_version(qapp):
    rolls = MiniRolls()
    comp = two_notes()
    first = rolls.picture("p", "snapshot:1", comp, SIZE)
    assert rolls.picture("p", "snapshot:1", comp, SIZE).cacheKey() == first.cacheKey()
    rolls.picture("p", "snapshot:2", comp, SIZE)
    assert len(rolls) == 2

"""The view spans the piece plus room to grow, and a point knows which part of a clip it is on."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF

from tonewell.model import Clip, Composition, LoopRegion, Track
from tonewell.ui.arrangement.geometry import Geometry, Part, shown_bars

from .points import BAR, piece_for_tests


def test_an_empty_piece_shows_eight_bars():
    assert shown_bars(Composition()) == 8


def test_a_long_piece_shows_four_spare_bars_and_the_whole_loop():
    comp = Composition(tracks=(Track(clips=(Clip(length_bars=10),)),))
    assert shown_bars(comp) == 14
    assert shown_bars(replace(comp, loop=LoopRegion(0, 20 * BAR))) == 20


def test_points_on_a_clip_tell_its_parts_apart():
    geo = Geometry(piece_for_tests(), 900.0)
    beat = geo.comp.tracks[1].clips[0]
    middle_y = geo.lane_top(1) + geo.lane_height * 0.6
    body = geo.clip_at(QPointF(geo.x_of(3 * BAR), middle_y))
    edge = geo.clip_at(QPointF(geo.x_of(4 * BAR) - 2, middle_y))
    handle = geo.clip_at(geo.repeat_handle(1, beat).center())
    assert body is not None and edge is not None and handle is not None
    assert (body.part, edge.part, handle.part) == (Part.BODY, Part.LENGTH_EDGE, Part.REPEAT_HANDLE)
    assert geo.clip_at(QPointF(geo.x_of(5 * BAR), middle_y)) is None


def test_zoom_spreads_the_bars_and_scroll_shifts_them():
    comp = piece_for_tests()
    plain, zoomed = Geometry(comp, 900.0), Geometry(comp, 900.0, zoom=2.0, scroll_x=100.0)
    assert zoomed.px_per_bar == 2 * plain.px_per_bar
    assert zoomed.x_of(BAR) == plain.x_of(0) + 2 * plain.px_per_bar - 100
    assert round(zoomed.tick_at(zoomed.x_of(3 * BAR))) == 3 * BAR

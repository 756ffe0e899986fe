"""The ruler: dragging the loop's ends, drawing a new loop region, and clicking to seek."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tonewell.model import LoopRegion

from .points import BAR, drag, names, ruler_point


def loop(piece) -> tuple[int, int, bool]:
    region: LoopRegion = piece.comp.loop
    return region.start_tick, region.end_tick, region.enabled


def test_dragging_the_loop_end_is_one_step_snapped_to_bars(qtbot, view, piece):
    drag(qtbot, view, ruler_point(view, 2), ruler_point(view, 5.3), steps=8)
    assert loop(piece) == (0, 5 * BAR, True)
    assert names(piece) == ["Set loop region"]
    piece.undo()
    assert loop(piece) == (0, 2 * BAR, True)


def test_each_drag_of_a_loop_end_is_its_own_step(qtbot, view, piece):
    drag(qtbot, view, ruler_point(view, 2), ruler_point(view, 4))
    drag(qtbot, view, ruler_point(view, 0), ruler_point(view, 1))
    assert loop(piece) == (BAR, 4 * BAR, True)
    assert names(piece) == ["Set loop region", "Set loop region"]


def test_the_loop_never_shrinks_below_one_bar(qtbot, view, piece):
    drag(qtbot, view, ruler_point(view, 2), ruler_point(view, -1))
    assert loop(piece) == (0, BAR, True)


def test_dragging_in_the_loop_strip_draws_a_new_region_over_any_bars(qtbot, view, piece):
    drag(qtbot, view, ruler_point(view, 3.5, strip=True), ruler_point(view, 6.5, strip=True))
    assert loop(piece) == (3 * BAR, 7 * BAR, True)
    assert names(piece) == ["Set loop region"]
    piece.undo()
    assert loop(piece) == (0, 2 * BAR, True)


def test_shift_drag_on_the_bar_numbers_draws_a_region_too(qtbot, view, piece):
    drag(qtbot, view, ruler_point(view, 6.5), ruler_point(view, 4.2),
         Qt.KeyboardModifier.ShiftModifier)
    assert loop(piece) == (4 * BAR, 7 * BAR, True)


def test_clicking_the_ruler_seeks_to_the_nearest_beat(qtbot, view, piece):
    with qtbot.waitSignal(view.seek_requested) as seek:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=ruler_point(view, 3.26))
    assert seek.args == [3 * BAR + 480]
    assert names(piece) == []


def test_a_click_in_the_loop_strip_seeks_and_leaves_the_loop(qtbot, view, piece):
    with qtbot.waitSignal(view.seek_requested) as seek:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=ruler_point(view, 6, strip=True))
    assert seek.args == [6 * BAR]
    assert loop(piece) == (0, 2 * BAR, True) and names(piece) == []

"""Mouse gestures on clips: each drag is one named command, and undo puts the clip back."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollBar

from .points import BAR, drag, names, point_at


def clips(piece, track: int):
    return piece.comp.tracks[track].clips


def test_double_click_on_empty_lane_adds_a_clip_and_opens_it(qtbot, view, piece):
    with qtbot.waitSignal(view.clip_activated) as opened:
        qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=point_at(view, 4.5, 2))
    (clip,) = clips(piece, 2)
    assert (clip.name, clip.start_tick, clip.length_bars) == ("Pattern 1", 4 * BAR, 2)
    assert clip.notes == ()
    assert opened.args == [piece.comp.tracks[2].uid, clip.uid]
    assert names(piece) == ["Add clip Pattern 1"]
    assert view.selected_clip() == (piece.comp.tracks[2].uid, clip.uid)
    piece.undo()
    assert clips(piece, 2) == ()


def test_a_new_clip_stops_short_of_the_next_one(qtbot, view, piece):
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=point_at(view, 1.5, 1))
    new = [c for c in clips(piece, 1) if c.name == "Pattern 1"]
    assert [(c.start_tick, c.length_bars) for c in new] == [(BAR, 1)]  # Beat starts at bar 3


def test_drag_moves_a_clip_along_its_lane_snapped_to_bars(qtbot, view, piece):
    drag(qtbot, view, point_at(view, 0.4, 0), point_at(view, 3.3, 0))
    (tune,) = clips(piece, 0)
    assert tune.start_tick == 3 * BAR
    assert names(piece) == ["Move clip Tune"]
    piece.undo()
    assert clips(piece, 0)[0].start_tick == 0


def test_drag_to_another_lane_moves_the_clip_to_that_track(qtbot, view, piece):
    drag(qtbot, view, point_at(view, 0.4, 0), point_at(view, 5.4, 2))
    assert clips(piece, 0) == ()
    (tune,) = clips(piece, 2)
    assert (tune.name, tune.start_tick) == ("Tune", 5 * BAR)
    assert names(piece) == ["Move clip Tune to Strings"]
    piece.undo()
    assert [c.name for c in clips(piece, 0)] == ["Tune"] and clips(piece, 2) == ()


def test_a_click_without_a_drag_selects_and_changes_nothing(qtbot, view, piece):
    with qtbot.waitSignal(view.track_selected) as chosen:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=point_at(view, 2.5, 1))
    assert chosen.args == [piece.comp.tracks[1].uid]
    assert view.selected_clip() == (piece.comp.tracks[1].uid, clips(piece, 1)[0].uid)
    assert names(piece) == []


def test_dragging_the_right_edge_resizes_in_bars(qtbot, view, piece):
    edge = point_at(view, 4, 1) - QPoint(2, 0)
    drag(qtbot, view, edge, point_at(view, 5.2, 1))
    assert clips(piece, 1)[0].length_bars == 3
    assert names(piece) == ["Resize clip Beat to 3 bars"]
    piece.undo()
    assert clips(piece, 1)[0].length_bars == 2


def test_dragging_the_loop_handle_repeats_the_clip(qtbot, view, piece):
    handle = view.view_geometry().repeat_handle(1, clips(piece, 1)[0]).center().toPoint()
    drag(qtbot, view, handle, point_at(view, 8.1, 1, down=0.1))
    assert clips(piece, 1)[0].repeats == 3
    assert names(piece) == ["Repeat clip Beat 3 times"]
    piece.undo()
    assert clips(piece, 1)[0].repeats == 1


def test_alt_drag_on_the_right_edge_repeats_instead_of_resizing(qtbot, view, piece):
    edge = point_at(view, 1, 0) - QPoint(2, 0)
    drag(qtbot, view, edge, point_at(view, 4, 0), Qt.KeyboardModifier.AltModifier)
    (tune,) = clips(piece, 0)
    assert (tune.repeats, tune.length_bars) == (4, 1)
    assert names(piece) == ["Repeat clip Tune 4 times"]


def test_ctrl_drag_duplicates_where_dropped(qtbot, view, piece):
    drag(qtbot, view, point_at(view, 0.4, 0), point_at(view, 5.4, 0),
         Qt.KeyboardModifier.ControlModifier)
    original, copy = clips(piece, 0)
    assert (original.start_tick, copy.start_tick) == (0, 5 * BAR)
    assert copy.notes == original.notes and copy.uid != original.uid
    assert names(piece) == ["Duplicate clip Tune"]
    piece.undo()
    assert len(clips(piece, 0)) == 1


def test_double_click_on_a_clip_opens_it_without_editing(qtbot, view, piece):
    with qtbot.waitSignal(view.clip_activated) as opened:
        qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=point_at(view, 3.0, 1))
    assert opened.args == [piece.comp.tracks[1].uid, clips(piece, 1)[0].uid]
    assert names(piece) == []


def test_ctrl_wheel_zooms_and_a_scroll_bar_appears(qtbot, view):
    before = view.view_geometry().px_per_bar
    pos = QPointF(point_at(view, 2, 0))
    wheel = QWheelEvent(
        pos, QPointF(view.mapToGlobal(pos.toPoint())), QPoint(0, 0), QPoint(0, 240),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, wheel)
    assert view.view_geometry().px_per_bar > before * 1.5
    assert view.findChild(QScrollBar, "arrangementScroll").isVisible()
    assert abs(view.view_geometry().x_of(2 * BAR) - pos.x()) < 2  # bar 3 stays under the mouse

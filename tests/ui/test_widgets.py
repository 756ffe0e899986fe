"""The overview and the transport bar on their own, around a real model."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tonewell.ui.overview import Overview, lane_notes, ruler_step
from tonewell.ui.transport_bar import TransportBar, format_clock

from .helpers import accessible_name, small_piece


def test_lane_notes_expand_repeats_per_track():
    lanes = lane_notes(small_piece())
    assert len(lanes) == 2
    assert len(lanes[0]) == 8  # four notes, played twice
    assert lanes[0][4].start_tick == 1920


def test_ruler_labels_thin_out_when_crowded():
    assert ruler_step(8, 800) == 1
    assert ruler_step(200, 400) > 1


def test_overview_click_asks_to_seek(qtbot):
    view = Overview()
    qtbot.addWidget(view)
    view.resize(600, 200)
    view.set_composition(small_piece())
    with qtbot.waitSignal(view.seek_requested) as got:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(round(view.x_of(1920)), 100))
    assert abs(got.args[0] - 1920) < 60
    view.grab()  # paints without error


def test_words_for_time():
    assert format_clock(65.4) == "1:05"


def test_transport_bar_shows_state_and_position(qtbot):
    bar = TransportBar()
    qtbot.addWidget(bar)
    play = bar.button("playButton")
    assert accessible_name(play) == "Play"
    bar.show_state("playing")
    assert accessible_name(play) == "Pause"
    bar.show_state("stopped")
    assert play.text() == "Play"
    bar.show_position(3, 2, 5.0)
    assert bar.position.text().startswith("3.2")
    assert "0:05" in bar.position.text()
    with qtbot.waitSignal(bar.count_in_changed) as got:
        bar.count_in.setCurrentIndex(2)
    assert got.args == [2]

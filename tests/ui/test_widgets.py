"""The transport bar on its own."""

from __future__ import annotations

from tonewell.ui.transport_bar import TransportBar, format_clock

from .helpers import accessible_name


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

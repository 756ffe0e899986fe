"""The overview, the track list and the transport bar on their own, around a real model."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tonewell.model import Composition
from tonewell.ui.overview import Overview, lane_notes, ruler_step
from tonewell.ui.track_list import TrackList, describe_track, pan_words
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


def test_track_rows_describe_each_track(qtbot):
    tracks = TrackList()
    qtbot.addWidget(tracks)
    tracks.set_composition(small_piece())
    piano, kit = tracks.rows()
    assert piano.name_label.text() == "Piano"
    assert piano.detail_label.text() == "Acoustic Grand Piano · 8 notes"
    assert kit.detail_label.text() == "Drums · 2 notes"
    assert accessible_name(piano.mute) == "Mute Piano"
    assert accessible_name(kit.volume) == "Volume of Kit"


def test_track_controls_report_changes(qtbot):
    tracks = TrackList()
    qtbot.addWidget(tracks)
    tracks.set_composition(small_piece())
    with qtbot.waitSignal(tracks.mute_toggled) as got:
        tracks.row_widget(1).mute.click()
    assert got.args == [1, True]
    with qtbot.waitSignal(tracks.pan_changed) as got:
        tracks.row_widget(0).pan.setValue(20)
    assert got.args == [0, 20]


def test_showing_values_emits_nothing(qtbot):
    tracks = TrackList()
    qtbot.addWidget(tracks)
    tracks.set_composition(small_piece())
    with qtbot.assertNotEmitted(tracks.volume_changed):
        tracks.set_composition(small_piece().with_tracks(
            [t.__class__(name=t.name, volume=10) for t in small_piece().tracks]
        ))
    assert tracks.row_widget(0).volume.value() == 10
    tracks.set_composition(Composition())
    assert tracks.count() == 0


def test_words_for_pan_and_time():
    assert pan_words(64) == "centre"
    assert pan_words(0) == "100% left"
    assert format_clock(65.4) == "1:05"
    assert describe_track(small_piece().tracks[1]).startswith("Drums")


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

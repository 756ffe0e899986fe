"""The three editors as one workspace: choosing a track or a clip in one view shows it in the
others, a new track opens at once, and removing the track being edited never leaves the piano
roll on nothing while the piece has clips."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tonewell.io.project import save_project
from tonewell.ui import instrument_picker
from tonewell.ui.workspace import clip_for_track

from .arrangement.points import BAR, piece_for_tests, point_at


@pytest.fixture
def opened(window, tmp_path):
    path = tmp_path / "test.tonewell"
    save_project(piece_for_tests(), path)
    assert window.open_path(path)
    return window


def uids(window, track: int, clip: int = 0) -> tuple[int, int]:
    t = window.piece.comp.tracks[track]
    return t.uid, t.clips[clip].uid


def test_the_clip_under_the_playhead_is_chosen_else_the_first():
    comp = piece_for_tests()
    kit = comp.tracks[1]
    assert clip_for_track(comp, kit.uid, 0) == kit.clips[0].uid  # none at bar 1: the first
    assert clip_for_track(comp, kit.uid, 3 * BAR) == kit.clips[0].uid
    assert clip_for_track(comp, comp.tracks[2].uid, 0) is None
    assert clip_for_track(comp, -5, 0) is None


def test_choosing_a_track_in_the_list_shows_it_everywhere(opened, qtbot):
    window = opened
    assert window.piano_roll.current_clip() == uids(window, 0)
    row = window.track_list.row_widget(1)
    qtbot.mouseClick(row.name_label, Qt.MouseButton.LeftButton)
    assert window.track_list.selected_track() == window.piece.comp.tracks[1].uid
    assert window.piano_roll.current_clip() == uids(window, 1)
    assert window.arrangement.current_clip() == uids(window, 1)  # outlined
    assert window.arrangement.selected_clip() == uids(window, 1)


def test_a_click_in_the_arrangement_selects_the_row(opened, qtbot):
    window = opened
    view = window.arrangement
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=point_at(view, 6, 2))  # empty lane
    assert window.track_list.selected_track() == window.piece.comp.tracks[2].uid
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=point_at(view, 2.5, 1))  # "Beat"
    assert window.track_list.selected_track() == window.piece.comp.tracks[1].uid


def test_double_clicking_a_clip_opens_and_outlines_it(opened, qtbot):
    window = opened
    view = window.arrangement
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=point_at(view, 2.5, 1))
    assert window.piano_roll.current_clip() == uids(window, 1)
    assert view.current_clip() == uids(window, 1)
    assert window.track_list.selected_track() == window.piece.comp.tracks[1].uid


def test_a_new_track_opens_its_empty_clip_at_once(opened, monkeypatch):
    window = opened
    monkeypatch.setattr(instrument_picker, "choose_instrument", lambda *a, **k: (40, False))
    uid = window.track_list.add_track()
    track = window.piece.comp.tracks[-1]
    assert track.uid == uid and len(track.clips) == 1
    assert window.piano_roll.current_clip() == (uid, track.clips[0].uid)
    assert window.arrangement.current_clip() == (uid, track.clips[0].uid)


def test_removing_the_track_being_edited_moves_the_roll_on(opened):
    window = opened
    first = window.piece.comp.tracks[0].uid
    window.track_list.remove(first)
    assert window.piano_roll.current_clip() == uids(window, 0)  # the Kit's beat, now first
    window.piece.undo()
    kit = window.piece.comp.tracks[1].uid
    window.track_list.remove(kit)
    window.track_list.remove(window.piece.comp.tracks[0].uid)
    assert [t.name for t in window.piece.comp.tracks] == ["Strings"]
    assert window.piano_roll.current_clip() is None  # no clip left: the calm hint
    window.piece.undo()
    assert window.piano_roll.current_clip() is not None


def test_at_1280x800_the_piano_roll_has_most_of_the_height(window, qtbot, tmp_path):
    from tonewell.ui.empty_state import example_files

    window.open_path(next(p for p in example_files() if p.name == "call-and-response.tonewell"))
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.height() == 800)
    window.fit_editors()
    qtbot.waitUntil(lambda: window.piano_roll.height() > window.arrangement.height())
    view, roll = window.arrangement, window.piano_roll
    lanes_shown = (view.height() - 30) / view.lane_height
    assert 3 <= lanes_shown <= 4
    assert roll.canvas.height() / roll.geometry.row_px >= 19  # about two octaves of rows
    assert 56 <= roll.lane.height() <= 64


def test_track_rows_sit_level_with_their_lanes(opened, qtbot):
    window = opened
    view, tracks = window.arrangement, window.track_list
    qtbot.waitUntil(lambda: tracks.row_widget(0).isVisible())
    geo = view.view_geometry()
    for index, row in enumerate(tracks.rows()):
        row_top = row.mapTo(window, row.rect().topLeft()).y()
        lane_top = view.mapTo(window, view.rect().topLeft()).y() + geo.lane_top(index)
        assert abs(row_top - lane_top) <= 2, index
    header = window.findChild(QLabel, "tracksHeader")
    assert header.mapTo(window, header.rect().topLeft()).y() == view.mapTo(
        window, view.rect().topLeft()).y()


def test_a_long_track_name_does_not_squeeze_the_track_list(window, qtbot, tmp_path):
    from tonewell.ui.empty_state import example_files

    window.open_path(next(p for p in example_files() if p.name == "gentle-waltz.tonewell"))
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.height() == 800)
    tracks, roll = window.track_list, window.piano_roll
    qtbot.waitUntil(lambda: tracks.row_widget(0).isVisible())
    width_before = tracks.width()
    window.track_list.rename(window.piece.comp.tracks[0].uid, "A very long name " * 20)
    qtbot.wait(50)
    assert tracks.width() == width_before
    label = roll.findChild(QLabel, "pianoRollClip")
    assert label.geometry().right() <= roll.width()


def test_a_new_track_s_lane_comes_into_view_but_a_dragged_height_is_kept(window, qtbot,
                                                                        monkeypatch):
    from tonewell.edit.new_piece import PieceChoices, build_piece

    window.files.start_new(build_piece(PieceChoices()))
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.height() == 800)
    window.fit_editors()
    view = window.arrangement
    one_lane = view.height()
    monkeypatch.setattr(instrument_picker, "choose_instrument", lambda *a, **k: (40, False))
    window.track_list.add_track()
    qtbot.waitUntil(lambda: view.height() >= one_lane + view.lane_height - 2)
    roomy = [s + 0 for s in window.editor_splitter.sizes()]
    window.editor_splitter.setSizes([roomy[0] + 60, roomy[1] - 60, roomy[2]])  # dragged taller
    dragged = window.editor_splitter.sizes()[0]
    window.track_list.add_track()
    assert window.editor_splitter.sizes()[0] == dragged  # never made smaller than chosen

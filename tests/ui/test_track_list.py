"""The track list around a real Document: every control is one named step on the piece's history."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMenu

from tonewell.edit import Document
from tonewell.model import Clip, Composition, Note, TimeSignature, Track
from tonewell.ui import instrument_picker, theme
from tonewell.ui.piece import OpenPiece
from tonewell.ui.track_list import NEW_CLIP_BARS, TrackList, new_clip_bars
from tonewell.ui.track_pan import PAN_CENTRE, pan_words
from tonewell.ui.track_row import TrackRow, describe_track
from tonewell.ui.track_rows_view import DRAG_MIME

from .helpers import accessible_name, small_piece


@pytest.fixture
def piece() -> OpenPiece:
    return OpenPiece(Document(small_piece()))


@pytest.fixture
def tracks(qtbot, piece: OpenPiece) -> Iterator[TrackList]:
    view = TrackList(piece)
    qtbot.addWidget(view)
    view.resize(380, 400)
    view.show()
    qtbot.waitExposed(view)
    yield view


@pytest.fixture
def picks(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, bool] | None]:
    """Answers the instrument picker gives, first to last (it is never shown)."""
    answers: list[tuple[int, bool] | None] = []
    monkeypatch.setattr(instrument_picker, "choose_instrument",
                        lambda *args, **kwargs: answers.pop(0))
    return answers


def names(piece: OpenPiece) -> list[str]:
    return [t.name for t in piece.comp.tracks]


def history(piece: OpenPiece) -> list[str]:
    return piece.document.history.names()


# --- showing ------------------------------------------------------------------------------------


def test_rows_describe_each_track(tracks: TrackList):
    assert tracks.objectName() == "trackList"
    piano, kit = tracks.rows()
    assert piano.name_label.text() == "Piano"
    assert piano.instrument.full_text().startswith("Acoustic Grand Piano")
    assert piano.detail_label.text() == "8 notes"
    assert kit.instrument.full_text().startswith("Drums")
    assert accessible_name(piano.mute) == "Mute Piano"
    assert accessible_name(kit.volume) == "Volume of Kit"
    assert accessible_name(kit.pan) == "Pan of Kit"
    assert accessible_name(piano.instrument) == "Instrument of Piano: Acoustic Grand Piano"
    piece = small_piece()
    assert describe_track(piece.tracks[1], piece.time_signature) == "Drums · 2 notes"


def test_words_for_pan():
    assert pan_words(64) == "centre"
    assert pan_words(0) == "100% left"
    assert pan_words(83) == "30% right"


def test_the_scrollbar_leaves_the_solo_buttons_visible(qtbot, tracks: TrackList, piece):
    piece.push(_many_tracks(piece.comp))
    tracks.resize(700, 200)  # laid out wide first, as before the window places it
    qtbot.wait(20)
    tracks.resize(380, 200)
    assert tracks.verticalScrollBar().isVisible()
    solo = tracks.row_widget(0).solo

    def solo_inside() -> None:
        right = solo.mapTo(tracks.view.viewport(), QPoint(solo.width(), 0)).x()
        assert right <= tracks.view.viewport().width()

    qtbot.waitUntil(solo_inside, timeout=1000)  # the list lays out again shortly after


def _many_tracks(comp: Composition):
    from tonewell.edit.commands import Compound
    from tonewell.edit.piece_edits import add_track

    return Compound("Add tracks", [add_track(Track(name=f"T{i}")) for i in range(8)])


# --- add and remove -----------------------------------------------------------------------------


def test_add_track_asks_for_an_instrument_and_gives_it_an_empty_clip(qtbot, tracks, piece, picks):
    picks.append((73, False))
    with qtbot.waitSignal(tracks.track_selected) as got:
        qtbot.mouseClick(tracks.add_button, Qt.MouseButton.LeftButton)
    added = piece.comp.tracks[-1]
    assert (added.name, added.program, added.is_drum) == ("Flute", 73, False)
    assert got.args == [added.uid]
    (clip,) = added.clips
    assert clip.start_tick == 0 and clip.notes == ()
    assert clip.length_bars == new_clip_bars(small_piece()) == 2
    assert history(piece) == ["Add track Flute"]
    assert tracks.count() == 3 and tracks.selected_track() == added.uid


def test_a_new_track_in_an_empty_piece_gets_four_bars(qtbot, picks):
    piece = OpenPiece(Document(Composition()))
    tracks = TrackList(piece)
    qtbot.addWidget(tracks)
    picks.append((0, True))
    tracks.add_track()
    (track,) = piece.comp.tracks
    assert track.is_drum and track.name == "Drums"
    assert track.clips[0].length_bars == NEW_CLIP_BARS == 4


def test_cancelling_the_picker_adds_nothing(tracks, piece, picks):
    picks.append(None)
    assert tracks.add_track() is None
    assert names(piece) == ["Piano", "Kit"] and history(piece) == []


def test_delete_key_removes_the_selected_track_and_undo_brings_it_back(qtbot, tracks, piece):
    kit = piece.comp.tracks[1]
    tracks.select_track(kit.uid)
    tracks.view.setFocus()
    qtbot.keyClick(tracks.view, Qt.Key.Key_Delete)
    assert names(piece) == ["Piano"]
    assert history(piece) == ["Remove track Kit"]
    assert tracks.count() == 1
    piece.undo()
    assert piece.comp.tracks[1] == kit
    assert [r.name_label.text() for r in tracks.rows()] == ["Piano", "Kit"]


def test_context_menu_offers_remove(tracks, piece):
    menu = tracks.build_menu(0)
    remove = next(a for a in menu.actions() if a.objectName() == "removeTrackAction")
    assert remove.text() == "Remove Piano"
    remove.trigger()
    assert names(piece) == ["Kit"] and history(piece) == ["Remove track Piano"]


# --- rename -------------------------------------------------------------------------------------


def test_double_click_on_the_name_renames_with_one_command(qtbot, tracks, piece):
    row = tracks.row_widget(0)
    qtbot.mouseDClick(row.name_label, Qt.MouseButton.LeftButton)
    assert row.is_renaming() and row.name_edit.isVisible()
    assert row.name_edit.objectName() == "trackNameEdit"
    row.name_edit.selectAll()
    qtbot.keyClicks(row.name_edit, "Melody")
    qtbot.keyClick(row.name_edit, Qt.Key.Key_Return)
    assert names(piece) == ["Melody", "Kit"]
    assert history(piece) == ["Rename Piano to Melody"]
    assert tracks.row_widget(0).name_label.text() == "Melody"


def test_f2_renames_and_escape_cancels(qtbot, tracks, piece):
    tracks.select_track(piece.comp.tracks[1].uid)
    tracks.view.setFocus()
    qtbot.keyClick(tracks.view, Qt.Key.Key_F2)
    row = tracks.row_widget(1)
    assert row.is_renaming()
    qtbot.keyClicks(row.name_edit, "Beat")
    qtbot.keyClick(row.name_edit, Qt.Key.Key_Escape)
    assert not row.is_renaming()
    assert names(piece) == ["Piano", "Kit"] and history(piece) == []


# --- reorder ------------------------------------------------------------------------------------


def _drop_on(tracks: TrackList, from_row: int, y_px: float) -> None:
    """What a drag of row `from_row` delivers when let go at viewport y."""
    data = QMimeData()
    data.setData(DRAG_MIME, str(from_row).encode())
    event = QDropEvent(QPointF(20, y_px), Qt.DropAction.MoveAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    tracks.view.dropEvent(event)


def test_dropping_a_dragged_row_below_another_moves_it_in_one_step(tracks, piece, picks):
    picks.append((40, False))
    tracks.add_track()  # Piano, Kit, Violin
    view = tracks.view
    below_violin = view.visualItemRect(view.item(2)).bottom() - 2
    _drop_on(tracks, 0, below_violin)
    assert names(piece) == ["Kit", "Violin", "Piano"]
    assert history(piece) == ["Add track Violin", "Move track Piano"]
    assert [r.name_label.text() for r in tracks.rows()] == ["Kit", "Violin", "Piano"]
    piece.undo()
    assert names(piece) == ["Piano", "Kit", "Violin"]


def test_dropping_in_the_upper_half_of_the_first_row_moves_to_the_top(tracks, piece):
    _drop_on(tracks, 1, 5)
    assert names(piece) == ["Kit", "Piano"] and history(piece) == ["Move track Kit"]


def test_dropping_a_row_on_itself_changes_nothing(tracks, piece):
    rect = tracks.view.visualItemRect(tracks.view.item(0))
    _drop_on(tracks, 0, rect.bottom() - 2)
    assert history(piece) == []


def test_alt_arrows_move_the_selected_track(qtbot, tracks, piece):
    tracks.select_track(piece.comp.tracks[0].uid)
    tracks.view.setFocus()
    qtbot.keyClick(tracks.view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert names(piece) == ["Kit", "Piano"]
    assert tracks.selected_track() == piece.comp.tracks[1].uid


# --- the mixer ----------------------------------------------------------------------------------


def test_a_volume_drag_is_one_step(qtbot, tracks, piece):
    volume = tracks.row_widget(0).volume
    volume.setSliderDown(True)
    for value in (90, 80, 70, 60):
        volume.setValue(value)
    volume.setSliderDown(False)  # released: sealed
    assert piece.comp.tracks[0].volume == 60
    assert history(piece) == ["Volume of Piano"]
    volume.setSliderDown(True)
    volume.setValue(50)
    volume.setSliderDown(False)
    assert history(piece) == ["Volume of Piano", "Volume of Piano"]
    piece.undo()
    assert piece.comp.tracks[0].volume == 60


def test_volume_keys_merge_until_they_rest(qtbot, tracks, piece):
    volume = tracks.row_widget(1).volume
    volume.setFocus()
    for _ in range(3):
        qtbot.keyClick(volume, Qt.Key.Key_Right)
    assert history(piece) == ["Volume of Kit"]
    qtbot.waitUntil(lambda: not tracks._seal_timer.isActive(), timeout=2000)
    qtbot.keyClick(volume, Qt.Key.Key_Right)
    assert history(piece) == ["Volume of Kit", "Volume of Kit"]
    assert piece.comp.tracks[1].volume == 104


def test_a_value_change_keeps_the_row_widgets(tracks, piece):
    row = tracks.row_widget(0)
    row.volume.setValue(10)
    assert tracks.row_widget(0) is row
    assert row.volume.value() == 10


def test_pan_is_centred_and_double_click_returns_to_the_centre(qtbot, tracks, piece):
    pan = tracks.row_widget(0).pan
    assert pan.value() == PAN_CENTRE and pan.accessibleDescription() == "centre"
    qtbot.mousePress(pan, Qt.MouseButton.LeftButton, pos=QPoint(round(pan.x_of(20)), 10))
    qtbot.mouseMove(pan, QPoint(round(pan.x_of(25)), 10))
    qtbot.mouseRelease(pan, Qt.MouseButton.LeftButton, pos=QPoint(round(pan.x_of(25)), 10))
    assert abs(piece.comp.tracks[0].pan - 25) <= 1
    assert "left" in pan.toolTip() and pan.accessibleDescription().endswith("left")
    qtbot.mouseDClick(pan, Qt.MouseButton.LeftButton, pos=QPoint(round(pan.x_of(25)), 10))
    assert piece.comp.tracks[0].pan == PAN_CENTRE
    assert "centre" in pan.toolTip()
    assert history(piece) == ["Pan of Piano", "Pan of Piano"]


def test_mute_and_solo_are_commands_and_show_without_colour(qtbot, tracks, piece):
    row = tracks.row_widget(1)
    qtbot.mouseClick(row.mute, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(row.solo, Qt.MouseButton.LeftButton)
    assert piece.comp.tracks[1].mute and piece.comp.tracks[1].solo
    assert history(piece) == ["Mute Kit", "Solo Kit"]
    assert "●" in row.mute.text() and "●" in row.solo.text()
    assert "muted" in row.detail_label.text()
    piece.undo()
    piece.undo()
    assert row.mute.text() == "M" and not row.mute.isChecked()


# --- colour and instrument ----------------------------------------------------------------------


def test_picking_a_palette_colour_stores_it(tracks, piece):
    row = tracks.row_widget(0)
    assert theme.shown_colour(piece.comp.tracks[0], 0) == theme.track_colour(0)
    menu: QMenu = row.colour.build_menu()
    sage = next(a for a in menu.actions() if a.text() == "Sage")
    sage.trigger()
    assert piece.comp.tracks[0].colour == "#8db38b"
    assert history(piece) == ["Colour of Piano"]
    assert row.colour.colour().name() == "#8db38b"
    by_place = next(a for a in row.colour.build_menu().actions() if a.text().startswith("By"))
    by_place.trigger()
    assert piece.comp.tracks[0].colour == ""


def test_the_instrument_button_pushes_one_named_change(qtbot, tracks, piece, picks):
    picks.append((73, False))
    qtbot.mouseClick(tracks.row_widget(0).instrument, Qt.MouseButton.LeftButton)
    assert (piece.comp.tracks[0].program, piece.comp.tracks[0].name) == (73, "Piano")
    assert history(piece) == ["Piano: Flute"]
    assert tracks.row_widget(0).instrument.full_text().startswith("Flute")


def test_a_name_that_only_said_the_instrument_follows_it(tracks, piece, picks):
    picks.extend([(0, False), (73, False)])
    uid = tracks.add_track()
    tracks.choose_instrument(uid)
    assert names(piece) == ["Piano", "Kit", "Flute"]
    assert history(piece) == ["Add track Acoustic Grand Piano", "Acoustic Grand Piano: Flute"]


# --- selection ----------------------------------------------------------------------------------


def test_clicking_a_row_selects_its_track(qtbot, tracks, piece):
    row = tracks.row_widget(1)
    with qtbot.waitSignal(tracks.track_selected) as got:
        qtbot.mouseClick(row.detail_label, Qt.MouseButton.LeftButton)
    assert got.args == [piece.comp.tracks[1].uid]


def test_select_track_from_outside_is_quiet(qtbot, tracks, piece):
    with qtbot.assertNotEmitted(tracks.track_selected):
        tracks.select_track(piece.comp.tracks[1].uid)
    assert tracks.selected_track() == piece.comp.tracks[1].uid


def test_row_height_follows_the_lanes(tracks):
    tracks.set_row_height(60)
    assert tracks.view.item(0).sizeHint().height() == 60
    assert tracks.row_height == 60


def test_loading_a_new_piece_rebuilds(tracks, piece):
    piece.load(Composition(), None)
    assert tracks.count() == 0


def test_a_long_name_ends_in_an_ellipsis_and_keeps_its_whole_text(tracks, piece, qtbot):
    uid = piece.comp.tracks[0].uid
    tracks.rename(uid, "A very long name for a track that will not fit in its row at all")
    tracks.resize(300, 400)
    row = tracks.row_widget(0)
    qtbot.waitUntil(lambda: row.width() < 300)
    assert row.name_label.text().startswith("A very long name")
    assert row.name_label.shown_text().endswith("…")


def test_a_row_counts_the_notes_as_heard(qtbot):
    meter = TimeSignature(4, 4)
    past_the_end = Note(10 * meter.ticks_per_bar, 64, 240, 90)
    clip = Clip(name="Tune", notes=(Note(0, 60, 240, 90), past_the_end), length_bars=1,
                repeats=2)
    track = Track(name="Piano", clips=(clip,))
    row = TrackRow(0, track, meter)
    qtbot.addWidget(row)
    assert row.detail_label.text() == "2 notes"  # the one heard note, twice

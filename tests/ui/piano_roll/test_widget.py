"""The piano roll as the window sees it: the clip shown, changes, playhead, zoom, keys."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from tonewell.edit import piece_edits
from tonewell.ui.piano_roll import PianoRoll
from tonewell.ui.piano_roll.keyboard import PianoKeys


def test_with_no_clip_it_shows_a_calm_hint(qtbot, piece):
    roll = PianoRoll(piece)
    qtbot.addWidget(roll)
    assert roll.objectName() == "pianoRoll"
    assert roll.current_clip() is None
    assert roll.canvas.accessibleName() == "Note grid, no clip open"
    roll.select_all()  # nothing to act on: no error, no step
    assert piece.document.history.names() == []


def test_set_clip_tells_which_clip_is_shown(qtbot, piece):
    roll = PianoRoll(piece)
    qtbot.addWidget(roll)
    seen = []
    roll.clip_changed.connect(seen.append)
    drums = piece.comp.tracks[1]
    roll.set_clip(drums.uid, drums.clips[0].uid)
    assert roll.current_clip() == (drums.uid, drums.clips[0].uid)
    assert seen == [(drums.uid, drums.clips[0].uid)]


def test_when_its_clip_is_removed_it_shows_none(roll, piece):
    seen = []
    roll.clip_changed.connect(seen.append)
    track_uid, _ = roll.current_clip()
    piece.push(piece_edits.remove_clip(piece.comp, track_uid, roll.state.clip))
    assert roll.current_clip() is None
    assert seen == [None]


def test_undo_drops_notes_that_are_gone_from_the_selection(roll, piece):
    roll.select_all()
    roll.transpose(1)
    piece.undo()
    assert not roll.has_selection()


def test_the_playhead_follows_page_by_page_and_can_be_turned_off(roll):
    clip = roll.state.clip
    g = roll.geometry
    for _ in range(6):
        roll.zoom_in()  # the two-bar clip is now wider than a page
    g.scroll_to(x_px=0)
    page_ticks = int(g.view_width_px / g.tick_px)
    roll.set_playhead(clip.start_tick + 10)
    assert g.scroll_x_px == 0
    roll.set_playhead(clip.start_tick + page_ticks + 50)
    assert g.x_of(page_ticks + 50) < 1  # the new page starts at the playhead
    roll.geometry.scroll_to(x_px=0)
    roll.set_follow_playhead(False)
    assert not roll.follow_playhead()
    roll.set_playhead(clip.start_tick + page_ticks + 60)
    assert g.scroll_x_px == 0


def test_zoom_in_and_out_change_the_time_scale(roll):
    before = roll.geometry.tick_px
    roll.zoom_in()
    assert roll.geometry.tick_px > before
    roll.zoom_out()
    roll.zoom_out()
    assert roll.geometry.tick_px < before


def _wheel(roll, modifiers, dy=120):
    pos = QPointF(200, 200)
    event = QWheelEvent(
        pos,
        roll.canvas.mapToGlobal(pos),
        QPoint(),
        QPoint(0, dy),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(roll.canvas, event)


def test_ctrl_wheel_zooms_time_and_ctrl_shift_wheel_zooms_rows(roll):
    tick_px, row_px = roll.geometry.tick_px, roll.geometry.row_px
    _wheel(roll, Qt.KeyboardModifier.ControlModifier)
    assert roll.geometry.tick_px > tick_px
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    _wheel(roll, ctrl_shift)
    assert roll.geometry.row_px > row_px


def test_the_wheel_scrolls_rows_and_shift_wheel_scrolls_time(roll):
    y = roll.geometry.scroll_y_px
    roll.zoom_in()
    roll.zoom_in()
    roll.zoom_in()
    _wheel(roll, Qt.KeyboardModifier.NoModifier, dy=-120)
    assert roll.geometry.scroll_y_px > y
    _wheel(roll, Qt.KeyboardModifier.ShiftModifier, dy=-120)
    assert roll.geometry.scroll_x_px > 0


def test_clicking_a_piano_key_sounds_it(roll, qtbot):
    heard = []
    roll.audition_requested.connect(lambda *args: heard.append(args))
    y = roll.geometry.y_of(62) + roll.geometry.row_px // 2
    qtbot.mouseClick(roll.keys, Qt.MouseButton.LeftButton, pos=QPoint(10, y))
    assert heard == [(roll.current_clip()[0], 62, 100)]


def test_scale_tones_are_marked_and_drum_rows_named(roll, piece):
    keys: PianoKeys = roll.keys
    assert keys.scale() == frozenset({0, 2, 4, 5, 7, 9, 11})
    drums = piece.comp.tracks[1]
    roll.set_clip(drums.uid, drums.clips[0].uid)
    assert keys.drums and keys.scale() == frozenset()


def test_the_header_gives_the_clip_name_room_and_the_hint_gives_way(roll, qtbot):
    roll.resize(1024 - 380, 500)  # the roll's share of a 1024 px window
    qtbot.waitUntil(lambda: roll.width() == 1024 - 380)
    name, hint = roll.clip_label, roll.hint_label
    assert name.text() == "Tune · Piano"
    assert name.width() >= name.sizeHint().width()
    assert not name.geometry().intersects(hint.geometry())
    assert roll.length_box.geometry().right() < name.geometry().left()
    assert hint.shown_text().endswith("…")
    hint.repaint()
    assert hint.toolTip() == hint.text()


def test_a_clip_named_after_its_track_is_named_once(roll, piece):
    from tonewell.edit.commands import SetClipFields

    track = piece.comp.tracks[0]
    piece.push(SetClipFields("Rename clip", {"name": "Piano"}, track_uid=track.uid,
                             clip_uid=track.clips[0].uid))
    assert roll.clip_label.text() == "Piano"


def test_the_velocity_lane_gives_way_when_the_roll_is_short(roll, qtbot):
    from tonewell.ui.piano_roll.velocity_lane import MIN_LANE_HEIGHT_PX

    roll.resize(900, 600)
    qtbot.wait(10)
    wanted = roll.lane.wanted_px
    assert roll.lane.height() == wanted
    roll.resize(900, 260)
    qtbot.waitUntil(lambda: roll.lane.height() < wanted)
    assert roll.lane.height() == max(MIN_LANE_HEIGHT_PX, round(260 * 0.2))
    roll.resize(900, 600)
    qtbot.waitUntil(lambda: roll.lane.height() == wanted)  # back once there is room

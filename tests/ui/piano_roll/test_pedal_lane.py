"""The pedal lane under the piano roll: the clip's sustain pedal shown as spans and edited with
the mouse and Delete, each gesture one step of the history, other controllers untouched."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QApplication
from tests.ui.piano_roll.helpers import MELODY, history

from tonewell.edit import Document
from tonewell.model import Clip, Composition, Key, Track
from tonewell.model.controls import CC_EXPRESSION, CC_SUSTAIN, CC_VOLUME, ControlPoint
from tonewell.ui import theme
from tonewell.ui.piano_roll import PianoRoll, clipboard
from tonewell.ui.piano_roll.pedal_lane import LANE_HEIGHT_PX, PedalLane
from tonewell.ui.piece import OpenPiece
from tonewell.ui.settings import DisplaySettings

OTHERS = (ControlPoint(0, CC_VOLUME, 90), ControlPoint(960, CC_EXPRESSION, 100))
PEDAL = (ControlPoint(0, CC_SUSTAIN, 127), ControlPoint(960, CC_SUSTAIN, 0))
LEFT, NO_BUTTON = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton


@pytest.fixture
def roll(qtbot) -> Iterator[PianoRoll]:
    clipboard.clear()
    clip = Clip("Tune", MELODY, length_bars=2, controls=(*OTHERS, *PEDAL))
    piece = OpenPiece(Document(Composition(key=Key(0, "major"), tracks=(Track("Piano", clips=(
        clip,)),))))
    widget = PianoRoll(piece)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    track = piece.comp.tracks[0]
    widget.set_clip(track.uid, track.clips[0].uid)
    widget.canvas.setFocus()
    yield widget


def pedal(roll: PianoRoll) -> list[tuple[int, int]]:
    clip = roll.state.clip
    assert clip is not None
    return [(p.tick, p.value) for p in clip.controls if p.controller == CC_SUSTAIN]


def others(roll: PianoRoll) -> tuple[ControlPoint, ...]:
    clip = roll.state.clip
    assert clip is not None
    return tuple(p for p in clip.controls if p.controller != CC_SUSTAIN)


def _send(lane: PedalLane, kind: QEvent.Type, at: QPointF, button, buttons) -> None:
    event = QMouseEvent(kind, at, lane.mapToGlobal(at), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(lane, event)


def drag(lane: PedalLane, start: QPointF, end: QPointF, steps: int = 4) -> None:
    _send(lane, QEvent.Type.MouseButtonPress, start, LEFT, LEFT)
    for i in range(1, steps + 1):
        _send(lane, QEvent.Type.MouseMove, start + (end - start) * (i / steps), NO_BUTTON, LEFT)
    _send(lane, QEvent.Type.MouseButtonRelease, end, LEFT, NO_BUTTON)


def click(lane: PedalLane, at: QPointF) -> None:
    drag(lane, at, at, steps=0)


def test_the_lane_sits_under_the_velocity_lane_and_says_what_it_is(roll):
    lane = roll.pedal_lane
    assert roll.findChild(PedalLane, "pedalLane") is lane
    assert lane.accessibleName() == "Sustain pedal"
    assert lane.y() >= roll.lane.y() + roll.lane.height()
    assert lane.x() == roll.canvas.x() and lane.width() == roll.canvas.width()


def test_the_clip_pedal_is_shown_as_a_span(roll):
    spans = roll.pedal_lane.spans()
    assert [(s.start_tick, s.end_tick, s.lifted) for s in spans] == [(0, 960, True)]


def test_a_click_on_empty_lane_presses_the_pedal_for_a_snapped_beat(roll):
    lane = roll.pedal_lane
    click(lane, lane.point_for(1500))  # the 1/16 grid: the cell from 1440
    assert pedal(roll) == [(0, 127), (960, 0), (1440, 127), (1920, 0)]
    assert history(roll)[-1] == "Add pedal press"
    assert others(roll) == OTHERS


def test_dragging_the_start_moves_the_press(roll):
    lane = roll.pedal_lane
    drag(lane, lane.point_for(0) + QPointF(1, 0), lane.point_for(250))
    assert pedal(roll) == [(240, 127), (960, 0)]
    assert history(roll) == ["Move pedal press"]
    assert others(roll) == OTHERS


def test_dragging_the_end_moves_the_release(roll):
    lane = roll.pedal_lane
    drag(lane, lane.point_for(960) - QPointF(1, 0), lane.point_for(1440))
    assert pedal(roll) == [(0, 127), (1440, 0)]
    assert history(roll) == ["Move pedal release"]


def test_dragging_the_middle_moves_the_whole_span_in_one_step(roll):
    lane = roll.pedal_lane
    drag(lane, lane.point_for(480), lane.point_for(960), steps=8)
    assert pedal(roll) == [(480, 127), (1440, 0)]
    assert history(roll) == ["Move pedal press and release"]
    assert others(roll) == OTHERS
    roll.piece.document.undo()
    assert pedal(roll) == [(0, 127), (960, 0)]


def test_a_drag_previews_without_touching_the_model(roll):
    lane = roll.pedal_lane
    start, end = lane.point_for(480), lane.point_for(960)
    _send(lane, QEvent.Type.MouseButtonPress, start, LEFT, LEFT)
    _send(lane, QEvent.Type.MouseMove, end, NO_BUTTON, LEFT)
    assert [(s.start_tick, s.end_tick) for s in lane.spans()] == [(480, 1440)]
    assert pedal(roll) == [(0, 127), (960, 0)] and history(roll) == []
    _send(lane, QEvent.Type.MouseButtonRelease, end, LEFT, NO_BUTTON)


def test_a_double_click_removes_a_span(roll):
    lane = roll.pedal_lane
    at = lane.point_for(480)
    click(lane, at)
    _send(lane, QEvent.Type.MouseButtonDblClick, at, LEFT, LEFT)
    _send(lane, QEvent.Type.MouseButtonRelease, at, LEFT, NO_BUTTON)
    assert pedal(roll) == []
    assert history(roll) == ["Delete pedal press"]
    assert others(roll) == OTHERS


def test_a_double_click_on_empty_lane_keeps_the_press_its_first_click_added(roll):
    lane = roll.pedal_lane
    at = lane.point_for(1500)
    click(lane, at)
    _send(lane, QEvent.Type.MouseButtonDblClick, at, LEFT, LEFT)
    _send(lane, QEvent.Type.MouseButtonRelease, at, LEFT, NO_BUTTON)
    assert pedal(roll) == [(0, 127), (960, 0), (1440, 127), (1920, 0)]


def test_a_click_selects_a_span_and_delete_removes_it_not_the_notes(roll, qtbot):
    lane = roll.pedal_lane
    roll.select_all()
    click(lane, lane.point_for(480))
    assert history(roll) == []  # a click without a move only selects
    qtbot.keyClick(lane, Qt.Key.Key_Delete)
    assert pedal(roll) == []
    assert history(roll) == ["Delete pedal press"]
    assert roll.state.clip is not None and roll.state.clip.notes == MELODY


def test_other_keys_go_back_to_the_note_grid(roll, qtbot):
    lane = roll.pedal_lane
    click(lane, lane.point_for(480))
    lane.setFocus()
    before = roll.state.cursor.tick
    qtbot.keyClick(lane, Qt.Key.Key_Right)
    assert roll.state.cursor.tick > before
    assert roll.canvas.hasFocus()


def test_the_lane_is_not_a_tab_stop(roll):
    assert not roll.pedal_lane.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_painting_with_no_clip_open_does_not_fail(roll):
    roll.set_clip(None, None)
    assert roll.pedal_lane.spans() == ()
    assert not roll.pedal_lane.grab().isNull()
    click(roll.pedal_lane, roll.pedal_lane.point_for(480))
    assert history(roll) == []


def test_painting_spans_and_a_drag_in_progress(roll):
    lane = roll.pedal_lane
    lane.selected = lane.spans()[0]
    assert not lane.grab().isNull()
    _send(lane, QEvent.Type.MouseButtonPress, lane.point_for(480), LEFT, LEFT)
    _send(lane, QEvent.Type.MouseMove, lane.point_for(720), NO_BUTTON, LEFT)
    assert not lane.grab().isNull()
    _send(lane, QEvent.Type.MouseButtonRelease, lane.point_for(720), LEFT, NO_BUTTON)


def test_the_lane_grows_with_the_ui_scale(roll, qapp, restore_look):
    theme.apply_theme(qapp, DisplaySettings("light", 100))
    small = roll.pedal_lane.height()
    theme.apply_theme(qapp, DisplaySettings("light", 200))
    assert roll.pedal_lane.height() >= 2 * LANE_HEIGHT_PX
    assert roll.pedal_lane.height() > small


def test_delete_goes_to_the_lane_before_the_edit_menu_shortcut(roll, qtbot):
    menu_deletes: list[bool] = []
    action = QAction("Delete", roll)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda: menu_deletes.append(True))
    roll.addAction(action)
    lane = roll.pedal_lane
    click(lane, lane.point_for(480))
    lane.setFocus()
    qtbot.keyClick(lane, Qt.Key.Key_Delete)
    assert pedal(roll) == [] and menu_deletes == []
    qtbot.keyClick(lane, Qt.Key.Key_Delete)  # nothing selected here any more: the menu's
    assert menu_deletes == [True]

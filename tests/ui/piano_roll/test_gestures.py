"""Every mouse gesture of the piano roll, asserting the model and the history."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from tests.ui.piano_roll.helpers import MELODY, click, double_click, drag, history, notes

from tonewell.model import Note
from tonewell.ui.piano_roll.velocity_lane import LANE_HEIGHT_PX, MIN_LANE_HEIGHT_PX

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_click_on_empty_grid_places_a_note_in_the_cell_and_sounds_it(roll, qtbot):
    heard = []
    roll.audition_requested.connect(lambda *args: heard.append(args))
    click(roll, 60, 1000)  # inside the 1/16 cell that starts at 960
    placed = Note(960, 60, 480, 100)
    assert placed in notes(roll)
    assert history(roll) == ["Add note"]
    assert heard == [(roll.current_clip()[0], 60, 100)]
    assert roll.state.selection.notes == {placed}


def test_dragging_right_while_placing_draws_a_longer_note(roll):
    drag(roll, (60, 1920), (60, 1920 + 960))
    assert Note(1920, 60, 960, 100) in notes(roll)
    assert history(roll) == ["Add note"]


def test_a_click_on_a_note_selects_it_and_shift_or_ctrl_adds(roll):
    click(roll, 64, 240)
    assert roll.state.selection.notes == {MELODY[0]}
    click(roll, 67, 720, SHIFT)
    click(roll, 72, 1080, CTRL)
    assert roll.state.selection.notes == set(MELODY)
    click(roll, 67, 720)
    assert roll.state.selection.notes == {MELODY[1]}
    assert history(roll) == []


def test_a_whole_drag_is_one_move_and_undo_restores(roll):
    drag(roll, (64, 240), (66, 240 + 480), steps=8)
    assert Note(480, 66, 480, 90) in notes(roll)
    assert MELODY[0] not in notes(roll)
    assert history(roll) == ["Move note"]
    roll.piece.undo()
    assert notes(roll) == MELODY


def test_moving_a_note_sounds_each_new_pitch_once(roll):
    heard = []
    roll.audition_requested.connect(lambda uid, pitch, velocity: heard.append(pitch))
    drag(roll, (64, 240), (66, 240), steps=6)
    assert heard == [65, 66]


def test_dragging_a_selection_moves_all_of_it_in_one_step(roll):
    roll.select_all()
    drag(roll, (67, 720), (67, 720 + 240))
    assert notes(roll) == tuple(
        Note(n.start_tick + 240, n.pitch, n.length_ticks, 90) for n in MELODY
    )
    assert history(roll) == ["Move 3 notes"]


def test_dragging_the_end_of_a_note_resizes_it(roll):
    drag(roll, (64, 464), (64, 944))
    assert Note(0, 64, 960, 90) in notes(roll)
    assert history(roll) == ["Resize note"]
    assert roll.state.snap.length_ticks == 960  # the next note has the same length


def test_dragging_the_start_of_a_note_resizes_it_from_the_left(roll):
    drag(roll, (67, 482), (67, 722))
    assert Note(720, 67, 240, 90) in notes(roll)
    assert history(roll) == ["Resize note"]


def test_a_shift_drag_on_empty_grid_is_a_rubber_band(roll):
    drag(roll, (70, 100), (62, 1000), SHIFT)
    assert roll.state.selection.notes == {MELODY[0], MELODY[1]}
    assert history(roll) == []


def test_delete_removes_the_selection(roll, qtbot):
    click(roll, 64, 240)
    click(roll, 72, 1080, SHIFT)
    qtbot.keyClick(roll.canvas, Qt.Key.Key_Delete)
    assert notes(roll) == (MELODY[1],)
    assert history(roll) == ["Delete 2 notes"]


def test_backspace_removes_the_selection_too(roll, qtbot):
    click(roll, 64, 240)
    qtbot.keyClick(roll.canvas, Qt.Key.Key_Backspace)
    assert notes(roll) == MELODY[1:]


def test_a_double_click_on_a_note_removes_it(roll):
    double_click(roll, 67, 720)
    assert notes(roll) == (MELODY[0], MELODY[2])
    assert history(roll) == ["Delete note"]


def test_a_double_click_on_empty_grid_keeps_the_note_its_first_click_placed(roll):
    double_click(roll, 60, 1000)
    assert Note(960, 60, 480, 100) in notes(roll)
    assert history(roll) == ["Add note"]


def test_the_velocity_lane_drag_is_one_command(roll, qtbot):
    lane = roll.lane
    start = lane.point_for(MELODY[0], 40)
    end = lane.point_for(MELODY[2], 40)
    qtbot.mousePress(lane, Qt.MouseButton.LeftButton, pos=start.toPoint())
    qtbot.mouseMove(lane, end.toPoint())
    qtbot.mouseRelease(lane, Qt.MouseButton.LeftButton, pos=end.toPoint())
    velocities = {n.velocity for n in notes(roll)}
    assert len(velocities) == 1 and abs(velocities.pop() - 40) <= 2
    assert history(roll) == ["Set velocity of 3 notes"]


def test_dragging_the_velocity_lane_top_edge_resizes_it_and_edits_nothing(roll, qtbot):
    lane = roll.lane
    grid_before = roll.canvas.height()
    top = QPoint(200, 1)
    qtbot.mousePress(lane, Qt.MouseButton.LeftButton, pos=top)
    qtbot.mouseMove(lane, QPoint(200, -40))
    qtbot.mouseRelease(lane, Qt.MouseButton.LeftButton, pos=QPoint(200, -40))
    assert lane.height() == LANE_HEIGHT_PX + 41
    qtbot.waitUntil(lambda: roll.canvas.height() < grid_before)
    assert history(roll) == []
    lane.set_lane_height(5)
    assert lane.height() == MIN_LANE_HEIGHT_PX

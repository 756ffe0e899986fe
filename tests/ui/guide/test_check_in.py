"""The check-in and check-out dialog with the keyboard: sliders, the mood grid, Enter, Escape."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tonewell.guide.suggest import Ratings
from tonewell.ui.guide.check_in import CheckInDialog
from tonewell.ui.guide.mood_grid import mood_words

K = Qt.Key


def make(qtbot, **kwargs) -> CheckInDialog:
    dialog = CheckInDialog(**kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_arrows_rate_and_choose_a_mood_and_enter_continues(qtbot):
    dialog = make(qtbot)
    assert dialog.objectName() == "checkInDialog"
    for _ in range(3):
        qtbot.keyClick(dialog.stress.slider, K.Key_Right)
    assert dialog.stress.number.text() == "8"
    grid = dialog.mood
    assert grid.accessibleName() == "Mood: in the middle"
    qtbot.keyClick(grid, K.Key_Left)
    qtbot.keyClick(grid, K.Key_Down)
    qtbot.keyClick(grid, K.Key_Down)
    assert grid.accessibleName() == "Mood: unpleasant and very calm"
    qtbot.keyClicks(dialog.words, "tired")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(grid, K.Key_Return)
    assert dialog.ratings() == Ratings(8, -0.5, -1.0, "tired")


def test_the_grid_stays_inside_its_edges_and_a_click_chooses(qtbot):
    dialog = make(qtbot)
    grid = dialog.mood
    for _ in range(7):
        qtbot.keyClick(grid, K.Key_Up)
        qtbot.keyClick(grid, K.Key_Right)
    assert (grid.pleasant, grid.energy) == (1.0, 1.0)
    assert grid.accessibleName() == "Mood: very pleasant and very energetic"
    cell = grid.width() // 5
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=grid.rect().bottomLeft()
                     + type(grid.rect().topLeft())(cell // 2, -cell // 2))
    assert (grid.pleasant, grid.energy) == (-1.0, -1.0)


def test_escape_skips(qtbot):
    dialog = make(qtbot)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.stress.slider, K.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_check_out_asks_how_meaningful_and_a_reflection(qtbot):
    dialog = make(qtbot, check_out=True)
    assert dialog.objectName() == "checkOutDialog"
    assert dialog.meaningful is not None and dialog.reflection is not None
    assert dialog.meaningful.slider.objectName() == "meaningfulSlider"
    qtbot.keyClick(dialog.meaningful.slider, K.Key_Left)
    qtbot.keyClicks(dialog.reflection, "Calmer now")
    assert dialog.meaningful_value() == 4 and dialog.reflection_text() == "Calmer now"


def test_mood_words():
    assert mood_words(3, 1) == "pleasant and calm"
    assert mood_words(2, 4) == "very energetic"

"""The whole path a person takes, through the real window and only what they can reach: open a
copy of an example as `tonewell FILE` does, click the visible note grid, press Enter, Ctrl+Z,
Ctrl+S, and read the saved file back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tonewell.io.project import load_project
from tonewell.model import Note
from tonewell.ui.empty_state import example_files


def clip_notes(path: Path, place: tuple[int, int]) -> list[Note]:
    comp = load_project(path)
    return sorted(comp.tracks[place[0]].clips[place[1]].notes)


@pytest.mark.parametrize("example", [p.name for p in example_files()])
def test_click_enter_undo_save_through_the_window(window, qtbot, tmp_path, example):
    source = next(p for p in example_files() if p.name == example)
    path = tmp_path / example
    shutil.copyfile(source, path)
    window.start(path)  # what `tonewell FILE` does once the window shows
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.waitUntil(lambda: window.piano_roll.current_clip() is not None, timeout=2000)
    roll = window.findChild(QWidget, "pianoRoll")
    assert roll is window.piano_roll and roll.isVisible()
    place = (0, 0)
    before = clip_notes(path, place)

    canvas = roll.canvas
    grid_centre = canvas.rect().center()
    at = canvas.mapTo(roll, grid_centre)  # a point on the widget named "pianoRoll"
    target = roll.childAt(at)
    assert target is canvas
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     target.mapFrom(roll, at))
    assert QApplication.focusWidget() is canvas
    after_click = sorted(roll.state.clip.notes)
    added = set(after_click) - set(before)
    assert len(added) == 1 and len(after_click) == len(before) + 1

    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert len(roll.state.clip.notes) != len(after_click)  # placed or removed at the cursor
    QTest.keySequence(QApplication.focusWidget(), QKeySequence(QKeySequence.StandardKey.Undo))
    assert sorted(roll.state.clip.notes) == after_click
    QTest.keySequence(QApplication.focusWidget(), QKeySequence(QKeySequence.StandardKey.Save))
    assert not window.piece.dirty and window.piece.path == path
    assert clip_notes(path, place) == after_click


def test_the_grid_centre_is_on_the_canvas_at_small_sizes(window, qtbot, tmp_path):
    path = tmp_path / "copy.tonewell"
    shutil.copyfile(example_files()[0], path)
    window.start(path)
    for size in ((1024, 700), (820, 520)):
        window.resize(*size)
        window.fit_editors()
        qtbot.waitUntil(lambda s=size: window.width() == s[0])
        roll = window.piano_roll
        centre = QPoint(roll.width() // 2, roll.height() // 2)
        assert roll.childAt(centre) is roll.canvas, size


def test_the_same_path_with_a_midi_file_written_by_another_program(window, qtbot, tmp_path):
    """`tonewell song.mid`: the click, Enter, Ctrl+Z and Ctrl+S land in song.mid itself."""
    from tonewell.io.smf import read_midi

    source = Path(__file__).parents[1] / "data/midi/other-programs/abc2midi-tune1.mid"
    path = tmp_path / "tune.mid"
    shutil.copyfile(source, path)
    heard_before = read_midi(path).composition.note_count()
    window.start(path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.waitUntil(lambda: window.piano_roll.current_clip() is not None, timeout=2000)
    roll = window.findChild(QWidget, "pianoRoll")
    canvas = roll.canvas
    at = canvas.mapTo(roll, canvas.rect().center())
    QTest.mouseClick(roll.childAt(at), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     canvas.mapFrom(roll, at))
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QTest.keySequence(QApplication.focusWidget(), QKeySequence(QKeySequence.StandardKey.Undo))
    QTest.keySequence(QApplication.focusWidget(), QKeySequence(QKeySequence.StandardKey.Save))
    assert not window.piece.dirty and window.piece.path == path
    assert read_midi(path).composition.note_count() == heard_before + 1

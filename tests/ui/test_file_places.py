"""Where pieces are saved: examples open as untitled copies, nothing is written into the app's
own folders, new pieces are offered the user's Compositions folder, and Open Recent."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tonewell.io.project import load_project, save_project
from tonewell.ui import file_actions
from tonewell.ui.app_folders import examples_dir, is_inside_app
from tonewell.ui.empty_state import example_files
from tonewell.ui.recent import MAX_RECENT, RecentMenu, add_recent, recent_paths

from .helpers import small_piece


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class SaveAnswers(list):
    """Paths the Save As dialog answers with, in turn (then it is cancelled), and the file
    names each dialog suggested."""

    suggested: list[str]


@pytest.fixture
def save_dialog(monkeypatch) -> SaveAnswers:
    answers = SaveAnswers()
    answers.suggested = []

    def fake(parent, caption, start, filters):
        answers.suggested.append(start)
        return (str(answers.pop(0)) if answers else "", "")

    monkeypatch.setattr(file_actions.QFileDialog, "getSaveFileName", fake)
    return answers


def test_the_app_folders_are_recognised(tmp_path):
    example = example_files()[0]
    assert is_inside_app(example) and is_inside_app(examples_dir() / "new.tonewell")
    assert not is_inside_app(tmp_path / "mine.tonewell")


def test_an_example_opened_by_path_is_an_untitled_copy_and_save_asks_where(
        window, save_dialog, tonewell_home, tmp_path):
    example = example_files()[0]
    before = digest(example)
    assert window.open_path(example)
    assert window.piece.path is None
    window.transport.tempo.setValue(window.piece.comp.tempo_bpm + 7)
    target = tmp_path / "my-waltz.tonewell"
    save_dialog.append(target)
    assert window.menus.save.trigger() is None and window.piece.path == target
    assert Path(save_dialog.suggested[0]).parent == tonewell_home / "Compositions"
    assert load_project(target).tempo_bpm == load_project(example).tempo_bpm + 7
    assert digest(example) == before
    assert not window.isWindowModified()


def test_saving_into_the_examples_folder_is_refused_calmly(window, messages, save_dialog,
                                                           tmp_path):
    example = example_files()[0]
    before = digest(example)
    window.open_path(example)
    save_dialog.append(tmp_path / "elsewhere.tonewell")
    assert window.files.save_to(example)  # refused, then saved where the person chose
    assert digest(example) == before
    assert len(messages) == 1 and "examples and templates" in messages[0]
    assert window.piece.path == tmp_path / "elsewhere.tonewell"
    assert not list(examples_dir().glob("*.bak"))


def test_refusing_and_then_cancelling_writes_nothing(window, messages, save_dialog):
    example = example_files()[0]
    before = digest(example)
    window.open_path(example)
    assert not window.files.save_to(examples_dir() / "copy.tonewell")
    assert not (examples_dir() / "copy.tonewell").exists()
    assert digest(example) == before


def test_a_file_opened_from_the_command_line_saves_back_to_itself(window, qtbot, tmp_path):
    from PySide6.QtCore import Qt

    path = tmp_path / "morning.tonewell"
    save_project(small_piece(), path)
    window.start(path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.transport.tempo.setValue(133)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_project(path).tempo_bpm == 133
    assert not window.isWindowModified()


def test_open_recent_lists_the_newest_first_and_marks_missing_files(window, tmp_path):
    paths = []
    for name in ("a", "b", "c"):
        path = tmp_path / f"{name}.tonewell"
        save_project(small_piece(name.upper()), path)
        paths.append(path)
        assert window.open_path(path)
    assert recent_paths()[:3] == paths[::-1]
    paths[0].unlink()
    menu = window.menus.recent
    menu.rebuild()
    entries = [a for a in menu.actions() if a.objectName() == "recentFileAction"]
    assert [a.text() for a in entries] == ["&1 c.tonewell", "&2 b.tonewell",
                                           "&3 a.tonewell (missing)"]
    assert [a.isEnabled() for a in entries] == [True, True, False]
    entries[1].trigger()
    assert window.piece.title == "B"
    assert recent_paths()[0] == paths[1]
    menu.clear_action.trigger()
    assert recent_paths() == []


def test_open_recent_keeps_ten(tmp_path):
    for i in range(MAX_RECENT + 3):
        add_recent(tmp_path / f"{i}.tonewell")
    assert len(recent_paths()) == MAX_RECENT
    assert recent_paths()[0].name == f"{MAX_RECENT + 2}.tonewell"


def test_the_recent_menu_says_when_it_is_empty(qtbot):
    menu = RecentMenu(lambda _p: None)
    assert next(a.text() for a in menu.actions() if a.text()) == "No pieces yet"
    assert not menu.clear_action.isEnabled()

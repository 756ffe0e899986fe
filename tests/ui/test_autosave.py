"""The safety copy: kept current while editing, offered after a crash, gone after a save or a
clean close. A fake clock stands in for time; TONEWELL_HOME is a fresh folder per test."""

from __future__ import annotations

import pytest

from tonewell.io.autosave import list_recoverable, load_recovery, write_recovery
from tonewell.io.project import save_project
from tonewell.ui import recovery
from tonewell.ui.autosave import INTERVAL_S, AutosaveTimer
from tonewell.ui.main_window import MainWindow
from tonewell.ui.piece import OpenPiece

from .helpers import small_piece


class Clock:
    def __init__(self) -> None:
        self.now_s = 1000.0

    def __call__(self) -> float:
        return self.now_s


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def opened(qtbot, tmp_path, clock):
    piece = OpenPiece()
    path = tmp_path / "morning.tonewell"
    save_project(small_piece(), path)
    from tonewell.io.project import load_project

    piece.load(load_project(path), path)
    saver = AutosaveTimer(piece, clock=clock)
    yield piece, saver, path
    saver.stop()


def test_a_copy_is_written_within_a_minute_of_the_first_change(opened, clock):
    piece, saver, path = opened
    from tonewell.edit.piece_edits import set_tempo

    piece.push(set_tempo(piece.comp, 100))
    saver.check()
    assert list_recoverable() == []  # not due yet
    clock.now_s += INTERVAL_S
    assert INTERVAL_S + saver.timer.interval() / 1000 <= 60
    saver.check()
    [found] = list_recoverable()
    assert found.source_path == path and found.title == "Morning"
    assert load_recovery(found.path).tempo_bpm == 100


def test_saving_discards_the_copy(opened, clock):
    piece, saver, path = opened
    from tonewell.edit.piece_edits import set_tempo

    piece.push(set_tempo(piece.comp, 100))
    clock.now_s += INTERVAL_S
    saver.check()
    assert list_recoverable()
    piece.mark_saved(piece.comp, path)
    assert list_recoverable() == []


def test_nothing_is_written_without_changes(opened, clock):
    _piece, saver, _path = opened
    clock.now_s += 10 * INTERVAL_S
    saver.check()
    assert list_recoverable() == []


def crashed_copy(tmp_path):
    """A recovery copy left behind by a run that ended without closing."""
    path = tmp_path / "morning.tonewell"
    comp = small_piece("Before the crash")
    save_project(comp, path)
    write_recovery(comp, path)
    return comp, path


def test_after_a_crash_the_copy_can_be_restored(qtbot, engine, messages, monkeypatch,
                                                tmp_path):
    _comp, path = crashed_copy(tmp_path)
    asked = []
    monkeypatch.setattr(recovery, "ask_restore", lambda parent, info: asked.append(info) or True)
    window = MainWindow(engine)
    qtbot.addWidget(window)
    window.start()
    assert [i.title for i in asked] == ["Before the crash"]
    assert window.piece.title == "Before the crash" and window.piece.path == path
    assert window.piece.dirty and window.isWindowModified()
    assert window.windowTitle() == "Before the crash[*] — Tonewell"
    assert window.files.save()
    assert list_recoverable() == []


def test_letting_it_go_removes_the_copy_and_opens_the_file(qtbot, engine, messages,
                                                            monkeypatch, tmp_path):
    crashed_copy(tmp_path)
    other = tmp_path / "other.tonewell"
    save_project(small_piece("Other"), other)
    monkeypatch.setattr(recovery, "ask_restore", lambda parent, info: False)
    window = MainWindow(engine)
    qtbot.addWidget(window)
    window.start(other)
    assert list_recoverable() == []
    assert window.piece.title == "Other" and not window.piece.dirty


def test_a_clean_close_leaves_no_copy(qtbot, engine, messages, tmp_path):
    window = MainWindow(engine)
    qtbot.addWidget(window)
    path = tmp_path / "morning.tonewell"
    save_project(small_piece(), path)
    window.open_path(path)
    clock = Clock()
    window.autosave.clock = clock
    window.transport.tempo.setValue(99)
    clock.now_s += INTERVAL_S
    window.autosave.check()
    assert list_recoverable()
    assert window.close()  # "Don't Save" (the messages fixture answers)
    assert list_recoverable() == []


def test_a_session_ending_keeps_unsaved_changes_in_a_copy_without_asking(
    qtbot, engine, messages, monkeypatch, tmp_path
):
    """SIGTERM/SIGHUP (a logout) close the window at once; the changes wait for the next start."""
    from tonewell.ui import file_actions

    asked: list[str] = []
    monkeypatch.setattr(file_actions, "ask_to_save", lambda parent, title: asked.append(title))
    window = MainWindow(engine)
    qtbot.addWidget(window)
    window.show()
    path = tmp_path / "morning.tonewell"
    save_project(small_piece(), path)
    window.open_path(path)
    window.transport.tempo.setValue(99)
    window.close_keeping_a_copy()
    assert not window.isVisible() and asked == []
    [found] = list_recoverable()
    assert found.source_path == path and load_recovery(found.path).tempo_bpm == 99


def test_a_session_ending_with_nothing_unsaved_leaves_no_copy(qtbot, engine, messages, tmp_path):
    window = MainWindow(engine)
    qtbot.addWidget(window)
    window.show()
    path = tmp_path / "morning.tonewell"
    save_project(small_piece(), path)
    window.open_path(path)
    window.close_keeping_a_copy()
    assert not window.isVisible() and list_recoverable() == []

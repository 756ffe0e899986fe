"""Opening a piece reads it off the GUI thread, with a progress dialog that can be cancelled."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton

from tonewell.io.smf import ImportCancelled, write_midi
from tonewell.model import Clip, Composition, Note, Track
from tonewell.ui import open_job
from tonewell.ui.open_job import read_in_background


def slow_reader(seconds: float, result: Composition, seen_threads: list[str]):
    """A stand-in for load_any that takes `seconds`, reporting progress and honouring cancel."""

    def read(path, *, progress=None, cancelled=None):
        seen_threads.append(threading.current_thread().name)
        steps = 40
        for i in range(steps):
            if cancelled is not None and cancelled():
                raise ImportCancelled
            if progress is not None:
                progress(i / steps)
            time.sleep(seconds / steps)
        return result, ["A note about the file."]

    return read


def test_a_real_midi_file_opens_through_the_worker(window, tmp_path):
    clip = Clip("A", tuple(Note(i * 120, 48 + i % 24, 100) for i in range(3000)), length_bars=200)
    path = tmp_path / "long piece.mid"
    write_midi(Composition(title="Long", tracks=(Track("Piano", clips=(clip,)),)), path)
    assert window.open_path(path)
    assert window.piece.comp.note_count() == 3000
    assert window.piece.title == "long piece"


def test_the_window_keeps_working_while_a_file_is_read(window, monkeypatch, tmp_path):
    threads: list[str] = []
    monkeypatch.setattr(open_job, "load_any", slow_reader(0.8, Composition(title="Slow"), threads))
    ticks: list[float] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    shown: list[bool] = []
    QTimer.singleShot(650, lambda: shown.append(
        window.findChild(QProgressDialog, "openProgress").isVisible()))
    assert window.open_path(tmp_path / "slow.mid")
    timer.stop()
    assert threads and threads[0] != threading.main_thread().name
    assert len(ticks) >= 10  # the GUI thread ran its timers while the file was read
    assert shown == [True]  # a read that takes a while shows its progress
    assert window.piece.title == "Slow"
    assert "A note about the file." in window.notices.text()


def test_cancelling_keeps_the_piece_that_was_open(window, monkeypatch, tmp_path):
    before = window.piece.comp
    threads: list[str] = []
    monkeypatch.setattr(open_job, "load_any", slow_reader(5.0, Composition(title="Never"), threads))

    def press_cancel() -> None:  # as a person does: the dialog's Cancel button
        dialog = window.findChild(QProgressDialog, "openProgress")
        dialog.findChild(QPushButton).click()

    QTimer.singleShot(600, press_cancel)
    started = time.monotonic()
    assert not window.open_path(tmp_path / "big.mid")
    assert time.monotonic() - started < 2.0
    assert window.piece.comp is before
    assert "Stopped opening “big.mid”" in window.status_line.text()


def test_a_file_that_reads_quickly_shows_no_dialog(qtbot, tmp_path, monkeypatch):
    threads: list[str] = []
    monkeypatch.setattr(open_job, "load_any", slow_reader(0.0, Composition(title="Quick"), threads))
    outcome = read_in_background(tmp_path / "quick.mid")
    assert outcome.composition is not None and outcome.composition.title == "Quick"
    assert not outcome.cancelled and outcome.error is None

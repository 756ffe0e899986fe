"""A whole guided session in the real window with the keyboard alone: Ctrl+G, the check-in,
a suggested prompt, notes placed with the piano roll's keys until each goal is met, the
check-out; then the session and its version are found in the journal, the version history,
the CSV export and the PDF report."""

from __future__ import annotations

import csv
import shutil
import subprocess
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from conftest import need
from tonewell import cli
from tonewell.io.project import project_from_bytes
from tonewell.library.journal import Journal
from tonewell.ui import session_report

CTRL = Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
          times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifier)


def tab_to(qtbot, name: str, limit: int = 12) -> QWidget:
    for _ in range(limit):
        if focused().objectName() == name:
            return focused()
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name}; at {focused().objectName()}")


def test_a_whole_session_by_keyboard_ends_in_the_journal(window, qtbot, capfd, tmp_path,
                                                          monkeypatch):
    began = time.monotonic()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    guide = window.guide
    press(qtbot, Qt.Key.Key_G, CTRL)  # from the welcome screen: a new piece, then the check-in

    qtbot.waitUntil(lambda: guide.dialog is not None and guide.dialog.isVisible())
    check_in = window.findChild(QWidget, "checkInDialog")
    assert check_in is guide.dialog
    qtbot.waitUntil(lambda: focused().objectName() == "stressSlider")
    press(qtbot, Qt.Key.Key_Left, times=2)  # 5 -> 3
    assert check_in.stress.value() == 3
    tab_to(qtbot, "moodGrid")
    press(qtbot, Qt.Key.Key_Right)  # pleasant, neither calm nor energetic
    assert focused().accessibleName() == "Mood: pleasant"
    tab_to(qtbot, "feelingWords")
    qtbot.keyClicks(focused(), "curious")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: guide.dialog is None)

    panel = window.findChild(QWidget, "promptPanel")
    qtbot.waitUntil(panel.isVisible)
    # no rule matches this check-in, so the default suggestions: arrival groove, emotion sketch
    titles = [b.text() for b in panel.suggestion_buttons]
    assert titles[:2] == ["Arrival groove", "Emotion sketch"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.suggestion_buttons[0])
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Return)
    assert guide.session.prompt.id == "emotion-sketch"

    # step 1: a colour for the sketch, then on
    assert panel.count_label.text() == "Step 1 of 3"
    tab_to(qtbot, "choiceButton")
    press(qtbot, Qt.Key.Key_Tab)  # "Dusky (minor)"
    assert focused().text() == "Dusky (minor)"
    press(qtbot, Qt.Key.Key_Return)
    assert window.piece.comp.key.mode == "natural minor"
    tab_to(qtbot, "nextStepButton")
    press(qtbot, Qt.Key.Key_Return)

    # step 2: eight notes in one clip, placed with the piano roll's own keys
    assert panel.count_label.text() == "Step 2 of 3"
    assert panel.goal_label.text() == "Goal: at least 8 notes in one clip — 0 so far"
    press(qtbot, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)  # back to the piano roll
    assert focused() is window.piano_roll.canvas
    snap = window.piano_roll.state.snap
    steps_per_note = max(1, snap.length_ticks // snap.step_ticks)  # past the note just placed
    for n in range(8):
        press(qtbot, Qt.Key.Key_Return)
        if n < 7:
            assert panel.goal_label.text().endswith(f"{n + 1} so far")
            press(qtbot, Qt.Key.Key_Right, times=steps_per_note)
            press(qtbot, Qt.Key.Key_Up, times=n % 3)
    assert panel.goal_label.text() == "Done: at least 8 notes in one clip ✓"
    assert panel.goal_label.accessibleName() == panel.goal_label.text()
    assert focused() is window.piano_roll.canvas  # the goal did not take the focus away
    press(qtbot, Qt.Key.Key_F6)  # to the panel: Next step
    assert focused() is panel.next_button
    press(qtbot, Qt.Key.Key_Return)

    # step 3 has no goal: Finish leads to the check-out
    assert panel.count_label.text() == "Step 3 of 3"
    assert focused() is panel.finish_button
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: guide.dialog is not None and guide.dialog.isVisible())
    check_out = window.findChild(QWidget, "checkOutDialog")
    qtbot.waitUntil(lambda: focused().objectName() == "stressSlider")
    press(qtbot, Qt.Key.Key_Left, times=3)  # 5 -> 2
    tab_to(qtbot, "meaningfulSlider")
    press(qtbot, Qt.Key.Key_Right, times=3)  # 5 -> 8
    tab_to(qtbot, "reflectionText")
    qtbot.keyClicks(focused(), "It sounded like me")
    press(qtbot, Qt.Key.Key_Tab)  # out of the reflection, onto the buttons
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    assert check_out.result() == 1
    qtbot.waitUntil(lambda: guide.dialog is None)
    elapsed_s = time.monotonic() - began

    assert "Saved as a version in your journal" in panel.done_label.text()
    comp = window.piece.comp
    with Journal() as journal:
        [entry] = journal.sessions()
        snapshots = journal.snapshots(comp.uid)
    assert entry.prompt_id == "emotion-sketch" and entry.prompt_title == "Emotion sketch"
    # the first step chosen and moved on from, the second's goal met
    assert [step.split(".")[0] for step in entry.steps_completed] == ["1", "2"]
    assert entry.steps_completed[1].startswith("2. Draw your feeling in the piano roll")
    assert entry.check_in.stress == 3 and entry.check_in.valence == 0.5
    assert entry.check_in.words == "curious"
    assert entry.check_out.stress == 2 and entry.check_out.meaningful == 8
    assert entry.reflection == "It sounded like me"
    [snapshot] = snapshots
    assert snapshot.name.startswith("Emotion sketch · ")
    kept = project_from_bytes(snapshot.project_bytes)
    assert kept.key.mode == "natural minor"
    assert sorted(n.pitch for t in kept.tracks for c in t.clips for n in c.notes) == sorted(
        n.pitch for t in comp.tracks for c in t.clips for n in c.notes)
    assert kept.note_count() == 8

    # the version in the version history (Journal › Version History…)
    window.menus.version_history.trigger()
    history = window.findChild(QWidget, "versionHistory")
    assert history is not None and [v.snapshot.name for v in history.versions] == [snapshot.name]
    history.close()

    # the session in the CSV export, as `tonewell journal --csv OUT` writes it
    csv_path = tmp_path / "journal.csv"
    assert cli.main(["journal", "--csv", str(csv_path)]) == 0
    [row] = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    assert row["prompt_id"] == "emotion-sketch" and row["reflection"] == "It sounded like me"
    assert row["steps_completed_count"] == "2"

    # and in the PDF report from Journal › Save Session Report as PDF…
    pdf_path = tmp_path / "session.pdf"
    monkeypatch.setattr(session_report.QFileDialog, "getSaveFileName",
                        lambda *args: (str(pdf_path), ""))
    window.menus.session_report.trigger()
    need(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Emotion sketch" in text and "It sounded like me" in text
    assert "3 of 10" in text and "2 of 10" in text  # stress at the start and at the end
    assert capfd.readouterr().err == ""
    with capfd.disabled():
        print(f"\nemotion-sketch walked by keyboard in {elapsed_s:.2f} s")

"""One prompt of each kind walked in the real window with the keyboard alone, every goal met
from the piece itself: a warm-up (Breathing loop), making (Call and response), shaping (the
Resilience song, minor to major) and a close (Cool-down). Each walk counts the keys pressed, the
figure the notes use to estimate how long a first-time person takes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

Mod = Qt.KeyboardModifier


class Keys:
    """Presses keys where the focus is, counting them."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def press(self, key: Qt.Key, modifier: Mod = Mod.NoModifier, times: int = 1) -> None:
        for _ in range(times):
            self.qtbot.keyClick(self.focused(), key, modifier)
            self.count += 1

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focused(), text)
        self.count += len(text)

    def tab_to(self, name: str, limit: int = 16) -> QWidget:
        for _ in range(limit):
            if self.focused().objectName() == name:
                return self.focused()
            self.press(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {name}; at {self.focused().objectName()}")

    def pane(self, widget: QWidget, limit: int = 8) -> None:
        """F6 until the focus is inside `widget` (the panes cycle, as a person would use)."""
        for _ in range(limit):
            if widget is self.focused() or widget.isAncestorOf(self.focused()):
                return
            self.press(Qt.Key.Key_F6)
        raise AssertionError(f"F6 never reached {widget.objectName()}")


def begin(window, qtbot, keys: Keys, prompt_id: str) -> None:
    """Ctrl+G, skip the check-in with Escape, open the prompt from "Browse all prompts…"."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    guide = window.guide
    keys.press(Qt.Key.Key_G, Mod.ControlModifier)
    qtbot.waitUntil(lambda: guide.dialog is not None and guide.dialog.isVisible())
    qtbot.waitUntil(lambda: keys.focused().objectName() == "stressSlider")
    keys.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: guide.dialog is None)
    panel = guide.panel
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.suggestion_buttons[0])
    keys.tab_to("browsePromptsButton")
    keys.press(Qt.Key.Key_Return)
    assert keys.focused() is panel.prompt_list
    while panel.prompt_list.currentItem().data(Qt.ItemDataRole.UserRole) != prompt_id:
        keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)
    assert guide.session.prompt.id == prompt_id


def place(window, keys: Keys, pitches: list[int], *, gap_steps: int | None = None) -> None:
    """Notes one after another at `pitches`, with the piano roll's own keys (the focus is in
    the roll's canvas): arrows to the pitch, Enter, then past the note just placed."""
    roll = window.piano_roll
    snap = roll.state.snap
    steps = gap_steps or max(1, snap.length_ticks // snap.step_ticks)
    for pitch in pitches:
        while roll.state.cursor.pitch < pitch:
            keys.press(Qt.Key.Key_Up)
        while roll.state.cursor.pitch > pitch:
            keys.press(Qt.Key.Key_Down)
        keys.press(Qt.Key.Key_Return)
        keys.press(Qt.Key.Key_Right, times=steps)


def to_roll(window, keys: Keys) -> None:
    keys.press(Qt.Key.Key_F6, Mod.ShiftModifier)
    if keys.focused() is not window.piano_roll.canvas:
        keys.pane(window.piano_roll)
    assert keys.focused() is window.piano_roll.canvas


def next_step(window, keys: Keys) -> None:
    keys.pane(window.guide.panel)
    keys.tab_to("nextStepButton")
    keys.press(Qt.Key.Key_Return)


def goal_done(window) -> bool:
    return window.guide.panel.goal_label.text().startswith("Done:")


def breathing_loop(window, keys: Keys) -> None:
    keys.tab_to("choiceButton")
    keys.press(Qt.Key.Key_Tab)  # "Slow (60)"
    keys.press(Qt.Key.Key_Return)
    assert goal_done(window) and window.piece.comp.tempo_bpm == 60
    next_step(window, keys)
    to_roll(window, keys)
    place(window, keys, [60, 62, 64, 62])
    assert not goal_done(window)  # the clip is 8 bars: the helping hand makes the 4-bar loop
    keys.pane(window.guide.panel)
    keys.tab_to("goalHelpButton")
    keys.press(Qt.Key.Key_Return)
    assert goal_done(window)
    next_step(window, keys)


def call_and_response(window, keys: Keys) -> None:
    assert any(t.name == "Call" for t in window.piece.comp.tracks)
    next_step(window, keys)
    to_roll(window, keys)  # the piano roll is on "Your answer"
    place(window, keys, [67, 65, 64, 62, 60])
    assert goal_done(window)
    next_step(window, keys)


def resilience_song(window, keys: Keys) -> None:
    keys.tab_to("choiceButton")
    keys.press(Qt.Key.Key_Tab)  # "Minor, in the middle"
    keys.press(Qt.Key.Key_Return)
    assert window.piece.comp.key.mode == "natural minor"
    to_roll(window, keys)
    place(window, keys, [60, 63, 62, 60, 58, 60])
    assert goal_done(window)
    next_step(window, keys)
    keys.tab_to("choiceButton")
    keys.press(Qt.Key.Key_Return)  # "Major, where you are"
    keys.pane(window.arrangement)  # a new clip after the first: Insert, then Enter opens it
    keys.press(Qt.Key.Key_Insert)
    keys.press(Qt.Key.Key_Return)
    first = window.piece.comp.tracks[0].clips[0]
    assert window.piano_roll.current_clip() != (window.piece.comp.tracks[0].uid, first.uid)
    assert keys.focused() is window.piano_roll.canvas  # Enter took the focus to the new clip
    place(window, keys, [64, 65, 67, 72])
    assert goal_done(window)
    next_step(window, keys)
    to_roll(window, keys)
    place(window, keys, [60])  # the last note lands home
    assert goal_done(window)


def cool_down(window, keys: Keys) -> None:
    keys.pane(window.transport)
    keys.tab_to("tempoSpin")
    keys.press(Qt.Key.Key_A, Mod.ControlModifier)
    keys.type("60")
    keys.press(Qt.Key.Key_Return)
    assert window.piece.comp.tempo_bpm == 60 and goal_done(window)
    next_step(window, keys)
    to_roll(window, keys)
    place(window, keys, [48, 55, 52], gap_steps=16)
    assert goal_done(window)
    next_step(window, keys)


WALKS: dict[str, Callable] = {
    "breathing-loop": breathing_loop,
    "call-and-response": call_and_response,
    "resilience-song": resilience_song,
    "cool-down": cool_down,
}


@pytest.mark.parametrize("prompt_id", list(WALKS))
def test_each_kind_of_prompt_can_be_walked_by_keyboard(window, qtbot, capfd, prompt_id):
    keys = Keys(qtbot)
    begin(window, qtbot, keys, prompt_id)
    session = window.guide.session
    WALKS[prompt_id](window, keys)
    steps = len(session.prompt.steps)
    goals = sum(1 for s in session.prompt.steps if s.goal is not None)
    met = sum(1 for i, s in enumerate(session.prompt.steps)
              if s.goal is not None and i in session.completed)
    assert met == goals  # every goal of the prompt was met from the piece itself
    assert capfd.readouterr().err == ""
    with capfd.disabled():
        print(f"\n{prompt_id}: {steps} steps, {goals} goals met, {keys.count} keys")

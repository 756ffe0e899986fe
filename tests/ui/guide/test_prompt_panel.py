"""The prompt panel on its own: suggestions, the browse list, a step, its example button."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tonewell.guide.prompts import Choice, Prompt, Step
from tonewell.ui.guide.prompt_panel import PromptPanel

LISTEN = Step("Listen first.", example="A rising phrase.", play="call-phrase")
PLACE = Step("Place notes.", (Choice("Slow", {"tempo_bpm": 60}), Choice("Fast", {})),
             goal={"notes": 4})
ONE = Prompt("one", "First", "To begin.", "check-in", (LISTEN, PLACE))
TWO = Prompt("two", "Second", "To shape.", "shape", (PLACE,), source="/packs/mine.json")


def make(qtbot, play=None) -> PromptPanel:
    panel = PromptPanel(play)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_the_example_button_calls_the_player_with_the_step(qtbot):
    heard: list[Step] = []
    panel = make(qtbot, heard.append)
    panel.show_step(ONE, 0, "")
    assert panel.example_button.isVisible()
    qtbot.keyClick(panel.example_button, Qt.Key.Key_Return)
    assert heard == [LISTEN]
    panel.show_step(ONE, 1, "Goal: 4 notes in the piece — 0 so far")
    assert not panel.example_button.isVisible()  # this step has no example


def test_no_player_no_example_button(qtbot):
    panel = make(qtbot)
    panel.show_step(ONE, 0, "")
    assert not panel.example_button.isVisible()


def test_a_step_shows_its_text_count_choices_and_goal_for_screen_readers(qtbot):
    panel = make(qtbot)
    chosen: list[Choice] = []
    panel.choice_made.connect(chosen.append)
    panel.show_step(ONE, 1, "Goal: 4 notes in the piece — 0 so far")
    assert panel.count_label.text() == "Step 2 of 2"
    assert panel.step_label.accessibleName() == "Place notes."
    assert panel.goal_label.accessibleName() == "Goal: 4 notes in the piece — 0 so far"
    assert [b.text() for b in panel.choice_buttons] == ["Slow", "Fast"]
    qtbot.keyClick(panel.choice_buttons[0], Qt.Key.Key_Space)
    assert chosen == [PLACE.choices[0]]
    assert not panel.next_button.isVisible()  # the last step: Finish
    panel.show_goal("Done: 4 notes in the piece ✓", met=True)
    assert panel.met_label.isVisible() and "There it is" in panel.met_label.accessibleName()


def test_browse_lists_every_prompt_under_its_arc_stage_and_enter_starts_one(qtbot):
    panel = make(qtbot)
    picked: list[object] = []
    panel.prompt_chosen.connect(picked.append)
    panel.show_choices([ONE], [TWO, ONE])
    assert [b.text() for b in panel.suggestion_buttons] == ["First"]
    qtbot.keyClick(panel.browse_button, Qt.Key.Key_Return)
    rows = [panel.prompt_list.item(i).text().strip() for i in range(panel.prompt_list.count())]
    assert rows == ["Check in", "First", "Shape", "Second (from your prompt packs)"]
    assert panel.prompt_list.currentRow() == 1
    qtbot.keyClick(panel.prompt_list, Qt.Key.Key_Down)
    qtbot.keyClick(panel.prompt_list, Qt.Key.Key_Return)
    assert picked == ["two"]  # the stage heading in between is passed over


def test_compose_freely(qtbot):
    panel = make(qtbot)
    picked: list[object] = []
    panel.prompt_chosen.connect(picked.append)
    panel.show_choices([ONE], [ONE])
    qtbot.keyClick(panel.free_button, Qt.Key.Key_Return)
    assert picked == [None]


def test_words_about_an_example_with_nothing_to_play_show_no_listen_button(qtbot):
    panel = PromptPanel(lambda step: None)
    qtbot.addWidget(panel)
    words_only = Prompt("p", "P", "Purpose.", "make", (Step("Hum it.", example="A hum."),))
    panel.show_step(words_only, 0, "")
    assert panel.example_button.isHidden()

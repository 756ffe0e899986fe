"""The prompt panel beside the editors: choose a prompt, follow its steps, and the thank-you.

It shows what the controller tells it and says what the person chose through signals; it
holds no session logic. Pages: the 2-3 suggested prompts (with "Browse all prompts…" and
"Compose freely"), the list of every prompt by arc stage, one step at a time (its text, its
choices, an example to listen to, the goal line, Next step and Finish), and the thank-you.
Step text and goal state are labels whose accessible name is the text they show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCommandLinkButton,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tonewell.guide.prompts import ARC_STAGES, Choice, Prompt, Step

PlayExample = Callable[[Step], None]
MET_WORDS = "There it is. Move on whenever you are ready, or keep shaping it."
FREE_TEXT = ("Compose freely, in your own way and at your own pace. When you are ready, "
             "Finish takes you to a short check-out.")


def _label(name: str, *, wrap: bool = True, caption: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                  | Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if caption:
        label.setProperty("class", "caption")
    return label


def _say(label: QLabel, text: str) -> None:
    """Show `text` and give it to screen readers as the label's name and description."""
    label.setText(text)
    label.setAccessibleName(text)
    label.setAccessibleDescription(text)
    label.setVisible(bool(text))


def _chain(*widgets: QWidget) -> None:
    """Tab visits `widgets` in this order (buttons made later would otherwise come last)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


def _drop(widget: QWidget) -> None:
    """Take a button of the last page away at once (deleteLater alone leaves it in the Tab
    chain until the event loop runs)."""
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(True)  # Enter presses the focused button, as Space does
    return button


class PromptPanel(QWidget):
    """Signals: `prompt_chosen(id or None)` (None: compose freely), `choice_made(Choice)`,
    `next_requested()`, `finish_requested()`."""

    prompt_chosen = Signal(object)
    choice_made = Signal(object)
    help_requested = Signal()
    """The step's helping hand was pressed (e.g. "Loop 4 bars from here")."""
    next_requested = Signal()
    finish_requested = Signal()

    def __init__(self, play_example: PlayExample | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptPanel")
        self.setAccessibleName("Guided session")
        self._play_example = play_example
        self._step: Step | None = None
        self.pages = QStackedWidget()
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 8, 8, 8)
        column.addWidget(self.pages)
        self._build_choose()
        self._build_browse()
        self._build_step()
        self._build_done()

    # --- building ----------------------------------------------------------------------------

    def _build_choose(self) -> None:
        page = QWidget()
        self.choose_heading = _label("chooseHeading")
        _say(self.choose_heading, "Here are a few ideas to begin with. Choose one that "
                                  "feels right, or any other.")
        self.start_label = _label("startingPointText")
        self.start_button = _button("Use this starting point", "startingPointButton")
        self.start_button.clicked.connect(self._use_starting_point)
        self.start_button.hide()
        self._starting_point: Choice | None = None
        self.suggestion_box = QVBoxLayout()
        self.suggestion_buttons: list[QCommandLinkButton] = []
        self.browse_button = _button("Browse all prompts…", "browsePromptsButton")
        self.browse_button.clicked.connect(lambda: self._show_page(self.browse_page))
        self.free_button = _button("Compose freely", "composeFreelyButton")
        self.free_button.clicked.connect(lambda: self.prompt_chosen.emit(None))
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.choose_heading)
        column.addLayout(self.suggestion_box)
        column.addSpacing(8)
        column.addWidget(self.start_label)
        column.addWidget(self.start_button)
        column.addSpacing(8)
        column.addWidget(self.browse_button)
        column.addWidget(self.free_button)
        column.addStretch(1)
        self.choose_page = page
        self.pages.addWidget(page)

    def _build_browse(self) -> None:
        page = QWidget()
        heading = _label("browseHeading")
        _say(heading, "Every prompt, by where it fits in a session. Enter starts one.")
        self.prompt_list = QListWidget()
        self.prompt_list.setObjectName("promptList")
        self.prompt_list.setAccessibleName("All prompts")
        self.prompt_list.itemActivated.connect(self._list_chosen)
        back = _button("Back", "browseBackButton")
        back.clicked.connect(lambda: self._show_page(self.choose_page))
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(heading)
        column.addWidget(self.prompt_list, 1)
        column.addWidget(back)
        self.browse_page = page
        self.pages.addWidget(page)

    def _build_step(self) -> None:
        page = QWidget()
        self.title_label = _label("promptTitle")
        self.title_label.setStyleSheet("font-weight: 600; font-size: 115%;")
        self.count_label = _label("stepCount", caption=True)
        self.step_label = _label("stepText")
        self.choice_row = QVBoxLayout()
        self.choice_buttons: list[QPushButton] = []
        self.example_button = _button("Listen to the example", "exampleButton")
        self.example_button.clicked.connect(self._listen)
        self.help_button = _button("", "goalHelpButton")
        self.help_button.clicked.connect(self.help_requested)
        self.help_button.hide()
        self.goal_label = _label("goalState")
        self.met_label = _label("goalMet", caption=True)
        self.next_button = _button("Next step", "nextStepButton")
        self.next_button.setToolTip("Moving on is always fine")
        self.next_button.clicked.connect(self.next_requested)
        self.finish_button = _button("Finish", "finishButton")
        self.finish_button.setToolTip("End the prompt here and check out")
        self.finish_button.clicked.connect(self.finish_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.finish_button)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title_label, self.count_label, self.step_label):
            column.addWidget(widget)
        column.addLayout(self.choice_row)
        column.addWidget(self.example_button)
        column.addSpacing(6)
        column.addWidget(self.goal_label)
        column.addWidget(self.help_button)
        column.addWidget(self.met_label)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addLayout(buttons)
        self.step_page = page
        self.pages.addWidget(page)

    def _build_done(self) -> None:
        page = QWidget()
        self.done_label = _label("sessionDone")
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.done_label)
        column.addStretch(1)
        self.done_page = page
        self.pages.addWidget(page)

    # --- what the controller shows -----------------------------------------------------------

    def set_play_example(self, play_example: PlayExample | None) -> None:
        self._play_example = play_example
        self.example_button.setVisible(self._example_shown())

    def show_choices(self, suggested: Sequence[Prompt], every: Sequence[Prompt],
                     starting_point: Choice | None = None) -> None:
        """The suggested prompts as big buttons, `every` prompt in the browse list, and the
        check-in's starting point for the piece (if any) with a button to use it."""
        self._starting_point = starting_point
        _say(self.start_label, "" if starting_point is None else
             f"From your check-in, a starting point you might like: {starting_point.label}. "
             "It is only a suggestion; you can change it any time.")
        self.start_button.setText("Use this starting point")
        self.start_button.setEnabled(True)
        self.start_button.setVisible(starting_point is not None)
        for button in self.suggestion_buttons:
            _drop(button)
        self.suggestion_buttons = []
        for prompt in suggested:
            button = QCommandLinkButton(prompt.title, prompt.purpose)
            button.setObjectName("suggestedPrompt")
            button.setAccessibleName(f"{prompt.title}: {prompt.purpose}")
            button.setAutoDefault(True)
            button.clicked.connect(lambda _=False, pid=prompt.id: self.prompt_chosen.emit(pid))
            self.suggestion_box.addWidget(button)
            button.show()  # at once, not after the event loop: the focus may go to it now
            self.suggestion_buttons.append(button)
        _chain(*self.suggestion_buttons, self.start_button, self.browse_button, self.free_button)
        self._fill_list(every)
        self._show_page(self.choose_page)

    def _fill_list(self, every: Sequence[Prompt]) -> None:
        self.prompt_list.clear()
        for stage in ARC_STAGES:
            prompts = [p for p in every if p.arc == stage]
            if not prompts:
                continue
            header = QListWidgetItem(stage.replace("-", " ").capitalize())
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            self.prompt_list.addItem(header)
            for prompt in prompts:
                source = "" if prompt.source == "built-in" else " (from your prompt packs)"
                item = QListWidgetItem(f"   {prompt.title}{source}")
                item.setToolTip(prompt.purpose)
                item.setData(Qt.ItemDataRole.UserRole, prompt.id)
                item.setData(Qt.ItemDataRole.AccessibleTextRole,
                             f"{prompt.title}: {prompt.purpose}")
                self.prompt_list.addItem(item)

    def _list_chosen(self, item: QListWidgetItem) -> None:
        prompt_id = item.data(Qt.ItemDataRole.UserRole)
        if prompt_id:
            self.prompt_chosen.emit(prompt_id)

    def show_step(self, prompt: Prompt, index: int, goal_text: str) -> None:
        """Step `index` of `prompt`, with its goal line (or "" when it has no goal)."""
        step = prompt.steps[index]
        self._step = step
        _say(self.title_label, prompt.title)
        _say(self.count_label, f"Step {index + 1} of {len(prompt.steps)}")
        _say(self.step_label, step.text)
        for button in self.choice_buttons:
            _drop(button)
        self.choice_buttons = []
        for choice in step.choices:
            button = _button(choice.label, "choiceButton")
            button.setAccessibleName(f"Choose {choice.label}")
            button.clicked.connect(lambda _=False, c=choice: self._chose(c))
            self.choice_row.addWidget(button)
            button.show()  # at once, not after the event loop: the focus may go to it now
            self.choice_buttons.append(button)
        _chain(*self.choice_buttons, self.example_button, self.help_button, self.next_button,
               self.finish_button)
        self.example_button.setVisible(self._example_shown())
        last = index + 1 == len(prompt.steps)
        self.next_button.setVisible(not last)
        self.show_goal(goal_text, met=False)
        self._show_page(self.step_page)

    def show_free(self) -> None:
        """Composing freely: a word of encouragement and Finish."""
        self._step = None
        _say(self.title_label, "Free composing")
        _say(self.count_label, "")
        _say(self.step_label, FREE_TEXT)
        for button in self.choice_buttons:
            _drop(button)
        self.choice_buttons = []
        self.example_button.hide()
        self.next_button.hide()
        self.show_goal("", met=False)
        self._show_page(self.step_page)

    def show_help(self, text: str) -> None:
        """A helping hand for the step's goal (a button with `text`), or none when "" ."""
        self.help_button.setText(text)
        self.help_button.setAccessibleName(text)
        self.help_button.setVisible(bool(text))

    def show_goal(self, text: str, *, met: bool) -> None:
        """The goal line; when met, a warm word and Enter on the panel moves on."""
        _say(self.goal_label, text)
        _say(self.met_label, MET_WORDS if met else "")
        primary = self.next_button if self.next_button.isVisibleTo(self) else self.finish_button
        primary.setProperty("class", "primary" if met else "")
        primary.style().unpolish(primary)
        primary.style().polish(primary)

    def show_done(self, text: str) -> None:
        _say(self.done_label, text)
        self._show_page(self.done_page)

    def step_shown(self) -> Step | None:
        return self._step

    # --- the focus ---------------------------------------------------------------------------

    def has_focus_inside(self) -> bool:
        focused = QApplication.focusWidget()
        return focused is not None and self.isAncestorOf(focused)

    def focus_first(self) -> None:
        """Give the keyboard focus to what the person most likely wants on this page."""
        page = self.pages.currentWidget()
        if page is self.choose_page:
            target: QWidget = (self.suggestion_buttons[0] if self.suggestion_buttons
                               else self.browse_button)
        elif page is self.browse_page:
            target = self.prompt_list
        elif page is self.step_page:
            target = next((b for b in self.choice_buttons), None) or (
                self.next_button if self.next_button.isVisibleTo(self) else self.finish_button)
        else:
            target = self.done_label
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_next(self) -> None:
        """After a goal is met: Next step (or Finish) takes the focus, but only when the focus
        is already in the panel, so nobody placing notes in the piano roll loses their place."""
        if self.has_focus_inside():
            button = self.next_button if self.next_button.isVisibleTo(self) else self.finish_button
            button.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- reactions ---------------------------------------------------------------------------

    def _show_page(self, page: QWidget) -> None:
        self.pages.setCurrentWidget(page)
        if page is self.browse_page:
            first = next((i for i in range(self.prompt_list.count())
                          if self.prompt_list.item(i).data(Qt.ItemDataRole.UserRole)), -1)
            self.prompt_list.setCurrentRow(first)
            self.prompt_list.setFocus()

    def _example_shown(self) -> bool:
        return self._play_example is not None and self._step is not None and bool(
            self._step.play)  # words alone ("example" without "play") have nothing to play

    def _listen(self) -> None:
        if self._play_example is not None and self._step is not None:
            self._play_example(self._step)

    def _use_starting_point(self) -> None:
        if self._starting_point is None:
            return
        self.choice_made.emit(self._starting_point)
        self.start_button.setText("Starting point in use (Ctrl+Z takes it back)")
        self.start_button.setEnabled(False)
        if self.suggestion_buttons:  # the disabled button cannot keep the focus
            self.suggestion_buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _chose(self, choice: Choice) -> None:
        self.choice_made.emit(choice)

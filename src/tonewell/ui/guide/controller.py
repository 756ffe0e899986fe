"""The guided session in the window: one `Session` driven by the panel and the piece's events.

Ctrl+G (File › Start a Guided Session…, Journal, the welcome screen) starts a session, or shows
the panel of the one running. A session begins with the check-in, offers prompts, follows the
piece's changes to tell when a step's goal is met, applies a choice's suggestions as one
undoable edit, and ends with the check-out: the piece is kept in the journal as a named version
together with the session. A journal that cannot be written is one calm message; the piece on
screen is never touched by it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

from tonewell.edit import Command, DocumentEvent
from tonewell.edit.new_piece import PieceChoices, build_piece
from tonewell.errors import UserFacingError
from tonewell.guide.call_response import edit_for
from tonewell.guide.choices import choice_command, loop_help, register_pitch
from tonewell.guide.goals import goal_line
from tonewell.guide.journal_entry import entry_for
from tonewell.guide.prompts import Choice, Prompt, Step, load_all, user_packs_dir
from tonewell.guide.session import CheckOut, Session, SessionRecord, Stage
from tonewell.io.project import project_to_bytes
from tonewell.library.journal import Journal
from tonewell.library.records import SessionEntry
from tonewell.ui.guide.check_in import CheckInDialog
from tonewell.ui.guide.prompt_panel import PlayExample, PromptPanel
from tonewell.ui.messages import show_message

if TYPE_CHECKING:
    from tonewell.ui.main_window import MainWindow

PANEL_WIDTH_PX = 250
"""The panel's width at first: enough for a step's text, leaving the piano roll its room."""
PACK_PROBLEM_TEXT = ("Some prompts in {files} could not be read and are left out; the others are "
                     "all here. `tonewell prompts --check FILE` names what to change.")
SAVED_TEXT = ("Thank you for taking this time. Saved as a version in your journal: “{name}”.\n\n"
              "Your piece stays open; keep going if you like, or start another session with "
              "Ctrl+G.")
NOT_SAVED_TEXT = ("Thank you for taking this time. This session could not be kept in the "
                  "journal; the piece itself is untouched and still open, so you can save it "
                  "with Ctrl+S.")


class GuideController(QObject):
    """Owns the running session (None between sessions), the panel and its dock."""

    def __init__(self, window: MainWindow, play_example: PlayExample | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.session: Session | None = None
        self.panel = PromptPanel(play_example)
        self.dock = QDockWidget("Guided session", window)
        self.dock.setObjectName("promptDock")
        self.dock.setAccessibleName("Guided session")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.dock.setAllowedAreas(Qt.DockWidgetArea.RightDockWidgetArea)
        self.dock.setWidget(self.panel)
        self.dock.setMinimumWidth(PANEL_WIDTH_PX * 3 // 4)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.resizeDocks([self.dock], [PANEL_WIDTH_PX], Qt.Orientation.Horizontal)
        self.dock.hide()
        self.dock.visibilityChanged.connect(self._dock_shown)
        self.start_action = QAction("Start a &Guided Session…", window)
        self.start_action.setObjectName("startSessionAction")
        self.start_action.setShortcut(QKeySequence("Ctrl+G"))
        self.start_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.start_action.triggered.connect(lambda _=False: self.start())
        window.addAction(self.start_action)
        self.dialog: CheckInDialog | None = None
        self.last_record: SessionRecord | None = None
        self.last_session_id: int | None = None

        self.panel.prompt_chosen.connect(self._choose)
        self.panel.choice_made.connect(self.apply_choice)
        self.panel.help_requested.connect(self.give_help)
        self.panel.next_requested.connect(self._move_on)
        self.panel.finish_requested.connect(self._finish)
        window.piece.changed.connect(self._piece_changed)

    def _dock_shown(self, visible: bool) -> None:
        """The panel takes its room from the track column first on a narrow window, so the
        piano roll, where the steps are done, keeps as much as it can."""
        if visible:
            QTimer.singleShot(0, lambda: self.window.fit_track_column(shrink_only=True))

    def set_play_example(self, play_example: PlayExample | None) -> None:
        """What "Listen to the example" calls with the step shown (None hides the button)."""
        self.panel.set_play_example(play_example)

    # --- starting ---------------------------------------------------------------------------

    def start(self) -> None:
        """A new session with its check-in, or the running session's panel, with the focus."""
        if self.session is not None and self.session.stage is not Stage.DONE:
            if self.dialog is not None:
                self.dialog.raise_()
                self.dialog.activateWindow()
                return
            self._show_panel()
            return
        if not self.window.piece.comp.tracks:
            if not self.window.files.may_discard():
                return
            self.window.files.start_new(build_piece(PieceChoices()))
        loaded = load_all(user_packs_dir())
        self.session = Session(loaded.prompts)
        files = sorted({problem.file for problem in loaded.problems})
        if files:
            self.window.show_status(PACK_PROBLEM_TEXT.format(
                files=", ".join(Path(f).name for f in files)))
        self._ask(check_out=False)

    def _ask(self, *, check_out: bool) -> None:
        dialog = CheckInDialog(self.window, check_out=check_out)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.finished.connect(lambda result: self._answered(dialog, bool(result)))
        self.dialog = dialog
        dialog.open()

    def _answered(self, dialog: CheckInDialog, accepted: bool) -> None:
        self.dialog = None
        session = self.session
        if session is None:
            return
        if not dialog.is_check_out:
            session.submit_check_in(dialog.ratings() if accepted else None)
            by_id = {p.id: p for p in session.all_prompts()}
            suggested = [by_id[i] for i in session.suggestions()]
            self.panel.show_choices(suggested, session.all_prompts(), session.starting_point())
            self._show_panel()
            return
        check_out = CheckOut(dialog.ratings(), dialog.meaningful_value(),
                             dialog.reflection_text()) if accepted else None
        self._keep(session.submit_check_out(check_out), session.prompt)

    def _show_panel(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.window.activateWindow()  # back from a dialog, the keys reach the panel
        self.panel.focus_first()

    # --- the steps --------------------------------------------------------------------------

    def _choose(self, prompt_id: str | None) -> None:
        session = self.session
        if session is None or session.stage is not Stage.CHOOSE:
            return
        session.choose(prompt_id)
        if prompt_id is None:
            self.panel.show_free()
        else:
            self._show_step()
        self.panel.focus_first()

    def _show_step(self) -> None:
        session = self.session
        assert session is not None and session.prompt is not None
        step = session.step
        assert step is not None
        self._add_to_piece(step)
        comp = self.window.piece.comp
        self.panel.show_step(session.prompt, session.step_index, goal_line(step.goal, comp))
        help_ = self._help()
        self.panel.show_help(help_[0] if help_ else "")
        self._check_goal(comp)

    def _add_to_piece(self, step: Step) -> None:
        """A step that brings something into the piece (the call of call and response) adds it
        as one undoable edit when it begins, and the piano roll opens where the answer goes."""
        call = edit_for(step.adds, self.window.piece.comp) if step.adds else None
        if call is None:
            return
        self.window.piece.push(call.command)
        self.window.piece.seal()
        self.window.piano_roll.set_clip(call.track_uid, call.answer_clip_uid)
        self.window.show_status("The call is in your piece, with room for your answer after "
                                "it. Ctrl+Z takes it away.")

    def _help(self) -> tuple[str, Command] | None:
        """The helping hand for the step shown, built for the clip being edited now."""
        step = self.session.step if self.session is not None else None
        if step is None:
            return None
        clip = self.window.piano_roll.state.clip
        start_tick = clip.start_tick if clip is not None else 0
        return loop_help(step.goal, start_tick,
                         self.window.piece.comp.time_signature.ticks_per_bar)

    def give_help(self) -> None:
        """The helping hand: one undoable edit, said in the status line."""
        help_ = self._help()
        if help_ is not None:
            words, command = help_
            self.window.piece.push(command)
            self.window.piece.seal()
            self.window.show_status(f"{words}: done. Ctrl+Z takes it back.")

    def _check_goal(self, comp: object) -> None:
        session = self.session
        step = session.step if session is not None else None
        if session is None or step is None or step.goal is None:
            return
        newly = session.on_composition(self.window.piece.comp)
        met = session.goal_met_now(self.window.piece.comp)
        self.panel.show_goal(goal_line(step.goal, self.window.piece.comp), met=met)
        if newly:
            self.panel.focus_next()

    def _piece_changed(self, event: DocumentEvent) -> None:
        if self.session is not None and self.session.stage is Stage.STEPS:
            self._check_goal(event.composition)

    def apply_choice(self, choice: Choice) -> None:
        """The choice's suggestions: one undoable edit to the piece, and the piano roll looks
        at its register (the keyboard cursor goes there too)."""
        roll = self.window.piano_roll
        current = roll.current_clip()
        track_uid = current[0] if current is not None else self.window.track_list.selected_track()
        command = choice_command(self.window.piece.comp, track_uid, f"Choose {choice.label}",
                                 choice.sets)
        if command is not None:
            self.window.piece.push(command)
            self.window.piece.seal()
        pitch = register_pitch(choice.sets)
        if pitch is not None:
            roll.show_pitch(pitch)
        self.window.show_status(f"Chosen: {choice.label}. You can change it any time.")

    def _move_on(self) -> None:
        session = self.session
        if session is None or session.stage is not Stage.STEPS:
            return
        session.move_on()
        if session.stage is Stage.STEPS:
            self._show_step()
            self.panel.focus_first()
        else:
            self._ask(check_out=True)

    def _finish(self) -> None:
        session = self.session
        if session is None:
            return
        if session.stage is Stage.STEPS:
            session.finish_steps()
        if session.stage is Stage.CHECK_OUT:
            self._ask(check_out=True)

    # --- the end ----------------------------------------------------------------------------

    def keep_unfinished(self) -> bool:
        """The window is closing during a session: keep the session as far as it went (its
        check-in, the steps done, the piece as a version) with the check-out left out, as a
        skipped check-out would. True when a session was kept; nothing is asked."""
        session = self.session
        if session is None or session.stage is Stage.DONE:
            return False
        if self.dialog is not None:
            self.dialog.finished.disconnect()
            self.dialog = None
        if session.stage is Stage.CHECK_IN:
            session.submit_check_in(None)
        if session.stage is Stage.CHOOSE:
            session.choose(None)
        if session.stage is Stage.STEPS:
            session.finish_steps()
        record = session.submit_check_out(None)
        try:
            self._write(record, session.prompt, datetime.now)
        except UserFacingError:
            return False  # closing: the piece itself is looked after by the close
        return True

    def _write(self, record: SessionRecord, prompt: Prompt | None,
               now: Callable[[], datetime]) -> SessionEntry:
        self.last_record = record
        comp = self.window.piece.comp
        entry = entry_for(record, prompt, comp, project_to_bytes(comp), now())
        with Journal() as journal:
            self.last_session_id = journal.add_session(entry)
        return entry

    def _keep(self, record: SessionRecord, prompt: Prompt | None,
              now: Callable[[], datetime] = datetime.now) -> None:
        """Write the session and the piece's version to the journal, then thank the person."""
        try:
            entry = self._write(record, prompt, now)
        except UserFacingError as err:
            show_message(self.window, "The journal", NOT_SAVED_TEXT, details=str(err),
                         problem=True)
            self.panel.show_done(NOT_SAVED_TEXT)
        else:
            assert entry.snapshot is not None
            self.panel.show_done(SAVED_TEXT.format(name=entry.snapshot.name))
        self._show_panel()


def install_guide(window: MainWindow) -> GuideController:
    """Build the guided session for `window`: its dock, its Ctrl+G action and the welcome
    screen's button. `window.guide.set_play_example(...)` adds the example player."""
    controller = GuideController(window)
    window.empty_state.session_requested.connect(controller.start)
    return controller

"""The session controller in the real window: choices as undoable edits, goals followed from
the piece's changes, Ctrl+G while a session runs, and a journal that cannot be written."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from tonewell.edit.note_edits import add_notes
from tonewell.errors import FileProblem
from tonewell.guide.prompts import Choice
from tonewell.io.project import project_from_bytes
from tonewell.library.journal import Journal
from tonewell.model import Note
from tonewell.ui.guide import controller as controller_module


def start_prompt(window, qtbot, prompt_id: str) -> None:
    guide = window.guide
    guide.start()
    qtbot.waitUntil(lambda: guide.dialog is not None)
    guide.dialog.reject()  # skip the check-in
    assert window.guide.dock.isVisible()
    guide.panel.prompt_chosen.emit(prompt_id)


def test_a_choice_is_one_undoable_edit_and_looks_at_its_register(window, qtbot):
    start_prompt(window, qtbot, "arrival-groove")
    comp = window.piece.comp
    window.guide.apply_choice(Choice("Warm bass", {"program": 32, "register": "low"}))
    window.guide.apply_choice(Choice("Slow", {"tempo_bpm": 60, "mode": "dorian"}))
    assert window.piece.comp.tracks[0].program == 32
    assert window.piano_roll.state.cursor.pitch == 48
    assert (window.piece.comp.tempo_bpm, window.piece.comp.key.mode) == (60, "dorian")
    assert window.piece.undo()
    assert window.piece.comp.tempo_bpm == comp.tempo_bpm and window.piece.comp.key == comp.key
    assert window.piece.comp.tracks[0].program == 32
    assert window.piece.undo() and window.piece.comp == comp


def test_the_goal_line_follows_the_piece(window, qtbot):
    start_prompt(window, qtbot, "arrival-groove")
    panel = window.guide.panel
    panel.next_requested.emit()  # to step 2: four notes in a clip
    assert panel.goal_label.text() == "Goal: at least 4 notes in one clip — 0 so far"
    track = window.piece.comp.tracks[0]
    notes = [Note(start_tick=i * 480, pitch=60, length_ticks=480) for i in range(3)]
    window.piece.push(add_notes(track.uid, track.clips[0], notes).command)
    assert panel.goal_label.text().endswith("— 3 so far")
    assert not panel.met_label.isVisible()
    clip = window.piece.comp.tracks[0].clips[0]
    window.piece.push(add_notes(track.uid, clip, [Note(start_tick=1920, pitch=62,
                                                       length_ticks=480)]).command)
    assert panel.goal_label.text() == "Done: at least 4 notes in one clip ✓"
    assert panel.met_label.isVisible()
    assert window.guide.session.completed == {0, 1}  # step 1 moved on from, step 2 met
    window.piece.undo()
    assert panel.goal_label.text().endswith("— 3 so far")  # shown as it is; still completed


def test_ctrl_g_while_a_session_runs_only_shows_the_panel(window, qtbot):
    start_prompt(window, qtbot, "emotion-sketch")
    session = window.guide.session
    window.guide.dock.close()
    window.guide.start_action.trigger()
    assert window.guide.session is session and window.guide.dock.isVisible()
    assert window.findChild(QWidget, "promptPanel").isVisible()


def test_a_journal_that_cannot_be_written_is_one_calm_message(window, qtbot, messages,
                                                             monkeypatch):
    def refuse(self, entry):
        raise FileProblem("The journal is busy.")

    monkeypatch.setattr(Journal, "add_session", refuse)
    start_prompt(window, qtbot, "emotion-sketch")
    window.guide.panel.finish_requested.emit()
    qtbot.waitUntil(lambda: window.guide.dialog is not None)
    window.guide.dialog.reject()  # skip the check-out
    assert len(messages) == 1 and "the piece itself is untouched" in messages[0]
    assert "untouched" in window.guide.panel.done_label.text()
    assert window.piece.comp.tracks  # the piece is still open


@pytest.mark.parametrize("words", [controller_module.SAVED_TEXT, controller_module.NOT_SAVED_TEXT])
def test_no_judging_words(words):
    assert not any(w in words.lower() for w in ("wrong", "mistake", "fail", "bad", "error"))


def test_a_loop_goal_can_be_met_with_the_helping_hand(window, qtbot):
    start_prompt(window, qtbot, "breathing-loop")
    panel = window.guide.panel
    assert panel.help_button.isHidden()  # the tempo step needs no hand
    panel.next_requested.emit()  # a 4-bar loop with at least 4 notes
    assert panel.help_button.isVisibleTo(panel)
    assert panel.help_button.text() == "Loop 4 bars from here"
    track = window.piece.comp.tracks[0]
    notes = [Note(start_tick=i * 480, pitch=60 + i, length_ticks=480) for i in range(4)]
    window.piece.push(add_notes(track.uid, track.clips[0], notes).command)
    assert not window.guide.session.goal_met_now(window.piece.comp)  # the clip is 8 bars
    panel.help_button.click()
    loop = window.piece.comp.loop
    assert loop.enabled and loop.length_ticks == 4 * window.piece.comp.time_signature.ticks_per_bar
    assert panel.goal_label.text().startswith("Done:")
    assert window.piece.undo() and not window.piece.comp.loop.enabled  # one step


def test_call_and_response_puts_the_call_in_the_piece_and_listens_to_the_answer(window, qtbot):
    played = []
    window.guide.set_play_example(played.append)
    start_prompt(window, qtbot, "call-and-response")
    comp = window.piece.comp
    call_track = next(t for t in comp.tracks if t.name == "Call")
    answer = next(c for c in call_track.clips if c.name == "Your answer")
    assert window.piano_roll.current_clip() == (call_track.uid, answer.uid)
    panel = window.guide.panel
    panel.example_button.click()
    assert played[-1].play == "call-phrase"
    panel.next_requested.emit()  # answer in two bars, ending on the home note
    notes = [Note(start_tick=i * 480, pitch=p, length_ticks=480)
             for i, p in enumerate([67, 65, 64, 62, 60])]
    window.piece.push(add_notes(call_track.uid, answer, notes).command)
    assert panel.goal_label.text().startswith("Done:")
    panel.next_requested.emit()
    panel.example_button.click()
    assert played[-1].play == "answer-back"
    while window.piece.undo():
        pass
    assert not any(t.name == "Call" for t in window.piece.comp.tracks)  # the call is undoable


def test_the_check_in_offers_a_starting_point_the_person_may_take(window, qtbot):
    guide = window.guide
    guide.start()
    qtbot.waitUntil(lambda: guide.dialog is not None)
    guide.dialog.stress.slider.setValue(8)
    guide.dialog.accept()
    panel = guide.panel
    assert panel.start_button.isVisibleTo(panel)
    assert "breath-like" in panel.start_label.accessibleName()
    before = window.piece.comp.tempo_bpm
    panel.start_button.click()
    assert window.piece.comp.tempo_bpm == 60 and not panel.start_button.isEnabled()
    assert window.piece.undo() and window.piece.comp.tempo_bpm == before  # only a suggestion


def test_a_skipped_check_in_offers_no_starting_point(window, qtbot):
    start_prompt(window, qtbot, "arrival-groove")
    assert window.guide.panel.start_button.isHidden()


def test_a_broken_prompt_pack_is_named_and_the_others_still_load(window, qtbot, tmp_path,
                                                                 monkeypatch):
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "mine.json").write_text('{"format": 1, "prompts": [{"id": "x"}]}', "utf-8")
    monkeypatch.setattr(controller_module, "user_packs_dir", lambda: packs)
    shown = []
    monkeypatch.setattr(window, "show_status", shown.append)
    window.guide.start()
    qtbot.waitUntil(lambda: window.guide.dialog is not None)
    assert any("mine.json" in text and "--check" in text for text in shown)
    assert len(window.guide.session.all_prompts()) == 12  # every shipped prompt is there
    window.guide.dialog.reject()


def test_closing_the_window_mid_session_keeps_the_session_as_it_went(window, qtbot):
    start_prompt(window, qtbot, "arrival-groove")
    window.guide.panel.next_requested.emit()  # the first step done
    track = window.piece.comp.tracks[0]
    notes = [Note(start_tick=i * 480, pitch=60, length_ticks=480) for i in range(2)]
    window.piece.push(add_notes(track.uid, track.clips[0], notes).command)
    window.close()
    with Journal() as journal:
        [entry] = journal.sessions()
    assert entry.prompt_id == "arrival-groove" and entry.check_out is None
    assert entry.steps_completed == ("1. " + window.guide.session.prompt.steps[0].text,)
    assert entry.snapshot is not None
    assert project_from_bytes(entry.snapshot.project_bytes).note_count() == 2
    assert not window.guide.keep_unfinished()  # kept once


def test_closing_during_the_check_in_keeps_a_session_too(window, qtbot):
    window.guide.start()
    qtbot.waitUntil(lambda: window.guide.dialog is not None)
    window.close()
    with Journal() as journal:
        [entry] = journal.sessions()
    assert entry.prompt_id == "" and entry.check_in is None


def test_the_panel_takes_its_room_from_the_track_column_on_a_narrow_window(window, qtbot):
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    start_prompt(window, qtbot, "arrival-groove")
    before = window.work_splitter.sizes()[0]
    qtbot.waitUntil(lambda: window.work_splitter.sizes()[0] < before)
    column = window.work_splitter.widget(0)
    assert window.work_splitter.sizes()[0] >= column.minimumSizeHint().width()  # rows whole

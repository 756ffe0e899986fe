"""The main window around a real engine (no audio output) and real files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QToolButton, QWidget

from tonewell.engine.synth import Synth
from tonewell.io.project import load_project, save_project
from tonewell.model import Note
from tonewell.ui.empty_state import example_files
from tonewell.ui.main_window import PREPARING_TEXT, MainWindow
from tonewell.ui.settings import SoundSettings
from tonewell.ui.sound_engine import SoundEngine

from .helpers import accessible_name, small_piece

NAMED = {
    "playButton": (QToolButton, "Play"),
    "stopButton": (QToolButton, "Stop"),
    "loopButton": (QToolButton, "Loop"),
    "metronomeButton": (QToolButton, "Metronome"),
    "panicButton": (QToolButton, "Silence all"),
    "tempoSpin": (QDoubleSpinBox, "Tempo in beats per minute"),
    "countInCombo": (QComboBox, "Count-in: off"),
    "trackList": (QWidget, "Tracks"),
    "arrangement": (QWidget, "Arrangement"),
    "pianoRoll": (QWidget, "Piano roll, no clip open"),
}


def saved_piece(tmp_path: Path, title: str = "Morning") -> Path:
    path = tmp_path / "morning.tonewell"
    save_project(small_piece(title), path)
    return path


def test_window_has_named_widgets_a_screen_reader_can_read(window):
    assert window.objectName() == "mainWindow"
    assert window.windowTitle() == "Untitled[*] — Tonewell"
    for name, (kind, spoken) in NAMED.items():
        widget = window.findChild(kind, name)
        assert widget is not None, name
        assert accessible_name(widget) == spoken, name
    position = window.findChild(QLabel, "positionLabel")
    assert accessible_name(position).startswith("Position: bar 1, beat 1")


def test_an_empty_piece_offers_the_examples(window):
    assert window.stack.currentWidget() is window.empty_state
    assert len(window.empty_state.example_buttons) == len(example_files())


def test_opening_a_project_shows_its_tracks(window, tmp_path):
    assert window.open_path(saved_piece(tmp_path))
    assert window.stack.currentIndex() == 1
    names = [row.name_label.text() for row in window.track_list.rows()]
    assert names == ["Piano", "Kit"]
    assert window.windowTitle() == "Morning[*] — Tonewell"
    assert not window.isWindowModified()
    assert window.transport.tempo.value() == 120


def test_an_example_opens_from_the_welcome_as_an_untitled_copy(window):
    examples = example_files()
    assert examples, "the example pieces (projects/examples) are shipped with the source"
    window.empty_state.example_buttons[0].click()
    assert window.piece.path is None  # Save asks where to keep it
    assert window.piece.comp.uid != load_project(examples[0]).uid
    assert window.track_list.count() == len(window.piece.comp.tracks) > 0


def test_tempo_spin_changes_the_composition_and_the_schedule(window, qtbot, tmp_path):
    window.open_path(saved_piece(tmp_path))
    window.transport.tempo.setValue(96)
    assert window.piece.comp.tempo_bpm == 96
    qtbot.waitUntil(lambda: window.engine.transport.schedule.tempo_map.initial_bpm == 96)
    assert window.isWindowModified()


def test_mute_toggle_changes_the_model_and_what_plays(window, qtbot, tmp_path):
    window.open_path(saved_piece(tmp_path))
    window.track_list.row_widget(0).mute.click()
    assert window.piece.comp.tracks[0].mute
    qtbot.waitUntil(lambda: {n.track_index for n in window.engine.transport.schedule.notes}
                    == {1})
    window.track_list.row_widget(1).volume.setValue(30)
    assert window.piece.comp.tracks[1].volume == 30


def test_loop_button_loops_the_whole_piece(window, tmp_path):
    window.open_path(saved_piece(tmp_path))
    window.transport.button("loopButton").click()
    loop = window.piece.comp.loop
    assert loop.enabled and (loop.start_tick, loop.end_tick) == (0, 2 * 1920)


def test_save_clears_the_changed_mark(window, tmp_path):
    path = saved_piece(tmp_path)
    window.open_path(path)
    window.transport.tempo.setValue(70)
    assert window.files.save()
    assert not window.isWindowModified()
    assert load_project(path).tempo_bpm == 70


def test_save_as_midi_writes_a_copy_and_keeps_the_project(window, tmp_path):
    path = saved_piece(tmp_path)
    window.open_path(path)
    assert window.files.save_to(tmp_path / "copy.mid")
    assert (tmp_path / "copy.mid").stat().st_size > 0
    assert window.piece.path == path


def test_a_midi_import_shows_what_was_not_kept_without_a_box(window, messages, tmp_path):
    import mido

    mid = mido.MidiFile(ticks_per_beat=480)
    track = mido.MidiTrack()
    mid.tracks.append(track)
    track.append(mido.MetaMessage("text", text="hello"))
    track.append(mido.Message("note_on", note=60, velocity=90))
    track.append(mido.Message("note_off", note=60, time=480))
    mid.save(tmp_path / "tune.mid")
    assert window.open_path(tmp_path / "tune.mid")
    assert window.notices.isVisible()
    assert "could not be kept" in window.notices.label.text()
    assert window.piece.path == tmp_path / "tune.mid"  # Ctrl+S saves back to it
    assert messages == []


def test_ctrl_s_saves_an_opened_midi_file_back_to_it(window, messages, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from tonewell.edit.note_edits import add_notes
    from tonewell.io.smf import read_midi, write_midi

    path = tmp_path / "tune.mid"
    write_midi(small_piece("Tune"), path)
    before = path.read_bytes()
    assert window.open_path(path)
    track = window.piece.comp.tracks[0]
    window.piece.push(add_notes(track.uid, track.clips[0], [Note(0, 84, 240)]).command)
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.piece.dirty and window.piece.path == path
    assert (tmp_path / "tune.mid.bak").read_bytes() == before
    saved = read_midi(path).composition
    assert any(n.pitch == 84 for t in saved.tracks for c in t.clips for n in c.notes)
    assert messages == []


def test_a_damaged_file_is_one_calm_message(window, messages, tmp_path):
    bad = tmp_path / "bad.tonewell"
    bad.write_text("{not json", encoding="utf-8")
    assert not window.open_path(bad)
    assert len(messages) == 1
    assert messages[0].startswith("This piece could not be opened.")
    assert window.stack.currentIndex() == 0


def test_without_audio_the_status_says_so_and_playing_still_works(window, qtbot, tmp_path):
    status = window.findChild(QLabel, "soundStatus")
    assert status.text() == "No sound output"
    assert "You can still compose, save and export" in status.toolTip()
    assert window.sound_notice.isVisible()
    window.open_path(saved_piece(tmp_path))
    assert "no sound output right now" in window.sound_notice.text()
    window.transport.play_action.trigger()
    qtbot.waitUntil(lambda: window.engine.position() > 0, timeout=3000)
    assert window.transport.button("playButton").text() == "Pause"
    window.transport.panic_action.trigger()
    window.transport.stop_action.trigger()
    assert window.engine.state() == "stopped"
    assert window.transport.button("playButton").text() == "Play"


def test_the_no_sound_notice_once_dismissed_stays_away(window):
    assert window.sound_notice.isVisible()
    window.sound_notice.dismiss.click()
    window.engine.status_changed.emit()  # e.g. a soundfont finished loading
    assert not window.sound_notice.isVisible()
    assert window.sound_status.text() == "No sound output"  # the short word stays


def test_while_the_sounds_load_the_status_bar_says_so_and_work_goes_on(
    qtbot, messages, bundled_font, tmp_path, monkeypatch
):
    real_load = Synth.load_soundfont_async
    held = []  # the load is held back until the test lets it run
    monkeypatch.setattr(Synth, "load_soundfont_async",
                        lambda synth, path, on_done: held.append((synth, path, on_done)))
    engine = SoundEngine(SoundSettings(), audio=False)  # starts loading the bundled font
    win = MainWindow(engine)
    qtbot.addWidget(win)
    win.show()
    try:
        assert engine.is_loading()
        assert win.soundfont_status.text() == PREPARING_TEXT
        assert "keep working" in win.soundfont_status.toolTip()
        assert win.sound_busy.isVisible()
        assert win.open_path(saved_piece(tmp_path))  # nothing waits for the sounds
        win.transport.tempo.setValue(100)
        assert win.piece.comp.tempo_bpm == 100
        win.transport.play_action.trigger()
        assert engine.is_playing() and "still being prepared" in win.status_line.text()
        win.transport.stop_action.trigger()
        assert engine.is_loading() and len(held) == 1
        real_load(*held[0])
        qtbot.waitUntil(lambda: not engine.is_loading(), timeout=10_000)
        assert win.soundfont_status.text() == f"Soundfont: {bundled_font.stem}"
        assert not win.sound_busy.isVisible()
    finally:
        win.close()
        engine.shutdown()


def test_nothing_to_play_is_said_gently(window):
    window.transport.play_action.trigger()
    assert window.engine.state() == "stopped"
    assert "nothing to play" in window.status_line.text()


def test_the_arrangement_ruler_moves_the_position(window, tmp_path):
    window.open_path(saved_piece(tmp_path))
    window.arrangement.seek_requested.emit(1920)
    assert window.engine.position() == 1920
    assert window.transport.position.text().startswith("2.1")


def test_space_plays_and_pauses_even_from_the_tempo_box(window, qtbot, tmp_path):
    from PySide6.QtCore import Qt

    window.open_path(saved_piece(tmp_path))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.transport.tempo.setFocus()
    qtbot.keyClick(window.transport.tempo, Qt.Key.Key_Space)
    assert window.engine.is_playing()
    qtbot.keyClick(window.arrangement, Qt.Key.Key_Space)
    assert window.engine.state() == "paused"
    qtbot.keyClick(window.arrangement, Qt.Key.Key_Home)
    assert window.engine.position() == 0


def test_sound_settings_open_without_blocking(window, qtbot):
    window.menus.sound.trigger()
    dialog = window.findChild(QWidget, "soundDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_closing_with_changes_asks_first(window, monkeypatch, tmp_path):
    from tonewell.ui import file_actions
    from tonewell.ui.messages import Choice

    window.open_path(saved_piece(tmp_path))
    window.transport.tempo.setValue(100)
    asked = []
    monkeypatch.setattr(file_actions, "ask_to_save",
                        lambda parent, title: asked.append(title) or Choice.CANCEL)
    assert not window.close()
    assert asked == ["Morning"] and window.isVisible()
    monkeypatch.setattr(file_actions, "ask_to_save", lambda parent, title: Choice.DISCARD)
    window.menus.new.trigger()
    dialog = window.findChild(QWidget, "newPieceDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    assert window.piece.title == "Morning"  # kept: the person did not create a new piece


def test_the_title_names_the_piece_then_tonewell_once(window, tmp_path):
    window.open_path(saved_piece(tmp_path))
    assert window.windowHandle().title() == "Morning — Tonewell"
    window.transport.tempo.setValue(100)
    assert window.windowTitle() == "Morning[*] — Tonewell" and window.isWindowModified()
    assert window.windowHandle().title() == "Morning* — Tonewell"


def test_the_editors_sit_in_splitters_beside_the_tracks(window, tmp_path):
    window.open_path(saved_piece(tmp_path))
    assert window.work_splitter.widget(0).isAncestorOf(window.track_list)
    assert window.work_splitter.widget(1) is window.editor_splitter
    assert window.editor_splitter.widget(0) is window.arrangement
    assert window.editor_splitter.widget(1) is window.piano_roll


def test_help_lists_the_shortcuts_and_the_licences(window):
    from PySide6.QtWidgets import QPlainTextEdit, QTableWidget

    window.menus.shortcuts.trigger()
    table = window.findChild(QTableWidget, "shortcutsTable")
    rows = {table.item(r, 1).text(): table.item(r, 0).text() for r in range(table.rowCount())}
    assert rows["Undo"] == "Ctrl+Z" and rows["Redo"] == "Ctrl+Shift+Z or Ctrl+Y"
    assert rows["Save"] == "Ctrl+S" and "Place a note at the cursor" in " ".join(rows)
    window.menus.about.trigger()
    licences = window.findChild(QPlainTextEdit, "aboutLicences").toPlainText()
    assert "MIT License" in licences and "Fluid (R3) Mono GM soundfont (MIT)" in licences


def test_space_plays_and_pauses_from_every_control_but_text_fields(window, qtbot, tmp_path,
                                                                  qtlog):
    from PySide6.QtCore import Qt

    window.open_path(saved_piece(tmp_path))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    row = window.track_list.row_widget(0)
    roll = window.piano_roll
    for widget in (roll.canvas, window.arrangement, window.track_list.view, row.mute,
                   row.volume, row.instrument, roll.grid_box, roll.lane):
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus, timeout=1000)
        playing = window.engine.is_playing()
        qtbot.keyClick(widget, Qt.Key.Key_Space)
        assert window.engine.is_playing() != playing, widget.objectName()
        assert not row.mute.isChecked() and not roll.grid_box.view().isVisible()
    window.transport.stop_action.trigger()
    row.start_rename()
    qtbot.keyClick(row.name_edit, Qt.Key.Key_Space)
    assert not window.engine.is_playing() and row.name_edit.text().endswith(" ")
    assert not [r for r in qtlog.records if "Ambiguous" in r.message]

"""Edit › Piece Settings in the real window: title, key, meter and tempo as one undo step."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from tonewell.model import Key, TimeSignature
from tonewell.ui.piece_settings import HEADER_TIP, PieceSettingsDialog

from .helpers import small_piece


def open_dialog(window) -> PieceSettingsDialog:
    window.menus.piece_settings.trigger()
    return shown_dialog(window)


def shown_dialog(window) -> PieceSettingsDialog:
    """The dialog on screen (one closed a moment ago may not be deleted yet)."""
    shown = [d for d in window.findChildren(PieceSettingsDialog, "pieceSettingsDialog")
             if d.isVisible()]
    assert len(shown) == 1
    return shown[0]


def load_morning(window) -> None:
    window.piece.load(small_piece("Morning"), None)


def test_ok_changes_title_key_and_tempo_and_one_undo_brings_all_back(window):
    load_morning(window)
    before = window.piece.comp
    dialog = open_dialog(window)
    assert dialog.title.text() == "Morning"
    assert (dialog.fields.tonic.currentText(), dialog.fields.scale.currentText()) == ("C", "major")
    assert dialog.fields.meter.currentText() == "4/4" and dialog.fields.tempo.value() == 120
    dialog.title.setText("Resilience song")
    dialog.fields.tonic.setCurrentText("A")
    dialog.fields.scale.setCurrentText("natural minor")
    dialog.fields.tempo.setValue(72)
    dialog.ok_button.click()

    comp = window.piece.comp
    assert (comp.title, comp.key, comp.tempo_bpm) == (
        "Resilience song", Key(9, "natural minor"), 72)
    assert window.windowTitle() == "Resilience song[*] — Tonewell"
    assert window.title_label.text() == "Resilience song"
    assert window.summary_label.text().startswith("A natural minor · 4/4")
    assert window.edits.undo.text() == "&Undo Piece settings"

    assert window.piece.undo()
    assert window.piece.comp == before  # one step held all three changes
    assert not window.piece.document.history.can_undo
    assert window.title_label.text() == "Morning"
    assert window.summary_label.text().startswith("C major · 4/4")


def test_cancel_and_escape_change_nothing(window, qtbot):
    load_morning(window)
    before = window.piece.comp
    for close in ("cancel", "escape"):
        dialog = open_dialog(window)
        dialog.title.setText("Something else")
        dialog.fields.scale.setCurrentText("dorian")
        dialog.fields.tempo.setValue(60)
        if close == "cancel":
            dialog.reject()
        else:
            qtbot.keyClick(dialog.title, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
        assert window.piece.comp == before
        assert not window.piece.document.history.can_undo


def test_ok_with_nothing_changed_pushes_no_step(window, qtbot):
    load_morning(window)
    dialog = open_dialog(window)
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert not window.piece.document.history.can_undo
    assert not window.isWindowModified()


def test_a_fractional_tempo_left_alone_is_not_rounded(window, qtbot):
    comp = small_piece()
    window.piece.load(replace(comp, tempo_map=comp.tempo_map.with_initial_bpm(72.5)), None)
    dialog = open_dialog(window)
    dialog.title.setText("Slow")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert window.piece.comp.title == "Slow" and window.piece.comp.tempo_bpm == 72.5


def test_keyboard_only_shortcut_tab_through_fields_and_enter(window, qtbot):
    load_morning(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_P,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = shown_dialog(window)
    qtbot.waitUntil(lambda: dialog.title.hasFocus())
    qtbot.keyClicks(dialog.title, "Resilience")  # the old title is selected: typing replaces it
    fields = dialog.fields
    order = []
    for widget, keys in ((fields.tonic, [Qt.Key.Key_End, Qt.Key.Key_Up, Qt.Key.Key_Up]),
                         (fields.scale, [Qt.Key.Key_Down]),
                         (fields.meter, []),
                         (fields.tempo, [])):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        order.append(dialog.focusWidget())
        for key in keys:
            qtbot.keyClick(widget, key)
    assert order == [fields.tonic, fields.scale, fields.meter, fields.tempo]
    qtbot.keyClicks(fields.tempo.lineEdit(), "66")  # Tab selected the old value
    qtbot.keyClick(fields.tempo, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    comp = window.piece.comp
    assert (comp.title, comp.key, comp.tempo_bpm) == ("Resilience", Key(9, "natural minor"), 66)


def test_a_shorter_meter_says_calmly_what_it_does_and_loses_no_note(window):
    load_morning(window)
    before = window.piece.comp
    dialog = open_dialog(window)
    assert dialog.meter_note.isHidden()
    dialog.fields.meter.setCurrentText("3/4")
    assert dialog.meter_note.isVisibleTo(dialog)
    # the tune's fourth beat no longer fits its one-bar clip
    assert "1 note falls past a clip's end" in dialog.meter_note.text()
    dialog.ok_button.click()
    comp = window.piece.comp
    assert comp.time_signature == TimeSignature(3, 4)
    assert [c.notes for t in comp.tracks for c in t.clips] == [
        c.notes for t in before.tracks for c in t.clips]
    window.piece.undo()
    assert window.piece.comp == before


def test_every_field_has_an_accessible_name(window):
    dialog = open_dialog(window)
    fields = dialog.fields
    names = [w.accessibleName() for w in
             (dialog.title, fields.tonic, fields.scale, fields.meter, fields.tempo)]
    assert names == ["Title", "Key", "Scale", "Meter", "Tempo in beats per minute"]
    assert [fields.scale.itemText(i) for i in range(fields.scale.count())][:2] == [
        "major", "natural minor"]


def test_the_piece_header_opens_the_dialog_by_click_and_by_enter(window, qtbot):
    load_morning(window)
    header = window.piece_header
    assert header.toolTip() == HEADER_TIP
    qtbot.mouseClick(header, Qt.MouseButton.LeftButton)
    shown_dialog(window).reject()
    header.setFocus()
    qtbot.keyClick(header, Qt.Key.Key_Return)
    shown_dialog(window)

"""The instrument picker: families, search as you type, drums as their own kind, the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tonewell.model.gm import GM_FAMILIES
from tonewell.ui.instrument_picker import InstrumentPicker, instrument_entries, matches


def picker(qtbot, program: int = 0, is_drum: bool = False, **kwargs) -> InstrumentPicker:
    dialog = InstrumentPicker(program, is_drum, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_every_gm_program_is_listed_once_under_its_family():
    seen = {
        program: family
        for family, items in instrument_entries()
        for _, program, is_drum in items
        if not is_drum
    }
    assert sorted(seen) == list(range(128))
    assert all(seen[p] == GM_FAMILIES[p // 8][0] for p in seen)
    assert ("Drums", [("Drum kit", 0, True)]) in instrument_entries()


def test_search_matches_instrument_or_family_words():
    assert matches("flute", "Pipe", "Pan Flute")
    assert matches("pipe", "Pipe", "Recorder")
    assert matches("grand pia", "Piano", "Acoustic Grand Piano")
    assert not matches("flute", "Reed", "Oboe")


def test_it_opens_on_the_tracks_instrument(qtbot):
    dialog = picker(qtbot, program=73)
    assert dialog.objectName() == "instrumentPicker"
    assert dialog.current_choice() == (73, False)
    assert dialog.tree.currentItem().text(0) == "Flute"


def test_typing_filters_by_instrument_name(qtbot):
    dialog = picker(qtbot)
    qtbot.keyClicks(dialog.search, "flute")
    assert dialog.visible_names() == ["Flute", "Pan Flute"]
    assert dialog.current_choice() == (73, False)  # the first match is ready for Enter


def test_typing_a_family_shows_all_its_instruments(qtbot):
    dialog = picker(qtbot)
    qtbot.keyClicks(dialog.search, "strings")
    names = dialog.visible_names()
    assert "Violin" in names and "Timpani" in names  # the Strings family
    assert "Synth Strings 1" in names  # and instruments with the word in their name
    assert "Flute" not in names


def test_no_match_says_so_and_cannot_be_chosen(qtbot):
    dialog = picker(qtbot)
    qtbot.keyClicks(dialog.search, "zzz")
    assert dialog.visible_names() == []
    assert dialog.empty_label.isVisible()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.choice() is None


def test_drums_are_their_own_kind(qtbot):
    dialog = picker(qtbot)
    qtbot.keyClicks(dialog.search, "drum kit")
    assert dialog.visible_names() == ["Drum kit"]
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.choice() == (0, True)


def test_keyboard_alone_chooses_type_arrows_enter(qtbot):
    dialog = picker(qtbot)
    qtbot.keyClicks(dialog.search, "sax")
    assert dialog.visible_names() == ["Soprano Sax", "Alto Sax", "Tenor Sax", "Baritone Sax"]
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Enter)
    assert dialog.choice() == (65, False)  # Alto Sax


def test_cancel_returns_nothing(qtbot):
    dialog = picker(qtbot, program=40)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.choice() is None


def test_listen_plays_the_selected_instrument(qtbot):
    heard: list[tuple[int, bool]] = []
    dialog = picker(qtbot, audition=lambda program, is_drum: heard.append((program, is_drum)))
    qtbot.keyClicks(dialog.search, "cello")
    qtbot.mouseClick(dialog.listen, Qt.MouseButton.LeftButton)
    assert heard == [(42, False)]


def test_listen_is_off_without_a_way_to_play(qtbot):
    dialog = picker(qtbot)
    assert not dialog.listen.isEnabled()

"""The library in the window: keyboard search and Enter continue a piece, from its file or
from the journal, through the window's own open path."""

from __future__ import annotations

import os
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tonewell.io.paths import user_compositions_dir
from tonewell.io.project import project_to_bytes, save_project
from tonewell.library.catalog import Catalog
from tonewell.library.journal import Journal
from tonewell.library.records import SessionEntry, Snapshot
from tonewell.ui.library_view import EMPTY_TEXT, LibraryView, entry_lines, read_library
from tonewell.ui.recent import add_recent

from .helpers import small_piece


def fill_library(tmp_path):
    """Two files (one in the Compositions folder, one elsewhere and recent) and one piece kept
    only in the journal."""
    folder = user_compositions_dir()
    rain = small_piece("Rain on the roof")
    save_project(rain, folder / "rain.tonewell")
    os.utime(folder / "rain.tonewell", (time.time() - 86400 * 3,) * 2)
    elsewhere = tmp_path / "morning.tonewell"
    save_project(small_piece("Morning"), elsewhere)
    add_recent(elsewhere)
    gift = small_piece("A gift")
    with Journal() as journal:
        journal.add_session(SessionEntry(
            started_at="2026-01-05T10:00:00Z", duration_s=900, reflection="For my brother Tomás",
            composition_uid=gift.uid, composition_title="A gift",
            snapshot=Snapshot("Gift melody · 5 Jan 2026, 10:15", project_to_bytes(gift),
                              saved_at="2026-01-05T10:15:00Z")))
    return rain, elsewhere, gift


def library_of(window) -> LibraryView:
    view = window.findChild(QDialog, "libraryView")
    assert isinstance(view, LibraryView)
    return view


def test_typing_a_title_and_enter_opens_the_file_through_the_window(qtbot, window, tmp_path):
    rain, _morning, _gift = fill_library(tmp_path)
    window.menus.library.trigger()
    view = library_of(window)
    assert [e.title for e in view.shown] == ["Morning", "Rain on the roof", "A gift"]
    assert view.search_box.hasFocus() or view.focusWidget() is view.search_box
    qtbot.keyClicks(view.search_box, "RAIN")
    assert [e.title for e in view.shown] == ["Rain on the roof"]
    assert "Last worked on 3 days ago" in view.list.item(0).text()
    qtbot.keyClick(view.search_box, Qt.Key.Key_Return)
    assert window.piece.path == user_compositions_dir() / "rain.tonewell"
    assert window.piece.comp.uid == rain.uid
    qtbot.waitUntil(lambda: not view.isVisible())


def test_a_piece_kept_only_in_the_journal_opens_untitled_keeping_its_uid(qtbot, window,
                                                                          tmp_path):
    _rain, _morning, gift = fill_library(tmp_path)
    window.menus.library.trigger()
    view = library_of(window)
    qtbot.keyClicks(view.search_box, "tomas")  # a word of its reflection, without the accent
    assert [e.title for e in view.shown] == ["A gift"]
    assert "“For my brother Tomás”" in view.list.item(0).text()
    qtbot.keyClick(view.search_box, Qt.Key.Key_Backspace)
    qtbot.keyClick(view.list, Qt.Key.Key_Return)
    assert window.piece.path is None
    assert window.piece.comp.uid == gift.uid
    assert window.piece.comp.note_count() == gift.note_count()


def test_arrows_in_the_search_box_move_through_the_list(qtbot, window, tmp_path):
    fill_library(tmp_path)
    window.menus.library.trigger()
    view = library_of(window)
    assert view.list.currentRow() == 0
    qtbot.keyClick(view.search_box, Qt.Key.Key_Down)
    assert view.list.currentRow() == 1
    qtbot.keyClick(view.search_box, Qt.Key.Key_Return)
    assert window.piece.comp.title == "Rain on the roof"


def test_the_welcome_screen_opens_the_library(qtbot, window):
    assert window.empty_state.isVisible()
    window.empty_state.library_button.click()
    view = library_of(window)
    assert view.empty.isVisible() and view.empty.text() == EMPTY_TEXT
    assert not view.list.isVisible() and not view.open_button.isEnabled()


def test_a_search_that_finds_nothing_says_so_calmly(qtbot, tmp_path):
    fill_library(tmp_path)
    view = LibraryView(read_library(None))
    qtbot.addWidget(view)
    view.search_box.setText("volcano")
    assert view.shown == [] and "Try another word" in view.empty.text()
    assert view.summary.text() == "0 of 3 pieces"


def test_an_unreadable_file_is_shown_greyed_with_its_note(qtbot, tmp_path):
    broken = user_compositions_dir() / "broken.tonewell"
    broken.write_text("{ not quite")
    catalog = read_library(None)
    view = LibraryView(catalog)
    qtbot.addWidget(view)
    assert catalog.unreadable == 1
    item = view.list.item(0)
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
    assert item.text() == entry_lines(catalog.entries[0], view.now_s)
    assert "could not be read" in item.text() and "greyed" in view.summary.text()
    assert view.current_entry() is None


def test_an_empty_catalog_explains_how_pieces_arrive(qtbot):
    view = LibraryView(Catalog(()))
    qtbot.addWidget(view)
    assert "Your pieces will gather here" in view.empty.text()

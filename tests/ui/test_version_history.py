"""The version history in the window: the piece's versions newest first, Listen, Open as a
Copy, and Restore as one undo step."""

from __future__ import annotations

from dataclasses import replace

from tonewell.io.project import project_to_bytes
from tonewell.library.journal import Journal
from tonewell.library.records import SessionEntry, Snapshot
from tonewell.model import Composition
from tonewell.ui.version_history import (
    NO_VERSIONS_TEXT,
    VersionHistory,
    open_version_history,
    window_listen,
)

from .helpers import small_piece


def keep_versions(piece: Composition) -> tuple[Composition, Composition]:
    """Two sessions of `piece` in the journal: a one-track sketch, then the two-track piece."""
    sketch = piece.with_tracks(piece.tracks[:1])
    with Journal() as journal:
        for day, (version, words) in enumerate(((sketch, "Just a start"),
                                                (piece, "It sounds like morning")), start=1):
            journal.add_session(SessionEntry(
                started_at=f"2026-02-0{day}T09:00:00Z", duration_s=600, reflection=words,
                composition_uid=piece.uid, composition_title=piece.title,
                snapshot=Snapshot(f"Free composing · {day} Feb 2026, 09:10",
                                  project_to_bytes(version),
                                  saved_at=f"2026-02-0{day}T09:10:00Z")))
    return sketch, piece


def test_listen_gets_the_chosen_version_and_restore_is_one_undo_step(qtbot, window):
    now = small_piece("Morning")
    sketch, _whole = keep_versions(now)
    later = replace(now, tracks=now.tracks[1:])  # the piece as it is open today: drums only
    window.piece.load(later, None)
    heard: list[tuple[Composition, str]] = []
    dialog = open_version_history(window, listen=lambda comp, label: heard.append((comp, label)))
    assert isinstance(dialog, VersionHistory) and dialog.objectName() == "versionHistory"
    assert dialog.list.count() == 2
    assert dialog.list.item(0).text().startswith("Free composing · 2 Feb 2026")
    assert "“It sounds like morning”" in dialog.list.item(0).text()
    dialog.list.setCurrentRow(1)
    older = dialog.list.item(1).text()
    assert "“Just a start”" in older and "8 notes" in older
    dialog.listen_button.click()
    assert heard == [(sketch, "Free composing · 1 Feb 2026, 09:10")]
    assert [t.name for t in heard[0][0].tracks] == ["Piano"]

    dialog.restore_button.click()
    assert [t.name for t in window.piece.comp.tracks] == ["Piano"]
    assert window.status_line.text().startswith(
        "Restored “Free composing · 1 Feb 2026, 09:10”")
    assert window.piece.comp.uid == now.uid and window.piece.dirty
    assert window.piece.document.history.undo_name == "Restore an earlier version"
    assert window.piece.undo()
    assert window.piece.comp == later
    assert not window.piece.document.history.can_undo
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_open_as_a_copy_is_a_new_untitled_piece(qtbot, window):
    now = small_piece("Morning")
    keep_versions(now)
    window.piece.load(now, None)
    dialog = open_version_history(window, listen=lambda comp, label: None)
    dialog.list.setCurrentRow(1)
    dialog.copy_button.click()
    copy = window.piece.comp
    assert window.piece.path is None and copy.uid != now.uid
    assert [t.name for t in copy.tracks] == ["Piano"]
    assert copy.title.startswith("Morning (")


def test_no_versions_yet_says_when_they_are_saved(qtbot, window):
    window.menus.version_history.trigger()
    dialog = window.findChild(VersionHistory, "versionHistory")
    assert dialog is not None
    assert dialog.empty.isVisible() and dialog.empty.text() == NO_VERSIONS_TEXT
    assert not dialog.listen_button.isEnabled() and not dialog.restore_button.isEnabled()


def test_the_window_listens_through_its_example_player(qtbot, window, monkeypatch):
    played: list[str] = []
    monkeypatch.setattr(window.examples, "play", lambda comp, label: played.append(label))
    window_listen(window)(small_piece(), "Free composing")
    assert played == ["Free composing"]

"""The context menus offer the same edits as the mouse and the keys, named for the history."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog

from tonewell.ui.arrangement import menus

from .points import BAR, names


def action(menu, name: str) -> QAction:
    found = menu.findChild(QAction, name)
    assert found is not None, [a.objectName() for a in menu.actions()]
    return found


def select(view, piece, track: int) -> None:
    t = piece.comp.tracks[track]
    view.select_clip((t.uid, t.clips[0].uid))


def test_duplicate_from_the_menu_places_the_copy_after_the_clip(view, piece):
    select(view, piece, 0)
    action(menus.clip_menu(view), "duplicate").trigger()
    assert [c.start_tick for c in piece.comp.tracks[0].clips] == [0, BAR]
    assert names(piece) == ["Duplicate clip Tune"]


def test_repeat_asks_how_many_times(view, piece, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getInt", lambda *args, **kwargs: (4, True))
    select(view, piece, 1)
    action(menus.clip_menu(view), "repeat").trigger()
    assert piece.comp.tracks[1].clips[0].repeats == 4
    assert names(piece) == ["Repeat clip Beat 4 times"]


def test_repeat_once_fewer_is_off_for_a_clip_played_once(view, piece):
    select(view, piece, 0)
    assert not action(menus.clip_menu(view), "repeat_once_fewer").isEnabled()
    action(menus.clip_menu(view), "repeat_once_more").trigger()
    assert action(menus.clip_menu(view), "repeat_once_fewer").isEnabled()


def test_delete_from_the_menu_is_undoable(view, piece):
    select(view, piece, 0)
    action(menus.clip_menu(view), "delete").trigger()
    assert piece.comp.tracks[0].clips == ()
    piece.undo()
    assert [c.name for c in piece.comp.tracks[0].clips] == ["Tune"]


def test_the_lane_menu_adds_a_clip_at_its_bar(view, piece):
    action(menus.lane_menu(view, piece.comp.tracks[2].uid, 6), "new_clip").trigger()
    (clip,) = piece.comp.tracks[2].clips
    assert (clip.name, clip.start_tick) == ("Pattern 1", 6 * BAR)
    assert names(piece) == ["Add clip Pattern 1"]

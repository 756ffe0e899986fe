"""The arrangement's context menus: what can be done to a clip, or at an empty place of a lane.

Each entry shows its key, so the menu also teaches the keyboard (the Menu key or Shift+F10 opens
it on the selected clip). The entries only call the view's own actions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QWidget

if TYPE_CHECKING:
    from tonewell.ui.arrangement.widget import Arrangement


def clip_menu(view: Arrangement, parent: QWidget | None = None) -> QMenu:
    """Actions on the selected clip."""
    menu = QMenu(parent or view)
    menu.setObjectName("clipMenu")
    entries = (
        ("Open in piano roll", "Enter", view.open_selected),
        (None, None, None),
        ("Duplicate", "Ctrl+D", view.duplicate_selected),
        ("Repeat once more", "+", view.repeat_once_more),
        ("Repeat once fewer", "−", view.repeat_once_fewer),
        ("Repeat…", None, view.ask_repeats),
        (None, None, None),
        ("Delete", "Del", view.delete_selected),
    )
    clip = view.selected_clip_object()
    for text, key, slot in entries:
        if text is None or slot is None:
            menu.addSeparator()
            continue
        action = menu.addAction(f"{text}\t{key}" if key else text)
        action.setObjectName(text.rstrip("…").replace(" ", "_").lower())
        action.triggered.connect(lambda _checked=False, run=slot: run())
        if slot == view.repeat_once_fewer:
            action.setEnabled(clip is not None and clip.repeats > 1)
    return menu


def lane_menu(view: Arrangement, track_uid: int, bar: int, parent: QWidget | None = None) -> QMenu:
    """Actions at an empty place of a lane."""
    menu = QMenu(parent or view)
    menu.setObjectName("laneMenu")
    action = menu.addAction(f"New clip at bar {bar + 1}\tdouble-click")
    action.setObjectName("new_clip")
    action.triggered.connect(lambda _checked=False: view.new_clip_at(track_uid, bar))
    return menu

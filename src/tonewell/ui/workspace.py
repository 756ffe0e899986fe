"""Wiring the editor widgets into the window: the piano roll below, the arrangement above.

The widgets are built by other parts of the app (`tonewell.ui.piano_roll`,
`tonewell.ui.arrangement`); this module knows only their interfaces. `install_editors` builds
the ones that are present; until the arrangement exists the window keeps its read-only
overview in that place. What the piano roll shows first when a piece opens is decided by
`tonewell.edit.new_piece.clip_to_show`.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any

from tonewell.edit import Action, DocumentEvent
from tonewell.edit.new_piece import clip_place, clip_to_show, clip_uids, remember_clip
from tonewell.model import Composition

if TYPE_CHECKING:
    from tonewell.ui.main_window import MainWindow


def optional_widget(module: str, name: str, *args: object) -> Any:
    """`module.name(*args)` when that module is part of this build, else None."""
    if importlib.util.find_spec(module) is None:
        return None
    return getattr(importlib.import_module(module), name)(*args)


def install_editors(window: MainWindow) -> None:
    """Build and wire the arrangement and the piano roll that this build has."""
    arrangement = optional_widget("tonewell.ui.arrangement", "Arrangement", window.piece)
    if arrangement is not None:
        wire_arrangement(window, arrangement)
    roll = optional_widget("tonewell.ui.piano_roll", "PianoRoll", window.piece)
    if roll is not None:
        wire_piano_roll(window, roll)


def show_first_clip(window: MainWindow) -> None:
    """Show the clip to edit first in the piano roll (and mark it in the arrangement)."""
    roll = window.piano_roll
    if roll is None:
        return
    uids = clip_uids(window.piece.comp, clip_to_show(window.piece.comp))
    roll.set_clip(*(uids or (None, None)))


def wire_piano_roll(window: MainWindow, roll: Any) -> None:
    """Put `roll` (a PianoRoll) below the arrangement and connect it: the Edit and View menus,
    auditioning notes, the playhead, the clip shown when a piece opens, and the clip last
    edited kept in the saved file."""
    window.piano_roll = roll
    window.editor_splitter.addWidget(roll)
    window.editor_splitter.setStretchFactor(window.editor_splitter.indexOf(roll), 3)
    window.edits.attach_roll(roll)
    window.playhead_views.append(roll)
    roll.audition_requested.connect(window.engine.audition)

    def on_change(event: DocumentEvent) -> None:
        if event.action is Action.LOAD:
            show_first_clip(window)
            roll.setFocus()

    window.piece.changed.connect(on_change)
    if window.arrangement is not None:
        roll.clip_changed.connect(lambda pair: window.arrangement.set_current_clip(
            *(pair or (None, None))))

    def keep_clip(comp: Composition) -> Composition:
        current = roll.current_clip()
        return remember_clip(comp, None if current is None else clip_place(comp, *current))

    window.files.before_save = keep_clip
    show_first_clip(window)


def wire_arrangement(window: MainWindow, arrangement: Any) -> None:
    """Put `arrangement` where the overview was and connect seeking, the playhead, scrolling
    with the track list, and double-click to edit a clip in the piano roll."""
    old = window.overview
    window.editor_splitter.replaceWidget(window.editor_splitter.indexOf(old), arrangement)
    if old in window.playhead_views:
        window.playhead_views.remove(old)
    old.hide()
    window.arrangement = arrangement
    window.playhead_views.append(arrangement)
    arrangement.seek_requested.connect(window.seek)
    arrangement.clip_activated.connect(
        lambda track_uid, clip_uid: window.piano_roll is not None
        and window.piano_roll.set_clip(track_uid, clip_uid)
    )
    window.track_list.verticalScrollBar().valueChanged.connect(arrangement.set_scroll_y)

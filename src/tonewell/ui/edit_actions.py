"""The Edit and View menus' actions: undo and redo on the open piece, and the note actions of
the piano roll (cut, copy, paste, duplicate, select all, delete, quantize, transpose, velocity,
zoom, follow the playhead).

Undo and Redo name what they would do ("Undo Move 4 notes") and are enabled only when there is
something to undo or redo. The note actions call the piano roll's own methods and are enabled
only while a piano roll is attached (and, for those that act on a selection, has one). Delete
deletes in whichever editor has the keyboard focus: the selected track in the track list, the
selected clip in the arrangement, else the selected notes in the piano roll.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget

from tonewell.ui.piece import OpenPiece
from tonewell.ui.quantize_dialog import QuantizeDialog

Keys = list[QKeySequence]
DEFAULT_VELOCITY = 90


def _keys(*names: str | QKeySequence.StandardKey) -> Keys:
    return [QKeySequence(n) for n in names]


class EditActions(QObject):
    """Actions owned by the window; `attach_roll(roll)` connects the piano roll."""

    def __init__(self, window: QWidget, piece: OpenPiece) -> None:
        super().__init__(window)
        self.window = window
        self.piece = piece
        self.roll: Any = None
        self.arrangement: Any = None
        self.track_list: Any = None
        std = QKeySequence.StandardKey
        self.undo = self._action("&Undo", "undoAction", piece.undo, _keys(std.Undo))
        self.redo = self._action("&Redo", "redoAction", piece.redo,
                                 _keys("Ctrl+Shift+Z", "Ctrl+Y"))
        roll = self._on_roll
        self.cut = self._action("Cu&t", "cutAction", roll("cut"), _keys(std.Cut), selection=True)
        self.copy = self._action("&Copy", "copyAction", roll("copy"), _keys(std.Copy),
                                 selection=True)
        self.paste = self._action("&Paste", "pasteAction", roll("paste"), _keys(std.Paste))
        self.duplicate = self._action("D&uplicate", "duplicateAction", roll("duplicate"),
                                      _keys("Ctrl+D"), selection=True)
        self.select_all = self._action("Select &All", "selectAllAction", roll("select_all"),
                                       _keys(std.SelectAll))
        self.delete = self._action("&Delete", "deleteAction", self.delete_in_focus,
                                   _keys(std.Delete))
        self.quantize = self._action("&Quantize…", "quantizeAction", self.ask_quantize,
                                     [], selection=True)
        self.transpose_up = self._action("Transpose Up a Semitone", "transposeUpAction",
                                         lambda: self._roll_call("transpose", 1), [],
                                         selection=True)
        self.transpose_down = self._action("Transpose Down a Semitone", "transposeDownAction",
                                           lambda: self._roll_call("transpose", -1), [],
                                           selection=True)
        self.velocity = self._action("Set &Velocity…", "velocityAction", self.ask_velocity, [],
                                     selection=True)
        self.zoom_in = self._action("Zoom &In", "zoomInAction", roll("zoom_in"),
                                    _keys(std.ZoomIn, "Ctrl+="))
        self.zoom_out = self._action("Zoom &Out", "zoomOutAction", roll("zoom_out"),
                                     _keys(std.ZoomOut))
        self.follow = self._action("&Follow the Playhead", "followPlayheadAction",
                                   lambda: None, [])
        self.follow.setCheckable(True)
        self.follow.setChecked(True)
        self.follow.toggled.connect(lambda on: self._roll_call("set_follow_playhead", on))
        self._needs_selection = {a for a in self.findChildren(QAction) if a.property("selection")}
        piece.history_changed.connect(self.refresh)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)  # a method: gone with this object
        self.refresh()

    def _action(self, text: str, name: str, slot: Callable[[], object], keys: Keys,
                *, selection: bool = False) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setProperty("selection", selection)
        action.triggered.connect(lambda _=False: slot())
        return action

    def _on_roll(self, method: str) -> Callable[[], None]:
        return lambda: self._roll_call(method)

    def _roll_call(self, method: str, *args: object) -> None:
        if self.roll is not None:
            getattr(self.roll, method)(*args)

    def edit_actions(self) -> list[QAction | None]:
        """The Edit menu in order (None: a separator)."""
        return [self.undo, self.redo, None, self.cut, self.copy, self.paste, self.duplicate,
                self.select_all, self.delete, None, self.quantize, self.transpose_up,
                self.transpose_down, self.velocity]

    def view_actions(self) -> list[QAction | None]:
        return [self.zoom_in, self.zoom_out, None, self.follow]

    # --- the piano roll ----------------------------------------------------------------------

    def attach_roll(self, roll: Any) -> None:
        """Let the note actions act on `roll` (see the PianoRoll interface in the brief)."""
        self.roll = roll
        roll.selection_changed.connect(self.refresh)
        roll.clip_changed.connect(lambda _clip: self.refresh())
        roll.set_follow_playhead(self.follow.isChecked())
        self.refresh()

    def attach_views(self, arrangement: Any, track_list: Any) -> None:
        """Let Delete act on the arrangement's selected clip or the list's selected track when
        one of them has the focus."""
        self.arrangement, self.track_list = arrangement, track_list
        arrangement.track_selected.connect(lambda _uid: self.refresh())
        track_list.track_selected.connect(lambda _uid: self.refresh())
        self.refresh()

    def _focused_view(self) -> Any:
        """The editor holding the keyboard focus: the track list, the arrangement, or None
        (the piano roll, whose Edit actions these are by default)."""
        focus = QApplication.focusWidget()
        for view in (self.track_list, self.arrangement):
            if view is not None and focus is not None and (
                    view is focus or view.isAncestorOf(focus)):
                return view
        return None

    def _focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        self.refresh()

    def delete_in_focus(self) -> None:
        view = self._focused_view()
        if view is None:
            self._roll_call("delete_selection")
        elif view is self.track_list:
            view.remove_selected()
        else:
            view.delete_selected()

    def _can_delete(self, roll_selected: bool) -> bool:
        view = self._focused_view()
        if view is None:
            return roll_selected
        if view is self.track_list:
            return view.selected_track() is not None
        return view.selected_clip_object() is not None

    def refresh(self) -> None:
        h = self.piece.document.history
        self.undo.setEnabled(h.can_undo)
        self.undo.setText(f"&Undo {h.undo_name}" if h.can_undo else "&Undo")
        self.redo.setEnabled(h.can_redo)
        self.redo.setText(f"&Redo {h.redo_name}" if h.can_redo else "&Redo")
        roll = self.roll
        has_clip = roll is not None and roll.current_clip() is not None
        selected = has_clip and bool(roll.has_selection())
        for action in (self.paste, self.select_all):
            action.setEnabled(has_clip)
        for action in (self.zoom_in, self.zoom_out, self.follow):
            action.setEnabled(roll is not None)
        for action in self._needs_selection:
            action.setEnabled(selected)
        self.delete.setEnabled(self._can_delete(selected))

    # --- asking --------------------------------------------------------------------------------

    def ask_quantize(self) -> QuantizeDialog:
        dialog = QuantizeDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.accepted.connect(
            lambda: self._roll_call("quantize", dialog.grid_ticks(), dialog.strength_amount())
        )
        dialog.open()
        return dialog

    def ask_velocity(self) -> None:
        value, ok = QInputDialog.getInt(self.window, "Set velocity",
                                        "How strongly the selected notes are played (1–127):",
                                        DEFAULT_VELOCITY, 1, 127)
        if ok:
            self._roll_call("set_velocity", value)

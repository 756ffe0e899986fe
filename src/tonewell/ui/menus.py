"""The menu bar: File, Edit, View, Playback, Journal, Settings and Help.

Only the menus are put together here; what the entries do lives with their owners
(`FileActions`, `EditActions`, the transport bar, the help dialogs), so a menu entry and a
button or a key always share one QAction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from tonewell.ui.display_dialog import DisplayDialog
from tonewell.ui.harmony_panel import open_harmony_panel
from tonewell.ui.help import AboutDialog, ShortcutsDialog
from tonewell.ui.library_view import open_library
from tonewell.ui.piece_settings import open_piece_settings
from tonewell.ui.recent import RecentMenu
from tonewell.ui.session_report import save_session_report
from tonewell.ui.version_history import open_version_history

if TYPE_CHECKING:
    from tonewell.ui.main_window import MainWindow


def _action(parent: QWidget, text: str, name: str, slot: Callable[[], object],
            keys: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
    action = QAction(text, parent)
    action.setObjectName(name)
    if keys is not None:
        action.setShortcut(QKeySequence(keys))
    action.triggered.connect(lambda _=False: slot())
    return action


def _fill(menu: QMenu, actions: Sequence[QAction | None]) -> QMenu:
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)
    return menu


def _show(dialog: QDialog) -> QDialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.open()
    return dialog


def _open_progress(window: MainWindow) -> None:
    """Journal › Progress…: the plots need pyqtgraph and numpy, about 0.3 s to import, so they
    are read when the view is first asked for rather than while the window starts."""
    from tonewell.ui.progress_view import open_progress

    open_progress(window)


class Menus:
    """Builds the window's menu bar; its actions are attributes for tests and the window."""

    def __init__(self, window: MainWindow) -> None:
        bar = window.menuBar()
        bar.setObjectName("menuBar")
        std = QKeySequence.StandardKey
        files, edits, t = window.files, window.edits, window.transport

        self.new = _action(window, "&New…", "newAction", files.new, std.New)
        self.open = _action(window, "&Open…", "openAction", files.open, std.Open)
        self.recent = RecentMenu(files.open_recent, window)
        self.save = _action(window, "&Save", "saveAction", files.save, std.Save)
        self.save_as = _action(window, "Save &As…", "saveAsAction", files.save_as, std.SaveAs)
        self.export_midi = _action(window, "Export &MIDI…", "exportMidiAction",
                                   files.export_midi)
        self.export_audio = _action(window, "&Export Audio…", "exportAudioAction",
                                    files.export_audio, "Ctrl+E")
        self.quit = _action(window, "&Quit", "quitAction", window.close, std.Quit)
        file_menu = bar.addMenu("&File")
        file_menu.setObjectName("fileMenu")
        _fill(file_menu, [self.new, self.open])
        file_menu.addMenu(self.recent)
        _fill(file_menu, [window.guide.start_action, None, self.save, self.save_as, None,
                          self.export_midi, self.export_audio, None, self.quit])

        self.harmony = _action(window, "&Harmony Helper…", "harmonyAction",
                               lambda: open_harmony_panel(window), "Ctrl+Shift+H")
        self.piece_settings = _action(window, "Piece &Settings…", "pieceSettingsAction",
                                      lambda: open_piece_settings(window), "Ctrl+Shift+P")
        edit_menu = _fill(bar.addMenu("&Edit"), [*edits.edit_actions(), None,
                                                 self.piece_settings, self.harmony])
        edit_menu.setObjectName("editMenu")
        view_menu = _fill(bar.addMenu("&View"), edits.view_actions())
        view_menu.setObjectName("viewMenu")
        _fill(view_menu, [None, window.show_keyboard_action])

        play_menu = _fill(bar.addMenu("&Playback"), [
            t.play_action, t.stop_action, t.rewind_action, None, t.loop_action,
            t.metronome_action, None, window.keyboard_panel.play_keys_action, None,
            t.panic_action,
        ])
        play_menu.setObjectName("playbackMenu")

        # Ctrl+L is Loop (the transport bar), so the library takes Ctrl+Shift+L.
        self.library = _action(window, "&Library…", "libraryAction",
                               lambda: open_library(window), "Ctrl+Shift+L")
        self.version_history = _action(window, "&Version History…", "versionHistoryAction",
                                       lambda: open_version_history(window))
        self.progress = _action(window, "&Progress…", "progressAction",
                                lambda: _open_progress(window))
        self.session_report = _action(window, "Save Session &Report as PDF…",
                                      "sessionReportAction",
                                      lambda: self._save_report(window))
        journal_menu = _fill(bar.addMenu("&Journal"), [
            window.guide.start_action, None, self.library, self.version_history, None,
            self.progress, self.session_report])
        journal_menu.setObjectName("journalMenu")

        self.sound = _action(window, "&Sound…", "soundSettingsAction",
                             window.open_sound_settings)
        self.playing = _action(window, "&Playing…", "playingSettingsAction",
                               window.open_playing_settings)
        self.display = _action(window, "&Display…", "displaySettingsAction",
                               lambda: _show(DisplayDialog(window)))
        settings_menu = _fill(bar.addMenu("S&ettings"), [self.sound, self.playing, self.display])
        settings_menu.setObjectName("settingsMenu")

        self.shortcuts = _action(window, "&Keyboard Shortcuts", "shortcutsAction",
                                 lambda: _show(ShortcutsDialog(window)), "F1")
        self.about = _action(window, "&About Tonewell", "aboutAction",
                             lambda: _show(AboutDialog(window)))
        help_menu = _fill(bar.addMenu("&Help"), [self.shortcuts, None, self.about])
        help_menu.setObjectName("helpMenu")
        for menu in (file_menu, edit_menu, view_menu):
            window.addActions([a for a in menu.actions() if not a.isSeparator()])

    @staticmethod
    def _save_report(window: MainWindow) -> None:
        path = save_session_report(window, window.files.last_folder())
        if path is not None:
            window.show_status(f"Saved the session report “{path.name}”.", folder=path.parent)

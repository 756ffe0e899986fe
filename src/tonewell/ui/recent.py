"""File › Open Recent: the last pieces opened or saved, kept between runs with QSettings.

The list holds at most `MAX_RECENT` paths, newest first. A file that has gone missing stays
in the menu, greyed out with a word saying so, until the person opens another piece or clears
the list; it is never opened half-way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from tonewell.ui.settings import open_qsettings

RECENT_KEY = "files/recent"
MAX_RECENT = 10


def recent_paths() -> list[Path]:
    """The remembered pieces, newest first (missing files included)."""
    raw = open_qsettings().value(RECENT_KEY, [])
    items = [raw] if isinstance(raw, str) else list(raw or [])
    return [Path(str(item)) for item in items if str(item).strip()][:MAX_RECENT]


def _store(paths: list[Path]) -> None:
    store = open_qsettings()
    store.setValue(RECENT_KEY, [str(p) for p in paths[:MAX_RECENT]])
    store.sync()


def add_recent(path: Path) -> None:
    """Put `path` first in the list (once)."""
    path = Path(path).absolute()
    _store([path, *(p for p in recent_paths() if p != path)])


def clear_recent() -> None:
    _store([])


def recent_label(index: int, path: Path) -> str:
    """The menu text: a number to press, the file name, and "(missing)" when it is gone."""
    number = f"&{index + 1} " if index < 9 else ""
    missing = "" if path.is_file() else " (missing)"
    return f"{number}{path.name.replace('&', '&&')}{missing}"


class RecentMenu(QMenu):
    """Rebuilt each time it opens. `open_path(path)` is called with the chosen file."""

    def __init__(self, open_path: Callable[[Path], object], parent: QWidget | None = None) -> None:
        super().__init__("Open &Recent", parent)
        self.setObjectName("recentMenu")
        self._open_path = open_path
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        paths = recent_paths()
        for i, path in enumerate(paths):
            action = QAction(recent_label(i, path), self)
            action.setObjectName("recentFileAction")
            action.setToolTip(str(path))
            action.setEnabled(path.is_file())
            action.triggered.connect(lambda _=False, p=path: self._open_path(p))
            self.addAction(action)
        if not paths:
            empty = self.addAction("No pieces yet")
            empty.setEnabled(False)
        self.addSeparator()
        self.clear_action = self.addAction("&Clear the List")
        self.clear_action.setObjectName("clearRecentAction")
        self.clear_action.setEnabled(bool(paths))
        self.clear_action.triggered.connect(self._clear)

    def _clear(self) -> None:
        clear_recent()
        self.rebuild()

"""Choosing what a track sounds like: the General MIDI instruments by family, with a search box.

People think "a flute" or "something with strings", not "program 73", so the dialog shows plain
names grouped by family (from `tonewell.model.gm`, the one table of them) and filters as they
type, by instrument or family name. Drums are their own kind (channel 10, every key a different
drum), listed as their own family. Everything works from the keyboard: type, arrows, Enter.
Listening is optional: the window passes a callback that plays a short preview.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tonewell.model.gm import GM_FAMILIES

Audition = Callable[[int, bool], None]
"""Plays a short preview of (program, is_drum)."""

DRUMS_FAMILY = "Drums"
DRUM_KIT_NAME = "Drum kit"

_CHOICE_ROLE = Qt.ItemDataRole.UserRole
"""Item data: (program, is_drum) on instruments, None on family headings."""

_NAVIGATION_KEYS = (
    Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown,
)


def instrument_entries() -> list[tuple[str, list[tuple[str, int, bool]]]]:
    """(family, [(name, program, is_drum)]) in the order the dialog shows them."""
    families = [
        (family, [(name, index * 8 + n, False) for n, name in enumerate(names)])
        for index, (family, names) in enumerate(GM_FAMILIES)
    ]
    return [(DRUMS_FAMILY, [(DRUM_KIT_NAME, 0, True)]), *families]


def matches(query: str, family: str, name: str) -> bool:
    """Whether every word of `query` is found in the instrument's or its family's name."""
    words = query.casefold().split()
    text = f"{family} {name}".casefold()
    return all(word in text for word in words)


class InstrumentPicker(QDialog):
    """A dialog returning `(program, is_drum)` from `choice()` once accepted."""

    def __init__(
        self,
        program: int = 0,
        is_drum: bool = False,
        parent: QWidget | None = None,
        *,
        audition: Audition | None = None,
        title: str = "Choose an instrument",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("instrumentPicker")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.resize(420, 540)
        self._audition = audition

        intro = QLabel("Type to search, or open a family. Enter chooses.")
        intro.setProperty("class", "caption")
        self.search = QLineEdit()
        self.search.setObjectName("instrumentSearch")
        self.search.setPlaceholderText("Search, e.g. flute, strings, drums")
        self.search.setAccessibleName("Search instruments")
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("instrumentList")
        self.tree.setAccessibleName("Instruments by family")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.empty_label = QLabel("No instrument has that name. Try fewer letters.")
        self.empty_label.setObjectName("instrumentNoMatch")
        self.empty_label.setProperty("class", "caption")
        self.empty_label.hide()

        self.listen = QPushButton("Listen")
        self.listen.setObjectName("listenButton")
        self.listen.setToolTip("Play a short phrase with the selected instrument")
        self.listen.setEnabled(audition is not None)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Choose")
        ok.setObjectName("chooseInstrumentButton")
        bottom = QHBoxLayout()
        bottom.addWidget(self.listen)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.search)
        column.addWidget(self.tree, 1)
        column.addWidget(self.empty_label)
        column.addLayout(bottom)

        self._fill()
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.itemActivated.connect(self._activated)
        self.listen.clicked.connect(self.play_preview)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._select(program, is_drum)
        self.search.setFocus()

    # --- what was chosen --------------------------------------------------------------------

    def current_choice(self) -> tuple[int, bool] | None:
        """The selected instrument (visible and selected), or None when a family is selected."""
        item = self.tree.currentItem()
        if item is None or item.isHidden():
            return None
        data = item.data(0, _CHOICE_ROLE)
        return (int(data[0]), bool(data[1])) if data else None

    def choice(self) -> tuple[int, bool] | None:
        """(program, is_drum) once the dialog was accepted, else None."""
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        return self.current_choice()

    def accept(self) -> None:
        if self.current_choice() is not None:
            super().accept()

    def play_preview(self) -> None:
        choice = self.current_choice()
        if choice is not None and self._audition is not None:
            self._audition(*choice)

    # --- building and filtering ------------------------------------------------------------

    def _fill(self) -> None:
        bold = QFont(self.font())
        bold.setBold(True)
        for family, instruments in instrument_entries():
            head = QTreeWidgetItem(self.tree, [family])
            head.setFont(0, bold)
            head.setData(0, _CHOICE_ROLE, None)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for name, program, is_drum in instruments:
                item = QTreeWidgetItem(head, [name])
                item.setData(0, _CHOICE_ROLE, (program, is_drum))
                item.setToolTip(0, f"{name} ({family})")

    def _instrument_items(self) -> list[QTreeWidgetItem]:
        root = self.tree.invisibleRootItem()
        return [
            root.child(f).child(i)
            for f in range(root.childCount())
            for i in range(root.child(f).childCount())
        ]

    def visible_names(self) -> list[str]:
        """Names of the instruments the search lets through, in order."""
        return [item.text(0) for item in self._instrument_items() if not item.isHidden()]

    def _select(self, program: int, is_drum: bool) -> None:
        for item in self._instrument_items():
            if item.data(0, _CHOICE_ROLE) == (program if not is_drum else 0, is_drum):
                item.parent().setExpanded(True)
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item, QTreeWidget.ScrollHint.PositionAtCenter)
                return

    def _filter(self, text: str) -> None:
        query = text.strip()
        root = self.tree.invisibleRootItem()
        first_visible: QTreeWidgetItem | None = None
        for f in range(root.childCount()):
            head = root.child(f)
            shown = 0
            for i in range(head.childCount()):
                item = head.child(i)
                hit = not query or matches(query, head.text(0), item.text(0))
                item.setHidden(not hit)
                shown += hit
                if hit and first_visible is None:
                    first_visible = item
            head.setHidden(shown == 0)
            if query:
                head.setExpanded(shown > 0)
        self.empty_label.setVisible(first_visible is None)
        current = self.tree.currentItem()
        if query and (current is None or current.isHidden() or current.childCount()):
            self.tree.setCurrentItem(first_visible)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.current_choice() is not None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(chosen)
        self.listen.setEnabled(chosen and self._audition is not None)

    def _activated(self, item: QTreeWidgetItem) -> None:
        if item.data(0, _CHOICE_ROLE):
            self.accept()
        else:
            item.setExpanded(not item.isExpanded())

    # --- arrows from the search box move in the list ---------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in _NAVIGATION_KEYS:
                self._step(1 if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept()
                return True
        return super().eventFilter(watched, event)

    def _step(self, direction: int) -> None:
        """Move the selection to the next (or previous) visible instrument, across families."""
        items = [item for item in self._instrument_items() if not item.parent().isHidden()
                 and not item.isHidden()]
        if not items:
            return
        current = self.tree.currentItem()
        if current in items:
            index = min(max(items.index(current) + direction, 0), len(items) - 1)
        else:
            index = 0 if direction > 0 else len(items) - 1
        item = items[index]
        item.parent().setExpanded(True)
        self.tree.setCurrentItem(item)


def choose_instrument(
    parent: QWidget | None,
    program: int,
    is_drum: bool,
    *,
    audition: Audition | None = None,
    title: str = "Choose an instrument",
) -> tuple[int, bool] | None:
    """Ask for an instrument; (program, is_drum), or None when the person cancelled."""
    dialog = InstrumentPicker(program, is_drum, parent, audition=audition, title=title)
    dialog.exec()
    return dialog.choice()

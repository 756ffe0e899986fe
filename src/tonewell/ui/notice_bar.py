"""A soft strip across the top of the window for news that needs no answer.

Used for "there is no sound output right now" and for what a MIDI import could not keep: it
stays until dismissed and never interrupts, unlike a message box.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class NoticeBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setProperty("notice", True)
        self.setAccessibleName("Notice")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # its colours are the theme's notice roles (the application stylesheet), so they follow
        # a change of look
        self.label = QLabel()
        self.label.setObjectName("noticeText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss = QPushButton("OK")
        self.dismiss.setObjectName("noticeDismiss")
        self.dismiss.setAccessibleName("Dismiss notice")
        self.dismiss.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 12, 8)
        row.addWidget(self.label, 1)
        row.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_notice(self, text: str) -> None:
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.show()

    def text(self) -> str:
        """The notice shown, or "" when dismissed."""
        return "" if self.isHidden() else self.label.text()

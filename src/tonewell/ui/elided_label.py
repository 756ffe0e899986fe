"""One-line text that gives way: when its row is too narrow it ends in "…" (and, for a label,
its full text moves to the tooltip), so it never overlaps its neighbours or pushes them off
the row. `ElidedLabel` for labels, `ElidedToolButton` for a button that names a choice."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolButton, QWidget

from tonewell.ui import theme


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(0)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def shown_text(self) -> str:
        """The text as it fits the label's width now."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             max(0, self.contentsRect().width()))

    def paintEvent(self, event: QPaintEvent) -> None:
        shown = self.shown_text()
        self.setToolTip("" if shown == self.text() else self.text())
        p = QPainter(self)
        p.setPen(self.palette().color(self.foregroundRole()))
        p.drawText(self.contentsRect(), int(self.alignment() | Qt.AlignmentFlag.AlignVCenter),
                   shown)
        p.end()


class ElidedToolButton(QToolButton):
    """A tool button whose text ends in "…" when the button is narrower than it. Its width
    comes from the layout (it stretches), not from its text, so rows of them line up."""

    ROOM_PX = 24
    """Room the button's frame and padding take beside the text, at 100 %."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_full_text(self, text: str) -> None:
        self._full_text = text
        self._fit()

    def full_text(self) -> str:
        return self._full_text

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = max(0, self.width() - theme.scaled_px(self.ROOM_PX))
        self.setText(self.fontMetrics().elidedText(self._full_text, Qt.TextElideMode.ElideRight,
                                                   room))

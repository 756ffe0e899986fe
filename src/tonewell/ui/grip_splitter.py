"""A splitter whose handles show a grip: three dots across the middle of the handle, so the
place to drag between the track column and the editors (and between the two editors) can be
found by sight, not only by the cursor changing shape.

The dots are in the palette's `edge` (3:1 against the paper) and in `strong` while the pointer
is over the handle; the handle's thickness follows the UI scale.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSplitter, QSplitterHandle, QWidget

from tonewell.ui import theme

HANDLE_PX = 8
"""The handle's thickness at 100 %: wide enough to find and grab."""
DOT_PX = 3.0
DOT_GAP_PX = 4.0
"""Diameter of a grip dot and the room between two, at 100 %."""


class GripHandle(QSplitterHandle):
    def __init__(self, orientation: Qt.Orientation, parent: QSplitter) -> None:
        super().__init__(orientation, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover, True)

    def paintEvent(self, event: QPaintEvent) -> None:
        pal = theme.palette()
        scale = theme.ui_scale()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(pal.strong if self.underMouse() else pal.edge))
        centre = QPointF(self.rect().center()) + QPointF(0.5, 0.5)
        radius = DOT_PX * scale / 2
        step = (DOT_PX + DOT_GAP_PX) * scale
        along = (QPointF(0, step) if self.orientation() == Qt.Orientation.Horizontal
                 else QPointF(step, 0))
        for k in (-1, 0, 1):
            p.drawEllipse(centre + along * k, radius, radius)
        p.end()


class GripSplitter(QSplitter):
    """A `QSplitter` with `GripHandle`s whose thickness follows the UI scale."""

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self._follow_scale()
        theme.changes().changed.connect(self._follow_scale)

    def createHandle(self) -> QSplitterHandle:
        return GripHandle(self.orientation(), self)

    def _follow_scale(self) -> None:
        self.setHandleWidth(theme.scaled_px(HANDLE_PX))

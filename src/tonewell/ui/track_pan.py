"""Pan as a centred control: the middle is marked, and the bar fills from the centre outwards.

A plain slider starts at the left edge, so "centre" looks like "half", and people cannot tell
how far off-centre a track sits. This control draws the centre, fills from it towards the
handle, says "centre" / "30% left" in its tooltip and accessible description, and returns to
the centre on a double-click. It is a QAbstractSlider, so the keyboard (arrows, Page Up/Down,
Home/End) and the `sliderReleased` signal work as on any slider.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractSlider, QWidget

from tonewell.ui import theme

PAN_CENTRE = 64
"""MIDI pan (0..127): 64 is the middle."""

_HANDLE_RADIUS_PX = 6.0


def pan_words(pan: int) -> str:
    """A pan value (0..127, 64 centre) in words, for tooltips and screen readers."""
    if abs(pan - PAN_CENTRE) <= 1:
        return "centre"
    side = "left" if pan < PAN_CENTRE else "right"
    amount = round(abs(pan - PAN_CENTRE) / 64 * 100)
    return f"{min(amount, 100)}% {side}"


class PanControl(QAbstractSlider):
    """0..127 with 64 in the middle; emits `centred` after a double-click returned it there."""

    centred = Signal()
    """A double-click put the pan back in the middle (one finished gesture)."""
    preferred_width_px = 80
    """The width it asks for; a layout may give it less, down to its minimum width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOrientation(Qt.Orientation.Horizontal)
        self.setRange(0, 127)
        self.setValue(PAN_CENTRE)
        self.setSingleStep(2)
        self.setPageStep(16)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumWidth(60)
        self.setFixedHeight(20)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._subject = ""
        self.valueChanged.connect(lambda _v: self._describe())

    def sizeHint(self) -> QSize:
        return QSize(self.preferred_width_px, 20)

    def set_subject(self, name: str) -> None:
        """Whose pan this is ("Piano"), for the tooltip and accessible name."""
        self._subject = name
        self.setAccessibleName(f"Pan of {name}")
        self._describe()

    def _describe(self) -> None:
        words = pan_words(self.value())
        self.setToolTip(f"Pan of {self._subject}: {words}. Double-click for the centre.")
        self.setAccessibleDescription(words)

    # --- geometry ---------------------------------------------------------------------------

    def _groove(self) -> QRectF:
        r = _HANDLE_RADIUS_PX + 1
        return QRectF(r, self.height() / 2 - 2, max(1.0, self.width() - 2 * r), 4)

    def x_of(self, value: int) -> float:
        g = self._groove()
        return g.left() + g.width() * (value - self.minimum()) / (self.maximum() - self.minimum())

    def value_at(self, x: float) -> int:
        g = self._groove()
        fraction = min(max((x - g.left()) / g.width(), 0.0), 1.0)
        value = round(self.minimum() + fraction * (self.maximum() - self.minimum()))
        return PAN_CENTRE if abs(value - PAN_CENTRE) <= 2 else value  # the centre is sticky

    # --- mouse ------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setSliderDown(True)
        self.setValue(self.value_at(event.position().x()))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.isSliderDown():
            self.setValue(self.value_at(event.position().x()))
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.isSliderDown():
            self.setSliderDown(False)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.setValue(PAN_CENTRE)
        self.centred.emit()
        event.accept()

    # --- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        g = self._groove()
        enabled = self.isEnabled()
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(theme.LINE))
        p.drawRoundedRect(g, 2, 2)
        centre_x = self.x_of(PAN_CENTRE)
        handle_x = self.x_of(self.value())
        accent = QColor(theme.ACCENT if enabled else theme.SOFT_INK)
        p.setBrush(accent)
        p.drawRect(QRectF(min(centre_x, handle_x), g.top(), abs(handle_x - centre_x), g.height()))
        p.setPen(QPen(QColor(theme.SOFT_INK), 1.5))
        p.drawLine(QPointF(centre_x, 2), QPointF(centre_x, self.height() - 2))
        ring = QColor(theme.ACCENT_DARK) if self.hasFocus() else QColor(theme.SOFT_INK)
        p.setPen(QPen(ring, 2 if self.hasFocus() else 1))
        p.setBrush(QColor(theme.CARD))
        p.drawEllipse(QPointF(handle_x, self.height() / 2), _HANDLE_RADIUS_PX, _HANDLE_RADIUS_PX)
        p.end()

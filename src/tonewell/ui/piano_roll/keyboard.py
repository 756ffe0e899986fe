"""The piano keys at the left of the roll: click one to hear it.

Tones of the piece's key and scale are marked by a dot at the key's edge as well as a lighter
shade (never by colour alone); the key's tonic has a ring around its dot. C keys carry their
name ("C4"). For a drum track the rows are named by the General MIDI drum sound instead.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from tonewell.model import Composition
from tonewell.model.gm import drum_name
from tonewell.model.scales import pitch_name, scale_pitch_classes
from tonewell.ui import theme
from tonewell.ui.piano_roll.geometry import Geometry
from tonewell.ui.piano_roll.grid_layer import BLACK_KEYS

KEYS_WIDTH_PX = 64
DRUM_KEYS_WIDTH_PX = 150
"""Widths at 100 %; they grow with the UI scale, as the names on the keys do."""


class PianoKeys(QWidget):
    key_clicked = Signal(int)
    """A pitch whose key was clicked (the roll sounds it)."""

    def __init__(self, geometry: Geometry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pianoRollKeys")
        self.setAccessibleName("Piano keys")
        self.setAccessibleDescription(
            "Click a key to hear its pitch. Dots mark the tones of the key."
        )
        self.geometry = geometry
        self.comp: Composition | None = None
        self.drums = False
        self.rescale()

    def show_piece(self, comp: Composition | None, drums: bool) -> None:
        self.comp, self.drums = comp, drums
        self.rescale()
        self.update()

    def rescale(self) -> None:
        """Take the UI scale in use."""
        self.setFixedWidth(theme.scaled_px(DRUM_KEYS_WIDTH_PX if self.drums else KEYS_WIDTH_PX))

    def scale(self) -> frozenset[int]:
        if self.comp is None or self.drums:
            return frozenset()
        return scale_pitch_classes(self.comp.key.tonic, self.comp.key.mode)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.key_clicked.emit(self.geometry.pitch_at(event.position().y()))

    def paintEvent(self, event: QPaintEvent) -> None:
        pal = theme.palette()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(pal.white_key))
        g, w = self.geometry, self.width()
        scale = self.scale()
        tonic = self.comp.key.tonic if self.comp is not None else 0
        low, high = g.visible_pitches()
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, min(9.0 * theme.ui_scale(), g.row_px * 0.62)))
        p.setFont(font)
        for pitch in range(low, high + 1):
            y, pc = g.y_of(pitch), pitch % 12
            black = pc in BLACK_KEYS
            in_scale = pc in scale
            if black:
                colour = pal.black_scale_key if in_scale else pal.black_key
                p.fillRect(0, y, int(w * 0.62), g.row_px, QColor(colour))
            elif in_scale:
                p.fillRect(0, y, w, g.row_px, QColor(pal.white_scale_key))
            p.fillRect(0, y + g.row_px - 1, w, 1, QColor(pal.line if pc else pal.soft_ink))
            if in_scale:
                self._mark(p, y, pc == tonic)
            label = drum_name(pitch) if self.drums else (pitch_name(pitch) if pc == 0 else "")
            if label and g.row_px >= 9:
                on_black = black and self.drums  # a drum name runs across the black key
                p.setPen(QColor(pal.key_name_on_black if on_black else pal.key_name))
                box = QRectF(4, y, w - 16, g.row_px)
                align = Qt.AlignmentFlag.AlignVCenter | (
                    Qt.AlignmentFlag.AlignLeft if self.drums else Qt.AlignmentFlag.AlignRight
                )
                p.drawText(box, align, label)
        p.fillRect(w - 1, 0, 1, self.height(), QColor(pal.line))

    def _mark(self, p: QPainter, y: int, tonic: bool) -> None:
        """A dot at the key's right end; the tonic's dot has a ring."""
        r = max(1.5, min(3.0, self.geometry.row_px / 5))
        cx, cy = self.width() - 7, y + self.geometry.row_px / 2
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(Qt.PenStyle.NoPen)
        mark = QColor(theme.palette().strong)
        p.setBrush(mark)
        p.drawEllipse(QRectF(cx - r, cy - r, 2 * r, 2 * r))
        if tonic:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(mark, 1))
            p.drawEllipse(QRectF(cx - r - 2, cy - r - 2, 2 * r + 4, 2 * r + 4))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)

"""A track's colour: which one it shows, and the small swatch button that changes it.

`Track.colour` is "" until the person picks one; then the track shows the palette colour of its
place (the rule is `theme.shown_colour`), so reordering tracks keeps neighbours apart. The swatch
opens a short menu of the theme's track colours, "By its place" and "Choose…" (QColorDialog).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QColorDialog, QMenu, QToolButton, QWidget

from tonewell.ui import theme

_NAMES = ("Dusk blue", "Apricot", "Sage", "Heather", "Ochre", "Rose clay", "Sea glass",
          "Driftwood")
_EARLIER_PALETTE = ("#6f9fb8", "#d39a6a", "#8db38b", "#b48fb5", "#d2b55b", "#c77f7f",
                    "#7fb3ad", "#a39a86")
"""The track colours before they were tuned for colour-blind people; pieces may still hold them."""

COLOUR_NAMES: dict[str, str] = {
    **dict(zip(_EARLIER_PALETTE, _NAMES, strict=True)),
    **dict(zip(theme.TRACK_COLOURS, _NAMES, strict=True)),
}
"""Plain names for the theme's track colours (menus, screen readers); others show as hex."""


def colour_name(colour: QColor) -> str:
    hex_name = colour.name()
    return COLOUR_NAMES.get(hex_name, hex_name)


def swatch_icon(colour: QColor, size_px: int = 16) -> QIcon:
    pixmap = QPixmap(size_px, size_px)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor(theme.palette().edge), 1))
    p.setBrush(colour)
    p.drawRoundedRect(QRectF(1.5, 1.5, size_px - 3, size_px - 3), 3, 3)
    p.end()
    return QIcon(pixmap)


SWATCH_WIDTH_PX = 14
"""At 100 %; grows with the UI scale."""


class ColourButton(QToolButton):
    """The tall swatch at a row's left edge; `colour_chosen("#rrggbb" or "")` when changed."""

    colour_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("colourButton")
        self.setFixedWidth(theme.scaled_px(SWATCH_WIDTH_PX))
        self.setMinimumHeight(theme.scaled_px(24))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._colour = theme.track_colour(0)
        self._own = ""
        self._subject = ""
        self.clicked.connect(self.open_menu)

    def sizeHint(self) -> QSize:
        return QSize(theme.scaled_px(SWATCH_WIDTH_PX), theme.scaled_px(48))

    def rescale(self) -> None:
        """Take the UI scale in use (called when it changes)."""
        self.setFixedWidth(theme.scaled_px(SWATCH_WIDTH_PX))
        self.setMinimumHeight(theme.scaled_px(24))

    def show_colour(self, colour: QColor, own: str, subject: str) -> None:
        """Show `colour`; `own` is the track's stored colour ("" = by its place)."""
        self._colour, self._own, self._subject = QColor(colour), own, subject
        self.setAccessibleName(f"Colour of {subject}: {colour_name(colour)}")
        self.setToolTip(f"Colour of {subject}: {colour_name(colour)}. Click to change it.")
        self.update()

    def colour(self) -> QColor:
        return QColor(self._colour)

    def build_menu(self) -> QMenu:
        """The palette, "By its place" and "Choose…"; each action emits `colour_chosen`."""
        menu = QMenu(self)
        menu.setObjectName("colourMenu")
        menu.setAccessibleName(f"Colour of {self._subject}")
        for hex_name in theme.TRACK_COLOURS:
            action = QAction(swatch_icon(QColor(hex_name)), colour_name(QColor(hex_name)), menu)
            action.setCheckable(True)
            action.setChecked(self._own.lower() == hex_name)
            action.triggered.connect(lambda _on=False, h=hex_name: self.colour_chosen.emit(h))
            menu.addAction(action)
        menu.addSeparator()
        place = f" ({colour_name(self._colour)})" if not self._own else ""
        by_place = menu.addAction(f"By its place in the list{place}")
        by_place.setCheckable(True)
        by_place.setChecked(not self._own)
        by_place.triggered.connect(lambda: self.colour_chosen.emit(""))
        menu.addAction("Choose…").triggered.connect(self.choose_any)
        return menu

    def open_menu(self) -> None:
        menu = self.build_menu()
        menu.exec(self.mapToGlobal(self.rect().topRight()))
        menu.deleteLater()

    def choose_any(self) -> None:
        colour = QColorDialog.getColor(self._colour, self, f"Colour of {self._subject}")
        if colour.isValid():
            self.colour_chosen.emit(colour.name())

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(2.5, 2.5, -2.5, -2.5)
        pal = theme.palette()
        p.setPen(QPen(QColor(pal.ink if self.underMouse() else pal.edge), 1))
        p.setBrush(self._colour)
        p.drawRoundedRect(rect, 4, 4)
        p.end()
        if self.hasFocus():
            ring = QPainter(self)
            theme.paint_focus_ring(ring, QRectF(self.rect()))
            ring.end()

"""Tonewell's look: a warm, quiet palette and a light stylesheet, kept in one place.

Colours are soft and low in contrast between neighbours but keep text clearly readable; nothing
flashes or shouts. Track colours come from one table and one rule (`shown_colour`), so the
track list, the arrangement and the piano roll always agree.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from tonewell.model import Track

PAPER = "#f6f1e9"
"""Window background: warm off-white."""
CARD = "#fffdf9"
INK = "#3a342d"
SOFT_INK = "#7a6f63"
LINE = "#e2d8ca"
ACCENT = "#5e8c7a"
"""Sage green: selection, the playhead, the primary button."""
ACCENT_DARK = "#4a7262"

TRACK_COLOURS: tuple[str, ...] = (
    "#6f9fb8",  # dusk blue
    "#d39a6a",  # apricot
    "#8db38b",  # sage
    "#b48fb5",  # heather
    "#d2b55b",  # ochre
    "#c77f7f",  # rose clay
    "#7fb3ad",  # sea glass
    "#a39a86",  # driftwood
)


def track_colour(index: int) -> QColor:
    """The palette colour of the track at `index` (neighbours never share one)."""
    return QColor(TRACK_COLOURS[index % len(TRACK_COLOURS)])


def shown_colour(track: Track, index: int) -> QColor:
    """The colour a track is drawn in everywhere: the one the person chose, else the palette
    colour of its place (`index`)."""
    return QColor(track.colour) if track.colour else track_colour(index)


STYLESHEET = f"""
QMainWindow, QDialog {{ background: {PAPER}; }}
QToolBar#transportBar {{
    background: {CARD}; border: none; border-bottom: 1px solid {LINE};
    padding: 6px 10px; spacing: 6px;
}}
QToolBar#transportBar QToolButton {{
    padding: 5px 10px; border-radius: 6px; border: 1px solid transparent; color: {INK};
}}
QToolBar#transportBar QToolButton:hover {{ background: #efe7db; border-color: {LINE}; }}
QToolBar#transportBar QToolButton:checked {{ background: #dcebe4; border-color: #b9d3c8; }}
QToolBar#transportBar QToolButton#playButton {{
    background: {ACCENT}; color: white; font-weight: 600; min-width: 76px;
}}
QToolBar#transportBar QToolButton#playButton:hover {{ background: {ACCENT_DARK}; }}
QLabel#positionLabel {{
    font-family: monospace; font-size: 13pt; color: {INK};
    background: {PAPER}; border: 1px solid {LINE}; border-radius: 6px; padding: 3px 10px;
}}
QLabel.caption {{ color: {SOFT_INK}; }}
QListWidget#trackRows {{
    background: {CARD}; border: 1px solid {LINE}; border-radius: 8px; outline: none;
}}
QListWidget#trackRows::item {{ border-bottom: 1px solid {LINE}; }}
QListWidget#trackRows::item:selected {{ background: #e6efe9; }}
QToolButton#instrumentButton {{
    border: 1px solid {LINE}; border-radius: 4px; padding: 0 6px; color: {INK};
    background: {CARD};
}}
QToolButton#instrumentButton:hover, QToolButton#instrumentButton:focus {{
    background: #efe7db; border-color: {LINE};
}}
QPushButton#addTrackButton {{ text-align: left; padding: 6px 12px; }}
QWidget#arrangement {{ border: 1px solid {LINE}; border-radius: 8px; }}
QWidget#emptyState {{ background: {PAPER}; }}
QLabel#emptyTitle {{ font-size: 20pt; color: {INK}; }}
QLabel#emptyText {{ color: {SOFT_INK}; font-size: 11pt; }}
QPushButton {{
    background: {CARD}; border: 1px solid {LINE}; border-radius: 6px; padding: 6px 14px;
    color: {INK};
}}
QPushButton:hover {{ background: #efe7db; }}
QPushButton:default, QPushButton.primary {{
    background: {ACCENT}; color: white; border-color: {ACCENT_DARK};
}}
QPushButton:default:hover, QPushButton.primary:hover {{ background: {ACCENT_DARK}; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QStatusBar {{ background: {CARD}; border-top: 1px solid {LINE}; color: {SOFT_INK}; }}
QStatusBar QLabel {{ color: {SOFT_INK}; padding: 0 6px; }}
QToolButton.trackToggle {{
    border: 1px solid {LINE}; border-radius: 5px; padding: 2px 7px; background: {CARD};
    color: {SOFT_INK}; font-weight: 600;
}}
QToolButton.trackToggle:checked {{
    background: {INK}; color: white; border-color: {INK}; font-weight: 700;
}}
QToolButton#soloToggle:checked {{ background: {ACCENT_DARK}; border-color: {ACCENT_DARK}; }}
"""


def apply_theme(app: QApplication) -> None:
    """Give the whole application the Tonewell palette, font size and stylesheet."""
    app.setStyle("Fusion")
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor(PAPER))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(INK))
    pal.setColor(QPalette.ColorRole.Base, QColor(CARD))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#f9f5ee"))
    pal.setColor(QPalette.ColorRole.Text, QColor(INK))
    pal.setColor(QPalette.ColorRole.Button, QColor("#f3ece1"))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor(INK))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor(CARD))
    pal.setColor(QPalette.ColorRole.ToolTipText, QColor(INK))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(SOFT_INK))
    app.setPalette(pal)
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)
    app.setStyleSheet(STYLESHEET)

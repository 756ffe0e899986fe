"""The application stylesheet, written from a palette and a UI scale.

Kept apart from `ui.theme` so the rules read as one page. Every size is at 100 % and goes through
`px`, every colour is a palette role. Checked states carry a strong edge besides their fill, and
every focusable control gets a focus ring in `focus` (2 px, 3:1 against its surroundings); the
padding shrinks by what the ring adds, so nothing jumps when focus moves.
"""

from __future__ import annotations

from tonewell.ui.palettes import Palette


def build_stylesheet(pal: Palette, scale: float) -> str:
    def px(size: float) -> str:
        return f"{max(1, round(size * scale))}px"

    def pt(size: float) -> str:
        return f"{size * scale:.1f}pt"

    ring = px(2)
    return f"""
QMainWindow, QDialog {{ background: {pal.paper}; }}
QToolTip {{ background: {pal.card}; color: {pal.ink}; border: 1px solid {pal.edge}; }}
QToolBar#transportBar {{
    background: {pal.card}; border: none; border-bottom: 1px solid {pal.line};
    padding: {px(6)} {px(10)}; spacing: {px(6)};
}}
QToolBar#transportBar QToolButton {{
    padding: {px(5)} {px(8)}; border-radius: {px(6)}; border: {ring} solid transparent;
    color: {pal.ink}; min-height: {px(22)};
}}
QToolBar#transportBar QToolButton:hover {{ background: {pal.hover}; border-color: {pal.line}; }}
QToolBar#transportBar QToolButton:checked {{
    background: {pal.toggle_on}; border-color: {pal.strong};
}}
QToolBar#transportBar QToolButton#playButton {{
    background: {pal.strong}; color: {pal.on_strong}; font-weight: 600; min-width: {px(76)};
}}
QToolBar#transportBar QToolButton#playButton:hover {{ background: {pal.strong_hover}; }}
QToolBar#transportBar QToolButton:focus {{ border-color: {pal.focus}; }}
QToolBar#transportBar QToolButton#tempoDownButton,
QToolBar#transportBar QToolButton#tempoUpButton {{
    padding: 0; border: 1px solid {pal.edge}; border-radius: {px(6)}; background: {pal.card};
    font-weight: 600;
}}
QToolBar#transportBar QToolButton#tempoDownButton:hover,
QToolBar#transportBar QToolButton#tempoUpButton:hover {{ background: {pal.hover}; }}
QToolBar#transportBar QToolButton#tempoDownButton:pressed,
QToolBar#transportBar QToolButton#tempoUpButton:pressed {{ background: {pal.pressed}; }}
QLabel#positionLabel {{
    font-family: monospace; font-size: {pt(13)}; color: {pal.ink};
    background: {pal.paper}; border: 1px solid {pal.line}; border-radius: {px(6)};
    padding: {px(3)} {px(8)};
}}
QLabel.caption, QLabel#trackDetail, QLabel#pieceSummary {{ color: {pal.soft_ink}; }}
QLabel#pieceTitle {{ font-size: {pt(14)}; color: {pal.ink}; }}
QFrame#pieceHeader {{ border: 2px solid transparent; border-radius: {px(6)}; }}
QFrame#pieceHeader:hover {{ background: {pal.hover}; }}
QFrame#pieceHeader:focus {{ border-color: {pal.focus}; }}
QLabel#tracksHeader {{ color: {pal.soft_ink}; padding-left: {px(10)}; }}
QWidget[notice="true"] QLabel {{ color: {pal.ink}; }}
QListWidget#trackRows {{
    background: {pal.card}; border: 1px solid {pal.line}; border-radius: {px(8)};
    outline: none;
}}
QListWidget#trackRows::item {{ border-bottom: 1px solid {pal.line}; }}
QListWidget#trackRows::item:selected {{
    background: {pal.selection}; border-left: {px(4)} solid {pal.strong};
}}
QFrame#trackDropLine {{ background: {pal.accent}; border: none; }}
QListWidget#trackRows:focus {{ border: {ring} solid {pal.focus}; }}
QToolButton#instrumentButton {{
    border: 1px solid {pal.edge}; border-radius: {px(4)}; padding: 0 {px(6)}; color: {pal.ink};
    background: {pal.card};
}}
QToolButton#instrumentButton:hover {{ background: {pal.hover}; }}
QToolButton#instrumentButton:focus {{
    border: {ring} solid {pal.focus}; padding: 0 {px(5)};
}}
QPushButton#addTrackButton {{ text-align: left; padding: {px(6)} {px(12)}; }}
QWidget#arrangement {{ border: 1px solid {pal.line}; border-radius: {px(8)}; }}
QWidget#emptyState {{ background: {pal.paper}; }}
QLabel#emptyTitle {{ font-size: {pt(20)}; color: {pal.ink}; }}
QLabel#emptyText {{ color: {pal.soft_ink}; font-size: {pt(11)}; }}
QPushButton {{
    background: {pal.card}; border: 1px solid {pal.edge}; border-radius: {px(6)};
    padding: {px(6)} {px(14)}; color: {pal.ink}; min-height: {px(18)};
}}
QPushButton:hover {{ background: {pal.hover}; }}
QPushButton:pressed {{ background: {pal.pressed}; }}
QPushButton:default, QPushButton.primary {{
    background: {pal.strong}; color: {pal.on_strong}; border-color: {pal.strong};
}}
QPushButton:default:hover, QPushButton.primary:hover {{ background: {pal.strong_hover}; }}
QPushButton:focus {{
    border: {ring} solid {pal.focus}; padding: {px(5)} {px(13)};
}}
QPushButton:disabled {{ color: {pal.soft_ink}; background: {pal.paper}; border-color: {pal.line}; }}
QCommandLinkButton, QCommandLinkButton:default {{
    background: {pal.card}; color: {pal.ink}; border: 1px solid {pal.edge};
    padding: {px(6)} {px(10)};
}}
QCommandLinkButton:hover, QCommandLinkButton:default:hover {{ background: {pal.hover}; }}
QCommandLinkButton:focus {{ border: {ring} solid {pal.focus}; padding: {px(5)} {px(9)}; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QStatusBar {{ background: {pal.card}; border-top: 1px solid {pal.line}; color: {pal.soft_ink}; }}
QStatusBar QLabel {{ color: {pal.soft_ink}; padding: 0 {px(6)}; }}
QWidget[notice="true"] {{ background: {pal.notice}; border-bottom: 1px solid {pal.notice_edge}; }}
QToolButton.trackToggle {{
    border: 1px solid {pal.edge}; border-radius: {px(5)}; padding: {px(2)} {px(7)};
    background: {pal.card}; color: {pal.ink}; font-weight: 600;
}}
QToolButton.trackToggle:hover {{ background: {pal.hover}; }}
QToolButton.trackToggle:checked {{
    background: {pal.ink}; color: {pal.card}; border: {ring} solid {pal.ink};
    font-weight: 700;
}}
QToolButton#soloToggle:checked {{
    background: {pal.strong}; color: {pal.on_strong}; border-color: {pal.strong};
}}
QToolButton.trackToggle:focus, QToolButton#trackMenuButton:focus,
QToolButton#colourButton:focus {{
    border: {ring} solid {pal.focus};
}}
QComboBox, QLineEdit, QDoubleSpinBox#tempoSpin {{
    background: {pal.card}; color: {pal.ink}; border: 1px solid {pal.edge};
    border-radius: {px(6)}; padding: 0 {px(5)}; min-height: {px(24)};
}}
QComboBox:hover {{ background: {pal.hover}; }}
QDoubleSpinBox#tempoSpin::up-button, QDoubleSpinBox#tempoSpin::down-button {{
    subcontrol-origin: border; width: 0;
}}
QAbstractSpinBox QLineEdit, QComboBox QLineEdit {{
    border: none; padding: 0; margin: 0; min-height: 0; background: transparent;
}}
QComboBox QAbstractItemView {{
    background: {pal.card}; color: {pal.ink}; border: 1px solid {pal.edge};
    selection-background-color: {pal.selection}; selection-color: {pal.ink};
}}
QComboBox:focus, QLineEdit:focus, QDoubleSpinBox#tempoSpin:focus {{
    border: {ring} solid {pal.focus}; padding: 0 {px(4)};
}}
QSpinBox:focus, QDoubleSpinBox:focus {{
    border: {ring} solid {pal.focus}; border-radius: {px(3)};
}}
QSlider:focus, QCheckBox:focus, QRadioButton:focus {{
    border: {ring} solid {pal.focus}; border-radius: {px(3)};
}}
QListWidget:focus, QTreeView:focus, QListView:focus, QTableView:focus {{
    border: {ring} solid {pal.focus};
}}
QMenu {{ background: {pal.card}; color: {pal.ink}; border: 1px solid {pal.edge}; }}
QMenu::item:selected {{ background: {pal.selection}; color: {pal.ink}; }}
QMenuBar {{ background: {pal.paper}; color: {pal.ink}; }}
QMenuBar::item:selected {{ background: {pal.selection}; color: {pal.ink}; }}
"""

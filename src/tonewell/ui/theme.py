"""Tonewell's look, applied live: the chosen palette (light, dark, high contrast or the system's),
the UI scale (100-200 %), the Qt palette and the stylesheet.

The colour tables live in `ui.palettes`; this module keeps which one is in use and tells views
when it changes (`changes().changed`). Views read colours when they paint (`palette().ink`), so a
switch needs no rebuild. Track colours come from one table and one rule (`shown_colour`), so the
track list, the arrangement and the piano roll always agree; the outline of anything drawn in a
track colour comes from `outline_for`, which keeps it 3:1 against what it sits on.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication

from tonewell.model import Track
from tonewell.ui import palettes
from tonewell.ui.palettes import LIGHT, PALETTES, TRACK_COLOURS, Palette
from tonewell.ui.settings import DisplaySettings, load_display_settings
from tonewell.ui.theme_style import build_stylesheet

__all__ = [
    "TRACK_COLOURS",
    "apply_theme",
    "changes",
    "outline_for",
    "paint_focus_ring",
    "palette",
    "scaled_px",
    "shown_colour",
    "text_on",
    "track_colour",
    "ui_scale",
]

_LEGACY_ROLES = {
    "PAPER": "paper", "CARD": "card", "INK": "ink", "SOFT_INK": "soft_ink", "LINE": "line",
    "ACCENT": "accent", "ACCENT_DARK": "strong",
}
"""Old constant names still read by a few views: they now give the live palette's role."""


class _Changes(QObject):
    changed = Signal()
    """The palette or the scale changed; views that cache pictures or sizes refresh."""


_state: dict[str, object] = {"palette": LIGHT, "scale": 1.0, "platform_pt": 0.0, "applied_pt": 0.0}
_changes: _Changes | None = None


def __getattr__(name: str) -> str:
    role = _LEGACY_ROLES.get(name)
    if role is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return str(getattr(palette(), role))


def palette() -> Palette:
    """The palette in use."""
    shown = _state["palette"]
    assert isinstance(shown, Palette)
    return shown


def ui_scale() -> float:
    """The UI scale in use, 1.0 to 2.0."""
    return float(_state["scale"])  # type: ignore[arg-type]


def scaled_px(px: float) -> int:
    """`px` (a size at 100 %) at the UI scale in use."""
    return round(px * ui_scale())


def changes() -> _Changes:
    global _changes
    if _changes is None:
        _changes = _Changes()
    return _changes


def track_colour(index: int) -> QColor:
    """The palette colour of the track at `index` (neighbours never share one)."""
    return QColor(TRACK_COLOURS[index % len(TRACK_COLOURS)])


def shown_colour(track: Track, index: int) -> QColor:
    """The colour a track is drawn in everywhere: the one the person chose, else the palette
    colour of its place (`index`)."""
    return QColor(track.colour) if track.colour else track_colour(index)


def outline_for(colour: QColor, *backgrounds: str) -> QColor:
    """The outline of a shape filled with `colour`: the colour moved towards the ink until it
    stands 3:1 (high contrast: 4.5:1) against every one of `backgrounds`."""
    pal = palette()
    return QColor(palettes.legible(colour.name(), backgrounds, pal.graphic_minimum, pal.ink))


def text_on(fill: QColor) -> QColor:
    """Dark or light text, whichever reads better on `fill` (a track colour, say)."""
    dark, light = LIGHT.ink, "#ffffff"
    name = fill.name()
    dark_ratio = palettes.contrast_ratio(dark, name)
    return QColor(dark if dark_ratio >= palettes.contrast_ratio(light, name) else light)


def paint_focus_ring(p: QPainter, rect: QRectF) -> None:
    """The keyboard-focus ring of a custom-painted view, just inside `rect`."""
    width = max(2.0, 2.0 * ui_scale())
    p.save()
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(QColor(palette().focus), width))
    p.drawRect(rect.adjusted(width / 2, width / 2, -width / 2, -width / 2))
    p.restore()


def resolve(choice: str) -> Palette:
    """The palette for the setting `choice`: a palette's key, or "system" (the desktop's
    colour scheme, and high contrast when the desktop asks for it)."""
    if choice in PALETTES:
        return PALETTES[choice]
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is not None:
        contrast = accessibility().contrastPreference()
        if contrast == Qt.ContrastPreference.HighContrast:
            return PALETTES["high-contrast"]
    return PALETTES["dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"]


def base_point_size(platform_pt: float, screen_height_px: int) -> float:
    """The font size at 100 %: the platform's, but never under 10 pt, and 10.5 pt on screens
    1000 logical pixels tall or more, where 10 pt looks small at arm's length."""
    floor = 10.5 if screen_height_px >= 1000 else 10.0
    return max(platform_pt, floor)


def apply_theme(app: QApplication, display: DisplaySettings | None = None) -> None:
    """Give the whole application the chosen look and scale (the saved display settings when
    `display` is None), now; views are told through `changes().changed`."""
    display = (display or load_display_settings()).clamped()
    pal = resolve(display.theme)
    _state["palette"], _state["scale"] = pal, display.scale_percent / 100
    if not _state["platform_pt"]:
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: _follow_system(app))
    if app.font().pointSizeF() != _state["applied_pt"]:
        # the first time, or the application was given another font since (the desktop's,
        # or an accessibility tool's): that is the size at 100 % from now on
        _state["platform_pt"] = app.font().pointSizeF()
    app.setStyle("Fusion")
    app.setPalette(qt_palette(pal))
    screen = app.primaryScreen()
    height_px = screen.availableGeometry().height() if screen is not None else 0
    font = QFont(app.font())
    font.setPointSizeF(base_point_size(float(_state["platform_pt"]), height_px) * ui_scale())  # type: ignore[arg-type]
    app.setFont(font)
    _state["applied_pt"] = font.pointSizeF()
    # set anew even when unchanged, so widgets with a stylesheet of their own take the font
    app.setStyleSheet(build_stylesheet(pal, ui_scale()))
    _state["choice"] = display.theme
    changes().changed.emit()


def _follow_system(app: QApplication) -> None:
    if _state.get("choice", "system") == "system":
        apply_theme(app)


def qt_palette(pal: Palette) -> QPalette:
    """The Qt palette of `pal`, for the parts Qt's Fusion style draws itself."""
    qp = QPalette()
    role = QPalette.ColorRole
    for qt_role, colour in (
        (role.Window, pal.paper), (role.WindowText, pal.ink), (role.Base, pal.card),
        (role.AlternateBase, pal.paper), (role.Text, pal.ink), (role.Button, pal.card),
        (role.ButtonText, pal.ink), (role.Highlight, pal.strong),
        (role.HighlightedText, pal.on_strong), (role.ToolTipBase, pal.card),
        (role.ToolTipText, pal.ink), (role.PlaceholderText, pal.soft_ink),
        (role.BrightText, pal.ink), (role.Link, pal.focus), (role.Light, pal.hover),
        (role.Midlight, pal.line), (role.Mid, pal.edge), (role.Dark, pal.edge),
        (role.Shadow, pal.edge),
    ):
        qp.setColor(qt_role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for qt_role in (role.WindowText, role.Text, role.ButtonText):
        qp.setColor(disabled, qt_role, QColor(palettes.mix(pal.soft_ink, pal.paper, 0.35)))
    return qp

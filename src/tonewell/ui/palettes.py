"""The colour tables of Tonewell's three looks (light, dark, high contrast), and contrast maths.

Every colour a view paints comes from a named role here, so a look is one table and the
contrast test (tests/ui/test_palettes.py) can check every pair of roles that are drawn on each
other against WCAG 2.2 AA. Plain data and arithmetic, no Qt: `ui.theme` turns the table into a
Qt palette and stylesheet.

Colours are "#rrggbb"; a few overlay roles are "#aarrggbb" (Qt's order, alpha first).
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT_MINIMUM = 4.5
"""WCAG 2.2 AA: normal text against its background."""
LARGE_TEXT_MINIMUM = 3.0
GRAPHIC_MINIMUM = 3.0
"""WCAG 2.2 AA (1.4.11): controls, their states, focus rings and notes against what they sit on."""


@dataclass(frozen=True, slots=True)
class Palette:
    """One look: named roles, each a colour string."""

    key: str
    """"light", "dark" or "high-contrast" (what the display setting stores)."""
    label: str
    text_minimum: float
    """The contrast this look promises for text (AA 4.5, or 7 in high contrast)."""
    graphic_minimum: float
    dark: bool

    # surfaces and text
    paper: str
    """Window background."""
    card: str
    """Panels, lists, fields, the grid."""
    ink: str
    soft_ink: str
    """Secondary text: captions, counts, hints. Still meets `text_minimum` on paper and card."""
    line: str
    """Decorative dividers (no contrast promise: nothing is told by them alone)."""
    edge: str
    """The border of a control that must be seen (fields, toggles): 3:1 on paper and card."""
    hover: str
    pressed: str

    # accent
    accent: str
    """Sage: the playhead and decoration."""
    strong: str
    """Primary buttons (Play) and the on-state edge of toggles: 3:1 against card and paper."""
    strong_hover: str
    on_strong: str
    """Text and icons on `strong`: 4.5:1."""
    toggle_on: str
    """Fill of a checked toggle; text on it is `ink`. Told apart by `strong` edge and a mark."""
    selection: str
    """Fill of a selected row; text on it is `ink`, its edge `strong`."""
    focus: str
    """The focus ring: 3:1 against paper, card, hover and the grid."""
    notice: str
    notice_edge: str

    # piano roll
    grid: str
    black_row: str
    scale_row: str
    octave_line: str
    row_line: str
    cell_line: str
    beat_line: str
    bar_line: str
    outside_clip: str
    """Laid over the grid past the clip's end (alpha)."""
    clip_end: str
    band_fill: str
    """The rubber band's fill (alpha); its edge is `strong`."""
    white_key: str
    white_scale_key: str
    black_key: str
    black_scale_key: str
    key_name: str
    """Key names on white keys."""
    key_name_on_black: str


LIGHT = Palette(
    key="light", label="Light", text_minimum=TEXT_MINIMUM, graphic_minimum=GRAPHIC_MINIMUM,
    dark=False,
    paper="#f6f1e9", card="#fffdf9", ink="#3a342d", soft_ink="#675d52", line="#e2d8ca",
    edge="#8c7f70", hover="#efe7db", pressed="#e4dacb",
    accent="#5e8c7a", strong="#3f6b5a", strong_hover="#335a4b", on_strong="#ffffff",
    toggle_on="#dcebe4", selection="#dcebe4", focus="#1f5f8b",
    notice="#f3e6cf", notice_edge="#e3cfa8",
    grid="#fffdf9", black_row="#f1ebe1", scale_row="#fbf8f2", octave_line="#d9cdbd",
    row_line="#efe7dc", cell_line="#f0e9de", beat_line="#e2d6c6", bar_line="#bfb09c",
    outside_clip="#26786c5e", clip_end="#7a6a56", band_fill="#285e8c7a",
    white_key="#fffdf9", white_scale_key="#f0f6ec", black_key="#5b524a",
    black_scale_key="#4d6150", key_name="#675d52", key_name_on_black="#ffffff",
)

DARK = Palette(
    key="dark", label="Dark", text_minimum=TEXT_MINIMUM, graphic_minimum=GRAPHIC_MINIMUM,
    dark=True,
    paper="#1f1d1b", card="#282523", ink="#eee8de", soft_ink="#c4baab", line="#3e3934",
    edge="#8a7f72", hover="#36312d", pressed="#423c37",
    accent="#7fb09b", strong="#8cc4ad", strong_hover="#a2d3bf", on_strong="#14211b",
    toggle_on="#2e4a3f", selection="#314a40", focus="#8cc8f2",
    notice="#433823", notice_edge="#6b5a37",
    grid="#252220", black_row="#1c1a18", scale_row="#2b2824", octave_line="#4a443d",
    row_line="#2e2a27", cell_line="#2f2b28", beat_line="#3b3631", bar_line="#5f574d",
    outside_clip="#40000000", clip_end="#a89884", band_fill="#307fb09b",
    white_key="#d9d2c7", white_scale_key="#cfe0d2", black_key="#2b2724",
    black_scale_key="#2f4136", key_name="#3a342d", key_name_on_black="#eee8de",
)

HIGH_CONTRAST = Palette(
    key="high-contrast", label="High contrast", text_minimum=7.0, graphic_minimum=4.5,
    dark=True,
    paper="#000000", card="#0b0b0b", ink="#ffffff", soft_ink="#e6e6e6", line="#7a7a7a",
    edge="#d0d0d0", hover="#262626", pressed="#333333",
    accent="#ffd400", strong="#ffd400", strong_hover="#ffe45c", on_strong="#000000",
    toggle_on="#3d3300", selection="#3d3300", focus="#36e0ff",
    notice="#1f1a00", notice_edge="#ffd400",
    grid="#000000", black_row="#161616", scale_row="#0d0d0d", octave_line="#9a9a9a",
    row_line="#2c2c2c", cell_line="#2c2c2c", beat_line="#5c5c5c", bar_line="#b0b0b0",
    outside_clip="#60404040", clip_end="#ffffff", band_fill="#40ffd400",
    white_key="#ffffff", white_scale_key="#fff3b0", black_key="#000000",
    black_scale_key="#3d3300", key_name="#000000", key_name_on_black="#ffffff",
)

PALETTES: dict[str, Palette] = {p.key: p for p in (LIGHT, DARK, HIGH_CONTRAST)}

TRACK_COLOURS: tuple[str, ...] = (
    "#5f97c4",  # dusk blue
    "#e0904f",  # apricot
    "#8db38b",  # sage
    "#b48fb5",  # heather
    "#d9bf4f",  # ochre
    "#c46a6a",  # rose clay
    "#6fc2c0",  # sea glass
    "#9a8c72",  # driftwood
)
"""One table for every look: a person's chosen colour keeps its meaning when the look changes.
Mid-tones, so a note's outline can be pushed to 3:1 against a light or a dark grid; tuned so
neighbours stay apart for deuteranopia and protanopia (see tests/ui/test_palettes.py)."""


def rgb(colour: str) -> tuple[int, int, int]:
    """(red, green, blue) 0..255 of "#rrggbb" or "#aarrggbb" (alpha ignored)."""
    digits = colour.lstrip("#")
    digits = digits[-6:]
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def hex_of(red: float, green: float, blue: float) -> str:
    clamp = [min(255, max(0, round(c))) for c in (red, green, blue)]
    return "#{:02x}{:02x}{:02x}".format(*clamp)


def _linear(channel_8bit: float) -> float:
    c = channel_8bit / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of an opaque colour, 0 (black) to 1 (white)."""
    r, g, b = (_linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two opaque colours, 1 to 21."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def mix(colour: str, towards: str, amount: float) -> str:
    """`colour` moved `amount` (0..1) of the way to `towards`, in sRGB."""
    a, b = rgb(colour), rgb(towards)
    return hex_of(*(x + (y - x) * amount for x, y in zip(a, b, strict=True)))


def over(overlay: str, alpha: float, under: str) -> str:
    """The opaque colour seen when `overlay` at `alpha` (0..1) is painted on `under`."""
    return mix(under, overlay, alpha)


def legible(colour: str, against: tuple[str, ...], minimum: float, towards: str) -> str:
    """`colour`, moved step by step towards `towards` (the look's ink: darker on a light look,
    lighter on a dark one) until it has `minimum` contrast with every colour in `against`."""
    shown = colour
    for step in range(21):
        shown = mix(colour, towards, step / 20)
        if all(contrast_ratio(shown, back) >= minimum for back in against):
            return shown
    return shown

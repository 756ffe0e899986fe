"""Every colour pair the theme draws one on the other meets WCAG 2.2 AA, in every look, and
neighbouring track colours stay apart for people with deuteranopia or protanopia."""

from __future__ import annotations

import math

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from tonewell.ui import palettes, theme
from tonewell.ui.palettes import GRAPHIC_MINIMUM, PALETTES, TRACK_COLOURS, Palette, contrast_ratio
from tonewell.ui.piano_roll import colours
from tonewell.ui.settings import DisplaySettings

TEXT_PAIRS = (
    ("ink", "paper"), ("ink", "card"), ("ink", "hover"), ("ink", "pressed"),
    ("ink", "toggle_on"), ("ink", "selection"), ("ink", "notice"), ("ink", "grid"),
    ("soft_ink", "paper"), ("soft_ink", "card"), ("soft_ink", "hover"),
    ("soft_ink", "selection"), ("soft_ink", "grid"), ("soft_ink", "notice"),
    ("on_strong", "strong"), ("on_strong", "strong_hover"),
    ("card", "ink"),  # a checked Mute toggle: card-coloured letter on an ink fill
    ("key_name", "white_key"), ("key_name", "white_scale_key"),
    ("key_name_on_black", "black_key"), ("key_name_on_black", "black_scale_key"),
)
"""(text role, background role): text drawn on that background somewhere in the app."""

GRAPHIC_PAIRS = (
    ("edge", "card"), ("edge", "paper"),  # borders of fields, toggles, instrument buttons
    ("strong", "card"), ("strong", "paper"),  # Play, primary buttons, the on-edge of toggles
    ("strong", "toggle_on"),  # a checked toggle's edge against its own fill
    ("ink", "card"),  # a checked Mute toggle against an unchecked one
    ("strong", "selection"),  # the selected track row's bar against its fill
    ("focus", "paper"), ("focus", "card"), ("focus", "hover"), ("focus", "toggle_on"),
    ("focus", "selection"), ("focus", "grid"), ("focus", "black_row"), ("focus", "notice"),
    ("ink", "grid"), ("ink", "black_row"),  # a selected note's outline
    ("strong", "grid"), ("strong", "black_row"),  # the keyboard cursor, the rubber band
    ("accent", "grid"),  # the playhead
    ("clip_end", "grid"),
)
"""(drawn role, background role): controls, states, rings and marks (WCAG 1.4.11)."""


@pytest.fixture(params=sorted(PALETTES))
def look(request: pytest.FixtureRequest, qapp: QApplication, restore_look: None) -> Palette:
    """The theme applied with each palette in turn, the app as it was afterwards."""
    theme.apply_theme(qapp, DisplaySettings(theme=request.param))
    return theme.palette()


def shortfalls(pal: Palette, pairs: tuple[tuple[str, str], ...], minimum: float) -> list[str]:
    found = []
    for front, back in pairs:
        ratio = contrast_ratio(getattr(pal, front), getattr(pal, back))
        if ratio < minimum:
            found.append(f"{pal.key}: {front} on {back} is {ratio:.2f}:1, needs {minimum}")
    return found


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)


def test_text_meets_its_minimum(look: Palette) -> None:
    assert shortfalls(look, TEXT_PAIRS, look.text_minimum) == []


def test_controls_states_and_focus_ring_meet_their_minimum(look: Palette) -> None:
    assert shortfalls(look, GRAPHIC_PAIRS, look.graphic_minimum) == []


def test_the_old_light_look_would_fail() -> None:
    """The check can fail: the colours measured before this table (secondary text 4.4:1,
    white on sage 3.8:1) fall short."""
    old = palettes.LIGHT.__class__(**{
        **{name: getattr(palettes.LIGHT, name) for name in palettes.LIGHT.__slots__},
        "soft_ink": "#7a6f63", "strong": "#5e8c7a",
    })
    assert len(shortfalls(old, TEXT_PAIRS, 4.5)) >= 2


@pytest.mark.parametrize("index", range(len(TRACK_COLOURS)))
def test_note_outlines_stand_out_from_every_grid_row(look: Palette, index: int) -> None:
    outline = colours.note_colours(theme.track_colour(index)).outline.name()
    for row in (look.grid, look.black_row, look.scale_row):
        assert contrast_ratio(outline, row) >= look.graphic_minimum


def test_a_chosen_pale_colour_still_gets_a_visible_outline(look: Palette) -> None:
    outline = theme.outline_for(QColor("#fffff0"), look.grid).name()
    assert contrast_ratio(outline, look.grid) >= look.graphic_minimum


# --- colour vision ---------------------------------------------------------------------------

MACHADO_2009 = {
    # Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
    "protanopia": ((0.152286, 1.052583, -0.204868),
                   (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968),
                     (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
}
NEIGHBOUR_MIN_DELTA_E = 20.0
"""CIE76 distance between neighbouring track colours as seen with the deficiency. Before the
palette was tuned, apricot/sage measured 12.9 and sea glass/driftwood 13.6 under protanopia."""


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def simulated_linear(colour: str, matrix: tuple[tuple[float, ...], ...]) -> tuple[float, ...]:
    rgb = [_linear(c) for c in palettes.rgb(colour)]
    return tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True))))
                 for row in matrix)


def lab(linear_rgb: tuple[float, ...]) -> tuple[float, float, float]:
    r, g, b = linear_rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def neighbour_distances(colours_hex: tuple[str, ...], deficiency: str) -> list[float]:
    seen = [lab(simulated_linear(c, MACHADO_2009[deficiency])) for c in colours_hex]
    return [math.dist(seen[i], seen[(i + 1) % len(seen)]) for i in range(len(seen))]


@pytest.mark.parametrize("deficiency", sorted(MACHADO_2009))
def test_neighbouring_track_colours_stay_apart(deficiency: str) -> None:
    assert min(neighbour_distances(TRACK_COLOURS, deficiency)) >= NEIGHBOUR_MIN_DELTA_E


def test_the_old_track_palette_would_fail_the_colour_vision_check() -> None:
    old = ("#6f9fb8", "#d39a6a", "#8db38b", "#b48fb5", "#d2b55b", "#c77f7f", "#7fb3ad", "#a39a86")
    assert min(neighbour_distances(old, "protanopia")) < NEIGHBOUR_MIN_DELTA_E


def test_graphic_minimum_is_wcag_aa() -> None:
    assert GRAPHIC_MINIMUM == 3.0

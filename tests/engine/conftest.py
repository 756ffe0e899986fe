"""The engine tests use the FluidSynth fixtures of tests/conftest.py (`fluid_available`,
`bundled_font`); the bundled soundfont's path is re-exported here for the tests that only read
the file."""

from __future__ import annotations

from conftest import BUNDLED_FONT

__all__ = ["BUNDLED_FONT"]

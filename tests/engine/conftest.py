"""Fixtures for tests that make real sound: libfluidsynth and the bundled soundfont.

Missing either skips those tests on a developer's machine and fails them under CI=true.
The bundled soundfont takes ~1.7 s to load; while one synth holds it, FluidSynth's sample
cache makes every later load of the same file take ~0.04 s, so `bundled_font` keeps one
synth alive for the whole session.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUNDLED_FONT = REPO / "soundfonts" / "FluidR3Mono_GM.sf3"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def fluid_available() -> None:
    """Skip (fail under CI=true) when libfluidsynth or the bundled soundfont is missing."""
    problems = []
    try:
        import fluidsynth  # noqa: F401
    except ImportError as err:
        problems.append(f"libfluidsynth/pyfluidsynth: {err}")
    if not BUNDLED_FONT.is_file():
        problems.append(f"the bundled soundfont {BUNDLED_FONT}")
    if not problems:
        return
    why = "missing: " + "; ".join(problems)
    if _in_ci():
        pytest.fail(f"missing in CI: {why}")
    pytest.skip(why)


@pytest.fixture(scope="session")
def bundled_font(fluid_available: None) -> Iterator[Path]:
    """The bundled soundfont's path, kept loaded by one idle synth for fast reloads."""
    from tonewell.engine.fluid import load_soundfont, quiet_fluidsynth_logs
    from tonewell.engine.render import new_offline_synth

    quiet_fluidsynth_logs()
    keeper = new_offline_synth(44100, 16, effects=False)
    try:
        load_soundfont(keeper, BUNDLED_FONT)
        yield BUNDLED_FONT
    finally:
        keeper.delete()


"""Guard rails for every test: offscreen Qt, a private user data folder, no stray threads, and
the one rule for a missing dependency (`need`: a skip on a developer's machine, a failure under
CI=true), with the FluidSynth fixtures built on it.

The bundled soundfont takes ~1.7 s to load; while one synth holds it, FluidSynth's sample cache
makes every later load of the same file take ~0.04 s, so `bundled_font` keeps one synth alive
for the whole session. A test that uses `fluid_available` (directly or through another fixture)
is marked `fluidsynth` automatically.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
REPO = Path(__file__).resolve().parents[1]
BUNDLED_FONT = REPO / "soundfonts" / "FluidR3Mono_GM.sf3"


def need(condition: bool, why: str) -> None:
    """Skip when a dependency is missing, except under CI=true, where it is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"missing in CI: {why}")
    pytest.skip(why)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "fluid_available" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.fluidsynth)


@pytest.fixture(scope="session")
def fluid_available() -> None:
    """libfluidsynth (through pyfluidsynth) and the bundled soundfont, or `need` says why not."""
    problems = []
    try:
        import fluidsynth  # noqa: F401
    except ImportError as err:
        problems.append(f"libfluidsynth/pyfluidsynth: {err}")
    if not BUNDLED_FONT.is_file():
        problems.append(f"the bundled soundfont {BUNDLED_FONT}")
    need(not problems, "missing: " + "; ".join(problems))


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


@pytest.fixture(autouse=True)
def tonewell_home(tmp_path, monkeypatch):
    """Point the user data folder at a fresh temporary folder for each test."""
    home = tmp_path / "tonewell-home"
    monkeypatch.setenv("TONEWELL_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def no_leftover_threads():
    """A test that leaves one of our threads running fails."""
    before = set(threading.enumerate())
    yield
    leftover = [
        t for t in threading.enumerate()
        if t not in before and t.is_alive() and not t.daemon and t.name.startswith("tonewell")
    ]
    for t in leftover:
        t.join(timeout=2.0)
    still = [t.name for t in leftover if t.is_alive()]
    assert not still, f"threads left running: {still}"

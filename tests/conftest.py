"""Guard rails for every test: offscreen Qt, a private user data folder, no stray threads."""

from __future__ import annotations

import os
import threading

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(condition: bool, why: str) -> None:
    """Skip when a dependency is missing, except under CI=true, where it is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"missing in CI: {why}")
    pytest.skip(why)


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

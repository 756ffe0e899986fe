"""The user data folder: platform convention, TONEWELL_HOME override, created on demand."""

from __future__ import annotations

from pathlib import Path

import pytest

from tonewell.errors import FileProblem
from tonewell.io import paths


def test_tonewell_home_overrides_the_platform_folder(tonewell_home):
    assert paths.user_data_dir() == tonewell_home


def test_the_data_folder_is_created(tonewell_home):
    assert not tonewell_home.exists()
    assert paths.user_data_dir().is_dir()


def test_tonewell_home_is_read_at_call_time(tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("TONEWELL_HOME", str(elsewhere))
    assert paths.user_data_dir() == elsewhere


def test_without_tonewell_home_the_platform_convention_is_used(tmp_path, monkeypatch):
    asked = []

    def fake_user_data_path(appname, appauthor=None):
        asked.append((appname, appauthor))
        return tmp_path / "platform" / appname

    monkeypatch.delenv("TONEWELL_HOME")
    monkeypatch.setattr(paths.platformdirs, "user_data_path", fake_user_data_path)
    assert paths.user_data_dir() == tmp_path / "platform" / "Tonewell"
    assert asked == [("Tonewell", False)]


def test_an_empty_tonewell_home_counts_as_unset(tmp_path, monkeypatch):
    monkeypatch.setenv("TONEWELL_HOME", "")
    monkeypatch.setattr(paths.platformdirs, "user_data_path", lambda *a, **k: tmp_path / "p")
    assert paths.user_data_dir() == tmp_path / "p"


def test_recovery_folder_is_inside_the_data_folder_and_exists(tonewell_home):
    folder = paths.recovery_dir()
    assert folder == tonewell_home / "recovery"
    assert folder.is_dir()


def test_a_folder_that_cannot_be_made_is_a_plain_file_problem(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TONEWELL_HOME", str(Path(blocker) / "home"))
    with pytest.raises(FileProblem, match="could not create its folder"):
        paths.user_data_dir()

"""Where Tonewell keeps the user's things on disk: the data folder and the recovery folder.

The data folder follows the platform's convention (platformdirs). `TONEWELL_HOME` overrides it;
it is read on every call, not at import, so tests and portable installs can point it elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from tonewell.errors import FileProblem
from tonewell.io.atomic import describe_os_error

APP_NAME = "Tonewell"
HOME_ENV = "TONEWELL_HOME"
COMPOSITIONS_FOLDER = "Compositions"


def _ensure_folder(folder: Path) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise FileProblem(
            f'Tonewell could not create its folder "{folder}": {describe_os_error(err)}.'
        ) from err
    return folder


def user_data_dir() -> Path:
    """The folder for the user's compositions and journal; created if missing."""
    override = os.environ.get(HOME_ENV, "").strip()
    if override:
        folder = Path(override).expanduser()
    else:
        folder = platformdirs.user_data_path(APP_NAME, appauthor=False)
    return _ensure_folder(folder)


def recovery_dir() -> Path:
    """The folder for autosaved recovery copies; created if missing."""
    return _ensure_folder(user_data_dir() / "recovery")


def user_compositions_dir() -> Path:
    """Where the person's own pieces are kept by default ("Compositions" in the data folder);
    created if missing. Save suggests it and the library lists it."""
    return _ensure_folder(user_data_dir() / COMPOSITIONS_FOLDER)

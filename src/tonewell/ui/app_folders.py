"""The app's own folders, which are read-only to Tonewell, and where a new piece is saved.

Examples and templates ship inside the app (`projects/` in a source checkout, beside the
package). They open as untitled copies, and no save may ever write into them or into the
package itself: `is_inside_app` is the one check for that. New pieces are suggested a place in
the user's data folder ("Compositions"), or the home folder when that cannot be made.
"""

from __future__ import annotations

from pathlib import Path

import tonewell
from tonewell.errors import UserFacingError
from tonewell.io.paths import user_compositions_dir


def package_dir() -> Path:
    return Path(tonewell.__file__).resolve().parent


def projects_dir() -> Path:
    """Where the examples and templates are shipped (in a source checkout: `projects/`)."""
    return package_dir().parents[1] / "projects"


def examples_dir() -> Path:
    return projects_dir() / "examples"


def app_folders() -> tuple[Path, ...]:
    """Folders of the installed app that Tonewell never writes into."""
    return (package_dir(), projects_dir())


def is_inside_app(path: Path) -> bool:
    """True when `path` lies in one of the app's own folders (examples, templates, the code)."""
    try:
        resolved = Path(path).expanduser().resolve()
    except (OSError, RuntimeError):
        return False
    return any(resolved.is_relative_to(folder) for folder in app_folders())


def compositions_dir() -> Path:
    """Where Save suggests putting a piece that has no place yet: the user's data folder's
    "Compositions" (made if missing), else the home folder."""
    try:
        return user_compositions_dir()
    except (UserFacingError, OSError):
        return Path.home()

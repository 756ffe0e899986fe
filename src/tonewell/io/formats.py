"""Open and save a composition by file extension: `.tonewell` projects and `.mid` files.

The command line (`convert`, `info`, `render`) and the app's Open/Save dialogs go through here,
so every way in reads files the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tonewell.errors import FileProblem
from tonewell.io.files import safe_text, shown_path
from tonewell.model import Composition

PROJECT_SUFFIXES = (".tonewell",)
MIDI_SUFFIXES = (".mid", ".midi", ".smf", ".kar")


class UnknownFormatError(FileProblem):
    """The file's extension is not one Tonewell reads or writes."""


def kind_of(path: Path) -> str:
    """'project' or 'midi' by extension, or UnknownFormatError."""
    suffix = path.suffix.lower()
    if suffix in PROJECT_SUFFIXES:
        return "project"
    if suffix in MIDI_SUFFIXES:
        return "midi"
    raise UnknownFormatError(
        f'"{shown_path(path.name)}": Tonewell reads and writes .tonewell projects and .mid files '
        f"(not {safe_text(suffix) or 'files without an extension'})."
    )


def load_any(
    path: Path,
    *,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[Composition, list[str]]:
    """Read a project or a MIDI file. Returns the composition and gentle warnings about what
    could not be kept (empty for projects). Raises FileProblem with a plain message. For a
    MIDI file `progress(fraction)` hears how far it has come and `cancelled()` may stop it
    (`tonewell.io.smf.ImportCancelled`, which is not a FileProblem)."""
    path = Path(path)
    kind = kind_of(path)
    if not path.exists():
        raise FileProblem(f'"{shown_path(path)}" was not found.')
    if path.is_dir():
        raise FileProblem(f'"{shown_path(path)}" is a folder, not a file.')
    if kind == "project":
        from tonewell.io.project import load_project

        return load_project(path), []
    from tonewell.io.smf import read_midi

    imported = read_midi(path, progress=progress, cancelled=cancelled)
    return imported.composition, list(imported.warnings)


def save_any(comp: Composition, path: Path) -> None:
    """Write a project or a MIDI file, atomically (a failed save leaves the old file as it was)."""
    path = Path(path)
    kind = kind_of(path)
    if kind == "project":
        from tonewell.io.project import save_project

        save_project(comp, path)
    else:
        from tonewell.io.smf import write_midi

        write_midi(comp, path)

"""Standard MIDI Files in and out: the one place the app, the command line and tests go through.

Import reads type 0 and 1 files (type 2 is refused with a plain message), leniently: damage is
salvaged where it can be and reported as warnings, never as a crash; anything unreadable is a
`MidiFileError` with one line naming the file. Limits keep a hostile file from eating the
machine and agree with what a project holds (`tonewell.io.limits`), so whatever Tonewell
exports it can import again. Import reports progress and can be cancelled (`ImportCancelled`).
Export writes type 1 at Tonewell's PPQ, atomically.

The work is split: `smf_frames` reads bytes into raw events, `smf_read` turns those into a
Composition (its docstring lists the import choices), `smf_write` builds the file (its docstring
lists the export choices).
"""

from __future__ import annotations

from pathlib import Path

from tonewell.io.atomic import describe_os_error
from tonewell.io.files import open_regular_file, shown_path
from tonewell.io.smf_frames import (
    MAX_EVENTS,
    MAX_FILE_BYTES,
    MAX_TRACK_CHUNKS,
    Cancelled,
    ImportCancelled,
    ImportWatch,
    MidiFileError,
    Progress,
)
from tonewell.io.smf_frames import read_raw as _read_raw
from tonewell.io.smf_read import MidiImport, raw_to_composition
from tonewell.io.smf_write import midi_bytes
from tonewell.model import Composition

__all__ = [
    "MAX_EVENTS",
    "MAX_FILE_BYTES",
    "MAX_TRACK_CHUNKS",
    "Cancelled",
    "ImportCancelled",
    "MidiFileError",
    "MidiImport",
    "Progress",
    "midi_bytes",
    "read_midi",
    "read_midi_bytes",
    "write_midi",
]

_READ_PROBLEMS: tuple[tuple[type[OSError], str], ...] = (
    (FileNotFoundError, "was not found."),
    (IsADirectoryError, "is a folder, not a MIDI file."),
    (PermissionError, "cannot be opened: Tonewell is not allowed to read it."),
)


def read_midi_bytes(
    data: bytes,
    *,
    name: str = "MIDI file",
    title: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> MidiImport:
    """Import a whole .mid file held in memory. `name` is used in messages and, without a
    `title`, for the title (its stem). `progress(fraction)` is called now and then with
    0.0..1.0; once `cancelled()` returns True the import stops with `ImportCancelled`."""
    watch = ImportWatch(progress, cancelled)
    raw = _read_raw(bytes(data), name, watch)
    return raw_to_composition(raw, name=name, title=title, watch=watch)


def read_midi(
    path: Path,
    *,
    title: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> MidiImport:
    """Import the .mid file at `path`; the title is the file's name unless `title` is given.
    `progress` and `cancelled` as for `read_midi_bytes`."""
    path = Path(path)
    name = shown_path(path.name)  # the title comes from it: no undecodable bytes
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise MidiFileError(
                f'"{name}" is too large to open (over {MAX_FILE_BYTES >> 20} MB).'
            )
        with open_regular_file(path) as file:  # a pipe or a device would block: refused
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        why = next(
            (text for kind, text in _READ_PROBLEMS if isinstance(err, kind)),
            f"could not be read ({describe_os_error(err)}).",
        )
        raise MidiFileError(f'"{name}" {why}') from err
    return read_midi_bytes(
        data, name=name, title=title, progress=progress, cancelled=cancelled
    )


def write_midi(comp: Composition, path: Path, *, keep_backup: bool = False) -> None:
    """Save `comp` as a type 1 .mid file. The file is written beside the target, flushed to disk
    and renamed over it, so an existing file is never left half written (raises `SaveError`,
    a FileProblem, with a plain message). With `keep_backup` the file it replaces stays as
    `<name>.bak`."""
    from tonewell.io.atomic import atomic_write_bytes

    atomic_write_bytes(Path(path), midi_bytes(comp), keep_backup=keep_backup)

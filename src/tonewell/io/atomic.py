"""Write a file so that a crash, a full disk or a pulled cable never leaves it half written.

The new bytes go to a temporary file beside the target, are flushed to the disk, and only then
replace the target in one rename. The previous version can be kept as `<name>.bak`. If anything
fails, the temporary file is removed, the old file is left exactly as it was, and a `SaveError`
says why in plain words.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import stat
from pathlib import Path

from tonewell.errors import FileProblem

_PLAIN_REASONS: dict[int, str] = {
    errno.ENOSPC: "no space left on the disk",
    errno.EDQUOT: "your storage allowance on this disk is used up",
    errno.EACCES: "Tonewell is not allowed to write there",
    errno.EPERM: "Tonewell is not allowed to write there",
    errno.EROFS: "the disk is read-only",
    errno.ENOENT: "the folder it belongs in does not exist (was a drive removed?)",
    errno.ENOTDIR: "part of its folder path is not a folder",
    errno.EISDIR: "there is a folder with that name",
    errno.ENAMETOOLONG: "the name is too long for this disk",
    errno.EIO: "the disk reported a problem reading or writing",
    errno.EMFILE: "too many files are open",
}
"""errno -> what it means to a person, for the errors a save can realistically hit."""


class SaveError(FileProblem):
    """A file could not be written; the previous version (if any) is untouched."""


def describe_os_error(err: OSError) -> str:
    """A short plain description of `err`, e.g. `no space left on the disk`."""
    if err.errno in _PLAIN_REASONS:
        return _PLAIN_REASONS[err.errno]
    if err.strerror:
        return err.strerror[0].lower() + err.strerror[1:]
    return "the system reported a problem"


def _temp_sibling(path: Path) -> tuple[int, Path]:
    """Create a new, uniquely named file beside `path`; its mode follows the user's umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    for _attempt in range(100):
        temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "could not find a free temporary name", str(path))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable; some platforms cannot open folders, which is fine."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _make_backup(path: Path, temps: list[Path]) -> None:
    """Put the current `path` at `<name>.bak`, replacing any older backup in one rename."""
    backup = path.with_name(path.name + ".bak")
    temp = path.with_name(f".{path.name}.bak.{secrets.token_hex(6)}.tmp")
    temps.append(temp)
    try:
        os.link(path, temp)
    except OSError:
        shutil.copy2(path, temp)
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    os.replace(temp, backup)
    temps.remove(temp)


def atomic_write_bytes(path: Path, data: bytes, *, keep_backup: bool = True) -> None:
    """Replace `path` with `data` all at once, or raise SaveError and change nothing.

    With `keep_backup`, an existing file is first kept as `<name>.bak` beside it.
    """
    path = Path(path)
    existed = False
    temps: list[Path] = []
    try:
        existed = path.exists()
        fd, temp = _temp_sibling(path)
        temps.append(temp)
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if existed:
            with contextlib.suppress(OSError):
                os.chmod(temp, stat.S_IMODE(os.stat(path).st_mode))
        if keep_backup and existed:
            _make_backup(path, temps)
        os.replace(temp, path)
        temps.remove(temp)
    except OSError as err:
        for leftover in temps:
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        after = "Your previous version is untouched." if existed else "Nothing was written."
        raise SaveError(
            f'Could not save "{path.name}": {describe_os_error(err)}. {after}'
        ) from err
    _fsync_folder(path.parent)

"""Write a file so that a crash, a full disk or a pulled cable never leaves it half written.

`AtomicFile` is the one way Tonewell writes a file (projects and MIDI files through
`atomic_write_bytes`, WAV files through `io.wav`): the new bytes go to a temporary file beside the
target, `.NAME.<12 hex>.tmp`, are flushed to the disk, and only then replace the target in one
rename, keeping its permissions. The previous version can be kept as `<name>.bak`. If anything
fails (or the writer is interrupted: Ctrl+C, SIGTERM), the temporary file is removed and the old
file is left exactly as it was. A target that is a symbolic link is written where the link points
(the link stays, as editors keep it). A target marked read-only is refused, not replaced.

A writer killed outright (SIGKILL, a power cut) cannot clean up; its temporary files are removed
the next time the same file is written, once nothing has touched them for `STALE_TEMP_SECONDS`
(a writer still at work touches its file with every block, so it is never taken for stale).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import secrets
import shutil
import stat
import time
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from tonewell.errors import FileProblem
from tonewell.io.files import shown_path

STALE_TEMP_SECONDS = 60.0
"""A temporary file of ours untouched for this long belongs to a writer that is gone."""

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
    errno.ELOOP: "it is a link that leads back to itself",
}
"""errno -> what it means to a person, for the errors a save can realistically hit."""


class SaveError(FileProblem):
    """A file could not be written; the previous version (if any) is untouched."""


class ReadOnlyFileError(SaveError):
    """The target is marked read-only (no write permission bits), so it was left alone."""


def describe_os_error(err: OSError) -> str:
    """A short plain description of `err`, e.g. `no space left on the disk`."""
    if err.errno in _PLAIN_REASONS:
        return _PLAIN_REASONS[err.errno]
    if err.strerror:
        return err.strerror[0].lower() + err.strerror[1:]
    return "the system reported a problem"


def _link_target(path: Path) -> Path:
    """The file a save to `path` writes: `path` itself, or where it leads when it is a link
    (also to a file not there yet). Raises OSError(ELOOP) for links that lead back to themselves."""
    if not path.is_symlink():
        return path
    try:
        return Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        return Path(os.path.realpath(path))
    except OSError as err:
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path)) from err


def _temp_name(path: Path, kind: str = "") -> Path:
    return path.with_name(f".{path.name}{kind}.{secrets.token_hex(6)}.tmp")


def _temp_sibling(path: Path) -> tuple[int, Path]:
    """Create a new, uniquely named file beside `path`; its mode follows the user's umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    for _attempt in range(100):
        temp = _temp_name(path)
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "could not find a free temporary name", str(path))


def remove_stale_temps(path: Path, *, now_s: float | None = None) -> list[Path]:
    """Remove our temporary files beside `path` (`.NAME.<12 hex>.tmp`, `.NAME.bak.<12 hex>.tmp`)
    that nothing has touched for STALE_TEMP_SECONDS; returns what was removed. Never raises.

    "Touched" is the later of the change and modification times: writing a block or hard-linking
    a backup updates them, so a concurrent writer's file in progress is left alone."""
    path = Path(path)
    pattern = re.compile(rf"\.{re.escape(path.name)}(\.bak)?\.[0-9a-f]{{12}}\.tmp")
    now_s = time.time() if now_s is None else now_s
    removed: list[Path] = []
    try:
        names = os.listdir(path.parent)
    except OSError:
        return removed
    for name in names:
        if not pattern.fullmatch(name):
            continue
        temp = path.with_name(name)
        with contextlib.suppress(OSError):
            info = os.lstat(temp)
            if stat.S_ISREG(info.st_mode) and now_s - max(
                info.st_mtime, info.st_ctime
            ) > STALE_TEMP_SECONDS:
                os.unlink(temp)
                removed.append(temp)
    return removed


def refuse_read_only(path: Path) -> None:
    """Raise ReadOnlyFileError when `path` exists and has no write permission bit at all.

    The mode bits are read, not `os.access`: root may write anywhere, but a file someone marked
    read-only is still not one to replace."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if stat.S_ISREG(mode) and not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise ReadOnlyFileError(
            f'"{shown_path(path.name)}" is read-only, so Tonewell left it as it was. Please save '
            "under another name, or make the file writable first."
        )


def _write_all(fd: int, data: bytes | bytearray | memoryview) -> None:
    view = memoryview(data).cast("B")
    while view:
        written = os.write(fd, view)
        view = view[written:]


class _WholeWrites(io.FileIO):
    """A file whose `write` writes every byte or raises (a raw file may write only part)."""

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(data)
        _write_all(self.fileno(), view)
        return view.nbytes


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
    temp = _temp_name(path, ".bak")
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


class AtomicFile:
    """A new version of `path`, written through a temporary file beside it.

    `with AtomicFile(path) as file:` gives a binary file (seekable; `write` writes everything).
    Leaving the block normally flushes it to the disk, gives it the old file's permissions, keeps
    the old file as `<name>.bak` when `keep_backup`, and renames it over `path`. Leaving it by any
    exception (Ctrl+C and the command line's SIGTERM included) removes the temporary file and
    leaves `path` untouched. Entering refuses a read-only target (ReadOnlyFileError) and removes
    stale temporary files of earlier, killed writers. Other failures raise the OSError itself,
    for the caller to word (`describe_os_error`).
    """

    def __init__(self, path: Path | str, *, keep_backup: bool = False) -> None:
        self.path = Path(path)
        self.keep_backup = keep_backup
        self.existed = False
        self._temps: list[Path] = []
        self._file: _WholeWrites | None = None

    def __enter__(self) -> BinaryIO:
        self.path = _link_target(self.path)
        if self.path.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(self.path))
        refuse_read_only(self.path)
        self.existed = self.path.exists()
        remove_stale_temps(self.path)
        fd, temp = _temp_sibling(self.path)
        self._temps.append(temp)
        try:
            self._file = _WholeWrites(fd, "wb", closefd=True)
        except BaseException:
            os.close(fd)
            self._discard()
            raise
        return self._file  # type: ignore[return-value]

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            self._discard()
            return
        try:
            self._commit()
        except BaseException:
            self._discard()
            raise

    def _commit(self) -> None:
        assert self._file is not None, "use AtomicFile as a context manager"
        temp = self._temps[0]
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self._file = None
        if self.existed:
            with contextlib.suppress(OSError):
                os.chmod(temp, stat.S_IMODE(os.stat(self.path).st_mode))
        if self.keep_backup and self.existed:
            _make_backup(self.path, self._temps)
        os.replace(temp, self.path)
        self._temps.remove(temp)
        _fsync_folder(self.path.parent)

    def _discard(self) -> None:
        """Close and remove the temporary files; never raises."""
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None
        for leftover in self._temps:
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        self._temps.clear()


def atomic_write_bytes(path: Path, data: bytes, *, keep_backup: bool = True) -> None:
    """Replace `path` with `data` all at once, or raise SaveError and change nothing.

    With `keep_backup`, an existing file is first kept as `<name>.bak` beside it. A read-only
    `path` is refused with ReadOnlyFileError (a SaveError).
    """
    path = Path(path)
    output = AtomicFile(path, keep_backup=keep_backup)
    try:
        with output as file:
            file.write(data)
    except OSError as err:
        after = "Your previous version is untouched." if output.existed else "Nothing was written."
        raise SaveError(
            f'Could not save "{shown_path(path.name)}": {describe_os_error(err)}. {after}'
        ) from err

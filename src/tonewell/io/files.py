"""The user's own files as Tonewell meets them: named safely, compared, and opened for reading.

A file name on Linux is bytes; one that is not valid UTF-8 reaches Python with surrogate escapes,
which crash any strict UTF-8 output (a terminal, a MIDI track name, a JSON file). `safe_text` and
`shown_path` are the one place such text is made printable. `same_file` is how a command knows
its output would overwrite its own input. `open_regular_file` is how every reader opens a file:
a named pipe or a device would block the read forever, so it is refused at once.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from tonewell.errors import FileProblem

REPLACEMENT = "\ufffd"


class NotARegularFile(FileProblem):
    """The path names a pipe, a device or a socket: reading it could wait forever."""


class SameFileError(FileProblem):
    """A command was asked to write over the very file it reads."""


def safe_text(text: str) -> str:
    """`text` with what UTF-8 cannot hold (undecodable bytes of a file name, lone surrogates)
    replaced by U+FFFD, so it can be printed, shown or written anywhere."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:  # undecodable file-name bytes: decode the original bytes as a UTF-8 reader would
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # other lone surrogates (e.g. a "\\ud800" escape in JSON)
        return "".join(REPLACEMENT if "\ud800" <= c <= "\udfff" else c for c in text)


def shown_path(path: str | bytes | os.PathLike[str]) -> str:
    """`path` as text that is safe to print (see `safe_text`)."""
    return safe_text(os.fsdecode(path))


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when `a` and `b` name one file: the same path spelled differently (`./x` and `x`),
    a symbolic link to it, or a hard link to it."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet), or cannot be looked at
        return os.path.realpath(a) == os.path.realpath(b)


def refuse_same_file(source: Path, target: Path) -> None:
    """Raise SameFileError when writing `target` would replace the input `source`."""
    if same_file(source, target):
        raise SameFileError(
            f'"{shown_path(target)}" is the file being read; please write to another name, '
            "so the original stays as it is."
        )


def open_regular_file(path: str | os.PathLike[str]) -> BinaryIO:
    """Open `path` for reading, refusing at once anything but a regular file.

    The file is opened without blocking (opening a named pipe with no writer would otherwise
    wait forever) and checked on the open descriptor. Raises NotARegularFile, IsADirectoryError
    for a folder, or the OSError the system gave (FileNotFoundError, PermissionError, ...).
    """
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    no_wait = getattr(os, "O_NONBLOCK", 0)  # POSIX; Windows has no named pipes in the tree
    fd = os.open(path, flags | no_wait)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(path))
        if not stat.S_ISREG(mode):
            raise NotARegularFile(
                f'"{shown_path(path)}" is not a regular file (it is a pipe, a device or a '
                "socket), so Tonewell cannot open it."
            )
        if no_wait:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise

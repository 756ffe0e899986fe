"""Open, Save and Save As in the window: problems with the file itself are one calm message
in the same words as everywhere else, and nothing blocks or overwrites what it should not."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest

from tonewell.io.project import save_project
from tonewell.ui import file_actions, open_job

from .helpers import small_piece


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_opening_a_named_pipe_is_refused_at_once(window, messages, tmp_path: Path):
    fifo = tmp_path / "pipe.tonewell"
    os.mkfifo(fifo)
    unblock = threading.Timer(10, lambda: open(fifo, "wb").close())  # if open() were stuck
    unblock.start()
    try:
        assert not window.open_path(fifo)
    finally:
        unblock.cancel()
    assert len(messages) == 1
    assert "is not a regular file" in messages[0]


def test_saving_over_a_read_only_file_is_refused(window, messages, tmp_path: Path):
    path = tmp_path / "kept.tonewell"
    save_project(small_piece("Kept"), path)
    before = path.read_bytes()
    path.chmod(0o444)
    assert not window.files.save_to(path)
    assert '"kept.tonewell" is read-only' in messages[0]
    assert path.read_bytes() == before


def test_a_disk_error_while_saving_uses_the_one_plain_wording(window, messages, tmp_path: Path,
                                                               monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(file_actions, "save_project", disk_full)
    assert not window.files.save_to(tmp_path / "x.tonewell")
    assert messages == [
        'The piece could not be saved.\n"x.tonewell": no space left on the disk. '
        "It is still open here."
    ]


def test_a_disk_error_while_opening_uses_the_one_plain_wording(window, messages, tmp_path: Path,
                                                                monkeypatch):
    def unreadable(path, **_hooks):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(open_job, "load_any", unreadable)
    assert not window.open_path(tmp_path / "x.tonewell")
    assert messages == [
        'This piece could not be opened.\n"x.tonewell": the disk reported a problem reading '
        "or writing."
    ]

"""Naming, comparing and opening the user's files: printable names, same-file checks, and no
read that can block on a pipe or a device."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tonewell.errors import FileProblem
from tonewell.io.files import (
    NotARegularFile,
    SameFileError,
    open_regular_file,
    refuse_same_file,
    safe_text,
    same_file,
    shown_path,
)

UNDECODABLE = os.fsdecode(b"caf\xe9.mid")  # Latin-1 bytes in a Linux file name


def test_plain_text_is_left_as_it_is():
    assert safe_text("Café — 夜") == "Café — 夜"


def test_undecodable_file_name_bytes_become_replacement_characters():
    assert safe_text(UNDECODABLE) == "caf\ufffd.mid"
    safe_text(UNDECODABLE).encode("utf-8")  # strict UTF-8 now works


def test_other_lone_surrogates_become_replacement_characters():
    assert safe_text("a\ud800b") == "a\ufffdb"


def test_shown_path_takes_paths():
    assert shown_path(Path("/tmp") / UNDECODABLE) == "/tmp/caf\ufffd.mid"


@pytest.fixture
def song(tmp_path: Path) -> Path:
    path = tmp_path / "song.mid"
    path.write_bytes(b"MThd")
    return path


def test_the_same_path_is_the_same_file(song: Path):
    assert same_file(song, song)


def test_a_path_spelled_differently_is_the_same_file(song: Path, monkeypatch):
    monkeypatch.chdir(song.parent)
    assert same_file("song.mid", "./song.mid")
    assert same_file("song.mid", song)


def test_a_symbolic_link_is_the_same_file(song: Path):
    link = song.with_name("link.mid")
    link.symlink_to(song)
    assert same_file(link, song)


def test_a_hard_link_is_the_same_file(song: Path):
    link = song.with_name("hard.mid")
    os.link(song, link)
    assert same_file(song, link)


def test_a_copy_or_a_new_name_is_not_the_same_file(song: Path):
    copy = song.with_name("copy.mid")
    copy.write_bytes(song.read_bytes())
    assert not same_file(song, copy)
    assert not same_file(song, song.with_name("new.mid"))


def test_refusing_the_same_file_says_so_plainly(song: Path):
    with pytest.raises(SameFileError, match="is the file being read"):
        refuse_same_file(song, song.parent / "." / "song.mid")
    assert issubclass(SameFileError, FileProblem)
    refuse_same_file(song, song.with_name("out.mid"))  # another name is fine


def test_a_regular_file_opens_for_reading(song: Path):
    with open_regular_file(song) as file:
        assert file.read() == b"MThd"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_at_once(tmp_path: Path):
    fifo = tmp_path / "pipe.mid"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def try_to_open() -> None:
        try:
            open_regular_file(fifo).close()
        except BaseException as err:
            outcome.append(err)

    worker = threading.Thread(target=try_to_open, daemon=True)
    worker.start()
    worker.join(timeout=5)
    if worker.is_alive():  # unblock the stuck open so the test run can go on
        with open(fifo, "wb"):
            pass
        pytest.fail("opening a named pipe blocked")
    assert len(outcome) == 1 and isinstance(outcome[0], NotARegularFile)
    assert str(outcome[0]) == (
        f'"{fifo}" is not a regular file (it is a pipe, a device or a socket), so Tonewell '
        "cannot open it."
    )


def test_a_device_is_refused():
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null here")
    with pytest.raises(NotARegularFile):
        open_regular_file("/dev/null")


def test_a_folder_is_a_folder_error(tmp_path: Path):
    with pytest.raises(IsADirectoryError):
        open_regular_file(tmp_path)


def test_a_missing_file_is_the_system_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        open_regular_file(tmp_path / "none.mid")

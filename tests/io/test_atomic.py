"""Atomic saves: the new file appears whole or not at all, the old one survives any failure."""

from __future__ import annotations

import errno
import os
import stat
import time

import pytest

from tonewell.errors import FileProblem
from tonewell.io import atomic
from tonewell.io.atomic import (
    STALE_TEMP_SECONDS,
    AtomicFile,
    ReadOnlyFileError,
    SaveError,
    atomic_write_bytes,
    remove_stale_temps,
)

OLD = b"the previous version\n"
NEW = b"the new version, a little longer\n"


@pytest.fixture
def target(tmp_path):
    path = tmp_path / "song.tonewell"
    path.write_bytes(OLD)
    return path


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def fail_with(code):
    def raiser(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return raiser


def test_writes_a_new_file(tmp_path):
    path = tmp_path / "new.tonewell"
    atomic_write_bytes(path, NEW)
    assert path.read_bytes() == NEW


def test_a_new_file_gets_no_backup(tmp_path):
    path = tmp_path / "new.tonewell"
    atomic_write_bytes(path, NEW)
    assert not (tmp_path / "new.tonewell.bak").exists()


def test_replaces_an_existing_file(target):
    atomic_write_bytes(target, NEW)
    assert target.read_bytes() == NEW


def test_keeps_the_previous_version_as_bak(target):
    atomic_write_bytes(target, NEW)
    assert target.with_name("song.tonewell.bak").read_bytes() == OLD


def test_the_backup_is_the_version_just_before(target):
    atomic_write_bytes(target, NEW)
    atomic_write_bytes(target, b"third")
    assert target.with_name("song.tonewell.bak").read_bytes() == NEW


def test_no_backup_when_not_asked(target):
    atomic_write_bytes(target, NEW, keep_backup=False)
    assert not target.with_name("song.tonewell.bak").exists()


def test_backup_is_copied_where_hard_links_are_refused(target, monkeypatch):
    monkeypatch.setattr(os, "link", fail_with(errno.EPERM))
    atomic_write_bytes(target, NEW)
    assert target.with_name("song.tonewell.bak").read_bytes() == OLD
    assert target.read_bytes() == NEW


def test_no_temporary_file_is_left_after_success(target):
    atomic_write_bytes(target, NEW)
    assert leftovers(target.parent) == []


def test_keeps_the_permissions_of_the_file_it_replaces(target):
    target.chmod(0o640)
    atomic_write_bytes(target, NEW)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize("broken", ["write", "fsync"])
def test_a_full_disk_leaves_the_old_file_byte_identical(target, monkeypatch, broken):
    monkeypatch.setattr(os, broken, fail_with(errno.ENOSPC))
    with pytest.raises(SaveError):
        atomic_write_bytes(target, NEW)
    assert target.read_bytes() == OLD


@pytest.mark.parametrize("broken", ["write", "fsync"])
def test_a_full_disk_leaves_no_temporary_file(target, monkeypatch, broken):
    monkeypatch.setattr(os, broken, fail_with(errno.ENOSPC))
    with pytest.raises(SaveError):
        atomic_write_bytes(target, NEW)
    assert leftovers(target.parent) == []


def test_a_full_disk_is_explained_plainly(target, monkeypatch):
    monkeypatch.setattr(os, "write", fail_with(errno.ENOSPC))
    with pytest.raises(SaveError) as caught:
        atomic_write_bytes(target, NEW)
    assert str(caught.value) == (
        'Could not save "song.tonewell": no space left on the disk. '
        "Your previous version is untouched."
    )


def test_a_failed_rename_leaves_old_file_and_no_temporary_file(target, monkeypatch):
    monkeypatch.setattr(os, "replace", fail_with(errno.EROFS))
    with pytest.raises(SaveError, match="the disk is read-only"):
        atomic_write_bytes(target, NEW)
    assert target.read_bytes() == OLD
    assert leftovers(target.parent) == []


def test_a_failed_backup_leaves_the_old_file(target, monkeypatch):
    monkeypatch.setattr(os, "link", fail_with(errno.EPERM))
    monkeypatch.setattr("shutil.copy2", fail_with(errno.ENOSPC))
    with pytest.raises(SaveError, match="no space"):
        atomic_write_bytes(target, NEW)
    assert target.read_bytes() == OLD
    assert leftovers(target.parent) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores chmod")
def test_a_read_only_folder_leaves_the_old_file(target):
    target.parent.chmod(0o500)
    try:
        with pytest.raises(SaveError, match="not allowed to write there"):
            atomic_write_bytes(target, NEW)
    finally:
        target.parent.chmod(0o700)
    assert target.read_bytes() == OLD


def test_no_permission_is_explained_and_leaves_the_old_file(target, monkeypatch):
    real_open = os.open

    def refuse_new_files(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_new_files)
    with pytest.raises(SaveError, match="not allowed to write there"):
        atomic_write_bytes(target, NEW)
    assert target.read_bytes() == OLD
    assert leftovers(target.parent) == []


def test_a_missing_folder_is_explained(tmp_path):
    with pytest.raises(SaveError) as caught:
        atomic_write_bytes(tmp_path / "gone" / "song.tonewell", NEW)
    assert "folder it belongs in does not exist" in str(caught.value)
    assert "Nothing was written" in str(caught.value)


def test_save_error_is_a_file_problem():
    assert issubclass(SaveError, FileProblem)


def test_a_read_only_file_is_refused_and_left_untouched(target):
    target.chmod(0o444)  # root may still write it; the mode bits say the person does not want to
    with pytest.raises(ReadOnlyFileError) as caught:
        atomic_write_bytes(target, NEW)
    assert str(caught.value).startswith('"song.tonewell" is read-only')
    assert target.read_bytes() == OLD
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    assert leftovers(target.parent) == []
    assert not target.with_name("song.tonewell.bak").exists()


def test_a_file_writable_by_its_group_only_is_not_read_only(target):
    target.chmod(0o464)
    atomic_write_bytes(target, NEW)
    assert target.read_bytes() == NEW


def test_a_stale_temporary_file_is_removed_by_the_next_save(target, monkeypatch):
    stale = [target.with_name(".song.tonewell.0123456789ab.tmp"),
             target.with_name(".song.tonewell.bak.ba9876543210.tmp")]
    for path in stale:
        path.write_bytes(b"left by a killed save")
    monkeypatch.setattr(atomic, "STALE_TEMP_SECONDS", -1.0)  # everything counts as old
    atomic_write_bytes(target, NEW)
    assert leftovers(target.parent) == []


def test_a_fresh_temporary_file_of_another_writer_is_kept(target):
    busy = target.with_name(".song.tonewell.0123456789ab.tmp")
    busy.write_bytes(b"another save in progress")
    atomic_write_bytes(target, NEW)
    assert busy.exists()


def test_only_our_temporary_files_for_that_name_count_as_stale(target):
    keep = [".song.tonewell.tmp", ".song.tonewell.0123456789AB.tmp", ".other.0123456789ab.tmp",
            "song.tonewell.0123456789ab.tmp", ".song.tonewell.0123456789ab.tmp.x"]
    for name in keep:
        target.with_name(name).write_bytes(b"not ours")
    stale = target.with_name(".song.tonewell.0123456789ab.tmp")
    stale.write_bytes(b"ours")
    removed = remove_stale_temps(target, now_s=time.time() + STALE_TEMP_SECONDS + 5)
    assert removed == [stale]
    assert all(target.with_name(name).exists() for name in keep)


def test_a_temporary_file_touched_within_the_minute_is_not_stale(target):
    temp = target.with_name(".song.tonewell.0123456789ab.tmp")
    temp.write_bytes(b"ours")
    os.utime(temp, (0, 0))  # an old modification time, but its change time is now
    assert remove_stale_temps(target, now_s=time.time() + STALE_TEMP_SECONDS - 5) == []
    assert temp.exists()


def test_atomic_file_streams_and_replaces_on_success(target):
    with AtomicFile(target) as file:
        file.write(b"part one, ")
        file.write(memoryview(b"part two"))
        assert target.read_bytes() == OLD
    assert target.read_bytes() == b"part one, part two"
    assert leftovers(target.parent) == []


def test_atomic_file_interrupted_leaves_the_old_file_and_no_temporary_file(target):
    with pytest.raises(KeyboardInterrupt), AtomicFile(target) as file:
        file.write(b"half")
        raise KeyboardInterrupt
    assert target.read_bytes() == OLD
    assert leftovers(target.parent) == []


def test_atomic_file_refuses_a_folder(tmp_path):
    with pytest.raises(IsADirectoryError), AtomicFile(tmp_path):
        pass
    assert list(tmp_path.iterdir()) == []


def test_saving_through_a_symbolic_link_writes_the_file_it_points_to(tmp_path):
    real = tmp_path / "music" / "piece.tonewell"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "piece.tonewell"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new")
    assert link.is_symlink(), "the link the user made is kept"
    assert real.read_bytes() == b"new"
    assert (real.parent / "piece.tonewell.bak").read_bytes() == b"old"


def test_a_link_to_a_file_not_there_yet_creates_that_file(tmp_path):
    real = tmp_path / "new.mid"
    link = tmp_path / "link.mid"
    link.symlink_to(real)
    atomic_write_bytes(link, b"data")
    assert link.is_symlink()
    assert real.read_bytes() == b"data"


def test_a_link_that_leads_back_to_itself_is_refused_plainly(tmp_path):
    first, second = tmp_path / "a.mid", tmp_path / "b.mid"
    first.symlink_to(second)
    second.symlink_to(first)
    with pytest.raises(SaveError, match="link") as caught:
        atomic_write_bytes(first, b"data")
    assert "Errno" not in str(caught.value)
    assert first.is_symlink() and second.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.mid", "b.mid"]

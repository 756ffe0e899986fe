"""Atomic saves: the new file appears whole or not at all, the old one survives any failure."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from tonewell.errors import FileProblem
from tonewell.io.atomic import SaveError, atomic_write_bytes

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

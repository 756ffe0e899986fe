"""Streaming WAV writing: 16-bit stereo, block by block, all or nothing."""

from __future__ import annotations

import errno
import os
import stat
import wave
from array import array
from pathlib import Path

import pytest

from tonewell.io import atomic as wav_atomic
from tonewell.io import wav
from tonewell.io.atomic import ReadOnlyFileError
from tonewell.io.wav import WavStreamWriter, WavWriteError


def read_frames(path: Path) -> tuple[list[int], int]:
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth()) == (2, 2)
        return list(array("h", w.readframes(w.getnframes()))), w.getframerate()


def test_blocks_stream_into_one_file(tmp_path: Path) -> None:
    out = tmp_path / "x.wav"
    with WavStreamWriter(out, 22050) as w:
        for i in range(10):
            w.write_pcm16(array("h", [i, -i] * 100).tobytes())
        w.write_pcm16(array("h", [8192, -8192]).tobytes())
        assert not out.exists()  # only a temporary file so far
    assert w.frames_written == 1001
    samples, rate = read_frames(out)
    assert rate == 22050
    assert len(samples) == 2 * 1001
    assert samples[:4] == [0, 0, 0, 0] and samples[-4:] == [9, -9, 8192, -8192]
    assert [p.name for p in tmp_path.iterdir()] == ["x.wav"]


def test_an_empty_file_is_still_a_wav(tmp_path: Path) -> None:
    with WavStreamWriter(tmp_path / "e.wav", 44100):
        pass
    assert read_frames(tmp_path / "e.wav") == ([], 44100)


def test_a_failure_inside_removes_the_temporary_file_and_keeps_the_old_one(
    tmp_path: Path,
) -> None:
    out = tmp_path / "x.wav"
    out.write_bytes(b"old")
    with pytest.raises(KeyboardInterrupt), WavStreamWriter(out, 44100) as w:
        w.write_pcm16(bytes(400))
        raise KeyboardInterrupt
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.wav"]


def test_a_missing_folder_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(WavWriteError) as caught, WavStreamWriter(tmp_path / "no/x.wav", 44100):
        pass
    assert str(caught.value) == (
        'Could not write "x.wav": the folder it belongs in does not exist '
        "(was a drive removed?). Nothing was changed there."
    )


def test_a_folder_in_the_way_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(WavWriteError, match="folder with that name"), WavStreamWriter(
        tmp_path, 44100
    ):
        pass


def test_a_full_disk_is_a_plain_error_and_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    def no_space(self, data) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    out = tmp_path / "x.wav"
    with pytest.raises(WavWriteError, match="no space left"), WavStreamWriter(out, 44100) as w:
        monkeypatch.setattr(wave.Wave_write, "writeframesraw", no_space)
        w.write_pcm16(bytes(400))
    assert list(tmp_path.iterdir()) == []


def test_more_than_a_wav_file_can_hold_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(wav, "MAX_DATA_BYTES", 1000)
    with pytest.raises(WavWriteError, match="longer than a WAV file can hold"), WavStreamWriter(
        tmp_path / "x.wav", 44100
    ) as w:
        w.write_pcm16(bytes(800))
        w.write_pcm16(bytes(800))
    assert list(tmp_path.iterdir()) == []


def test_partial_frames_are_a_bug(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="whole number"), WavStreamWriter(
        tmp_path / "x.wav", 44100
    ) as w:
        w.write_pcm16(bytes(6))


def test_an_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "x.wav"
    out.write_bytes(b"old")
    out.chmod(0o640)
    with WavStreamWriter(out, 44100) as w:
        w.write_pcm16(bytes(400))
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert read_frames(out)[0] == [0] * 200


def test_a_read_only_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "x.wav"
    out.write_bytes(b"old")
    out.chmod(0o444)
    with pytest.raises(ReadOnlyFileError, match=r'"x\.wav" is read-only'), WavStreamWriter(
        out, 44100
    ) as w:
        w.write_pcm16(bytes(400))
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.wav"]


def test_a_stale_temporary_file_of_a_killed_writer_is_removed(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "x.wav"
    stale = tmp_path / ".x.wav.0123456789ab.tmp"
    stale.write_bytes(b"half a render")
    monkeypatch.setattr(wav_atomic, "STALE_TEMP_SECONDS", -1.0)
    with WavStreamWriter(out, 44100):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.wav"]
    assert not os.path.exists(stale)

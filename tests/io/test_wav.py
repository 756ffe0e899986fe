"""Streaming WAV writing: 16-bit stereo, block by block, all or nothing."""

from __future__ import annotations

import errno
import wave
from array import array
from pathlib import Path

import pytest

from tonewell.io import wav
from tonewell.io.wav import WavStreamWriter, WavWriteError, float_to_pcm16


def read_frames(path: Path) -> tuple[list[int], int]:
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth()) == (2, 2)
        return list(array("h", w.readframes(w.getnframes()))), w.getframerate()


def test_floats_are_rounded_and_clipped() -> None:
    pcm = array("h", float_to_pcm16([0.0, 0.5, 1.0, 1.7], [-0.5, -1.0, -3.0, 1e-6]))
    assert list(pcm) == [0, -16384, 16384, -32767, 32767, -32768, 32767, 0]


def test_blocks_stream_into_one_file(tmp_path: Path) -> None:
    out = tmp_path / "x.wav"
    with WavStreamWriter(out, 22050) as w:
        for i in range(10):
            w.write_pcm16(array("h", [i, -i] * 100).tobytes())
        w.write_float([0.25], [-0.25])
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

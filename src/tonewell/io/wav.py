"""Write 16-bit stereo WAV files as a stream, all or nothing.

An offline render can last far longer than memory should hold, so frames are written in blocks
as they are made. They go to a temporary file beside the target, which replaces the target in one
rename only when the whole file is written; a failure or a cancelled render removes the temporary
file and leaves any existing file at the target exactly as it was. The stdlib `wave` module writes
the header (and patches the sizes in when the file is closed).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import wave
from array import array
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from tonewell.errors import FileProblem
from tonewell.io.atomic import describe_os_error

CHANNELS = 2
SAMPLE_BYTES = 2
FRAME_BYTES = CHANNELS * SAMPLE_BYTES
MAX_DATA_BYTES = 0xFFFF_FFFF - 36
"""A RIFF size is 32 bits: the data chunk of a WAV file holds at most this much."""



class WavWriteError(FileProblem):
    """The WAV file could not be written; an existing file at the target is untouched."""


def float_to_pcm16(left: Sequence[float], right: Sequence[float]) -> bytes:
    """Interleave two channels of floats in [-1, 1] into 16-bit native-endian PCM, rounding and
    clipping (a float beyond full scale becomes -32768 or 32767, never a wrapped-around click).

    Pure Python, so about 0.3 µs a sample: fine for short material, too slow for a whole render
    (the renderer takes 16-bit frames from FluidSynth instead)."""
    if len(left) != len(right):
        raise ValueError("left and right differ in length")
    pcm = array("h", bytes(SAMPLE_BYTES * CHANNELS * len(left)))
    for i, sample in enumerate(left):
        pcm[2 * i] = max(-32768, min(32767, round(sample * 32767.0)))
    for i, sample in enumerate(right):
        pcm[2 * i + 1] = max(-32768, min(32767, round(sample * 32767.0)))
    return pcm.tobytes()


class WavStreamWriter:
    """A 16-bit stereo WAV file being written block by block; use it as a context manager.

    Leaving the `with` block normally finishes the file and moves it into place; leaving it by
    an exception (including a cancelled render or Ctrl-C) removes the temporary file.
    """

    def __init__(self, path: Path | str, sample_rate_hz: int) -> None:
        self.path = Path(path)
        self.sample_rate_hz = sample_rate_hz
        self.frames_written = 0
        self._temp: Path | None = None
        self._file: BinaryIO | None = None
        self._wave: wave.Wave_write | None = None

    def __enter__(self) -> WavStreamWriter:
        if self.path.is_dir():
            raise WavWriteError(f'Could not write "{self.path}": there is a folder with that name.')
        try:
            fd, self._temp = self._create_temp()
            self._file = os.fdopen(fd, "wb")
            self._wave = wave.open(self._file, "wb")
            self._wave.setnchannels(CHANNELS)
            self._wave.setsampwidth(SAMPLE_BYTES)
            self._wave.setframerate(self.sample_rate_hz)
        except OSError as err:
            self._discard()
            raise self._error(err) from err
        return self

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
            self._finish()
        except OSError as err:
            self._discard()
            raise self._error(err) from err

    def _create_temp(self) -> tuple[int, Path]:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        for _attempt in range(100):
            temp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(6)}.tmp")
            try:
                return os.open(temp, flags, 0o666), temp
            except FileExistsError:
                continue
        raise FileExistsError(errno.EEXIST, "no free temporary name", str(self.path))

    def _error(self, err: OSError) -> WavWriteError:
        return WavWriteError(
            f'Could not write "{self.path.name}": {describe_os_error(err)}. '
            "Nothing was changed there."
        )

    def write_pcm16(self, interleaved: bytes | bytearray | memoryview) -> None:
        """Append interleaved 16-bit stereo frames in native byte order (`wave` stores them
        little-endian)."""
        assert self._wave is not None, "use WavStreamWriter as a context manager"
        nbytes = len(interleaved) if not isinstance(interleaved, memoryview) else interleaved.nbytes
        if nbytes % FRAME_BYTES:
            raise ValueError(f"{nbytes} bytes is not a whole number of stereo frames")
        if (self.frames_written * FRAME_BYTES) + nbytes > MAX_DATA_BYTES:
            hours = MAX_DATA_BYTES / FRAME_BYTES / self.sample_rate_hz / 3600
            raise WavWriteError(
                f'"{self.path.name}" would be longer than a WAV file can hold '
                f"(about {hours:.1f} hours at {self.sample_rate_hz} Hz). Nothing was written."
            )
        try:
            self._wave.writeframesraw(interleaved)
        except OSError as err:
            raise self._error(err) from err
        self.frames_written += nbytes // FRAME_BYTES

    def write_float(self, left: Sequence[float], right: Sequence[float]) -> None:
        """Append frames given as floats in [-1, 1] (rounded and clipped to 16 bits)."""
        self.write_pcm16(float_to_pcm16(left, right))

    def _finish(self) -> None:
        assert self._wave is not None and self._file is not None and self._temp is not None
        self._wave.close()  # patches the frame count into the header; leaves our file open
        self._wave = None
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self._file = None
        os.replace(self._temp, self.path)
        self._temp = None
        with contextlib.suppress(OSError):
            fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def _discard(self) -> None:
        """Close and remove the temporary file; never raises."""
        if self._wave is not None:
            with contextlib.suppress(Exception):
                self._wave.close()
            self._wave = None
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None
        if self._temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._temp)
            self._temp = None

"""Write 16-bit stereo WAV files as a stream, all or nothing.

An offline render can last far longer than memory should hold, so frames are written in blocks
as they are made, through `io.atomic.AtomicFile`: a temporary file beside the target replaces it
in one rename only when the whole file is written; a failure or a cancelled render removes the
temporary file and leaves any existing file at the target exactly as it was. The stdlib `wave`
module writes the header (and patches the sizes in when the file is closed).
"""

from __future__ import annotations

import contextlib
import wave
from pathlib import Path
from types import TracebackType

from tonewell.errors import FileProblem
from tonewell.io.atomic import AtomicFile, describe_os_error
from tonewell.io.files import shown_path

CHANNELS = 2
SAMPLE_BYTES = 2
FRAME_BYTES = CHANNELS * SAMPLE_BYTES
MAX_DATA_BYTES = 0xFFFF_FFFF - 36
"""A RIFF size is 32 bits: the data chunk of a WAV file holds at most this much."""


class WavWriteError(FileProblem):
    """The WAV file could not be written; an existing file at the target is untouched."""


def refuse_too_long(path: Path, frames: int, sample_rate_hz: int) -> None:
    """Raise WavWriteError when `frames` stereo frames would not fit in one WAV file, so a
    render that cannot finish is refused before it starts, not after hours of work."""
    if frames * FRAME_BYTES > MAX_DATA_BYTES:
        hours = MAX_DATA_BYTES / FRAME_BYTES / sample_rate_hz / 3600
        raise WavWriteError(
            f'"{shown_path(path.name)}" would be longer than a WAV file can hold '
            f"(about {hours:.1f} hours at {sample_rate_hz} Hz). Nothing was written."
        )


class WavStreamWriter:
    """A 16-bit stereo WAV file being written block by block; use it as a context manager.

    Leaving the `with` block normally finishes the file and moves it into place; leaving it by
    an exception (including a cancelled render or Ctrl-C) removes the temporary file.
    """

    def __init__(self, path: Path | str, sample_rate_hz: int) -> None:
        self.path = Path(path)
        self.sample_rate_hz = sample_rate_hz
        self.frames_written = 0
        self._output = AtomicFile(self.path)
        self._wave: wave.Wave_write | None = None

    def __enter__(self) -> WavStreamWriter:
        try:
            file = self._output.__enter__()
            try:
                self._wave = wave.open(file, "wb")
                self._wave.setnchannels(CHANNELS)
                self._wave.setsampwidth(SAMPLE_BYTES)
                self._wave.setframerate(self.sample_rate_hz)
            except BaseException as err:
                self._discard(err)
                raise
        except OSError as err:
            raise self._error(err) from err
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc is not None:
            self._discard(exc)
            return
        try:
            assert self._wave is not None, "use WavStreamWriter as a context manager"
            self._wave.close()  # patches the frame count into the header; leaves our file open
            self._wave = None
        except BaseException as err:
            self._discard(err)
            if isinstance(err, OSError):
                raise self._error(err) from err
            raise
        try:
            self._output.__exit__(None, None, None)  # flush, fsync, rename into place
        except OSError as err:
            raise self._error(err) from err

    def _error(self, err: OSError) -> WavWriteError:
        return WavWriteError(
            f'Could not write "{shown_path(self.path.name)}": {describe_os_error(err)}. '
            "Nothing was changed there."
        )

    def write_pcm16(self, interleaved: bytes | bytearray | memoryview) -> None:
        """Append interleaved 16-bit stereo frames in native byte order (`wave` stores them
        little-endian)."""
        assert self._wave is not None, "use WavStreamWriter as a context manager"
        nbytes = len(interleaved) if not isinstance(interleaved, memoryview) else interleaved.nbytes
        if nbytes % FRAME_BYTES:
            raise ValueError(f"{nbytes} bytes is not a whole number of stereo frames")
        refuse_too_long(self.path, self.frames_written + nbytes // FRAME_BYTES, self.sample_rate_hz)
        try:
            self._wave.writeframesraw(interleaved)
        except OSError as err:
            raise self._error(err) from err
        self.frames_written += nbytes // FRAME_BYTES

    def _discard(self, exc: BaseException) -> None:
        """Drop the unfinished file: the target stays as it was. Never raises."""
        if self._wave is not None:  # closed here, or its __del__ would write to a closed file
            with contextlib.suppress(Exception):
                self._wave.close()
            self._wave = None
        with contextlib.suppress(Exception):
            self._output.__exit__(type(exc), exc, exc.__traceback__)

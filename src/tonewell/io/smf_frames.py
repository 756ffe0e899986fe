"""Read the bytes of a Standard MIDI File into raw timed events, leniently and within limits.

.mid files come from anywhere: other programs, the web, old disks. mido's own reader gives up on
the whole file at the first bad byte (a key signature it cannot name, a track whose recorded length
is wrong, a file cut short), cannot be told to stop after a number of events, and builds a Python
object per event (about 13 µs each: 26 s for a file at our 2,000,000-event cap). So the framing
(chunks, delta times, running status, meta and sysex lengths) is read here, over plain bytes,
salvaging every track it can and saying what it dropped. `smf_read` turns the raw events into a
Composition. mido is not used here or in `smf_write`: it is the independent reader the tests
check our files against (tests/io/mido_interop.py converts between the two).

A big file takes seconds, so reading reports progress and can be cancelled (`ImportWatch`).
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass, field

from tonewell.errors import FileProblem
from tonewell.io.limits import MAX_MIDI_EVENTS, MAX_MIDI_FILE_BYTES, MAX_MIDI_TRACK_CHUNKS

MAX_FILE_BYTES = MAX_MIDI_FILE_BYTES
MAX_TRACK_CHUNKS = MAX_MIDI_TRACK_CHUNKS
MAX_EVENTS = MAX_MIDI_EVENTS
POLL_MASK = (1 << 16) - 1
"""Progress and cancellation are looked at once every 65,536 events read."""

RawEvent = tuple[int, int, int, int, bytes]
"""(tick, status, data1, data2, payload), ticks in the file's own resolution. Channel messages
carry their data bytes and an empty payload; meta events have status 0xFF, data1 = meta type and
the payload; sysex has status 0xF0, data1 = 0xF0 or 0xF7 and the payload."""

META_END_OF_TRACK = 0x2F
ONE_DATA_BYTE = (0xC, 0xD)
"""Program change and channel pressure carry one data byte; every other channel message two."""

SYSTEM_DATA_BYTES: dict[int, int] = {
    0xF1: 1, 0xF2: 2, 0xF3: 1, 0xF6: 0, 0xF8: 0, 0xFA: 0, 0xFB: 0, 0xFC: 0, 0xFE: 0,
}
"""Live-only system messages some writers put in files anyway: skipped by their known length.
0xF4, 0xF5, 0xF9 and 0xFD are undefined, so their length is unknown and the track is damaged."""


class MidiFileError(FileProblem):
    """A MIDI file could not be read; the message is one plain line naming the file."""


class ImportCancelled(Exception):
    """The person cancelled an import. Not a problem with the file, so not a FileProblem."""


Progress = Callable[[float], None]
"""Told how far an import has come, 0.0 .. 1.0, now and then."""
Cancelled = Callable[[], bool]
"""Asked now and then; once it returns True the import stops with `ImportCancelled`."""


class ImportWatch:
    """Reports an import's progress and stops it when asked; both hooks are optional."""

    def __init__(self, progress: Progress | None = None, cancelled: Cancelled | None = None):
        self.progress = progress
        self.cancelled = cancelled

    def step(self, fraction: float) -> None:
        """Raise ImportCancelled if the import should stop, else report `fraction` done."""
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled
        if self.progress is not None:
            self.progress(min(1.0, max(0.0, fraction)))


READ_SHARE = 0.5
"""The part of an import's progress that reading the bytes takes; building the rest."""


@dataclass
class RawMidi:
    """A file's header and its tracks as raw events, with what went wrong reading them."""

    format: int
    ticks_per_beat: int
    tracks: list[list[RawEvent]]
    warnings: list[str] = field(default_factory=list)
    damaged: bool = False
    """Whether the framing was broken somewhere (a track cut short, a wrong length, bytes
    skipped), as opposed to merely holding things Tonewell does not keep."""


class _Damage(Exception):
    """The framing of a track is broken at this point; its reason says how."""


def _chunk_at(data: bytes, pos: int) -> bool:
    """Whether a chunk header (four printable ASCII letters and a length) starts at `pos`."""
    head = data[pos : pos + 4]
    return len(data) >= pos + 8 and len(head) == 4 and all(0x20 <= b <= 0x7E for b in head)


def vlq_at(data: bytes, pos: int) -> tuple[int, int]:
    """A variable-length quantity at `pos` (at most four bytes) and the position after it."""
    value = 0
    for _ in range(4):
        byte = data[pos]
        pos += 1
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, pos
    raise _Damage("a number in it is longer than four bytes")


def _unwrap_riff(data: bytes) -> bytes:
    """The SMF inside a RIFF RMID file (Windows' wrapper), or `data` unchanged."""
    if data[:4] != b"RIFF" or data[8:12] != b"RMID":
        return data
    pos = 12
    while pos + 8 <= len(data):
        chunk_id = data[pos : pos + 4]
        (size,) = struct.unpack_from("<L", data, pos + 4)
        if chunk_id == b"data":
            return data[pos + 8 : pos + 8 + size]
        pos += 8 + size + (size & 1)
    return b""


class _Reader:
    """One pass over one file's bytes. Holds the event budget and what it had to skip."""

    def __init__(self, data: bytes, name: str, watch: ImportWatch) -> None:
        self.data = data
        self.name = name
        self.watch = watch
        self.events_left = MAX_EVENTS
        self.clipped_bytes = 0
        self.system_messages = 0
        self.warnings: list[str] = []
        self.damaged = False

    def damage(self, warning: str) -> None:
        self.damaged = True
        self.warnings.append(warning)

    def error(self, why: str) -> MidiFileError:
        return MidiFileError(f'"{self.name}" {why}')

    def read(self) -> RawMidi:
        data = self.data
        if not data:
            raise self.error("is empty.")
        if data[:4] != b"MThd":
            raise self.error("is not a MIDI file (it does not start with MThd).")
        if len(data) < 14:
            raise self.error("is damaged: its header is cut short.")
        header_bytes, fmt, declared_tracks, division = struct.unpack_from(">LHHH", data, 4)
        if header_bytes < 6:
            raise self.error("is damaged: its header is too short.")
        if fmt == 2:
            raise self.error(
                "is a type 2 MIDI file (a set of independent patterns), which Tonewell cannot "
                "open. Save it as type 0 or 1 in the program that made it."
            )
        if fmt > 2:
            raise self.error(f"is damaged: its header names an unknown MIDI format ({fmt}).")
        if division & 0x8000:
            raise self.error(
                "counts time in SMPTE frames rather than beats, which Tonewell cannot open."
            )
        if division == 0:
            raise self.error("is damaged: its header says a beat has 0 ticks.")
        tracks = self._read_tracks(8 + header_bytes)
        if len(tracks) < declared_tracks:
            self.damage(
                f"Tracks missing: the file says it has {declared_tracks}, but only "
                f"{len(tracks)} could be found."
            )
        if self.clipped_bytes:
            self.warnings.append(f"Out-of-range data values read as 127: {self.clipped_bytes:,}.")
        if self.system_messages:
            self.warnings.append(
                "Live-only system messages (clock, song position) skipped: "
                f"{self.system_messages:,}."
            )
        return RawMidi(fmt, division, tracks, self.warnings, self.damaged)

    def _read_tracks(self, pos: int) -> list[list[RawEvent]]:
        data = self.data
        size = len(data)
        tracks: list[list[RawEvent]] = []
        while pos + 8 <= size:
            if data[pos : pos + 4] != b"MTrk":
                if _chunk_at(data, pos):  # another program's chunk: skip it, as the spec says
                    pos += 8 + struct.unpack_from(">L", data, pos + 4)[0]
                    continue
                found = data.find(b"MTrk", pos)
                if found < 0:
                    if any(data[pos:]):
                        self.damage(
                            f"Unreadable bytes at the end of the file ignored: {size - pos:,}."
                        )
                    break
                self.damage(f"Unreadable bytes between tracks skipped: {found - pos:,}.")
                pos = found
                continue
            if len(tracks) == MAX_TRACK_CHUNKS:
                raise self.error(f"has too many tracks to open (over {MAX_TRACK_CHUNKS}).")
            number = len(tracks) + 1
            start = pos + 8
            declared_end = start + struct.unpack_from(">L", data, pos + 4)[0]
            trusted = declared_end == size or _chunk_at(data, declared_end)
            limit = declared_end if trusted else size
            events, end, problem = self._read_events(start, limit)
            tracks.append(events)
            ended = bool(events) and events[-1][1:3] == (0xFF, META_END_OF_TRACK)
            if problem is not None:
                self.damage(
                    f"Track {number} is damaged ({problem}); the rest of that track was dropped."
                )
            elif declared_end > size and not ended:
                self.damage(
                    f"Track {number} is cut short: the file ends before the track does."
                )
            if trusted:
                pos = declared_end
            elif problem is None and (end == size or _chunk_at(data, end)):
                if ended or declared_end < size:
                    self.damage(
                        f"Track {number} records a wrong length; it was read up to its end marker."
                    )
                pos = end
            else:
                found = data.find(b"MTrk", end)
                pos = found if found >= 0 else size
        return tracks

    def _read_events(
        self, start: int, limit: int
    ) -> tuple[list[RawEvent], int, str | None]:
        """Events from `start` until an end-of-track meta or `limit` (the track's recorded end
        when a chunk follows there, else the end of the file). Returns the events, where reading
        stopped, and why the rest was dropped (None if nothing was)."""
        data = self.data
        size = len(data)
        events: list[RawEvent] = []
        append = events.append
        pos = start
        tick = 0
        running = 0
        budget = self.events_left
        clipped = 0
        problem: str | None = None
        try:
            while pos < limit:
                delta = data[pos]
                if delta < 0x80:
                    pos += 1
                else:
                    delta, pos = vlq_at(data, pos)
                tick += delta
                budget -= 1
                if budget < 0:
                    raise self.error(f"is too large to open (over {MAX_EVENTS:,} events).")
                if not budget & POLL_MASK:
                    self.watch.step(READ_SHARE * pos / size)
                status = data[pos]
                if status < 0x80:
                    if not running:
                        raise _Damage("a data byte comes without a status byte")
                    status = running
                else:
                    pos += 1
                if status < 0xF0:
                    data1 = data[pos]
                    if status >> 4 in ONE_DATA_BYTE:
                        data2 = 0
                        pos += 1
                    else:
                        data2 = data[pos + 1]
                        pos += 2
                    if pos > limit:
                        raise IndexError
                    if (data1 | data2) > 0x7F:
                        clipped += (data1 > 0x7F) + (data2 > 0x7F)
                        data1, data2 = min(data1, 0x7F), min(data2, 0x7F)
                    running = status
                    append((tick, status, data1, data2, b""))
                elif status == 0xFF or status in (0xF0, 0xF7):
                    meta_type = 0xF0
                    if status == 0xFF:
                        meta_type = data[pos]
                        pos += 1
                    length, pos = vlq_at(data, pos)
                    if pos + length > limit:
                        raise IndexError
                    if status == 0xFF:
                        append((tick, 0xFF, meta_type, 0, data[pos : pos + length]))
                    else:
                        append((tick, 0xF0, status, 0, data[pos : pos + length]))
                    pos += length
                    if meta_type == META_END_OF_TRACK:
                        break
                elif status in SYSTEM_DATA_BYTES:
                    pos += SYSTEM_DATA_BYTES[status]
                    if pos > limit:
                        raise IndexError
                    self.system_messages += 1
                else:
                    raise _Damage(f"it uses the undefined status byte 0x{status:02X}")
        except IndexError:
            problem = "an event runs past its end"
            if limit == size:
                problem = "the file ends in the middle of it"
        except _Damage as damage:
            problem = str(damage)
        self.events_left = budget
        self.clipped_bytes += clipped
        return events, min(pos, size), problem


def read_raw(data: bytes, name: str, watch: ImportWatch | None = None) -> RawMidi:
    """Frame `data` (a whole .mid file) into raw events. Raises MidiFileError with one plain
    line when nothing sensible can be read; lesser damage becomes warnings. `watch` hears
    progress up to `READ_SHARE` and may cancel (ImportCancelled)."""
    if len(data) > MAX_FILE_BYTES:
        raise MidiFileError(f'"{name}" is too large to open (over {MAX_FILE_BYTES >> 20} MB).')
    watch = watch or ImportWatch()
    watch.step(0.0)
    return _Reader(_unwrap_riff(data), name, watch).read()

"""Reading a `.tonewell` file strictly: bytes to JSON to a checked `Composition`.

A project file is untrusted input, so this module holds everything that stands between its
bytes and the model: the size limits, a JSON decoder that refuses what a project cannot hold
(NaN, huge numbers, nesting deep enough to exhaust the stack), and `_Reader`, which checks
every field of an up-to-date document for its type and range and reports the first problem
with its place in the file as a `ProjectError`, never a crash. The layout it checks is
described in `tonewell.io.project`, which also brings older versions up to date first.
"""

from __future__ import annotations

import json
import math
import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from tonewell.errors import FileProblem
from tonewell.io.atomic import describe_os_error
from tonewell.io.files import open_regular_file, shown_path
from tonewell.io.limits import MAX_CONTROL_POINTS, MAX_NOTES, MAX_TICK, MAX_TRACKS
from tonewell.model import (
    KEPT_CONTROLLERS,
    MAX_CLIP_BARS,
    PPQ,
    Clip,
    Composition,
    ControlPoint,
    Key,
    LoopRegion,
    Note,
    TempoChange,
    TempoMap,
    TimeSignature,
    Track,
)
from tonewell.model.composition import HEX_COLOUR, MAX_REPEATS
from tonewell.model.scales import SCALES
from tonewell.model.timing import MAX_BPM, MIN_BPM, VALID_DENOMINATORS

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PPQ = 96_000
MAX_METADATA_DEPTH = 32

_UID = re.compile(r"[0-9A-Za-z_-]{1,64}")
_SURROGATE = re.compile("[\ud800-\udfff]")
_DOC_FIELDS = ("format", "version", "ppq", "composition")
_COMPOSITION_FIELDS = (
    "title", "uid", "created", "modified", "tempo_map", "time_signature", "key", "loop",
    "metadata", "tracks",
)
_TRACK_FIELDS = (
    "name", "program", "is_drum", "volume", "pan", "mute", "solo", "colour", "clips",
)
_CLIP_FIELDS = ("name", "length_bars", "start_tick", "repeats", "notes", "controls")
_NOTE_FIELDS = ("start_tick", "pitch", "length_ticks", "velocity")
_CONTROL_FIELDS = ("tick", "controller", "value")
_KEPT = frozenset(KEPT_CONTROLLERS)


class ProjectError(FileProblem):
    """A project could not be read; the message says why in plain words."""


class InvalidField(ProjectError):
    """One field of a project is wrong. `where` is its place, e.g. `tracks[0].pan`."""

    def __init__(self, where: str, problem: str, subject: str | None = None) -> None:
        self.where = where
        self.problem = problem
        detail = f"{where}: {problem}"
        if subject is None:
            super().__init__(detail)
        else:
            super().__init__(f"Could not open {subject} because part of it is damaged: {detail}.")


def file_subject(name: str | None) -> str:
    """How a message names the file: its quoted name, or "This file" when it has none."""
    return f'"{name}"' if name else "This file"


def show_value(value: object) -> str:
    """A short, plain rendering of a JSON value for a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) if value.bit_length() <= 64 else "a very large number"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        text = json.dumps(value[:40] + ("…" if len(value) > 40 else ""), ensure_ascii=False)
        return _SURROGATE.sub("?", text)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


class _Reader:
    """Checks one document; remembers the file's ppq and counts notes against the cap."""

    def __init__(
        self, subject: str | None, ppq: int = PPQ, *, max_notes: int | None = None
    ) -> None:
        self.subject = subject
        self.ppq = ppq
        self.max_notes = MAX_NOTES if max_notes is None else max_notes
        self.note_total = 0
        self.control_total = 0

    def fail(self, where: str, problem: str) -> NoReturn:
        raise InvalidField(where, problem, self.subject)

    def too_large(self, what: str) -> NoReturn:
        raise ProjectError(
            f"{self.subject or 'This file'} has more than {what}, more than Tonewell can open."
        )

    def fields(self, value: object, where: str, names: tuple[str, ...], prefix: str) -> dict:
        if not isinstance(value, dict):
            self.fail(where, f"{show_value(value)} is not an object")
        for name in names:
            if name not in value:
                self.fail(_at(prefix, name), "missing")
        for name in value:
            if name not in names:
                shown = name if isinstance(name, str) and len(name) <= 40 else show_value(name)
                self.fail(_at(prefix, _SURROGATE.sub("?", str(shown))), "unknown field")
        return value

    def list_of(self, value: object, where: str) -> list:
        if not isinstance(value, list):
            self.fail(where, f"{show_value(value)} is not a list")
        return value

    def integer(self, value: object, where: str, lo: int, hi: int) -> int:
        if type(value) is not int:
            self.fail(where, f"{show_value(value)} is not a whole number")
        if not lo <= value <= hi:
            self.fail(where, f"{show_value(value)} is not in {lo}..{hi}")
        return value

    def tick(self, value: object, where: str, minimum: int = 0) -> int:
        """A tick (or length in ticks) in the file's ppq, returned at Tonewell's PPQ."""
        if type(value) is not int:
            self.fail(where, f"{show_value(value)} is not a whole number")
        if value < minimum:
            self.fail(where, f"{show_value(value)} is less than {minimum}")
        scaled = value
        if self.ppq != PPQ:
            scaled = max(minimum, (value * PPQ + self.ppq // 2) // self.ppq)
        if scaled > MAX_TICK:
            self.fail(where, f"{show_value(value)} is beyond the last tick Tonewell handles")
        return scaled

    def number(self, value: object, where: str, lo: float, hi: float) -> float:
        if type(value) is not int and type(value) is not float:
            self.fail(where, f"{show_value(value)} is not a number")
        if not lo <= value <= hi:  # also refuses NaN
            self.fail(where, f"{show_value(value)} is not in {lo:g}..{hi:g}")
        return float(value)

    def boolean(self, value: object, where: str) -> bool:
        if type(value) is not bool:
            self.fail(where, f"{show_value(value)} is not true or false")
        return value

    def text(self, value: object, where: str) -> str:
        if type(value) is not str:
            self.fail(where, f"{show_value(value)} is not text")
        if _SURROGATE.search(value):
            self.fail(where, "holds characters that are not valid text")
        return value

    def timestamp(self, value: object, where: str) -> str:
        text = self.text(value, where)
        try:
            ok = len(text) <= 64 and bool(datetime.fromisoformat(text))
        except ValueError:
            ok = False
        if not ok:
            self.fail(
                where, f"{show_value(text)} is not a date and time (like 2026-01-31T18:00:00Z)"
            )
        return text

    def json_value(self, value: object, where: str, depth: int = 0) -> Any:
        """A copy of free-form JSON, refusing what JSON cannot hold and very deep nesting."""
        if depth > MAX_METADATA_DEPTH:
            self.fail(where, f"is nested more than {MAX_METADATA_DEPTH} levels deep")
        if value is None or type(value) in (bool, int):
            return value
        if type(value) is float:
            if not math.isfinite(value):
                self.fail(where, f"{show_value(value)} is not a number a file can hold")
            return value
        if type(value) is str:
            return self.text(value, where)
        if type(value) is list:
            return [self.json_value(v, f"{where}[{i}]", depth + 1) for i, v in enumerate(value)]
        if type(value) is dict:
            out = {}
            for k, v in value.items():
                if type(k) is not str:
                    self.fail(where, f"has a key {show_value(k)} that is not text")
                k = self.text(k, where)
                out[k] = self.json_value(v, _at(where, k[:40]), depth + 1)
            return out
        self.fail(where, f"{show_value(value)} is not a JSON value")

    def note(self, item: object, where: str) -> Note:
        """One note `[start_tick, pitch, length_ticks, velocity]`, every value checked."""
        if not isinstance(item, list):
            self.fail(where, f"{show_value(item)} is not a note [start_tick, pitch, length_ticks, "
                      "velocity]")
        if len(item) != 4:
            self.fail(where, f"has {len(item)} values, not 4 (start_tick, pitch, length_ticks, "
                      "velocity)")
        names = [f"{where}.{name}" for name in _NOTE_FIELDS]
        return Note(
            start_tick=self.tick(item[0], names[0]),
            pitch=self.integer(item[1], names[1], 0, 127),
            length_ticks=self.tick(item[2], names[2], minimum=1),
            velocity=self.integer(item[3], names[3], 1, 127),
        )

    def notes(self, items: list, where: str) -> tuple[Note, ...]:
        """A clip's notes. Valid notes at Tonewell's PPQ take a fast path (a million of them
        must open in seconds); anything else goes through `note` for a precise message."""
        out = []
        fast = self.ppq == PPQ
        for i, item in enumerate(items):
            if fast and type(item) is list and len(item) == 4:
                s, p, n, v = item
                if (
                    type(s) is type(p) is type(n) is type(v) is int
                    and 0 <= s <= MAX_TICK
                    and 0 <= p <= 127
                    and 1 <= n <= MAX_TICK
                    and 1 <= v <= 127
                ):
                    out.append(Note(s, p, n, v))
                    continue
            out.append(self.note(item, f"{where}[{i}]"))
        return tuple(out)

    def control(self, item: object, where: str) -> ControlPoint:
        """One controller point `[tick, controller, value]`, every value checked."""
        if not isinstance(item, list):
            self.fail(where, f"{show_value(item)} is not a point [tick, controller, value]")
        if len(item) != 3:
            self.fail(where, f"has {len(item)} values, not 3 (tick, controller, value)")
        names = [f"{where}.{name}" for name in _CONTROL_FIELDS]
        tick = self.tick(item[0], names[0])
        controller = self.integer(item[1], names[1], 0, 127)
        if controller not in _KEPT:
            kept = ", ".join(str(c) for c in KEPT_CONTROLLERS)
            self.fail(names[1], f"{controller} is not a controller Tonewell keeps ({kept})")
        return ControlPoint(tick, controller, self.integer(item[2], names[2], 0, 127))

    def controls(self, items: list, where: str) -> tuple[ControlPoint, ...]:
        """A clip's controller points, with a fast path like `notes`; two values for one
        controller at one tick are refused, naming the second."""
        out = []
        fast = self.ppq == PPQ
        seen: set[tuple[int, int]] = set()
        for i, item in enumerate(items):
            if (
                fast and type(item) is list and len(item) == 3
                and type(item[0]) is type(item[1]) is type(item[2]) is int
                and 0 <= item[0] <= MAX_TICK and item[1] in _KEPT and 0 <= item[2] <= 127
            ):
                point = ControlPoint(item[0], item[1], item[2])
            else:
                point = self.control(item, f"{where}[{i}]")
            if (point.tick, point.controller) in seen:
                self.fail(
                    f"{where}[{i}]",
                    f"controller {point.controller} already has a value at tick {point.tick}",
                )
            seen.add((point.tick, point.controller))
            out.append(point)
        return tuple(out)

    def clip(self, value: object, where: str) -> Clip:
        c = self.fields(value, where, _CLIP_FIELDS, where)
        notes = self.list_of(c["notes"], f"{where}.notes")
        self.note_total += len(notes)
        if self.note_total > self.max_notes:
            self.too_large(f"{self.max_notes:,} notes")
        controls = self.list_of(c["controls"], f"{where}.controls")
        self.control_total += len(controls)
        if self.control_total > MAX_CONTROL_POINTS:
            self.too_large(f"{MAX_CONTROL_POINTS:,} controller points")
        return Clip(
            name=self.text(c["name"], f"{where}.name"),
            length_bars=self.integer(c["length_bars"], f"{where}.length_bars", 1, MAX_CLIP_BARS),
            start_tick=self.tick(c["start_tick"], f"{where}.start_tick"),
            repeats=self.integer(c["repeats"], f"{where}.repeats", 1, MAX_REPEATS),
            notes=self.notes(notes, f"{where}.notes"),
            controls=self.controls(controls, f"{where}.controls"),
        )

    def colour(self, value: object, where: str) -> str:
        """A track colour: "" (the palette's) or `#rrggbb`."""
        text = self.text(value, where)
        if text and not HEX_COLOUR.fullmatch(text):
            self.fail(where, f"{show_value(text)} is not a colour like #5e8c7a (or empty)")
        return text

    def track(self, value: object, where: str) -> Track:
        t = self.fields(value, where, _TRACK_FIELDS, where)
        clips = self.list_of(t["clips"], f"{where}.clips")
        return Track(
            name=self.text(t["name"], f"{where}.name"),
            program=self.integer(t["program"], f"{where}.program", 0, 127),
            is_drum=self.boolean(t["is_drum"], f"{where}.is_drum"),
            volume=self.integer(t["volume"], f"{where}.volume", 0, 127),
            pan=self.integer(t["pan"], f"{where}.pan", 0, 127),
            mute=self.boolean(t["mute"], f"{where}.mute"),
            solo=self.boolean(t["solo"], f"{where}.solo"),
            colour=self.colour(t["colour"], f"{where}.colour"),
            clips=tuple(self.clip(c, f"{where}.clips[{i}]") for i, c in enumerate(clips)),
        )

    def tempo_map(self, value: object) -> TempoMap:
        items = self.list_of(value, "tempo_map")
        if not items:
            self.fail("tempo_map", "is empty; a piece needs a tempo")
        raw: dict[int, tuple[int, float]] = {}  # tick in the file -> (index, bpm)
        for i, item in enumerate(items):
            where = f"tempo_map[{i}]"
            t = self.fields(item, where, ("tick", "bpm"), where)
            tick = self.integer(t["tick"], f"{where}.tick", 0, MAX_TICK)
            bpm = self.number(t["bpm"], f"{where}.bpm", MIN_BPM, MAX_BPM)
            if tick in raw:
                earlier = f"tempo_map[{raw[tick][0]}]"
                self.fail(f"{where}.tick", f"{tick} already has a tempo ({earlier})")
            raw[tick] = (i, bpm)
        if 0 not in raw:
            self.fail("tempo_map", "has no tempo at tick 0")
        by_tick = {  # rescaling may merge neighbours: the later one wins
            self.tick(tick, f"tempo_map[{i}].tick"): bpm for tick, (i, bpm) in sorted(raw.items())
        }
        return TempoMap(tuple(TempoChange(tick, bpm) for tick, bpm in by_tick.items()))

    def composition(self, value: object) -> Composition:
        c = self.fields(value, "composition", _COMPOSITION_FIELDS, "")
        title = self.text(c["title"], "title")
        uid = self.text(c["uid"], "uid")
        if not _UID.fullmatch(uid):
            self.fail("uid", f"{show_value(uid)} is not an identifier (letters, digits, - and _)")
        created = self.timestamp(c["created"], "created")
        modified = self.timestamp(c["modified"], "modified")
        tempo_map = self.tempo_map(c["tempo_map"])
        sig = self.fields(
            c["time_signature"], "time_signature", ("numerator", "denominator"), "time_signature"
        )
        numerator = self.integer(sig["numerator"], "time_signature.numerator", 1, 32)
        denominator = self.integer(sig["denominator"], "time_signature.denominator", 1, 32)
        if denominator not in VALID_DENOMINATORS:
            self.fail("time_signature.denominator", f"{denominator} is not 1, 2, 4, 8, 16 or 32")
        key = self.fields(c["key"], "key", ("tonic", "mode"), "key")
        tonic = self.integer(key["tonic"], "key.tonic", 0, 11)
        mode = self.text(key["mode"], "key.mode")
        if mode not in SCALES:
            self.fail("key.mode", f"{show_value(mode)} is not a mode Tonewell knows "
                      f"({', '.join(SCALES)})")
        loop = self.fields(c["loop"], "loop", ("start_tick", "end_tick", "enabled"), "loop")
        loop_start = self.tick(loop["start_tick"], "loop.start_tick")
        loop_end = self.tick(loop["end_tick"], "loop.end_tick")
        if loop_end < loop_start:
            self.fail("loop.end_tick", "is before loop.start_tick")
        loop_enabled = self.boolean(loop["enabled"], "loop.enabled")
        if not isinstance(c["metadata"], dict):
            self.fail("metadata", f"{show_value(c['metadata'])} is not an object")
        metadata = self.json_value(c["metadata"], "metadata")
        tracks = self.list_of(c["tracks"], "tracks")
        if len(tracks) > MAX_TRACKS:
            self.too_large(f"{MAX_TRACKS} tracks")
        return Composition(
            title=title,
            uid=uid,
            created=created,
            modified=modified,
            tempo_map=tempo_map,
            time_signature=TimeSignature(numerator, denominator),
            key=Key(tonic, mode),
            loop=LoopRegion(loop_start, loop_end, loop_enabled),
            metadata=metadata,
            tracks=tuple(self.track(t, f"tracks[{i}]") for i, t in enumerate(tracks)),
        )


def read_document(doc: object, name: str | None, *, max_notes: int | None = None) -> Composition:
    """The composition in an up-to-date document, every field checked.

    `max_notes` defaults to `MAX_NOTES`; `tonewell.io.project` passes its own `MAX_NOTES` so
    that the limit can be changed where the public API lives. Raises ProjectError.
    """
    subject = file_subject(name)
    reader = _Reader(None if name is None else subject, max_notes=max_notes)
    reader.fields(doc, "", _DOC_FIELDS, "")
    reader.ppq = reader.integer(doc["ppq"], "ppq", 1, MAX_PPQ)
    try:
        return reader.composition(doc["composition"])
    except ValueError as err:  # the model refused something the checks above let through
        raise ProjectError(f"{subject} is damaged: {err}.") from err


def decode_json(data: bytes, *, name: str | None = None) -> object:
    """The JSON value in the bytes of a file. Raises ProjectError (never RecursionError)."""
    subject = file_subject(name)
    damaged = f"{subject} is not a Tonewell project, or it is damaged"
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(subject)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProjectError(f"{damaged} (it is not UTF-8 text).") from None
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except RecursionError:
        raise ProjectError(f"{damaged} (it is nested too deeply to read).") from None
    except json.JSONDecodeError as err:
        raise ProjectError(f"{damaged} (it stops making sense at line {err.lineno}).") from None
    except ValueError:
        raise ProjectError(f"{damaged} (it holds a number Tonewell cannot read).") from None


def _too_big(subject: str) -> ProjectError:
    return ProjectError(
        f"{subject} is larger than {MAX_FILE_BYTES // 2**20} MB, more than Tonewell can open. "
        "It may not be a Tonewell project."
    )


def _refuse_constant(token: str) -> NoReturn:
    raise ValueError(f"{token} is not a number a project can hold")


def _finite_float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise ValueError(f"{token} is too large")
    return value


def read_file_bytes(path: Path) -> bytes:
    """The bytes of a file Tonewell is asked to open, refusing huge ones. Raises ProjectError."""
    path = Path(path)
    subject = file_subject(shown_path(path.name))
    try:
        with open_regular_file(path) as file:  # a pipe or a device would block: refused
            if os.fstat(file.fileno()).st_size > MAX_FILE_BYTES:
                raise _too_big(subject)
            return file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ProjectError(
            f"Could not find {subject}. It may have been moved, renamed or deleted."
        ) from None
    except IsADirectoryError:
        raise ProjectError(f"{subject} is a folder, not a file Tonewell can open.") from None
    except PermissionError:
        raise ProjectError(f"Tonewell is not allowed to read {subject}.") from None
    except OSError as err:
        raise ProjectError(f"Could not open {subject}: {describe_os_error(err)}.") from None

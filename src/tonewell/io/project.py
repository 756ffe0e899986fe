"""The `.tonewell` project file: versioned UTF-8 JSON, read strictly, saved atomically.

A project file is untrusted input: every field is checked for its type and range, and the first
problem is reported with its place in the file (`tracks[2].clips[0].notes[17].pitch: 200 is not
in 0..127`) as a `ProjectError`, never a crash. Older file versions are brought up to date by the
`MIGRATIONS` chain; newer ones are refused with a plain message.

Layout of version 1 (every field is required; unknown fields are refused)::

    {"format": "tonewell", "version": 1, "ppq": 480,
     "composition": {
       "title": str, "uid": str ([0-9A-Za-z_-], up to 64), "created": str, "modified": str
         (ISO 8601 date and time),
       "tempo_map": [{"tick": int, "bpm": number 10..400}, ...] (one at tick 0, ticks distinct),
       "time_signature": {"numerator": 1..32, "denominator": 1|2|4|8|16|32},
       "key": {"tonic": 0..11, "mode": a name from tonewell.model.scales.SCALES},
       "loop": {"start_tick": int, "end_tick": int >= start_tick, "enabled": bool},
       "metadata": {any JSON, nested at most 32 deep},
       "tracks": [{"name": str, "program": 0..127, "is_drum": bool, "volume": 0..127,
                   "pan": 0..127, "mute": bool, "solo": bool,
                   "clips": [{"name": str, "length_bars": 1..1024, "start_tick": int,
                              "repeats": 1..999,
                              "notes": [[start_tick, pitch, length_ticks, velocity], ...]}]}]}}

Notes are arrays (compact: a piece can hold a million of them), one per line. Ticks are whole
numbers; a file written at another `ppq` is rescaled to Tonewell's 480 on load.
"""

from __future__ import annotations

import copy
import json
import math
import operator
import os
import re
import secrets
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from tonewell.errors import FileProblem
from tonewell.io.atomic import SaveError, atomic_write_bytes, describe_os_error
from tonewell.model import (
    PPQ,
    Clip,
    Composition,
    Key,
    LoopRegion,
    Note,
    TempoChange,
    TempoMap,
    TimeSignature,
    Track,
)
from tonewell.model.composition import MAX_REPEATS, new_uid, now_iso
from tonewell.model.scales import SCALES
from tonewell.model.timing import MAX_BPM, MIN_BPM, VALID_DENOMINATORS

FORMAT_NAME = "tonewell"
CURRENT_VERSION = 1
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_NOTES = 1_000_000
"""Stored notes over all clips (a repeated clip counts its notes once)."""
MAX_TRACKS = 256
MAX_TICK = 2**31 - 1
"""The last tick a position or length may reach (about 4.4 million quarter notes)."""
MAX_PPQ = 96_000
MAX_METADATA_DEPTH = 32

_UID = re.compile(r"[0-9A-Za-z_-]{1,64}")
_SURROGATE = re.compile("[\ud800-\udfff]")
_DOC_FIELDS = ("format", "version", "ppq", "composition")
_COMPOSITION_FIELDS = (
    "title", "uid", "created", "modified", "tempo_map", "time_signature", "key", "loop",
    "metadata", "tracks",
)
_TRACK_FIELDS = ("name", "program", "is_drum", "volume", "pan", "mute", "solo", "clips")
_CLIP_FIELDS = ("name", "length_bars", "start_tick", "repeats", "notes")
_NOTE_FIELDS = ("start_tick", "pitch", "length_ticks", "velocity")


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


def _subject(name: str | None) -> str:
    return f'"{name}"' if name else "This file"


# ----------------------------------------------------------------------------- migrations


def _v0_note(note: object) -> object:
    if isinstance(note, dict) and {"start", "pitch", "duration"} <= note.keys():
        return [note["start"], note["pitch"], note["duration"], note.get("velocity", 100)]
    return note


def _v0_clip(clip: object) -> object:
    if isinstance(clip, dict) and isinstance(clip.get("notes"), list):
        return {**clip, "notes": [_v0_note(n) for n in clip["notes"]]}
    return clip


def _v0_track(track: object) -> object:
    if isinstance(track, dict) and isinstance(track.get("clips"), list):
        return {**track, "clips": [_v0_clip(c) for c in track["clips"]]}
    return track


def _migrate_0_to_1(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 0 was the pre-release draft: one `"bpm"` number instead of a tempo map, notes as
    objects `{"start", "pitch", "duration", "velocity"}`, always 480 ppq, and no `uid`,
    `created`, `modified`, `loop` or `metadata` (they get fresh values)."""
    out = {**doc, "version": 1, "ppq": PPQ}
    old = doc.get("composition")
    if not isinstance(old, dict):
        return out  # the checks that follow will say what is wrong
    comp = {k: v for k, v in old.items() if k != "bpm"}
    if "bpm" in old:
        comp["tempo_map"] = [{"tick": 0, "bpm": old["bpm"]}]
    stamp = now_iso()
    comp.setdefault("uid", new_uid())
    comp.setdefault("created", stamp)
    comp.setdefault("modified", stamp)
    comp.setdefault("loop", {"start_tick": 0, "end_tick": 0, "enabled": False})
    comp.setdefault("metadata", {})
    if isinstance(old.get("tracks"), list):
        comp["tracks"] = [_v0_track(t) for t in old["tracks"]]
    out["composition"] = comp
    return out


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _migrate_0_to_1}
"""File version N -> a function turning a version-N document into a version N+1 document."""


def _migrate(doc: dict[str, Any], version: int, subject: str) -> dict[str, Any]:
    while version < CURRENT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ProjectError(
                f"{subject} uses file version {version}, which this Tonewell cannot read."
            )
        try:
            doc = step(doc)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as err:
            raise ProjectError(
                f"{subject} was made by an older Tonewell and is damaged, so it could not be "
                "brought up to date."
            ) from err
        version += 1
    return doc


# ------------------------------------------------------------------------------- reading


def _show(value: object) -> str:
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

    def __init__(self, subject: str | None, ppq: int = PPQ) -> None:
        self.subject = subject
        self.ppq = ppq
        self.note_total = 0

    def fail(self, where: str, problem: str) -> NoReturn:
        raise InvalidField(where, problem, self.subject)

    def too_large(self, what: str) -> NoReturn:
        raise ProjectError(
            f"{self.subject or 'This file'} has more than {what}, more than Tonewell can open."
        )

    def fields(self, value: object, where: str, names: tuple[str, ...], prefix: str) -> dict:
        if not isinstance(value, dict):
            self.fail(where, f"{_show(value)} is not an object")
        for name in names:
            if name not in value:
                self.fail(_at(prefix, name), "missing")
        for name in value:
            if name not in names:
                shown = name if isinstance(name, str) and len(name) <= 40 else _show(name)
                self.fail(_at(prefix, _SURROGATE.sub("?", str(shown))), "unknown field")
        return value

    def list_of(self, value: object, where: str) -> list:
        if not isinstance(value, list):
            self.fail(where, f"{_show(value)} is not a list")
        return value

    def integer(self, value: object, where: str, lo: int, hi: int) -> int:
        if type(value) is not int:
            self.fail(where, f"{_show(value)} is not a whole number")
        if not lo <= value <= hi:
            self.fail(where, f"{_show(value)} is not in {lo}..{hi}")
        return value

    def tick(self, value: object, where: str, minimum: int = 0) -> int:
        """A tick (or length in ticks) in the file's ppq, returned at Tonewell's PPQ."""
        if type(value) is not int:
            self.fail(where, f"{_show(value)} is not a whole number")
        if value < minimum:
            self.fail(where, f"{_show(value)} is less than {minimum}")
        scaled = value
        if self.ppq != PPQ:
            scaled = max(minimum, (value * PPQ + self.ppq // 2) // self.ppq)
        if scaled > MAX_TICK:
            self.fail(where, f"{_show(value)} is beyond the last tick Tonewell handles")
        return scaled

    def number(self, value: object, where: str, lo: float, hi: float) -> float:
        if type(value) is not int and type(value) is not float:
            self.fail(where, f"{_show(value)} is not a number")
        if not lo <= value <= hi:  # also refuses NaN
            self.fail(where, f"{_show(value)} is not in {lo:g}..{hi:g}")
        return float(value)

    def boolean(self, value: object, where: str) -> bool:
        if type(value) is not bool:
            self.fail(where, f"{_show(value)} is not true or false")
        return value

    def text(self, value: object, where: str) -> str:
        if type(value) is not str:
            self.fail(where, f"{_show(value)} is not text")
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
            self.fail(where, f"{_show(text)} is not a date and time (like 2026-01-31T18:00:00Z)")
        return text

    def json_value(self, value: object, where: str, depth: int = 0) -> Any:
        """A copy of free-form JSON, refusing what JSON cannot hold and very deep nesting."""
        if depth > MAX_METADATA_DEPTH:
            self.fail(where, f"is nested more than {MAX_METADATA_DEPTH} levels deep")
        if value is None or type(value) in (bool, int):
            return value
        if type(value) is float:
            if not math.isfinite(value):
                self.fail(where, f"{_show(value)} is not a number a file can hold")
            return value
        if type(value) is str:
            return self.text(value, where)
        if type(value) is list:
            return [self.json_value(v, f"{where}[{i}]", depth + 1) for i, v in enumerate(value)]
        if type(value) is dict:
            out = {}
            for k, v in value.items():
                if type(k) is not str:
                    self.fail(where, f"has a key {_show(k)} that is not text")
                k = self.text(k, where)
                out[k] = self.json_value(v, _at(where, k[:40]), depth + 1)
            return out
        self.fail(where, f"{_show(value)} is not a JSON value")

    def note(self, item: object, where: str) -> Note:
        """One note `[start_tick, pitch, length_ticks, velocity]`, every value checked."""
        if not isinstance(item, list):
            self.fail(where, f"{_show(item)} is not a note [start_tick, pitch, length_ticks, "
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

    def clip(self, value: object, where: str) -> Clip:
        c = self.fields(value, where, _CLIP_FIELDS, where)
        notes = self.list_of(c["notes"], f"{where}.notes")
        self.note_total += len(notes)
        if self.note_total > MAX_NOTES:
            self.too_large(f"{MAX_NOTES:,} notes")
        return Clip(
            name=self.text(c["name"], f"{where}.name"),
            length_bars=self.integer(c["length_bars"], f"{where}.length_bars", 1, 1024),
            start_tick=self.tick(c["start_tick"], f"{where}.start_tick"),
            repeats=self.integer(c["repeats"], f"{where}.repeats", 1, MAX_REPEATS),
            notes=self.notes(notes, f"{where}.notes"),
        )

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
            self.fail("uid", f"{_show(uid)} is not an identifier (letters, digits, - and _)")
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
            self.fail("key.mode", f"{_show(mode)} is not a mode Tonewell knows "
                      f"({', '.join(SCALES)})")
        loop = self.fields(c["loop"], "loop", ("start_tick", "end_tick", "enabled"), "loop")
        loop_start = self.tick(loop["start_tick"], "loop.start_tick")
        loop_end = self.tick(loop["end_tick"], "loop.end_tick")
        if loop_end < loop_start:
            self.fail("loop.end_tick", "is before loop.start_tick")
        loop_enabled = self.boolean(loop["enabled"], "loop.enabled")
        if not isinstance(c["metadata"], dict):
            self.fail("metadata", f"{_show(c['metadata'])} is not an object")
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


def composition_from_dict(data: object, *, name: str | None = None) -> Composition:
    """The composition in a decoded project document, after migrating older versions.

    Raises ProjectError; an `InvalidField` names the first bad field, e.g.
    `tracks[2].clips[0].notes[17].pitch: 200 is not in 0..127` (prefixed with the file `name`
    when one is given).
    """
    subject = _subject(name)
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ProjectError(f"{subject} is not a Tonewell project, or it is damaged.")
    version = data.get("version")
    if type(version) is not int:
        raise ProjectError(f"{subject} is damaged: it does not say which version it is.")
    if version > CURRENT_VERSION:
        raise ProjectError(
            f"{subject} was made by a newer Tonewell (file version {_show(version)}; this "
            f"Tonewell reads up to version {CURRENT_VERSION}). Please update Tonewell to open it."
        )
    doc = _migrate(data, version, subject)
    reader = _Reader(None if name is None else subject)
    reader.fields(doc, "", _DOC_FIELDS, "")
    reader.ppq = reader.integer(doc["ppq"], "ppq", 1, MAX_PPQ)
    try:
        return reader.composition(doc["composition"])
    except ValueError as err:  # the model refused something the checks above let through
        raise ProjectError(f"{subject} is damaged: {err}.") from err


def decode_json(data: bytes, *, name: str | None = None) -> object:
    """The JSON value in the bytes of a file. Raises ProjectError (never RecursionError)."""
    subject = _subject(name)
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


def project_from_bytes(data: bytes, *, name: str | None = None) -> Composition:
    """The composition in the bytes of a project file. Raises ProjectError."""
    return composition_from_dict(decode_json(data, name=name), name=name)


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
    subject = _subject(path.name)
    try:
        with open(path, "rb") as file:
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


def load_project(path: Path) -> Composition:
    """Read a `.tonewell` file. Raises ProjectError with a message for the person opening it."""
    path = Path(path)
    return project_from_bytes(read_file_bytes(path), name=path.name)


# ------------------------------------------------------------------------------- writing


def composition_to_dict(comp: Composition) -> dict[str, Any]:
    """The whole version-1 document for `comp` (plain dicts, lists and scalars)."""
    index = operator.index  # refuses a float where a whole number belongs
    return {
        "format": FORMAT_NAME,
        "version": CURRENT_VERSION,
        "ppq": PPQ,
        "composition": {
            "title": comp.title,
            "uid": comp.uid,
            "created": comp.created,
            "modified": comp.modified,
            "tempo_map": [
                {"tick": index(c.tick), "bpm": float(c.bpm)} for c in comp.tempo_map.changes
            ],
            "time_signature": {
                "numerator": index(comp.time_signature.numerator),
                "denominator": index(comp.time_signature.denominator),
            },
            "key": {"tonic": index(comp.key.tonic), "mode": comp.key.mode},
            "loop": {
                "start_tick": index(comp.loop.start_tick),
                "end_tick": index(comp.loop.end_tick),
                "enabled": bool(comp.loop.enabled),
            },
            "metadata": copy.deepcopy(comp.metadata),
            "tracks": [_track_to_dict(t) for t in comp.tracks],
        },
    }


def _track_to_dict(track: Track) -> dict[str, Any]:
    index = operator.index
    return {
        "name": track.name,
        "program": index(track.program),
        "is_drum": bool(track.is_drum),
        "volume": index(track.volume),
        "pan": index(track.pan),
        "mute": bool(track.mute),
        "solo": bool(track.solo),
        "clips": [
            {
                "name": clip.name,
                "length_bars": index(clip.length_bars),
                "start_tick": index(clip.start_tick),
                "repeats": index(clip.repeats),
                "notes": [
                    [index(n.start_tick), index(n.pitch), index(n.length_ticks), index(n.velocity)]
                    for n in clip.notes
                ],
            }
            for clip in track.clips
        ],
    }


def _encode_document(doc: dict[str, Any]) -> bytes:
    """A document from `composition_to_dict` as UTF-8 JSON: indented, keys sorted, one note
    per line, and a final newline.

    Note lists are set aside and written by hand: json's indenting encoder is pure Python and
    far too slow for a million notes. Raises TypeError or ValueError for what JSON cannot hold.
    """
    token = secrets.token_hex(8)
    stashed: list[list[list[int]]] = []

    def set_aside(clip: dict[str, Any]) -> dict[str, Any]:
        stashed.append(clip["notes"])
        return {**clip, "notes": f"@notes:{token}:{len(stashed) - 1}"}

    comp = doc["composition"]
    tracks = [{**t, "clips": [set_aside(c) for c in t["clips"]]} for t in comp["tracks"]]
    skeleton = {**doc, "composition": {**comp, "tracks": tracks}}
    text = json.dumps(skeleton, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)

    def notes_text(match: re.Match[str]) -> str:
        pad = match.group(1)
        notes = stashed[int(match.group(2))]
        if not notes:
            return f'{pad}"notes": []'
        lines = ",\n".join(f"{pad}  [{s}, {p}, {n}, {v}]" for s, p, n, v in notes)
        return f'{pad}"notes": [\n{lines}\n{pad}]'

    pattern = re.compile(rf'^( *)"notes": "@notes:{token}:(\d+)"', re.MULTILINE)
    return (pattern.sub(notes_text, text) + "\n").encode("utf-8")


def project_to_bytes(comp: Composition, *, name: str | None = None) -> bytes:
    """The bytes of a project file for `comp`. Raises SaveError if something cannot be written."""
    try:
        return _encode_document(composition_to_dict(comp))
    except (TypeError, ValueError, RecursionError) as err:
        raise SaveError(
            f"Could not save {_subject(name) if name else 'this piece'}: part of it cannot be "
            "written to a file. Your previous version is untouched."
        ) from err


def save_project(comp: Composition, path: Path) -> None:
    """Write `comp` to `path` atomically, keeping the previous file as `<name>.bak`.

    Raises SaveError (a FileProblem) with a plain message; on failure the old file is unchanged.
    """
    path = Path(path)
    atomic_write_bytes(path, project_to_bytes(comp, name=path.name), keep_backup=True)

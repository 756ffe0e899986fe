"""The `.tonewell` project file: versioned UTF-8 JSON, read strictly, saved atomically.

A project file is untrusted input: every field is checked for its type and range, and the first
problem is reported with its place in the file (`tracks[2].clips[0].notes[17].pitch: 200 is not
in 0..127`) as a `ProjectError`, never a crash. Older file versions are brought up to date by the
`MIGRATIONS` chain; newer ones are refused with a plain message.

This is the public face of the format: it decides whether a document is a Tonewell project of a
version it can read, and writes files. The strict checks live in `project_read` and the upgrade
steps in `project_migrations`; their public names are re-exported here.

Layout of version 2 (every field is required; unknown fields are refused)::

    {"format": "tonewell", "version": 2, "ppq": 480,
     "composition": {
       "title": str, "uid": str ([0-9A-Za-z_-], up to 64), "created": str, "modified": str
         (ISO 8601 date and time),
       "tempo_map": [{"tick": int, "bpm": number 10..400}, ...] (one at tick 0, ticks distinct),
       "time_signature": {"numerator": 1..32, "denominator": 1|2|4|8|16|32},
       "key": {"tonic": 0..11, "mode": a name from tonewell.model.scales.SCALES},
       "loop": {"start_tick": int, "end_tick": int >= start_tick, "enabled": bool},
       "metadata": {any JSON, nested at most 32 deep},
       "tracks": [{"name": str, "program": 0..127, "is_drum": bool, "volume": 0..127,
                   "pan": 0..127, "mute": bool, "solo": bool, "colour": "" or "#rrggbb",
                   "clips": [{"name": str, "length_bars": 1..1024, "start_tick": int,
                              "repeats": 1..999,
                              "notes": [[start_tick, pitch, length_ticks, velocity], ...],
                              "controls": [[tick, controller 7|10|11|64, value 0..127], ...]
                             }]}]}}

Notes and controller points are arrays (compact: a piece can hold a million of each), one per
line; one controller has at most one value per tick in a clip. Ticks are whole numbers; a file
written at another `ppq` is rescaled to Tonewell's 480 on load. Version 1 had no `controls`.
"""

from __future__ import annotations

import json
import operator
import re
import secrets
from pathlib import Path
from typing import Any

from tonewell.io.atomic import SaveError, atomic_write_bytes
from tonewell.io.files import shown_path
from tonewell.io.limits import MAX_CONTROL_POINTS, MAX_NOTES, MAX_TRACKS
from tonewell.io.project_migrations import CURRENT_VERSION, MIGRATIONS, migrate
from tonewell.io.project_read import (
    MAX_FILE_BYTES,
    MAX_METADATA_DEPTH,
    MAX_PPQ,
    MAX_TICK,
    InvalidField,
    ProjectError,
    decode_json,
    file_subject,
    read_document,
    read_file_bytes,
    show_value,
)
from tonewell.model import PPQ, Composition, Track
from tonewell.model.frozen import thaw

__all__ = [
    "CURRENT_VERSION",
    "FORMAT_NAME",
    "MAX_CONTROL_POINTS",
    "MAX_FILE_BYTES",
    "MAX_METADATA_DEPTH",
    "MAX_NOTES",
    "MAX_PPQ",
    "MAX_TICK",
    "MAX_TRACKS",
    "MIGRATIONS",
    "InvalidField",
    "ProjectError",
    "SaveError",
    "composition_from_dict",
    "composition_to_dict",
    "decode_json",
    "load_project",
    "project_from_bytes",
    "project_to_bytes",
    "read_file_bytes",
    "save_project",
]

FORMAT_NAME = "tonewell"


# ------------------------------------------------------------------------------- reading


def composition_from_dict(data: object, *, name: str | None = None) -> Composition:
    """The composition in a decoded project document, after migrating older versions.

    Raises ProjectError; an `InvalidField` names the first bad field, e.g.
    `tracks[2].clips[0].notes[17].pitch: 200 is not in 0..127` (prefixed with the file `name`
    when one is given).
    """
    subject = file_subject(name)
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ProjectError(f"{subject} is not a Tonewell project, or it is damaged.")
    version = data.get("version")
    if type(version) is not int:
        raise ProjectError(f"{subject} is damaged: it does not say which version it is.")
    if version > CURRENT_VERSION:
        raise ProjectError(
            f"{subject} was made by a newer Tonewell (file version {show_value(version)}; this "
            f"Tonewell reads up to version {CURRENT_VERSION}). Please update Tonewell to open it."
        )
    # MIGRATIONS and MAX_NOTES are looked up here, in this module, on every call, so that
    # changing `project.MIGRATIONS` or `project.MAX_NOTES` (as the tests do) takes effect.
    doc = migrate(data, version, subject, MIGRATIONS)
    return read_document(doc, name, max_notes=MAX_NOTES)


def project_from_bytes(data: bytes, *, name: str | None = None) -> Composition:
    """The composition in the bytes of a project file. Raises ProjectError."""
    return composition_from_dict(decode_json(data, name=name), name=name)


def load_project(path: Path) -> Composition:
    """Read a `.tonewell` file. Raises ProjectError with a message for the person opening it."""
    path = Path(path)
    return project_from_bytes(read_file_bytes(path), name=shown_path(path.name))


# ------------------------------------------------------------------------------- writing


def composition_to_dict(comp: Composition) -> dict[str, Any]:
    """The whole current-version document for `comp` (plain dicts, lists and scalars)."""
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
            "metadata": thaw(comp.metadata),
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
        "colour": track.colour,
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
                "controls": [
                    [index(p.tick), index(p.controller), index(p.value)] for p in clip.controls
                ],
            }
            for clip in track.clips
        ],
    }


def _encode_document(doc: dict[str, Any]) -> bytes:
    """A document from `composition_to_dict` as UTF-8 JSON: indented, keys sorted, one note
    or controller point per line, and a final newline.

    Note and point lists are set aside and written by hand: json's indenting encoder is pure
    Python and far too slow for a million notes. Raises TypeError or ValueError for what JSON
    cannot hold.
    """
    token = secrets.token_hex(8)
    stashed: list[list[list[int]]] = []

    def set_aside(clip: dict[str, Any]) -> dict[str, Any]:
        stashed.append(clip["notes"])
        stashed.append(clip["controls"])
        return {
            **clip,
            "notes": f"@rows:{token}:{len(stashed) - 2}",
            "controls": f"@rows:{token}:{len(stashed) - 1}",
        }

    comp = doc["composition"]
    tracks = [{**t, "clips": [set_aside(c) for c in t["clips"]]} for t in comp["tracks"]]
    skeleton = {**doc, "composition": {**comp, "tracks": tracks}}
    text = json.dumps(skeleton, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)

    def rows_text(match: re.Match[str]) -> str:
        pad, field = match.group(1), match.group(2)
        rows = stashed[int(match.group(3))]
        if not rows:
            return f'{pad}"{field}": []'
        lines = ",\n".join(f"{pad}  [{', '.join(map(str, row))}]" for row in rows)
        return f'{pad}"{field}": [\n{lines}\n{pad}]'

    pattern = re.compile(rf'^( *)"(notes|controls)": "@rows:{token}:(\d+)"', re.MULTILINE)
    return (pattern.sub(rows_text, text) + "\n").encode("utf-8")


def project_to_bytes(comp: Composition, *, name: str | None = None) -> bytes:
    """The bytes of a project file for `comp`. Raises SaveError if something cannot be written."""
    try:
        return _encode_document(composition_to_dict(comp))
    except (TypeError, ValueError, RecursionError) as err:
        raise SaveError(
            f"Could not save {file_subject(name) if name else 'this piece'}: part of it cannot be "
            "written to a file. Your previous version is untouched."
        ) from err


def save_project(comp: Composition, path: Path) -> None:
    """Write `comp` to `path` atomically, keeping the previous file as `<name>.bak`.

    Raises SaveError (a FileProblem) with a plain message; on failure the old file is unchanged.
    """
    path = Path(path)
    atomic_write_bytes(path, project_to_bytes(comp, name=shown_path(path.name)), keep_backup=True)

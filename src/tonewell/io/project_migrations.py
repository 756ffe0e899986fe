"""Bringing project files written by older Tonewells up to the current file version.

`MIGRATIONS` maps file version N to a function that turns a version-N document into a version
N+1 document; `migrate` runs the chain up to `CURRENT_VERSION`. Each step works on plain decoded
JSON and trusts nothing: the strict checks in `project_read` run on what comes out. To change
the format, bump `CURRENT_VERSION` and add the step from the old version here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tonewell.io.project_read import ProjectError
from tonewell.model import PPQ
from tonewell.model.composition import new_uid, now_iso

CURRENT_VERSION = 2

Migration = Callable[[dict[str, Any]], dict[str, Any]]


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


def _migrate_1_to_2(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 2 added controller curves and track colours: every clip gets an empty
    `"controls"` list and every track the palette's colour (`"colour": ""`)."""
    out = {**doc, "version": 2}
    comp = doc.get("composition")
    if isinstance(comp, dict) and isinstance(comp.get("tracks"), list):
        out["composition"] = {**comp, "tracks": [_v1_track(t) for t in comp["tracks"]]}
    return out


def _v1_track(track: object) -> object:
    if isinstance(track, dict) and isinstance(track.get("clips"), list):
        clips = [{"controls": [], **c} if isinstance(c, dict) else c for c in track["clips"]]
        return {"colour": "", **track, "clips": clips}
    return track


MIGRATIONS: dict[int, Migration] = {0: _migrate_0_to_1, 1: _migrate_1_to_2}
"""File version N -> a function turning a version-N document into a version N+1 document."""


def migrate(
    doc: dict[str, Any], version: int, subject: str, steps: dict[int, Migration]
) -> dict[str, Any]:
    """`doc`, a version-`version` document, brought up to `CURRENT_VERSION` through `steps`
    (normally `MIGRATIONS`). Raises ProjectError naming `subject` when a step is missing or
    stumbles on a damaged document."""
    while version < CURRENT_VERSION:
        step = steps.get(version)
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

"""Named edits to the piece, its tracks and their clips: what the window's controls push.

Each function returns one command, named as Edit › Undo shows it. Continuous controls (the
tempo box, volume and pan sliders) get a `merge_key`, so one drag is one step; the widget calls
`Document.seal()` when the drag ends.
"""

from __future__ import annotations

from dataclasses import replace

from tonewell.edit.commands import (
    Command,
    Compound,
    InsertClip,
    InsertTrack,
    MoveTrack,
    RemoveClip,
    RemoveTrack,
    ReplacePiece,
    SetClipFields,
    SetPieceFields,
    SetTrackFields,
    track_index,
)
from tonewell.model import Clip, Composition, Key, LoopRegion, TimeSignature, Track
from tonewell.model.composition import new_object_id
from tonewell.model.gm import instrument_name
from tonewell.model.timing import MAX_BPM, MIN_BPM

# --- the piece ----------------------------------------------------------------------------------


def set_tempo(comp: Composition, bpm: float) -> SetPieceFields:
    bpm = min(max(float(bpm), MIN_BPM), MAX_BPM)
    return SetPieceFields(
        f"Tempo {bpm:g} BPM",
        {"tempo_map": comp.tempo_map.with_initial_bpm(bpm)},
        merge_key="tempo",
    )


def set_loop(start_tick: int, end_tick: int, enabled: bool) -> SetPieceFields:
    start, end = sorted((max(0, start_tick), max(0, end_tick)))
    name = "Set loop region" if enabled else "Loop off"
    return SetPieceFields(name, {"loop": LoopRegion(start, end, enabled)}, merge_key="loop")


def set_title(title: str) -> SetPieceFields:
    return SetPieceFields("Rename piece", {"title": " ".join(title.split()) or "Untitled"})


def set_key(key: Key) -> SetPieceFields:
    return SetPieceFields(f"Key {key}", {"key": key})


def set_meter(meter: TimeSignature) -> SetPieceFields:
    return SetPieceFields(f"Meter {meter}", {"time_signature": meter})


PIECE_SETTINGS = "Piece settings"


def piece_settings(
    comp: Composition,
    *,
    title: str | None = None,
    key: Key | None = None,
    meter: TimeSignature | None = None,
    tempo_bpm: float | None = None,
) -> Compound | None:
    """The given values that differ from `comp`'s, as one step named "Piece settings" (made of
    `set_title`, `set_key`, `set_meter` and `set_tempo`); None when nothing would change."""
    parts: list[Command] = []
    if title is not None:
        renamed = set_title(title)
        if renamed.values["title"] != comp.title:
            parts.append(renamed)
    if key is not None and key != comp.key:
        parts.append(set_key(key))
    if meter is not None and meter != comp.time_signature:
        parts.append(set_meter(meter))
    if tempo_bpm is not None:
        retimed = set_tempo(comp, tempo_bpm)
        if retimed.values["tempo_map"] != comp.tempo_map:
            parts.append(retimed)
    return Compound(PIECE_SETTINGS, tuple(parts)) if parts else None


def notes_past_clip_ends(comp: Composition, meter: TimeSignature) -> int:
    """How many notes would start at or past the end of their clip's pattern in `meter`: a
    clip keeps its number of bars, so a shorter bar leaves those notes kept but not heard."""
    return sum(
        1
        for track in comp.tracks
        for clip in track.clips
        for note in clip.notes
        if note.start_tick >= clip.length_ticks(meter)
    )


def restore_version(comp: Composition, version: Composition) -> ReplacePiece:
    """The music of `version` (an earlier version of `comp`) in place of `comp`'s, as one step.
    The piece stays itself: its title, uid and creation time are kept."""
    kept = replace(version, title=comp.title, uid=comp.uid, created=comp.created)
    return ReplacePiece("Restore an earlier version", kept)


# --- tracks -----------------------------------------------------------------------------------


def new_track(
    comp: Composition, program: int = 0, *, is_drum: bool = False, name: str = ""
) -> Track:
    """A track for `program` (or drums), named after it ("Piano 2" when "Piano" exists)."""
    base = name.strip() or instrument_name(program, is_drum)
    taken = {t.name for t in comp.tracks}
    label, n = base, 2
    while label in taken:
        label, n = f"{base} {n}", n + 1
    return Track(name=label, program=program if not is_drum else 0, is_drum=is_drum)


def add_track(track: Track, index: int | None = None) -> InsertTrack:
    return InsertTrack(f"Add track {track.name}", track, index)


def remove_track(comp: Composition, track_uid: int) -> RemoveTrack:
    name = comp.tracks[track_index(comp, track_uid)].name
    return RemoveTrack(f"Remove track {name}", track_uid)


def move_track(comp: Composition, track_uid: int, to_index: int) -> MoveTrack:
    name = comp.tracks[track_index(comp, track_uid)].name
    return MoveTrack(f"Move track {name}", track_uid, to_index)


def _track_name(comp: Composition, track_uid: int) -> str:
    return comp.tracks[track_index(comp, track_uid)].name


def rename_track(comp: Composition, track_uid: int, name: str) -> SetTrackFields:
    old = _track_name(comp, track_uid)
    new = " ".join(name.split()) or old
    return SetTrackFields(f"Rename {old} to {new}", {"name": new}, track_uid=track_uid)


def set_instrument(
    comp: Composition, track_uid: int, program: int, *, is_drum: bool = False
) -> SetTrackFields:
    label = instrument_name(program, is_drum)
    return SetTrackFields(
        f"{_track_name(comp, track_uid)}: {label}",
        {"program": program, "is_drum": is_drum},
        track_uid=track_uid,
    )


_TRACK_WORDS = {"volume": "Volume", "pan": "Pan", "colour": "Colour"}


def set_track_value(comp: Composition, track_uid: int, field: str, value: object) -> Command:
    """Volume, pan, mute, solo or colour of a track. Volume and pan merge while dragging."""
    name = _track_name(comp, track_uid)
    if field == "mute":
        label = f"{'Mute' if value else 'Unmute'} {name}"
    elif field == "solo":
        label = f"{'Solo' if value else 'Unsolo'} {name}"
    else:
        label = f"{_TRACK_WORDS.get(field, field.title())} of {name}"
    key = (field, track_uid) if field in ("volume", "pan") else None
    return SetTrackFields(label, {field: value}, merge_key=key, track_uid=track_uid)


# --- clips ------------------------------------------------------------------------------------


def add_clip(track_uid: int, clip: Clip) -> InsertClip:
    return InsertClip(f"Add clip {clip.name}", track_uid, clip)


def remove_clip(comp: Composition, track_uid: int, clip: Clip) -> RemoveClip:
    return RemoveClip(f"Delete clip {clip.name}", track_uid, clip.uid)


def change_clip(track_uid: int, clip: Clip, name: str, **values: object) -> SetClipFields:
    """`values` for `clip`: start_tick, length_bars, repeats or name."""
    return SetClipFields(name, dict(values), track_uid=track_uid, clip_uid=clip.uid)


def move_clip(
    comp: Composition, track_uid: int, clip: Clip, start_tick: int, to_track_uid: int | None = None
) -> Command:
    """`clip` placed at `start_tick`, on another track when `to_track_uid` is given."""
    start_tick = max(0, start_tick)
    if to_track_uid is None or to_track_uid == track_uid:
        return change_clip(track_uid, clip, f"Move clip {clip.name}", start_tick=start_tick)
    moved = replace(clip, start_tick=start_tick)
    return Compound(
        f"Move clip {clip.name} to {_track_name(comp, to_track_uid)}",
        (RemoveClip("", track_uid, clip.uid), InsertClip("", to_track_uid, moved)),
    )


def duplicate_clip(
    track_uid: int,
    clip: Clip,
    meter: TimeSignature,
    *,
    start_tick: int | None = None,
    to_track_uid: int | None = None,
) -> InsertClip:
    """A copy of `clip` (a new clip, with everything it holds) placed right after it ends, or at
    `start_tick` and on `to_track_uid` when given (a copy dragged elsewhere)."""
    start = clip.end_tick(meter) if start_tick is None else max(0, start_tick)
    copy = replace(clip, start_tick=start, uid=new_object_id())
    target = track_uid if to_track_uid is None else to_track_uid
    return InsertClip(f"Duplicate clip {clip.name}", target, copy)

"""The arrangement's clip edits as commands, and which clip the arrow keys go to.

Mouse gestures, the context menu and the keyboard all end here, so a new clip is named and sized
by one rule however it was asked for. Every edit is a command from `tonewell.edit.piece_edits`.
"""

from __future__ import annotations

from dataclasses import replace

from tonewell.edit import piece_edits
from tonewell.edit.commands import Command, track_index
from tonewell.model import Clip, Composition, Track
from tonewell.model.composition import MAX_CLIP_BARS, MAX_REPEATS
from tonewell.model.timing import whole_bars

NEW_CLIP_BARS = 2
"""A new clip is two bars long (room for a phrase), shorter when the next clip is closer."""


def pattern_name(comp: Composition) -> str:
    """The first "Pattern N" no clip of the piece is called yet."""
    taken = {clip.name for track in comp.tracks for clip in track.clips}
    n = 1
    while f"Pattern {n}" in taken:
        n += 1
    return f"Pattern {n}"


def free_bars_after(comp: Composition, track: Track, start_tick: int) -> int | None:
    """Whole bars free on `track` from `start_tick` to the next clip (None: no clip after it)."""
    meter = comp.time_signature
    later = [c.start_tick for c in track.clips if c.start_tick >= start_tick]
    if not later:
        return None
    return (min(later) - start_tick) // meter.ticks_per_bar


def new_clip(comp: Composition, track_uid: int, bar: int) -> tuple[Command, Clip]:
    """A new empty clip on the track starting at `bar` (from 0): "Add clip Pattern N"."""
    track = comp.tracks[track_index(comp, track_uid)]
    start_tick = max(0, bar) * comp.time_signature.ticks_per_bar
    free = free_bars_after(comp, track, start_tick)
    length = NEW_CLIP_BARS if free is None else max(1, min(NEW_CLIP_BARS, free))
    clip = Clip(name=pattern_name(comp), length_bars=length, start_tick=start_tick)
    return piece_edits.add_clip(track_uid, clip), clip


def new_clip_after_last(comp: Composition, track_uid: int) -> tuple[Command, Clip]:
    """A new clip right after the track's last clip (at the start of an empty track)."""
    meter = comp.time_signature
    track = comp.tracks[track_index(comp, track_uid)]
    end = max((c.end_tick(meter) for c in track.clips), default=0)
    return new_clip(comp, track_uid, whole_bars(max(0, end), meter.ticks_per_bar))


def set_repeats(track_uid: int, clip: Clip, repeats: int) -> Command | None:
    """`clip` played `repeats` times (kept in 1..MAX_REPEATS); None when that is no change."""
    repeats = min(max(1, repeats), MAX_REPEATS)
    if repeats == clip.repeats:
        return None
    name = f"Play clip {clip.name} once" if repeats == 1 else (
        f"Repeat clip {clip.name} {repeats} times"
    )
    return piece_edits.change_clip(track_uid, clip, name, repeats=repeats)


def set_length(track_uid: int, clip: Clip, length_bars: int) -> Command | None:
    length_bars = min(max(1, length_bars), MAX_CLIP_BARS)
    if length_bars == clip.length_bars:
        return None
    bars = "1 bar" if length_bars == 1 else f"{length_bars} bars"
    return piece_edits.change_clip(
        track_uid, clip, f"Resize clip {clip.name} to {bars}", length_bars=length_bars
    )


def place(
    comp: Composition, track_uid: int, clip: Clip, start_tick: int, to_track_uid: int,
    *, copy: bool,
) -> Command | None:
    """Move `clip` (or a copy of it, `copy`) to `start_tick` on `to_track_uid`."""
    start_tick = max(0, start_tick)
    if copy:
        return piece_edits.duplicate_clip(
            track_uid, clip, comp.time_signature, start_tick=start_tick, to_track_uid=to_track_uid
        )
    if start_tick == clip.start_tick and to_track_uid == track_uid:
        return None
    return piece_edits.move_clip(comp, track_uid, clip, start_tick, to_track_uid)


# --- moving the selection with the arrow keys ----------------------------------------------------


def ordered_clips(track: Track) -> list[Clip]:
    return sorted(track.clips, key=lambda c: (c.start_tick, c.uid))


def neighbour(
    comp: Composition, selected: tuple[int, int] | None, key: str
) -> tuple[int, int] | None:
    """The (track_uid, clip_uid) the arrow `key` ("left", "right", "up", "down") selects next.

    Left/right walk the clips of the track in time; up/down go to the nearest track above or
    below that has clips, to the clip closest in time. Nothing selected: the first clip."""
    tracks = comp.tracks
    found = locate(comp, selected)
    if found is None:
        for track in tracks:
            if track.clips:
                return track.uid, ordered_clips(track)[0].uid
        return None
    t, clip = found
    if key in ("left", "right"):
        clips = ordered_clips(tracks[t])
        i = clips.index(clip) + (1 if key == "right" else -1)
        return (tracks[t].uid, clips[i].uid) if 0 <= i < len(clips) else None
    step = 1 if key == "down" else -1
    t += step
    while 0 <= t < len(tracks) and not tracks[t].clips:
        t += step
    if not 0 <= t < len(tracks):
        return None
    best = min(tracks[t].clips, key=lambda c: (abs(c.start_tick - clip.start_tick), c.start_tick))
    return tracks[t].uid, best.uid


def locate(comp: Composition, selected: tuple[int, int] | None) -> tuple[int, Clip] | None:
    """(track index, clip) of a (track_uid, clip_uid) pair, or None when it is gone."""
    if selected is None:
        return None
    for t, track in enumerate(comp.tracks):
        if track.uid == selected[0]:
            for clip in track.clips:
                if clip.uid == selected[1]:
                    return t, clip
    return None


def moved_copy(clip: Clip, start_tick: int) -> Clip:
    """How `clip` looks placed at `start_tick` (a preview; keeps its uid)."""
    return replace(clip, start_tick=max(0, start_tick))

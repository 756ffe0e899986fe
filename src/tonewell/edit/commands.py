"""Undoable commands on the immutable composition.

Each command is thin (Qtractor's and Orange's style): it applies one change to a `Composition`
and remembers exactly what `revert` needs to put it back: the old field values, the index a
track or clip was removed from. Tracks and clips are found by their run-time `uid`, so a command
still finds its clip after other tracks were added or moved. `Compound` groups several commands
into one undo step.

Commands of one kind with the same `merge_key` merge (`merged`): one drag of a volume slider or
of the tempo box is one step in the history, however many values it passed through.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from tonewell.edit.changes import Change, Scope
from tonewell.model import Clip, Composition, Track


class CommandError(ValueError):
    """A command does not fit the composition (its track or clip is gone)."""


def track_index(comp: Composition, track_uid: int) -> int:
    for i, track in enumerate(comp.tracks):
        if track.uid == track_uid:
            return i
    raise CommandError(f"no track {track_uid}")


def clip_index(track: Track, clip_uid: int) -> int:
    for i, clip in enumerate(track.clips):
        if clip.uid == clip_uid:
            return i
    raise CommandError(f"no clip {clip_uid} on track {track.name!r}")


def find_clip(comp: Composition, clip_uid: int) -> tuple[int, int] | None:
    """(track index, clip index) of the clip with `clip_uid`, or None when it is gone."""
    for t, track in enumerate(comp.tracks):
        for c, clip in enumerate(track.clips):
            if clip.uid == clip_uid:
                return t, c
    return None


def _replace_track(comp: Composition, index: int, track: Track) -> Composition:
    tracks = list(comp.tracks)
    tracks[index] = track
    return comp.with_tracks(tracks)


class Command:
    """Base of all commands. Subclasses set `name` and implement `apply`/`revert`/`changes`."""

    name: str
    """How Edit › Undo names the step ("Move 4 notes")."""
    merge_key: Hashable | None = None

    def apply(self, comp: Composition) -> Composition:
        raise NotImplementedError

    def revert(self, comp: Composition) -> Composition:
        raise NotImplementedError

    def changes(self) -> tuple[Change, ...]:
        raise NotImplementedError

    def merged(self, later: Command) -> Command | None:
        """This command followed by `later` as one command, or None if they don't merge."""
        return None


@dataclass
class _SetFields(Command):
    """Set some fields of one object; remembers the old values at the first apply."""

    name: str
    values: dict[str, Any]
    merge_key: Hashable | None = None
    old: dict[str, Any] | None = field(default=None, repr=False)

    def _get(self, comp: Composition) -> Any:
        raise NotImplementedError

    def _put(self, comp: Composition, obj: Any) -> Composition:
        raise NotImplementedError

    def apply(self, comp: Composition) -> Composition:
        obj = self._get(comp)
        if self.old is None:
            self.old = {k: getattr(obj, k) for k in self.values}
        return self._put(comp, replace(obj, **self.values))

    def revert(self, comp: Composition) -> Composition:
        assert self.old is not None, "revert before apply"
        return self._put(comp, replace(self._get(comp), **self.old))

    def merged(self, later: Command) -> Command | None:
        if (
            type(later) is not type(self)
            or self.merge_key is None
            or later.merge_key != self.merge_key
        ):
            return None
        assert isinstance(later, _SetFields)
        out = replace(self, values={**self.values, **later.values}, name=later.name)
        # Both have been applied: the older command's old values are the ones to go back to.
        out.old = {**(later.old or {}), **(self.old or {})}
        return out


@dataclass
class SetPieceFields(_SetFields):
    """Title, tempo map, time signature, key or loop region of the piece."""

    def _get(self, comp: Composition) -> Composition:
        return comp

    def _put(self, comp: Composition, obj: Any) -> Composition:
        return obj

    def changes(self) -> tuple[Change, ...]:
        return (Change(Scope.PIECE, fields=frozenset(self.values)),)


@dataclass
class SetTrackFields(_SetFields):
    track_uid: int = 0

    def _get(self, comp: Composition) -> Track:
        return comp.tracks[track_index(comp, self.track_uid)]

    def _put(self, comp: Composition, obj: Any) -> Composition:
        return _replace_track(comp, track_index(comp, self.track_uid), obj)

    def changes(self) -> tuple[Change, ...]:
        return (Change(Scope.TRACK, self.track_uid, fields=frozenset(self.values)),)


@dataclass
class SetClipFields(_SetFields):
    """A clip's placement, length, name, notes or controller curves."""

    track_uid: int = 0
    clip_uid: int = 0

    def _get(self, comp: Composition) -> Clip:
        track = comp.tracks[track_index(comp, self.track_uid)]
        return track.clips[clip_index(track, self.clip_uid)]

    def _put(self, comp: Composition, obj: Any) -> Composition:
        t = track_index(comp, self.track_uid)
        track = comp.tracks[t]
        clips = list(track.clips)
        clips[clip_index(track, self.clip_uid)] = obj
        return _replace_track(comp, t, track.with_clips(clips))

    def changes(self) -> tuple[Change, ...]:
        fields = frozenset(self.values)
        scope = Scope.NOTES if fields & {"notes", "controls"} else Scope.CLIP
        return (Change(scope, self.track_uid, self.clip_uid, fields),)


@dataclass
class InsertTrack(Command):
    name: str
    track: Track
    index: int | None = None
    """Where it goes; None: at the end."""

    def apply(self, comp: Composition) -> Composition:
        tracks = list(comp.tracks)
        at = len(tracks) if self.index is None else min(max(0, self.index), len(tracks))
        tracks.insert(at, self.track)
        return comp.with_tracks(tracks)

    def revert(self, comp: Composition) -> Composition:
        tracks = list(comp.tracks)
        del tracks[track_index(comp, self.track.uid)]
        return comp.with_tracks(tracks)

    def changes(self) -> tuple[Change, ...]:
        return (Change(Scope.TRACKS, self.track.uid),)


@dataclass
class RemoveTrack(Command):
    name: str
    track_uid: int
    _removed: tuple[int, Track] | None = field(default=None, repr=False)

    def apply(self, comp: Composition) -> Composition:
        index = track_index(comp, self.track_uid)
        self._removed = (index, comp.tracks[index])
        tracks = list(comp.tracks)
        del tracks[index]
        return comp.with_tracks(tracks)

    def revert(self, comp: Composition) -> Composition:
        assert self._removed is not None, "revert before apply"
        index, track = self._removed
        tracks = list(comp.tracks)
        tracks.insert(index, track)
        return comp.with_tracks(tracks)

    def changes(self) -> tuple[Change, ...]:
        return (Change(Scope.TRACKS, self.track_uid),)


@dataclass
class MoveTrack(Command):
    name: str
    track_uid: int
    to_index: int
    _from: int | None = field(default=None, repr=False)

    def _move(self, comp: Composition, to_index: int) -> tuple[Composition, int]:
        tracks = list(comp.tracks)
        at = track_index(comp, self.track_uid)
        track = tracks.pop(at)
        tracks.insert(min(max(0, to_index), len(tracks)), track)
        return comp.with_tracks(tracks), at

    def apply(self, comp: Composition) -> Composition:
        out, self._from = self._move(comp, self.to_index)
        return out

    def revert(self, comp: Composition) -> Composition:
        assert self._from is not None, "revert before apply"
        return self._move(comp, self._from)[0]

    def changes(self) -> tuple[Change, ...]:
        return (Change(Scope.TRACKS, self.track_uid),)


@dataclass
class InsertClip(Command):
    name: str
    track_uid: int
    clip: Clip

    def apply(self, comp: Composition) -> Composition:
        t = track_index(comp, self.track_uid)
        track = comp.tracks[t]
        return _replace_track(comp, t, track.with_clips((*track.clips, self.clip)))

    def revert(self, comp: Composition) -> Composition:
        t = track_index(comp, self.track_uid)
        track = comp.tracks[t]
        clips = list(track.clips)
        del clips[clip_index(track, self.clip.uid)]
        return _replace_track(comp, t, track.with_clips(clips))

    def changes(self) -> tuple[Change, ...]:
        return (Change(Scope.CLIPS, self.track_uid, self.clip.uid),)


@dataclass
class RemoveClip(Command):
    name: str
    track_uid: int
    clip_uid: int
    _removed: tuple[int, Clip] | None = field(default=None, repr=False)

    def apply(self, comp: Composition) -> Composition:
        t = track_index(comp, self.track_uid)
        track = comp.tracks[t]
        index = clip_index(track, self.clip_uid)
        self._removed = (index, track.clips[index])
        clips = list(track.clips)
        del clips[index]
        return _replace_track(comp, t, track.with_clips(clips))

    def revert(self, comp: Composition) -> Composition:
        assert self._removed is not None, "revert before apply"
        t = track_index(comp, self.track_uid)
        track = comp.tracks[t]
        clips = list(track.clips)
        clips.insert(*self._removed)
        return _replace_track(comp, t, track.with_clips(clips))

    def changes(self) -> tuple[Change, ...]:
        return (Change(Scope.CLIPS, self.track_uid, self.clip_uid),)


@dataclass
class ReplacePiece(Command):
    """The whole composition swapped for `new` (an earlier version restored); remembers the one
    it replaced at the first apply."""

    name: str
    new: Composition
    old: Composition | None = field(default=None, repr=False)

    def apply(self, comp: Composition) -> Composition:
        if self.old is None:
            self.old = comp
        return self.new

    def revert(self, comp: Composition) -> Composition:
        assert self.old is not None, "revert before apply"
        return self.old

    def changes(self) -> tuple[Change, ...]:
        return (Change(Scope.ALL),)


@dataclass
class Compound(Command):
    """Several commands as one step; undone in reverse order."""

    name: str
    commands: Sequence[Command]

    def apply(self, comp: Composition) -> Composition:
        for command in self.commands:
            comp = command.apply(comp)
        return comp

    def revert(self, comp: Composition) -> Composition:
        for command in reversed(self.commands):
            comp = command.revert(comp)
        return comp

    def changes(self) -> tuple[Change, ...]:
        return tuple(change for command in self.commands for change in command.changes())

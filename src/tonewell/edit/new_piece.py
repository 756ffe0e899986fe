"""Starting a piece: the choices of the New dialog, the templates, and which clip to edit first.

A new piece is ready to write into at once: every track gets one empty clip as long as the
piece, so the piano roll has a clip to show. Templates are a table of parts, not code; a part
with no program takes the instrument the person chose. The clip the editor shows first is the
one last edited (kept in the piece's metadata under `LAST_CLIP_KEY` when it is saved) or else
the first track's first clip. Plain Python: the dialog lives in `tonewell.ui.new_piece`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from tonewell.edit.piece_edits import new_track
from tonewell.model import Clip, Composition, Key, TempoMap
from tonewell.model.composition import MAX_CLIP_BARS
from tonewell.model.timing import MAX_BPM, MIN_BPM, TimeSignature

LAST_CLIP_KEY = "last_clip"
"""Metadata key: [track_index, clip_index] of the clip last open in the piano roll."""

MAX_LENGTH_BARS = MAX_CLIP_BARS


@dataclass(frozen=True, slots=True)
class Part:
    """One track of a template. `program` None: the instrument chosen in the dialog."""

    name: str = ""
    program: int | None = None
    is_drum: bool = False
    volume: int = 100


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    description: str
    parts: tuple[Part, ...]


TEMPLATES: tuple[Template, ...] = (
    Template("Empty piano", "One track with the instrument you choose (a piano unless you "
             "pick another).", (Part(),)),
    Template("Drums + bass + keys", "A small band: a drum kit, a fingered bass and an electric "
             "piano.", (Part("Drums", 0, is_drum=True, volume=95), Part("Bass", 33, volume=100),
                        Part("Keys", 4, volume=90))),
    Template("Calm pad", "A warm pad to hold long chords, with a soft piano above it.",
             (Part("Pad", 89, volume=85), Part("Piano", 0, volume=90))),
)
"""What File › New offers; the first one is the default."""


@dataclass(frozen=True, slots=True)
class PieceChoices:
    """What the New dialog asks, with its defaults."""

    title: str = "Untitled"
    key: Key = field(default_factory=Key)
    meter: TimeSignature = field(default_factory=TimeSignature)
    tempo_bpm: float = 90.0
    length_bars: int = 8
    program: int = 0
    """The General MIDI program of the chosen instrument (0: Acoustic Grand Piano)."""
    is_drum: bool = False
    template: Template = TEMPLATES[0]


def build_piece(choices: PieceChoices) -> Composition:
    """A new composition from `choices`: the template's tracks, each with one empty clip that
    spans the whole length."""
    bars = min(max(int(choices.length_bars), 1), MAX_LENGTH_BARS)
    bpm = min(max(float(choices.tempo_bpm), MIN_BPM), MAX_BPM)
    comp = Composition(
        title=" ".join(choices.title.split()) or "Untitled",
        tempo_map=TempoMap.constant(bpm),
        time_signature=choices.meter,
        key=choices.key,
    )
    for part in choices.template.parts:
        if part.program is None:
            program, is_drum = choices.program, choices.is_drum
        else:
            program, is_drum = part.program, part.is_drum
        track = new_track(comp, program, is_drum=is_drum, name=part.name)
        track = replace(track, volume=part.volume,
                        clips=(Clip(name=track.name, length_bars=bars),))
        comp = comp.with_tracks((*comp.tracks, track))
    return comp


def clip_to_show(comp: Composition) -> tuple[int, int] | None:
    """(track_index, clip_index) of the clip to edit first: the one remembered in the metadata
    when it still exists, else the first clip of the first track that has one; None without
    clips."""
    remembered = comp.metadata.get(LAST_CLIP_KEY)
    if (
        isinstance(remembered, list | tuple)
        and len(remembered) == 2
        and all(type(v) is int for v in remembered)
    ):
        t, c = remembered
        if 0 <= t < len(comp.tracks) and 0 <= c < len(comp.tracks[t].clips):
            return t, c
    for t, track in enumerate(comp.tracks):
        if track.clips:
            return t, 0
    return None


def remember_clip(comp: Composition, place: tuple[int, int] | None) -> Composition:
    """`comp` with `place` (track_index, clip_index) kept as the clip last edited."""
    metadata = dict(comp.metadata)
    if place is None:
        metadata.pop(LAST_CLIP_KEY, None)
    else:
        metadata[LAST_CLIP_KEY] = (int(place[0]), int(place[1]))
    return comp if metadata == comp.metadata else replace(comp, metadata=metadata)


def clip_place(comp: Composition, track_uid: int, clip_uid: int) -> tuple[int, int] | None:
    """(track_index, clip_index) of the clip with these run-time uids, or None."""
    for t, track in enumerate(comp.tracks):
        if track.uid == track_uid:
            for c, clip in enumerate(track.clips):
                if clip.uid == clip_uid:
                    return t, c
    return None


def clip_uids(comp: Composition, place: tuple[int, int] | None) -> tuple[int, int] | None:
    """The run-time (track_uid, clip_uid) of the clip at `place`, or None."""
    if place is None:
        return None
    track = comp.tracks[place[0]]
    return track.uid, track.clips[place[1]].uid

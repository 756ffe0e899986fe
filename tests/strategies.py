"""Hypothesis strategies for valid model values, shared by every round-trip test.

`compositions()` draws whole pieces: several tracks (drums among them), clips placed anywhere
with repeats, notes inside their clip, tempo maps with changes, assorted meters, keys and loops.
Each piece of it is its own strategy so other tests can draw just notes, clips or tempo maps.
"""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import strategies as st

from tonewell.model import (
    KEPT_CONTROLLERS,
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
from tonewell.model.scales import SCALES
from tonewell.model.timing import MAX_BPM, MIN_BPM, VALID_DENOMINATORS

MAX_START_BARS = 64
"""Clips, tempo changes and loops are drawn within this many bars of the start."""

names = st.text(st.characters(exclude_categories=("Cs",)), max_size=24)
"""Titles and names: any text a JSON file can hold (no lone surrogates), emoji included."""

bpms = st.floats(min_value=MIN_BPM, max_value=MAX_BPM, allow_nan=False, allow_infinity=False)

time_signatures = st.builds(
    TimeSignature,
    numerator=st.integers(1, 16),
    denominator=st.sampled_from(VALID_DENOMINATORS),
)

keys = st.builds(Key, tonic=st.integers(0, 11), mode=st.sampled_from(list(SCALES)))

timestamps = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)
).map(lambda d: d.replace(microsecond=0, tzinfo=UTC).isoformat().replace("+00:00", "Z"))

uids = st.uuids().map(lambda u: u.hex)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | names,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(names, inner, max_size=4),
    max_leaves=12,
)
metadata = st.dictionaries(names, json_values, max_size=4)


def notes(
    max_start_tick: int = 4 * PPQ, pitches: st.SearchStrategy[int] | None = None
) -> st.SearchStrategy[Note]:
    """A note starting in 0..max_start_tick, up to two bars of 4/4 long."""
    return st.builds(
        Note,
        start_tick=st.integers(0, max_start_tick),
        pitch=pitches if pitches is not None else st.integers(0, 127),
        length_ticks=st.integers(1, 8 * PPQ),
        velocity=st.integers(1, 127),
    )


drum_pitches = st.integers(35, 81)


def control_points(max_tick: int, max_size: int = 6) -> st.SearchStrategy[list[ControlPoint]]:
    """Controller points at ticks 0..max_tick, one value per controller and tick."""
    return st.lists(
        st.builds(
            ControlPoint,
            tick=st.integers(0, max_tick),
            controller=st.sampled_from(KEPT_CONTROLLERS),
            value=st.integers(0, 127),
        ),
        max_size=max_size,
        unique_by=lambda p: (p.tick, p.controller),
    )


@st.composite
def clips(
    draw: st.DrawFn,
    meter: TimeSignature | None = None,
    *,
    drums: bool = False,
    max_notes: int = 12,
    max_controls: int = 6,
) -> Clip:
    """A clip whose notes and controller points start inside its length (in `meter`, 4/4
    when not given)."""
    meter = meter or TimeSignature()
    length_bars = draw(st.integers(1, 4))
    pitches = drum_pitches if drums else None
    clip_notes = draw(
        st.lists(
            notes(length_bars * meter.ticks_per_bar - 1, pitches), max_size=max_notes
        )
    )
    return Clip(
        name=draw(names),
        notes=tuple(clip_notes),
        length_bars=length_bars,
        start_tick=draw(st.integers(0, MAX_START_BARS)) * meter.ticks_per_bar
        + draw(st.sampled_from((0, 0, 0, PPQ // 4, 7))),
        repeats=draw(st.sampled_from((1, 1, 2, 4, 999))),
        controls=tuple(
            draw(control_points(length_bars * meter.ticks_per_bar - 1, max_controls))
        ),
    )


@st.composite
def tracks(
    draw: st.DrawFn,
    meter: TimeSignature | None = None,
    *,
    drums: bool | None = None,
    max_clips: int = 3,
    max_notes: int = 12,
) -> Track:
    """A melodic or drum track (`drums` None means either) with up to `max_clips` clips."""
    is_drum = draw(st.booleans()) if drums is None else drums
    return Track(
        name=draw(names),
        program=0 if is_drum else draw(st.integers(0, 127)),
        is_drum=is_drum,
        volume=draw(st.integers(0, 127)),
        pan=draw(st.integers(0, 127)),
        mute=draw(st.booleans()),
        solo=draw(st.booleans()),
        clips=tuple(
            draw(st.lists(clips(meter, drums=is_drum, max_notes=max_notes), max_size=max_clips))
        ),
    )


@st.composite
def tempo_maps(draw: st.DrawFn, max_changes: int = 4) -> TempoMap:
    """A first tempo at tick 0 and up to `max_changes` later changes at distinct ticks."""
    later = draw(
        st.lists(st.integers(1, MAX_START_BARS * 4 * PPQ), unique=True, max_size=max_changes)
    )
    ticks = [0, *later]
    return TempoMap(tuple(TempoChange(t, draw(bpms)) for t in ticks))


@st.composite
def loops(draw: st.DrawFn) -> LoopRegion:
    start = draw(st.integers(0, MAX_START_BARS * 4 * PPQ))
    return LoopRegion(start, start + draw(st.integers(0, 16 * PPQ)), draw(st.booleans()))


@st.composite
def compositions(
    draw: st.DrawFn,
    *,
    max_tracks: int = 5,
    max_clips: int = 3,
    max_notes: int = 12,
    with_drums: bool | None = None,
) -> Composition:
    """A whole valid piece. `with_drums` True/False forces a drum track in or out."""
    meter = draw(time_signatures)
    melodic = draw(
        st.lists(
            tracks(meter, drums=False, max_clips=max_clips, max_notes=max_notes),
            max_size=max_tracks,
        )
    )
    all_tracks = list(melodic)
    if with_drums is True or (with_drums is None and draw(st.booleans())):
        drum = draw(tracks(meter, drums=True, max_clips=max_clips, max_notes=max_notes))
        all_tracks.insert(draw(st.integers(0, len(all_tracks))), drum)
    return Composition(
        title=draw(names),
        tempo_map=draw(tempo_maps()),
        time_signature=meter,
        key=draw(keys),
        tracks=tuple(all_tracks),
        loop=draw(loops()),
        created=draw(timestamps),
        modified=draw(timestamps),
        metadata=draw(metadata),
        uid=draw(uids),
    )

"""The harmony helper's edits: a chord placed into the "Chords" track, and the one-click
backing loop (chords, bass, simple drums) under the person's own melody.

Each function returns one command for the Document, so a chord or a whole backing loop is one
undo step, edited afterwards like anything else. The chords live as plain notes in a track
named `CHORD_TRACK_NAME` (made with a warm pad when absent); a chord goes into the clip that
covers its bar, or the clip just before it grows to hold it (`GROW_GAP_BARS`), or a new
one-bar clip is made. The backing loop never writes a melody: it fills the bars of the loop
that have no chord yet, then adds a bass on the roots of the chords heard in each bar and a
one-bar drum groove repeated over the loop, and turns the loop region on over those bars.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from tonewell.edit.commands import Command, Compound, InsertClip, InsertTrack, SetClipFields
from tonewell.edit.piece_edits import new_track, set_loop
from tonewell.guide.harmony import DEFAULT_PROGRESSION, Chord, chord_for, degree_of
from tonewell.model import MAX_CLIP_BARS, Clip, Composition, Note, TimeSignature, Track
from tonewell.model.timing import whole_bars

CHORD_TRACK_NAME = "Chords"
CHORD_PROGRAM = 89
"""General MIDI "Pad 2 (warm)": soft, long chords that leave room for a melody."""
CHORD_VOLUME = 85
CHORD_VELOCITY = 80
BASS_PROGRAM = 33
"""General MIDI "Electric Bass (finger)", as in the Drums + bass + keys template."""
BASS_VELOCITY = 90
KICK, SNARE, CLOSED_HAT = 36, 38, 42
"""General MIDI drum keys: Bass Drum 1, Acoustic Snare, Closed Hi-Hat."""
DRUM_VELOCITIES = {KICK: 90, SNARE: 70, CLOSED_HAT: 50}
"""Soft drums: a groove to lean on, not to lead."""
GROW_GAP_BARS = 4
"""A chord up to this many bars after a clip ends grows that clip; further on, a new clip."""
MIN_LOOP_BARS = 4


# --- reading what is there ------------------------------------------------------------------


def chord_track(comp: Composition) -> Track | None:
    """The track the helper writes chords into: the first non-drum track named "Chords"."""
    return next((t for t in comp.tracks if t.name == CHORD_TRACK_NAME and not t.is_drum), None)


def _heard_by_bar(comp: Composition) -> dict[int, set[int]]:
    """Bar (from 1) -> pitches of the Chords track's notes heard starting in that bar."""
    track = chord_track(comp)
    meter = comp.time_signature
    pitches: dict[int, set[int]] = defaultdict(set)
    for clip in track.clips if track is not None else ():
        for start, _end, note in clip.heard_notes(meter):
            pitches[meter.bar_beat(start)[0]].add(note.pitch)
    return pitches


def chord_bars(comp: Composition) -> dict[int, int]:
    """Bar (from 1) -> degree of the chord the Chords track sounds there, for every bar where
    a note of that track starts and the notes make a chord of the key (`degree_of`)."""
    found = {bar: degree_of(heard, comp.key) for bar, heard in _heard_by_bar(comp).items()}
    return {bar: degree for bar, degree in sorted(found.items()) if degree is not None}


def placed_progression(comp: Composition) -> tuple[int, tuple[int, ...]]:
    """(first bar, degrees) of the first run of bars in a row that hold a chord; (1, ()) when
    no chord is placed."""
    bars = chord_bars(comp)
    if not bars:
        return 1, ()
    first = min(bars)
    run: list[int] = []
    while first + len(run) in bars:
        run.append(bars[first + len(run)])
    return first, tuple(run)


def next_chord_bar(comp: Composition, playhead_tick: int) -> int:
    """Where the next chord goes: the bar after the last chord, so chords clicked one after
    another fall in bars in order; with no chord yet, the bar under the playhead."""
    bars = chord_bars(comp)
    if bars:
        return max(bars) + 1
    return comp.time_signature.bar_beat(max(0, playhead_tick))[0]


# --- placing a chord ------------------------------------------------------------------------


def _chord_notes(chord: Chord, at_tick: int, length_ticks: int) -> list[Note]:
    return [Note(at_tick, pitch, length_ticks, CHORD_VELOCITY) for pitch in chord.pitches]


def _notes_outside(notes: Sequence[Note], start_tick: int, end_tick: int) -> list[Note]:
    return [n for n in notes if not start_tick <= n.start_tick < end_tick]


def _place(comp: Composition, chord: Chord, bar: int, name: str) -> Command:
    """`chord` over bar `bar` of the Chords track: replacing the notes that start in that bar
    of the clip covering it (a looping clip: in its pattern, heard in every pass), else in the
    clip just before it, grown, else in a new one-bar clip; the track is made when absent."""
    meter = comp.time_signature
    bar_ticks = meter.ticks_per_bar
    start = meter.tick_of(max(1, bar))
    track = chord_track(comp)
    if track is None:
        clip = Clip(name=CHORD_TRACK_NAME, start_tick=start,
                    notes=tuple(_chord_notes(chord, 0, bar_ticks)))
        made = Track(name=CHORD_TRACK_NAME, program=CHORD_PROGRAM, volume=CHORD_VOLUME,
                     clips=(clip,))
        return InsertTrack(name, made)
    covering = [c for c in track.clips if c.start_tick <= start < c.end_tick(meter)]
    if covering:
        clip = covering[-1]
        pass_ticks = clip.length_ticks(meter)
        at = (start - clip.start_tick) % pass_ticks
        length = min(bar_ticks, pass_ticks - at)
        notes = [*_notes_outside(clip.notes, at, at + length), *_chord_notes(chord, at, length)]
        return SetClipFields(name, {"notes": tuple(sorted(notes))},
                             track_uid=track.uid, clip_uid=clip.uid)
    grown = _clip_to_grow(track, start, meter)
    if grown is not None:
        at = start - grown.start_tick
        notes = [*_notes_outside(grown.notes, at, at + bar_ticks),
                 *_chord_notes(chord, at, bar_ticks)]
        length_bars = whole_bars(at + bar_ticks, bar_ticks)
        return SetClipFields(name, {"length_bars": length_bars, "notes": tuple(sorted(notes))},
                             track_uid=track.uid, clip_uid=grown.uid)
    clip = Clip(name=CHORD_TRACK_NAME, start_tick=start,
                notes=tuple(_chord_notes(chord, 0, bar_ticks)))
    return InsertClip(name, track.uid, clip)


def _clip_to_grow(track: Track, start_tick: int, meter: TimeSignature) -> Clip | None:
    """The clip (played once) ending closest before `start_tick`, within `GROW_GAP_BARS`, that
    can grow over the bar at `start_tick` without running into another clip."""
    bar_ticks = meter.ticks_per_bar
    before = [c for c in track.clips if c.repeats == 1 and c.end_tick(meter) <= start_tick
              and start_tick - c.end_tick(meter) <= GROW_GAP_BARS * bar_ticks]
    if not before:
        return None
    clip = max(before, key=lambda c: c.end_tick(meter))
    new_end = start_tick + bar_ticks
    if whole_bars(new_end - clip.start_tick, bar_ticks) > MAX_CLIP_BARS:
        return None
    blocked = any(other.uid != clip.uid and other.start_tick < new_end
                  and other.end_tick(meter) > clip.end_tick(meter) for other in track.clips)
    return None if blocked else clip


def place_chord(comp: Composition, degree: int, bar: int) -> Command:
    """The chord on `degree` (1..7) of the piece's key over bar `bar` (from 1) of the Chords
    track, as one undo step named like "Add chord Am in bar 3"."""
    chord = chord_for(comp.key, degree)
    bar = max(1, bar)
    return _place(comp, chord, bar, f"Add chord {chord.name} in bar {bar}")


# --- the backing loop -----------------------------------------------------------------------


def loop_bars(progression: Sequence[int]) -> int:
    """How long a backing loop for `progression` is: one bar a chord, at least
    `MIN_LOOP_BARS` (a two-chord progression plays twice)."""
    return min(max(len(progression), MIN_LOOP_BARS), MAX_CLIP_BARS)


def _bass_bar(chord: Chord, at_tick: int, meter: TimeSignature) -> list[Note]:
    """The root on every other beat (1 and 3 in 4/4), held until the next one."""
    beat = meter.ticks_per_beat
    notes = []
    for first in range(0, meter.numerator, 2):
        span = min(2, meter.numerator - first) * beat
        notes.append(Note(at_tick + first * beat, chord.bass_pitch, span - beat // 8,
                          BASS_VELOCITY))
    return notes


def _drum_bar(meter: TimeSignature) -> list[Note]:
    """Kick on beats 1, 3, …, snare on 2, 4, …, closed hi-hat on every half beat (every beat
    when the beat is an eighth or shorter)."""
    beat = meter.ticks_per_beat
    hit = max(1, beat // 4)
    notes = []
    for b in range(meter.numerator):
        drum = KICK if b % 2 == 0 else SNARE
        notes.append(Note(b * beat, drum, hit, DRUM_VELOCITIES[drum]))
    hat_step = beat // 2 if meter.denominator <= 4 else beat
    for tick in range(0, meter.ticks_per_bar, hat_step):
        notes.append(Note(tick, CLOSED_HAT, hit, DRUM_VELOCITIES[CLOSED_HAT]))
    return notes


def backing_loop(
    comp: Composition, progression: Sequence[int] = (), bars: int | None = None
) -> Command:
    """One undo step, "Make a backing loop": chords, a bass and soft drums over `bars` bars
    (default `loop_bars`), and the loop region turned on over them.

    The chords are `progression` (degrees 1..7), else the chords placed in a row in the
    Chords track, else I–vi–IV–V, cycled one a bar. The loop starts at the first placed
    chord's bar (bar 1 when none). Bars where the Chords track already plays keep what it
    plays (nothing the person wrote is replaced); the bass follows the chord heard in each
    bar."""
    first_bar, placed = placed_progression(comp)
    chords = tuple(progression) or placed or DEFAULT_PROGRESSION
    if any(not 1 <= d <= 7 for d in chords):
        raise ValueError(f"progression {chords} has a degree outside 1..7")
    count = loop_bars(chords) if bars is None else min(max(1, int(bars)), MAX_CLIP_BARS)
    meter = comp.time_signature
    start = meter.tick_of(first_bar)
    steps: list[Command] = []
    working = comp
    for i in range(count):
        bar = first_bar + i
        if bar not in _heard_by_bar(working):
            step = _place(working, chord_for(comp.key, chords[i % len(chords)]), bar, "")
            working = step.apply(working)
            steps.append(step)
    heard = chord_bars(working)
    bass_notes = []
    for i in range(count):
        degree = heard.get(first_bar + i, chords[i % len(chords)])
        bass_notes += _bass_bar(chord_for(comp.key, degree), i * meter.ticks_per_bar, meter)
    bass = new_track(working, BASS_PROGRAM, name="Bass")
    bass = replace(bass, clips=(Clip(name="Bass", notes=tuple(bass_notes), length_bars=count,
                                     start_tick=start),))
    steps.append(InsertTrack("", bass))
    working = steps[-1].apply(working)
    drums = new_track(working, is_drum=True, name="Drums")
    drums = replace(drums, volume=90, clips=(Clip(name="Groove", notes=tuple(_drum_bar(meter)),
                                                  start_tick=start, repeats=count),))
    steps.append(InsertTrack("", drums))
    steps.append(set_loop(start, start + count * meter.ticks_per_bar, True))
    return Compound("Make a backing loop", steps)

"""What the app plays in a prompt's example steps, built from the open piece and never in it.

A step names a kind from `PLAY_KINDS` (`"play": "backbeat"` in the prompt's JSON); each kind is
a pure builder `(comp) -> Composition` that makes a short piece of its own, 1 to 4 bars on
General MIDI instruments, in the open piece's key, mode, meter and opening tempo. The person's
piece is only read. Pitches are chosen from the key's scale through `scale_tone`, so every
example is in key in every mode Tonewell offers (pentatonic and blues too).

"answer-back" plays the person's own answer back, varied: see `vary_answer`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tonewell.guide.harmony import chord_for
from tonewell.model import Clip, Composition, Key, Note, TempoMap, Track
from tonewell.model.scales import SCALES, nearest_scale_pitch

MAX_EXAMPLE_BARS = 4
CALL_BARS = 2
"""The call of call-and-response is two bars long, and so is the answer the goal asks for."""

LOW_DRUM, KICK, SNARE, CLOSED_HAT = 41, 36, 38, 42
"""General MIDI drum keys: low floor tom, bass drum 1, acoustic snare, closed hi-hat."""
PAD, ELECTRIC_PIANO, FINGERED_BASS, FLUTE = 89, 4, 33, 73
"""General MIDI programs: warm pad, electric piano 1, fingered bass, flute."""

I_VI_IV_V = (0, 5, 3, 4)
"""The scale degrees (from 0) of the roots of I, vi, IV and V."""


# --- pitches in the key ----------------------------------------------------------------------


def home_pitch(key: Key, near: int = 60) -> int:
    """The key's home note (tonic) in the octave closest to `near`, a little low on a tie."""
    below = near - (near - key.tonic) % 12
    return below + 12 if near - below > 6 else below


def scale_tone(key: Key, home: int, index: int) -> int:
    """The `index`-th tone of the key's scale counted from `home` (0 is `home`; negative goes
    down, past the scale's length into the next octave)."""
    offsets = SCALES[key.mode]
    octave, i = divmod(index, len(offsets))
    return home + offsets[i] + 12 * octave


def scale_index(key: Key, home: int, pitch: int) -> int:
    """Where `pitch` (a tone of the scale) sits counted from `home`: `scale_tone`'s inverse."""
    offsets = SCALES[key.mode]
    octave, semis = divmod(pitch - home, 12)
    return octave * len(offsets) + offsets.index(semis)


def triad(key: Key, degree: int, near: int = 60) -> tuple[int, int, int]:
    """The harmony helper's chord on scale `degree` (from 0; `guide.harmony.chord_for`, one
    chord rule for the app), its root moved to the octave nearest `near` and, for a scale
    without seven tones, each tone moved to the nearest tone of the key's own scale so an
    example never leaves the key."""
    pitches = chord_for(key, degree + 1).pitches
    shift = 12 * round((near - pitches[0]) / 12)  # whole octaves, the root nearest `near`
    root, third, fifth = (nearest_scale_pitch(p + shift, key.tonic, key.mode) for p in pitches)
    return root, third, fifth


def fifth_or_second(key: Key, home: int) -> int:
    """An open note to stop a question on: the fifth above `home` when the scale has it, else
    its second tone."""
    return home + 7 if 7 in SCALES[key.mode] else scale_tone(key, home, 1)


# --- building pieces --------------------------------------------------------------------------


def _track(name: str, program: int, notes: Iterable[Note], bars: int, *,
           is_drum: bool = False, volume: int = 100) -> Track:
    clip = Clip(name=name, notes=tuple(notes), length_bars=bars)
    return Track(name=name, program=program, is_drum=is_drum, volume=volume, clips=(clip,))


def example_piece(comp: Composition, title: str, *tracks: Track) -> Composition:
    """A new piece holding `tracks`, in `comp`'s key and meter at its opening tempo (loop off)."""
    return Composition(title=f"Example: {title}", tempo_map=TempoMap.constant(comp.tempo_bpm),
                       time_signature=comp.time_signature, key=comp.key, tracks=tracks)


def steady_drum(comp: Composition) -> Composition:
    """One bar of steady beats on a low drum (four in 4/4), the first a little stronger."""
    beat = comp.time_signature.ticks_per_beat
    notes = (Note(i * beat, LOW_DRUM, beat // 2, 96 if i == 0 else 84)
             for i in range(comp.time_signature.numerator))
    return example_piece(comp, "a steady drum", _track("Drum", 0, notes, 1, is_drum=True))


def rising_pad(comp: Composition) -> Composition:
    """A soft pad whose tones enter one by one, rising over two bars, then settling for a bar
    on the home note and its fifth (three bars in all)."""
    bar = comp.time_signature.ticks_per_bar
    root, third, fifth = triad(comp.key, 0, near=55)
    rising = (root, third, fifth, root + 12)
    step = 2 * bar // len(rising)
    notes = [Note(i * step, p, 2 * bar - i * step, 48 + 8 * i) for i, p in enumerate(rising)]
    notes += [Note(2 * bar, p, bar, 52) for p in (root, fifth)]
    return example_piece(comp, "a rising pad", _track("Pad", PAD, notes, 3, volume=90))


def backbeat(comp: Composition) -> Composition:
    """Two bars of kick on beats 1 and 3, snare on 2 and 4 (odd and even beats in any meter)."""
    meter = comp.time_signature
    beat = meter.ticks_per_beat
    notes = (Note(i * beat, SNARE if i % 2 else KICK, beat // 2, 92)
             for i in range(2 * meter.numerator))
    return example_piece(comp, "a backbeat", _track("Drums", 0, notes, 2, is_drum=True))


def call_notes(comp: Composition) -> tuple[Note, ...]:
    """The call: a 2-bar phrase rising by scale steps from the home note to the fifth (or the
    second), which it holds, like a question left open. The climb takes at most half the
    phrase, in beats or, when there are many steps, halves or quarters of a beat."""
    meter, key = comp.time_signature, comp.key
    total = CALL_BARS * meter.ticks_per_bar
    home = home_pitch(key, 62)
    top = fifth_or_second(key, home)
    climb = [scale_tone(key, home, i) for i in range(scale_index(key, home, top) + 1)]
    step = meter.ticks_per_beat
    while step > 1 and step * (len(climb) - 1) > total // 2:
        step //= 2
    notes = [Note(i * step, p, step, 84) for i, p in enumerate(climb[:-1])]
    last_start = step * (len(climb) - 1)
    return (*notes, Note(last_start, top, total - last_start, 76))


def call_phrase(comp: Composition) -> Composition:
    return example_piece(comp, "the call", _track("Call", FLUTE, call_notes(comp), CALL_BARS))


def _chords(comp: Composition, near: int, velocity: int) -> list[Note]:
    bar = comp.time_signature.ticks_per_bar
    return [Note(i * bar, p, bar, velocity)
            for i, degree in enumerate(I_VI_IV_V) for p in triad(comp.key, degree, near)]


def chords_i_vi_iv_v(comp: Composition) -> Composition:
    """Four chords, one per bar: I, vi, IV, V of the key (i, VI, iv, v in minor)."""
    chords = _track("Chords", ELECTRIC_PIANO, _chords(comp, 60, 72), 4)
    return example_piece(comp, "I, vi, IV, V", chords)


def backing_loop(comp: Composition) -> Composition:
    """Four bars: soft pad chords (I, vi, IV, V), a bass on the chord roots on beats 1 and 3,
    and a light beat (a kick on each bar's first beat, a soft closed hi-hat on every beat)."""
    meter = comp.time_signature
    bar, beat = meter.ticks_per_bar, meter.ticks_per_beat
    bass, drums = [], []
    for i, degree in enumerate(I_VI_IV_V):
        root = triad(comp.key, degree)[0]
        low = 28 + (root - 28) % 12
        bass += [Note(i * bar + b * beat, low, beat, 88) for b in range(0, meter.numerator, 2)]
        drums.append(Note(i * bar, KICK, beat // 2, 80))
        drums += [Note(i * bar + b * beat, CLOSED_HAT, beat // 4, 50)
                  for b in range(meter.numerator)]
    return example_piece(
        comp, "a backing loop",
        _track("Chords", PAD, _chords(comp, 60, 56), 4, volume=85),
        _track("Bass", FINGERED_BASS, bass, 4, volume=95),
        _track("Beat", 0, drums, 4, is_drum=True, volume=80),
    )


# --- the answer, played back -------------------------------------------------------------------


def latest_answer(comp: Composition) -> tuple[Track, Clip] | None:
    """The answer: the latest-starting clip with notes on a pitched track (the one the
    `answer_bars` goal looks at), with its track; None when there is none."""
    found = [(clip.start_tick, t, c, track, clip) for t, track in enumerate(comp.tracks)
             if not track.is_drum for c, clip in enumerate(track.clips) if clip.notes]
    if not found:
        return None
    *_, track, clip = max(found, key=lambda f: f[:3])
    return track, clip


def _nearest_home(key: Key, pitch: int) -> int:
    below = pitch - (pitch - key.tonic) % 12
    return below if pitch - below <= 6 or below + 12 > 127 else below + 12


def vary_answer(notes: Iterable[Note], key: Key) -> tuple[Note, ...]:
    """The same tune, one scale step higher, coming home at the end: every note keeps its start,
    length and velocity (the rhythm), its pitch moves to the next tone up of the key's scale
    (a note outside the scale first goes to the nearest tone in it), and the highest note of
    the last onset becomes the home note nearest to it. When that gives back the very same
    notes (a single note on the home note) the home note goes an octave away instead."""
    notes = tuple(sorted(notes))
    if not notes:
        return ()
    home = key.tonic
    moved = []
    for note in notes:
        pitch = scale_tone(key, home, scale_index(key, home, nearest_scale_pitch(
            note.pitch, key.tonic, key.mode)) + 1)
        moved.append(Note(note.start_tick, pitch - 12 if pitch > 127 else pitch,
                          note.length_ticks, note.velocity))
    last_start = notes[-1].start_tick
    top = max((i for i, n in enumerate(moved) if n.start_tick == last_start),
              key=lambda i: moved[i].pitch)
    ending = _nearest_home(key, moved[top].pitch)
    for octave in (0, 12 if ending + 12 <= 127 else -12):
        moved[top] = Note(last_start, ending + octave, notes[top].length_ticks,
                          notes[top].velocity)
        varied = tuple(sorted(moved))
        if varied != notes:
            break
    return varied


def answer_back(comp: Composition) -> Composition:
    """The person's answer (`latest_answer`) varied by `vary_answer`, on its own instrument,
    from the start of its clip (at most 4 bars); a piece with no notes when there is no answer
    yet."""
    found = latest_answer(comp)
    if found is None:
        return example_piece(comp, "your answer, varied")
    track, clip = found
    bars = min(clip.length_bars, MAX_EXAMPLE_BARS)
    heard = [n for n in clip.notes if n.start_tick < bars * comp.time_signature.ticks_per_bar]
    varied = _track("Your answer, varied", track.program, vary_answer(heard, comp.key), bars,
                    volume=track.volume)
    return example_piece(comp, "your answer, varied", varied)


# --- the vocabulary ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlayKind:
    """One word of the "play" vocabulary: its builder and what it plays, in words."""

    build: Callable[[Composition], Composition]
    describes: str


PLAY_KINDS: dict[str, PlayKind] = {
    "steady-drum": PlayKind(steady_drum, "a bar of steady beats on a low drum"),
    "rising-pad": PlayKind(rising_pad, "a soft pad rising over two bars, then settling"),
    "backbeat": PlayKind(backbeat, "kick on beats 1 and 3, snare on 2 and 4, two bars"),
    "call-phrase": PlayKind(call_phrase, "a 2-bar rising phrase stopping on an open note"),
    "chords-I-vi-IV-V": PlayKind(chords_i_vi_iv_v, "four chords, one per bar: I, vi, IV, V"),
    "backing-loop": PlayKind(backing_loop, "soft chords, a bass and a light beat, four bars"),
    "answer-back": PlayKind(answer_back, "your latest answer played back, a little varied"),
}
"""Play word -> its builder. Adding a kind of example means adding a row (and documenting it
in docs/prompt-packs.md)."""


def build_example(kind: str, comp: Composition) -> Composition:
    """The example `kind` (a key of `PLAY_KINDS`, checked when the prompt was loaded) for the
    open piece `comp`."""
    return PLAY_KINDS[kind].build(comp)

"""Chords in the key of the piece, for the harmony helper: what to offer, in which order, and
what could come next.

The chords are the triads of the key's scale (every other scale tone stacked, as
`model.scales.diatonic_triad` builds them), named as musicians read them (roman numerals,
"IV" upper case for major, "ii" lower case for minor, "vii°" for diminished; numbered from the
key's own scale, so natural minor reads i, ii°, III, iv, v, VI, VII) and as anyone reads them
("F", "Am", "Bdim"). Scales of fewer or more than seven tones have no triads of their own:
they borrow the chords of the seven-tone scale they live in (`PARENT_SCALES`), so every chord
offered for C major pentatonic is a chord of C major. Natural minor keeps its own minor v
(the major V needs a note outside the key; a person can raise its middle note in the piano
roll). Pure: no Qt, no edits (those are in `tonewell.guide.backing`).
"""

from __future__ import annotations

from dataclasses import dataclass

from tonewell.model import Key
from tonewell.model.scales import (
    CHORD_SHAPES,
    PITCH_CLASS_NAMES,
    SCALES,
    chord_pitches,
    diatonic_triad,
)

PARENT_SCALES: dict[str, str] = {
    "major pentatonic": "major",
    "minor pentatonic": "natural minor",
    "blues": "natural minor",
    "chromatic": "major",
}
"""A scale without seven tones -> the seven-tone scale whose chords it uses. A scale missing
here (and not of seven tones) uses major."""

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")
SHAPE_MARKS: dict[str, tuple[bool, str, str]] = {
    "major": (True, "", ""),
    "minor": (False, "", "m"),
    "diminished": (False, "°", "dim"),
    "augmented": (True, "+", "aug"),
}
"""Triad shape -> (upper-case numeral, numeral mark, name suffix): IV, ii, vii°, III+."""

LOWEST_ROOT = 53
"""Chord roots sit from F3 (53) up to E4 (64): the chord lies around middle C, where a pad or
a piano sounds warm and leaves the octave above for the melody."""
LOWEST_BASS = 36
"""Bass notes sit from C2 (36) up to B2 (47)."""

FRIENDS: dict[str, tuple[int, ...]] = {
    "major": (1, 4, 5, 6, 2, 3, 7),
    "natural minor": (1, 4, 5, 6, 7, 3, 2),
    "dorian": (1, 4, 7, 3, 5, 2, 6),
    "mixolydian": (1, 4, 7, 5, 6, 2, 3),
}
"""Seven-tone scale -> the order its chords are offered in: the common ones first (I, IV, V,
vi in major; a mode's own colour chord early, as VII in mixolydian), then the rest. A scale
missing here reads the major or the natural minor row, by its home chord, with any diminished
chord moved to the end."""

NEXT_MAJOR: dict[int, tuple[int, ...]] = {
    1: (4, 5, 6), 2: (5, 4), 3: (6, 4), 4: (5, 1), 5: (1, 6), 6: (4, 2, 5), 7: (1, 3),
}
NEXT_MINOR: dict[int, tuple[int, ...]] = {
    1: (6, 4, 7), 2: (5, 1), 3: (6, 7), 4: (5, 1, 7), 5: (1, 6), 6: (7, 3, 4), 7: (1, 3),
}
"""Degree -> degrees that often follow it, the most homely first. Keys whose home chord is
major read the first table, the others the second."""

DEFAULT_PROGRESSION = (1, 6, 4, 5)
"""I–vi–IV–V: the backing loop's chords when the person has placed none."""


@dataclass(frozen=True, slots=True)
class Chord:
    """One chord of a key: its scale `degree` (1-based), roman `numeral`, plain `name`, the
    `shape` from `CHORD_SHAPES`, and `pitches` (MIDI notes, root position, around middle C)."""

    degree: int
    numeral: str
    name: str
    shape: str
    root_pc: int
    """Pitch class of the root, 0 = C."""
    pitches: tuple[int, ...]

    @property
    def label(self) -> str:
        """How a button shows it: "IV · F"."""
        return f"{self.numeral} · {self.name}"

    @property
    def bass_pitch(self) -> int:
        """The root in the bass register (C2..B2)."""
        return LOWEST_BASS + (self.root_pc - LOWEST_BASS) % 12


def harmony_key(key: Key) -> Key:
    """The seven-tone key whose chords `key` uses: `key` itself, or its parent scale."""
    if len(SCALES[key.mode]) == 7:
        return key
    return Key(key.tonic, PARENT_SCALES.get(key.mode, "major"))


def _shape(offsets: tuple[int, ...]) -> str:
    for name, shape in CHORD_SHAPES.items():
        if shape == offsets:
            return name
    raise ValueError(f"no chord shape has the offsets {offsets}")


def chord_for(key: Key, degree: int) -> Chord:
    """The triad on scale `degree` (1..7) of `key` (or of its parent scale, see
    `harmony_key`), with its pitches around middle C. The examples player and the backing
    loop read a chord's notes from here."""
    home = harmony_key(key)
    if not 1 <= degree <= 7:
        raise ValueError(f"degree {degree} is not in 1..7")
    stacked = diatonic_triad(home.tonic, home.mode, degree)
    shape = _shape(tuple(p - stacked[0] for p in stacked))
    upper, mark, suffix = SHAPE_MARKS.get(shape, (True, "", ""))
    numeral = ROMAN[degree - 1] if upper else ROMAN[degree - 1].lower()
    root_pc = stacked[0] % 12
    root = LOWEST_ROOT + (root_pc - LOWEST_ROOT) % 12
    return Chord(
        degree=degree,
        numeral=numeral + mark,
        name=PITCH_CLASS_NAMES[root_pc] + suffix,
        shape=shape,
        root_pc=root_pc,
        pitches=chord_pitches(root, shape),
    )


def chords_in_key(key: Key) -> tuple[Chord, ...]:
    """The seven chords of `key`, by degree."""
    return tuple(chord_for(key, degree) for degree in range(1, 8))


def _home_is_major(key: Key) -> bool:
    return chord_for(key, 1).shape == "major"


def friends(key: Key) -> tuple[Chord, ...]:
    """The chords of `key` in the order to offer them: the common ones first."""
    home = harmony_key(key)
    order = FRIENDS.get(home.mode)
    if order is None:
        row = FRIENDS["major" if _home_is_major(key) else "natural minor"]
        chords = [chord_for(key, degree) for degree in row]
        return tuple(sorted(chords, key=lambda c: c.shape == "diminished"))
    return tuple(chord_for(key, degree) for degree in order)


def next_chords(previous: int | None, key: Key) -> tuple[Chord, ...]:
    """Chords that often follow the chord on degree `previous` (None: nothing yet, so home).
    Diminished chords are left out (they are no place to rest, as in dorian's vi°)."""
    if previous is None:
        return (chord_for(key, 1),)
    table = NEXT_MAJOR if _home_is_major(key) else NEXT_MINOR
    chords = [chord_for(key, degree) for degree in table[previous]]
    gentle = [c for c in chords if c.shape != "diminished"]
    return tuple(gentle or chords)


def _or_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def next_words(previous: int | None, key: Key) -> str:
    """One warm line on what could come next, e.g. "After IV · F, V · G or I · C feel at
    home." Only a suggestion: every chord of the key fits."""
    if previous is None:
        return f"Many songs begin at home, on {chord_for(key, 1).label}. Any chord is fine."
    labels = [chord.label for chord in next_chords(previous, key)]
    verb = "feels" if len(labels) == 1 else "feel"
    return (f"After {chord_for(key, previous).label}, {_or_list(labels)} {verb} at home. "
            "Any chord is fine.")


def heading(key: Key) -> str:
    """"Chords in C major", or for a scale that borrows its chords, "Chords for C major
    pentatonic, from C major"."""
    home = harmony_key(key)
    return f"Chords in {key}" if home == key else f"Chords for {key}, from {home}"


def degree_of(pitches: set[int] | frozenset[int], key: Key) -> int | None:
    """The degree of the chord in `key` these sounding pitches make: the chord with exactly
    these pitch classes, else (two pitch classes or more) the one whose root is the lowest
    pitch; None when neither (a single melody note is no chord)."""
    classes = {p % 12 for p in pitches}
    chords = chords_in_key(key)
    for chord in chords:
        if {p % 12 for p in chord.pitches} == classes:
            return chord.degree
    if len(classes) < 2:
        return None
    lowest = min(pitches) % 12
    return next((chord.degree for chord in chords if chord.root_pc == lowest), None)

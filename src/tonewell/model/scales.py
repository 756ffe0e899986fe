"""Scales, modes, keys and chord shapes, as tables.

A scale is a tuple of semitone offsets from the tonic. Adding a mode means adding a row.
"""

from __future__ import annotations

PITCH_CLASS_NAMES: tuple[str, ...] = (
    "C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B",
)

SCALES: dict[str, tuple[int, ...]] = {
    "major": (0, 2, 4, 5, 7, 9, 11),
    "natural minor": (0, 2, 3, 5, 7, 8, 10),
    "dorian": (0, 2, 3, 5, 7, 9, 10),
    "mixolydian": (0, 2, 4, 5, 7, 9, 10),
    "major pentatonic": (0, 2, 4, 7, 9),
    "minor pentatonic": (0, 3, 5, 7, 10),
    "blues": (0, 3, 5, 6, 7, 10),
    "chromatic": tuple(range(12)),
}
"""Scale name -> semitone offsets from the tonic, ascending, starting at 0."""

CHORD_SHAPES: dict[str, tuple[int, ...]] = {
    "major": (0, 4, 7),
    "minor": (0, 3, 7),
    "diminished": (0, 3, 6),
    "augmented": (0, 4, 8),
    "sus2": (0, 2, 7),
    "sus4": (0, 5, 7),
    "major 7": (0, 4, 7, 11),
    "minor 7": (0, 3, 7, 10),
    "dominant 7": (0, 4, 7, 10),
    "power": (0, 7),
}
"""Chord name -> semitone offsets from the root."""


def scale_pitch_classes(tonic: int, scale: str) -> frozenset[int]:
    """The pitch classes (0..11) of `scale` built on `tonic` (0 = C)."""
    try:
        offsets = SCALES[scale]
    except KeyError:
        raise ValueError(f"unknown scale {scale!r}; known: {', '.join(SCALES)}") from None
    return frozenset((tonic + o) % 12 for o in offsets)


def in_scale(pitch: int, tonic: int, scale: str) -> bool:
    return pitch % 12 in scale_pitch_classes(tonic, scale)


def nearest_scale_pitch(pitch: int, tonic: int, scale: str) -> int:
    """The scale tone closest to `pitch`; on a tie the lower one, staying within 0..127."""
    classes = scale_pitch_classes(tonic, scale)
    for distance in range(12):
        for candidate in (pitch - distance, pitch + distance):
            if 0 <= candidate <= 127 and candidate % 12 in classes:
                return candidate
    raise AssertionError("every scale has a tone within an octave")


def chord_pitches(root: int, shape: str) -> tuple[int, ...]:
    """The MIDI pitches of chord `shape` on `root`, dropping any above 127."""
    try:
        offsets = CHORD_SHAPES[shape]
    except KeyError:
        raise ValueError(f"unknown chord {shape!r}; known: {', '.join(CHORD_SHAPES)}") from None
    return tuple(root + o for o in offsets if root + o <= 127)


def diatonic_triad(tonic: int, scale: str, degree: int, octave_pitch: int = 60) -> tuple[int, ...]:
    """The triad on scale `degree` (1-based) stacking every other scale tone.

    Only meaningful for seven-tone scales; `octave_pitch` is the C the chord is built near.
    """
    offsets = SCALES[scale]
    if len(offsets) != 7:
        raise ValueError(f"{scale} is not a seven-tone scale")
    base = octave_pitch - octave_pitch % 12 + tonic
    out = []
    for step in (0, 2, 4):
        index = degree - 1 + step
        octave, i = divmod(index, 7)
        out.append(base + offsets[i] + 12 * octave)
    return tuple(out)


def pitch_name(pitch: int) -> str:
    """`60` -> `C4` (MIDI 60 is middle C, C4)."""
    return f"{PITCH_CLASS_NAMES[pitch % 12]}{pitch // 12 - 1}"

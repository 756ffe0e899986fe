"""Scale lock: a played key moves to the nearest tone of the piece's key, so nothing sounds out of
place. Graduated: off (chromatic), diatonic (the key's own scale), pentatonic (its five-tone
sibling). With the pentatonic "walk" option the white keys instead play successive pentatonic
tones, so any run of white keys makes a melody.

Everything is decided once per key change into a 128-entry table (played key -> pitch heard, or
`SILENT`), so the MIDI callback does one lookup. Pure: the scales come from
`tonewell.model.scales`, the nearest-tone rule is its `nearest_scale_pitch` (a tie goes down).
"""

from __future__ import annotations

from dataclasses import dataclass

from tonewell.model.scales import SCALES, nearest_scale_pitch

LOCKS: tuple[str, ...] = ("off", "diatonic", "pentatonic")
"""Scale-lock levels, from free to most guided."""

SILENT = -1
"""Table entry of a key that plays nothing (a black key while white keys walk the scale)."""

PENTATONIC_OF: dict[str, str] = {
    "major": "major pentatonic",
    "natural minor": "minor pentatonic",
    "dorian": "minor pentatonic",
    "mixolydian": "major pentatonic",
    "major pentatonic": "major pentatonic",
    "minor pentatonic": "minor pentatonic",
    "blues": "minor pentatonic",
    "chromatic": "major pentatonic",
}
"""The key's mode -> the pentatonic scale the "pentatonic" lock plays (major or minor third)."""

WHITE_KEY_CLASSES: tuple[int, ...] = (0, 2, 4, 5, 7, 9, 11)
"""Pitch classes of the white keys, C D E F G A B."""

WALK_ANCHOR_KEY = 60
"""While walking, middle C plays the tonic nearest to it (from F#3 up to F4)."""


@dataclass(frozen=True, slots=True)
class ScaleLock:
    """One scale-lock setting resolved for one key: `table[played_key]` is the pitch heard
    (0..127) or `SILENT`; `active_keys` are the keys that play a tone of the scale as they are
    (what an on-screen keyboard lights as "in the scale")."""

    lock: str
    tonic: int
    mode: str
    walk: bool
    table: tuple[int, ...]
    active_keys: frozenset[int]


def lock_scale_name(lock: str, mode: str) -> str | None:
    """The scale a lock level plays in a key of `mode`, or None when the lock is off."""
    if lock not in LOCKS:
        raise ValueError(f"unknown scale lock {lock!r}; known: {', '.join(LOCKS)}")
    if mode not in SCALES:
        raise ValueError(f"unknown mode {mode!r}; known: {', '.join(SCALES)}")
    return {"off": None, "diatonic": mode, "pentatonic": PENTATONIC_OF[mode]}[lock]


def _walk_pitch(key: int, tonic: int, offsets: tuple[int, ...]) -> int:
    """The pitch white `key` plays when white keys walk the scale `offsets` on `tonic`."""
    octave, pitch_class = divmod(key, 12)
    if pitch_class not in WHITE_KEY_CLASSES:
        return SILENT
    white_index = 7 * octave + WHITE_KEY_CLASSES.index(pitch_class)
    anchor_index = 7 * (WALK_ANCHOR_KEY // 12)
    step = white_index - anchor_index
    base = WALK_ANCHOR_KEY + tonic - (12 if tonic >= 6 else 0)
    span, degree = divmod(step, len(offsets))
    pitch = base + 12 * span + offsets[degree]
    return pitch if 0 <= pitch <= 127 else SILENT


def scale_lock(lock: str, tonic: int = 0, mode: str = "major", *, walk: bool = False) -> ScaleLock:
    """Resolve a lock level for the key `tonic` (0 = C) `mode`. `walk` only applies to the
    pentatonic lock (white keys play successive tones, black keys are silent)."""
    if not 0 <= tonic <= 11:
        raise ValueError(f"tonic {tonic} is not in 0..11")
    scale = lock_scale_name(lock, mode)
    walk = walk and lock == "pentatonic"
    if scale is None:
        table = tuple(range(128))
    elif walk:
        table = tuple(_walk_pitch(key, tonic, SCALES[scale]) for key in range(128))
    else:
        table = tuple(nearest_scale_pitch(key, tonic, scale) for key in range(128))
    if walk:
        active = frozenset(k for k, p in enumerate(table) if p != SILENT)
    else:
        active = frozenset(k for k, p in enumerate(table) if p == k)
    return ScaleLock(lock, tonic, mode, walk, table, active)


NO_LOCK = scale_lock("off")

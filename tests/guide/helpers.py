"""Small compositions for guide tests, built from (start beat, pitch) pairs."""

from __future__ import annotations

from tonewell.model import Clip, Composition, Key, Note, TempoChange, TempoMap, Track

BEAT = 480


def clip(pitches: list[int], start_bar: int = 0, bars: int = 1, repeats: int = 1) -> Clip:
    notes = tuple(Note(start_tick=i * BEAT, pitch=p, length_ticks=BEAT) for i, p in
                  enumerate(pitches))
    return Clip(notes=notes, length_bars=bars, start_tick=start_bar * 4 * BEAT, repeats=repeats)


def piece(*clips: Clip, drums: tuple[Clip, ...] = (), bpm: float = 120.0,
          key: Key | None = None) -> Composition:
    tracks = [Track(name="Melody", clips=clips)] if clips else []
    if drums:
        tracks.append(Track(name="Drums", is_drum=True, clips=drums))
    tempo = TempoMap((TempoChange(0, bpm),))
    return Composition(tempo_map=tempo, key=key or Key(), tracks=tuple(tracks))

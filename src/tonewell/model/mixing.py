"""Mixing rules that belong to the piece, not to any one way of playing it.

Playback, export and the overview all ask which tracks sound; this is where that rule lives, so
a muted or soloed track is treated alike everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from tonewell.model.composition import Track


def audible_tracks(tracks: Sequence[Track]) -> list[bool]:
    """Which tracks sound: only soloed ones when any is soloed, else every unmuted one
    (a soloed track plays even when muted)."""
    any_solo = any(t.solo for t in tracks)
    return [t.solo if any_solo else not t.mute for t in tracks]

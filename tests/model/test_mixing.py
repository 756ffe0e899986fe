"""Which tracks sound: the mute and solo rule every path shares."""

from __future__ import annotations

from tonewell.model import Track
from tonewell.model.mixing import audible_tracks


def test_audible_tracks_table() -> None:
    tracks = [Track(mute=True), Track(), Track(solo=True, mute=True)]
    assert audible_tracks(tracks) == [False, False, True]
    assert audible_tracks(tracks[:2]) == [False, True]
    assert audible_tracks([]) == []

"""Clips, tracks and the composition as a whole."""

import pytest

from tonewell.model import Clip, Composition, Key, LoopRegion, Note, TimeSignature, Track


def note(start, pitch=60, length=100):
    return Note(start_tick=start, pitch=pitch, length_ticks=length)


def test_clip_sorts_its_notes():
    clip = Clip(notes=(note(200), note(0)))
    assert [x.start_tick for x in clip.notes] == [0, 200]


def test_clip_end_counts_repeats():
    clip = Clip(length_bars=2, start_tick=480, repeats=3)
    assert clip.end_tick(TimeSignature(4, 4)) == 480 + 3 * 2 * 1920


def test_composition_end_and_note_count():
    comp = Composition(tracks=(
        Track(clips=(Clip(notes=(note(0), note(480)), repeats=4),)),
        Track(is_drum=True, clips=(Clip(notes=(note(0, 36),), start_tick=1920 * 6),)),
    ))
    assert comp.end_tick() == 1920 * 7
    assert comp.note_count() == 9


def test_empty_composition_has_no_length():
    assert Composition().end_tick() == 0
    assert Composition().length_seconds() == 0.0


def test_two_new_compositions_have_different_uids():
    assert Composition().uid != Composition().uid


def test_key_names_and_checks_its_mode():
    assert str(Key(9, "natural minor")) == "A natural minor"
    with pytest.raises(ValueError, match="mode"):
        Key(0, "happy")


@pytest.mark.parametrize("field", ["program", "volume", "pan"])
def test_track_ranges(field):
    with pytest.raises(ValueError, match=field):
        Track(**{field: 128})


def test_loop_region_must_not_run_backwards():
    with pytest.raises(ValueError):
        LoopRegion(100, 50)
    assert LoopRegion(100, 500).length_ticks == 400


def test_clip_repeats_are_bounded():
    with pytest.raises(ValueError):
        Clip(repeats=0)

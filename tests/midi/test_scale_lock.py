"""Scale-lock tables, checked for every key (0..127) of every tonic and every mode."""

from __future__ import annotations

import itertools

import pytest

from tonewell.midi.scale_lock import (
    LOCKS,
    PENTATONIC_OF,
    SILENT,
    WHITE_KEY_CLASSES,
    lock_scale_name,
    scale_lock,
)
from tonewell.model.scales import SCALES, scale_pitch_classes

MODES = sorted(SCALES)
TONICS = range(12)


def test_every_mode_has_a_pentatonic():
    assert set(PENTATONIC_OF) == set(SCALES)
    assert all(len(SCALES[p]) == 5 for p in PENTATONIC_OF.values())


@pytest.mark.parametrize("mode", MODES)
def test_off_plays_every_key_as_it_is(mode):
    for tonic in TONICS:
        lock = scale_lock("off", tonic, mode)
        assert lock.table == tuple(range(128))
        assert lock.active_keys == frozenset(range(128))


@pytest.mark.parametrize("level", ["diatonic", "pentatonic"])
@pytest.mark.parametrize("mode", MODES)
def test_every_key_moves_to_the_nearest_tone_of_the_scale(level, mode):
    for tonic in TONICS:
        classes = scale_pitch_classes(tonic, lock_scale_name(level, mode))
        table = scale_lock(level, tonic, mode).table
        for key, pitch in enumerate(table):
            assert 0 <= pitch <= 127
            assert pitch % 12 in classes, (tonic, mode, key, pitch)
            in_range = [p for p in range(128) if p % 12 in classes]
            nearest = min(abs(p - key) for p in in_range)
            assert abs(pitch - key) == nearest, (tonic, mode, key, pitch)
            if key % 12 in classes:
                assert pitch == key


def test_a_tie_goes_down_and_the_lock_follows_the_key():
    c_major = scale_lock("diatonic", 0, "major").table
    assert c_major[61] == 60  # C# between C and D: down to C
    assert c_major[66] == 65  # F# -> F
    d_major = scale_lock("diatonic", 2, "major").table
    assert d_major[66] == 66  # F# is in D major
    assert d_major[65] == 64  # F -> E


def test_pentatonic_uses_the_keys_third():
    assert lock_scale_name("pentatonic", "major") == "major pentatonic"
    assert lock_scale_name("pentatonic", "dorian") == "minor pentatonic"
    a_minor = scale_lock("pentatonic", 9, "natural minor").table
    assert sorted({p % 12 for p in a_minor}) == [0, 2, 4, 7, 9]  # A C D E G


@pytest.mark.parametrize("mode", MODES)
def test_walking_white_keys_play_successive_scale_tones_and_black_keys_none(mode):
    for tonic in TONICS:
        lock = scale_lock("pentatonic", tonic, mode, walk=True)
        tones = SCALES[PENTATONIC_OF[mode]]
        classes = {(tonic + o) % 12 for o in tones}
        whites = [k for k in range(128) if k % 12 in WHITE_KEY_CLASSES]
        for key in range(128):
            if key % 12 not in WHITE_KEY_CLASSES:
                assert lock.table[key] == SILENT
        played = [lock.table[k] for k in whites if lock.table[k] != SILENT]
        assert all(p % 12 in classes for p in played)
        # neighbouring white keys are neighbouring scale tones: one step up the scale each
        for a, b in itertools.pairwise(whites):
            pa, pb = lock.table[a], lock.table[b]
            if SILENT not in (pa, pb):
                ordered = sorted(p for p in range(pa, pb + 1) if p % 12 in classes)
                assert ordered == [pa, pb], (tonic, mode, a, b, pa, pb)
        assert lock.active_keys == frozenset(k for k in whites if lock.table[k] != SILENT)
        middle = lock.table[60]
        assert middle % 12 == tonic and 54 <= middle <= 65  # middle C plays the tonic near it


def test_walk_only_applies_to_the_pentatonic_lock():
    assert scale_lock("diatonic", 0, "major", walk=True) == scale_lock("diatonic", 0, "major")


def test_active_keys_are_the_keys_in_the_scale():
    lock = scale_lock("diatonic", 0, "major")
    assert lock.active_keys == frozenset(k for k in range(128) if k % 12 in WHITE_KEY_CLASSES)


@pytest.mark.parametrize(
    ("args", "message"),
    [(("loose", 0, "major"), "off, diatonic, pentatonic"), (("off", 0, "lydian"), "unknown mode"),
     (("off", 12, "major"), "tonic 12")],
)
def test_bad_settings_are_plain_messages(args, message):
    with pytest.raises(ValueError, match=message):
        scale_lock(*args)


def test_locks_run_from_free_to_most_guided():
    assert LOCKS == ("off", "diatonic", "pentatonic")

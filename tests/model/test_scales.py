"""Scale, chord and General MIDI tables."""

import pytest

from tonewell.model import gm
from tonewell.model.scales import (
    CHORD_SHAPES,
    SCALES,
    chord_pitches,
    diatonic_triad,
    in_scale,
    nearest_scale_pitch,
    pitch_name,
    scale_pitch_classes,
)


def test_the_issue_asks_for_these_scales():
    expected = {"major", "natural minor", "dorian", "mixolydian", "major pentatonic",
                "minor pentatonic", "blues", "chromatic"}
    assert expected <= set(SCALES)


@pytest.mark.parametrize("offsets", list(SCALES.values()))
def test_scales_start_on_the_tonic_and_ascend_within_an_octave(offsets):
    assert offsets[0] == 0
    assert list(offsets) == sorted(set(offsets))
    assert offsets[-1] < 12


def test_d_dorian_is_the_white_keys():
    assert scale_pitch_classes(2, "dorian") == frozenset({0, 2, 4, 5, 7, 9, 11})


def test_in_scale():
    assert in_scale(61, 1, "major")  # C# in C# major
    assert not in_scale(61, 0, "major")


def test_nearest_scale_pitch_prefers_lower_on_a_tie():
    # C# between C and D in C major: goes down to C
    assert nearest_scale_pitch(61, 0, "major") == 60
    # F# in C major pentatonic (C D E G A): G is one away, E two
    assert nearest_scale_pitch(66, 0, "major pentatonic") == 67


def test_nearest_scale_pitch_stays_on_the_keyboard():
    assert 0 <= nearest_scale_pitch(0, 1, "major pentatonic") <= 127
    assert nearest_scale_pitch(127, 0, "major") in (127, 126, 125)


def test_unknown_scale_is_named_in_the_error():
    with pytest.raises(ValueError, match="unknown scale 'lydian-ish'"):
        scale_pitch_classes(0, "lydian-ish")


def test_chord_shapes():
    assert chord_pitches(60, "major") == (60, 64, 67)
    assert chord_pitches(57, "minor 7") == (57, 60, 64, 67)
    assert chord_pitches(125, "major") == (125,)
    assert all(shape[0] == 0 for shape in CHORD_SHAPES.values())


def test_diatonic_triads_of_c_major():
    assert diatonic_triad(0, "major", 1) == (60, 64, 67)
    assert diatonic_triad(0, "major", 2) == (62, 65, 69)
    assert diatonic_triad(0, "major", 7) == (71, 74, 77)


def test_pitch_names():
    assert pitch_name(60) == "C4"
    assert pitch_name(69) == "A4"
    assert pitch_name(0) == "C-1"


def test_general_midi_has_128_programs_in_16_families_of_8():
    assert len(gm.GM_PROGRAM_NAMES) == 128
    assert len(gm.GM_FAMILIES) == 16
    assert all(len(names) == 8 for _, names in gm.GM_FAMILIES)
    assert len(set(gm.GM_PROGRAM_NAMES)) == 128


def test_program_names_and_families():
    assert gm.program_name(0) == "Acoustic Grand Piano"
    assert gm.program_name(127) == "Gunshot"
    assert gm.GM_FAMILIES[33 // 8][0] == "Bass"
    assert gm.GM_FAMILIES[80 // 8][0] == "Synth Lead"


def test_drum_map():
    assert gm.drum_name(36) == "Bass Drum 1"
    assert gm.drum_name(42) == "Closed Hi-Hat"
    assert gm.drum_name(100) == "Drum key 100"
    assert set(gm.GM_DRUM_NAMES) == set(range(35, 82))

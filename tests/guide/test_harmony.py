"""The chords of a key: numerals, names, pitches in the key, the friends order, what follows."""

from __future__ import annotations

import pytest

from tonewell.guide.harmony import (
    chord_for,
    chords_in_key,
    degree_of,
    friends,
    harmony_key,
    heading,
    next_chords,
    next_words,
)
from tonewell.model import Key
from tonewell.model.scales import SCALES, scale_pitch_classes

C_MAJOR, A_MINOR, D_DORIAN = Key(0, "major"), Key(9, "natural minor"), Key(2, "dorian")
JUDGING = ("wrong", "mistake", "fail", "bad", "error", "should")


def labels(chords: tuple) -> list[str]:
    return [chord.label for chord in chords]


def test_c_major_has_the_seven_triads_with_numerals_and_names() -> None:
    assert labels(chords_in_key(C_MAJOR)) == [
        "I · C", "ii · Dm", "iii · Em", "IV · F", "V · G", "vi · Am", "vii° · Bdim"]


def test_a_minor_numerals_count_from_its_own_scale() -> None:
    assert labels(chords_in_key(A_MINOR)) == [
        "i · Am", "ii° · Bdim", "III · C", "iv · Dm", "v · Em", "VI · F", "VII · G"]


def test_d_dorian_has_a_major_four() -> None:
    assert [c.numeral for c in chords_in_key(D_DORIAN)] == [
        "i", "ii", "III", "IV", "v", "vi°", "VII"]


@pytest.mark.parametrize("mode", sorted(SCALES))
@pytest.mark.parametrize("tonic", [0, 4, 9, 11])
def test_every_chord_is_in_the_key_it_harmonises_and_sits_around_middle_c(
        mode: str, tonic: int) -> None:
    key = Key(tonic, mode)
    home = harmony_key(key)
    classes = scale_pitch_classes(home.tonic, home.mode)
    for chord in chords_in_key(key):
        assert len(chord.pitches) == 3
        assert {p % 12 for p in chord.pitches} <= classes
        assert 53 <= chord.pitches[0] <= 64 and chord.pitches[-1] <= 72
        assert 36 <= chord.bass_pitch <= 47 and chord.bass_pitch % 12 == chord.root_pc


def test_scales_without_seven_tones_borrow_the_chords_of_their_parent() -> None:
    assert harmony_key(Key(0, "major pentatonic")) == C_MAJOR
    assert harmony_key(Key(9, "minor pentatonic")) == A_MINOR
    assert chords_in_key(Key(9, "blues")) == chords_in_key(A_MINOR)
    assert heading(Key(0, "major pentatonic")) == "Chords for C major pentatonic, from C major"
    assert heading(C_MAJOR) == "Chords in C major"


def test_the_default_key_of_a_new_piece_gives_c_major_chords() -> None:
    assert labels(friends(Key()))[:4] == ["I · C", "IV · F", "V · G", "vi · Am"]


def test_friends_come_first_and_every_chord_is_offered_once() -> None:
    for key in (C_MAJOR, A_MINOR, D_DORIAN, Key(7, "mixolydian"), Key(2, "blues")):
        order = friends(key)
        assert sorted(c.degree for c in order) == list(range(1, 8))
        assert order[0].degree == 1
    assert [c.numeral for c in friends(A_MINOR)][:4] == ["i", "iv", "v", "VI"]
    assert friends(D_DORIAN)[-1].numeral == "vi°"


def test_after_iv_five_or_one_feel_at_home() -> None:
    assert [c.numeral for c in next_chords(4, C_MAJOR)] == ["V", "I"]
    assert next_words(4, C_MAJOR) == "After IV · F, V · G or I · C feel at home. Any chord is fine."


def test_with_nothing_yet_the_suggestion_is_home() -> None:
    assert [c.numeral for c in next_chords(None, A_MINOR)] == ["i"]
    assert "Am" in next_words(None, A_MINOR)


def test_no_diminished_chord_is_suggested_to_rest_on() -> None:
    for key in (C_MAJOR, A_MINOR, D_DORIAN, Key(7, "mixolydian")):
        for degree in range(1, 8):
            assert all(c.shape != "diminished" for c in next_chords(degree, key))


def test_suggestions_never_judge() -> None:
    for key in (C_MAJOR, A_MINOR, D_DORIAN):
        for previous in (None, *range(1, 8)):
            words = next_words(previous, key).lower()
            assert not any(word in words for word in JUDGING), words


def test_degree_of_recognises_a_chord_by_its_notes_in_any_octave() -> None:
    assert degree_of({57, 60, 64}, C_MAJOR) == 6
    assert degree_of({45, 72, 76}, C_MAJOR) == 6
    assert degree_of({53, 60}, C_MAJOR) == 4  # F and C: the root is the lowest note
    assert degree_of({61, 66}, C_MAJOR) is None
    assert degree_of({72}, C_MAJOR) is None  # one melody note is no chord
    assert degree_of(set(), C_MAJOR) is None


def test_a_degree_outside_the_scale_is_refused() -> None:
    with pytest.raises(ValueError):
        chord_for(C_MAJOR, 8)

"""Clips, tracks and the composition as a whole."""

import pytest

from tonewell.model import (
    CC_EXPRESSION,
    CC_SUSTAIN,
    CC_VOLUME,
    Clip,
    Composition,
    ControlPoint,
    Key,
    LoopRegion,
    Note,
    TimeSignature,
    Track,
)


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


# --- controller curves and frozen metadata ----------------------------------------------------

BAR = 1920


def test_a_composition_is_hashable_and_its_metadata_frozen():
    assert isinstance(hash(Composition()), int)
    comp = Composition(metadata={"tags": ["calm", {"a": 1}], "n": 2})
    hash(comp)
    assert comp.metadata["tags"][1] == {"a": 1}
    with pytest.raises(TypeError):
        comp.metadata["n"] = 3  # type: ignore[index]
    assert comp.metadata.thaw() == {"tags": ["calm", {"a": 1}], "n": 2}


def test_equal_compositions_hash_equal():
    a = Composition(uid="u", created="c", modified="m", metadata={"x": [1]})
    b = Composition(uid="u", created="c", modified="m", metadata={"x": [1]})
    assert a == b and hash(a) == hash(b)


def test_clip_sorts_its_controls_and_refuses_two_values_at_one_tick():
    clip = Clip(controls=(ControlPoint(480, CC_VOLUME, 90), ControlPoint(0, CC_VOLUME, 20)))
    assert [p.tick for p in clip.controls] == [0, 480]
    with pytest.raises(ValueError, match="two values"):
        Clip(controls=(ControlPoint(0, CC_VOLUME, 1), ControlPoint(0, CC_VOLUME, 2)))


def test_a_control_point_is_checked():
    with pytest.raises(ValueError):
        ControlPoint(0, 1, 10)  # modulation is not kept
    with pytest.raises(ValueError):
        ControlPoint(0, CC_VOLUME, 128)
    with pytest.raises(ValueError):
        ControlPoint(-1, CC_VOLUME, 1)


def test_heard_controls_repeat_with_the_clip_and_drop_points_past_a_pass():
    clip = Clip(
        start_tick=BAR,
        repeats=2,
        controls=(ControlPoint(0, CC_EXPRESSION, 40), ControlPoint(BAR, CC_EXPRESSION, 1)),
    )
    assert list(clip.heard_controls(TimeSignature())) == [
        (BAR, CC_EXPRESSION, 40), (2 * BAR, CC_EXPRESSION, 40),
    ]


def test_a_pedal_down_at_the_end_is_lifted_where_the_clip_ends():
    clip = Clip(repeats=3, controls=(ControlPoint(100, CC_SUSTAIN, 127),))
    heard = list(clip.heard_controls(TimeSignature()))
    assert heard[-1] == (3 * BAR, CC_SUSTAIN, 0)
    assert [h for h in heard if h[2] == 0] == [heard[-1]]
    lifted = Clip(controls=(ControlPoint(0, CC_SUSTAIN, 127), ControlPoint(10, CC_SUSTAIN, 0)))
    assert list(lifted.heard_controls(TimeSignature()))[-1] == (10, CC_SUSTAIN, 0)


def test_track_heard_controls_keep_one_value_per_tick_a_clip_point_beating_a_lift():
    early = Clip(controls=(ControlPoint(0, CC_SUSTAIN, 127),))  # lifted at BAR
    late = Clip(start_tick=BAR, controls=(ControlPoint(0, CC_SUSTAIN, 100),))
    track = Track(clips=(late, early))
    assert track.heard_controls(TimeSignature()) == [
        (0, CC_SUSTAIN, 127), (BAR, CC_SUSTAIN, 100), (2 * BAR, CC_SUSTAIN, 0),
    ]


def test_a_clip_ending_inside_another_does_not_lift_that_ones_pedal():
    """MIDI import can cut a long part into clips that overlap by a few bars: the pedal the
    later clip holds keeps sounding where the earlier one ends."""
    early = Clip(length_bars=2, controls=(ControlPoint(0, CC_SUSTAIN, 127),))
    late = Clip(start_tick=BAR, length_bars=2, controls=(ControlPoint(0, CC_SUSTAIN, 127),))
    track = Track(clips=(early, late))
    assert track.heard_controls(TimeSignature()) == [
        (0, CC_SUSTAIN, 127), (BAR, CC_SUSTAIN, 127), (3 * BAR, CC_SUSTAIN, 0),
    ]

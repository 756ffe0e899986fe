"""Starting a piece: defaults, templates and the clip the editor shows first."""

from __future__ import annotations

from tonewell.edit.new_piece import (
    LAST_CLIP_KEY,
    TEMPLATES,
    PieceChoices,
    build_piece,
    clip_place,
    clip_to_show,
    clip_uids,
    remember_clip,
)
from tonewell.model import Clip, Composition, Key, Track
from tonewell.model.timing import TimeSignature


def test_the_defaults_make_an_empty_piano_piece_of_eight_bars():
    comp = build_piece(PieceChoices())
    assert comp.title == "Untitled"
    assert (comp.key, comp.time_signature, comp.tempo_bpm) == (Key(0, "major"), TimeSignature(), 90)
    [track] = comp.tracks
    assert (track.name, track.program, track.is_drum) == ("Acoustic Grand Piano", 0, False)
    [clip] = track.clips
    assert (clip.start_tick, clip.length_bars, clip.notes) == (0, 8, ())


def test_choices_reach_the_piece():
    comp = build_piece(PieceChoices(title="  Rain  song ", key=Key(9, "natural minor"),
                                    meter=TimeSignature(3, 4), tempo_bpm=72, length_bars=4,
                                    program=40))
    assert comp.title == "Rain song"
    assert comp.key == Key(9, "natural minor") and comp.time_signature == TimeSignature(3, 4)
    assert comp.tracks[0].program == 40
    assert comp.tracks[0].clips[0].length_ticks(comp.time_signature) == 4 * 3 * 480


def test_a_band_template_gives_every_track_a_clip_over_the_whole_length():
    band = next(t for t in TEMPLATES if t.name == "Drums + bass + keys")
    comp = build_piece(PieceChoices(template=band, length_bars=16, program=80))
    assert [t.name for t in comp.tracks] == ["Drums", "Bass", "Keys"]
    assert comp.tracks[0].is_drum and comp.tracks[1].program == 33
    assert all(t.clips[0].length_bars == 16 for t in comp.tracks)
    assert comp.end_tick() == 16 * 1920


def test_out_of_range_numbers_are_brought_back():
    comp = build_piece(PieceChoices(tempo_bpm=5000, length_bars=0))
    assert comp.tempo_bpm == 400 and comp.tracks[0].clips[0].length_bars == 1


def two_tracks() -> Composition:
    clips = (Clip("x"), Clip("y", start_tick=1920))
    return Composition(tracks=(Track("Empty"), Track("A", clips=clips)))


def test_the_first_clip_is_shown_when_nothing_is_remembered():
    assert clip_to_show(two_tracks()) == (1, 0)
    assert clip_to_show(Composition()) is None


def test_the_clip_last_edited_is_shown_again():
    comp = remember_clip(two_tracks(), (1, 1))
    assert comp.metadata[LAST_CLIP_KEY] == (1, 1)
    assert clip_to_show(comp) == (1, 1)


def test_a_remembered_clip_that_is_gone_or_damaged_falls_back():
    for bad in ([0, 0], [5, 0], "1,1", [1, True], [1]):
        comp = Composition(tracks=two_tracks().tracks, metadata={LAST_CLIP_KEY: bad})
        assert clip_to_show(comp) == (1, 0), bad


def test_uids_and_places_translate_both_ways():
    comp = two_tracks()
    uids = clip_uids(comp, (1, 1))
    assert uids == (comp.tracks[1].uid, comp.tracks[1].clips[1].uid)
    assert clip_place(comp, *uids) == (1, 1)
    assert clip_place(comp, -1, -1) is None

"""Recording takes from synthetic `Played` lists: timing, passes, wraps, modes, undo, pedal."""

from __future__ import annotations

import pytest

from tonewell.edit import Document
from tonewell.edit.record import (
    RecordedPass,
    RecordMode,
    Take,
    TakeSettings,
    feed,
    new_clip_for,
    pass_command,
)
from tonewell.edit.record_clock import ClockMap
from tonewell.engine.playback_run import Run
from tonewell.engine.schedule import compile_schedule
from tonewell.midi.played import NOTE_OFF, NOTE_ON, SUSTAIN, Played
from tonewell.model import (
    Clip,
    Composition,
    ControlPoint,
    LoopRegion,
    Note,
    TempoMap,
    TimeSignature,
    Track,
)
from tonewell.model.controls import CC_SUSTAIN, CC_VOLUME

SR = 44100
LATENCY_MS = 10.0
BAR = 1920  # 4/4 at 480 PPQ
LOOP = LoopRegion(0, BAR, True)
METER = TimeSignature()
T0_NS = 5_000_000_000  # the monotonic time the run's origin was rendered


def ns_heard_at(tick: float, passes: int = 0) -> int:
    """When a key heard at `tick` of pass `passes` arrives: 120 BPM is 960 ticks a second,
    and what was rendered is heard LATENCY_MS later."""
    seconds = (tick + passes * BAR) / 960 + LATENCY_MS / 1000
    return T0_NS + round(seconds * 1e9)


def on(tick: float, pitch: int, velocity: int = 100, passes: int = 0) -> Played:
    return Played(ns_heard_at(tick, passes), NOTE_ON, 0, pitch, velocity, "Keys")


def off(tick: float, pitch: int, passes: int = 0) -> Played:
    return Played(ns_heard_at(tick, passes), NOTE_OFF, 0, pitch, 0, "Keys")


def pedal(tick: float, value: int, passes: int = 0) -> Played:
    return Played(ns_heard_at(tick, passes), SUSTAIN, 0, 64, value, "Keys")


class Session:
    """A take over a real playback `Run` (its tick_at wraps with the loop) and a clock whose
    anchor says the run's origin was rendered at T0_NS."""

    def __init__(self, loop: LoopRegion | None = LOOP, settings: TakeSettings | None = None,
                 start_tick: int = 0) -> None:
        comp = Composition(tempo_map=TempoMap.constant(120), loop=loop or LoopRegion())
        self.run = Run(compile_schedule(comp), comp.loop, start_tick, 0, SR,
                       clicks=False, open_ended=True)
        self.clock = ClockMap(SR, LATENCY_MS)
        self.clock.add(T0_NS, 0)
        self.take = Take(start_tick, loop, settings or TakeSettings())

    def play(self, events: list[Played], until_tick: float, passes: int = 0) -> list[RecordedPass]:
        now_ns = ns_heard_at(until_tick, passes)
        return feed(self.take, events, self.clock, self.run.tick_at, now_ns)


def test_the_clock_map_takes_the_output_latency_off_the_arrival_time() -> None:
    clock = ClockMap(SR, LATENCY_MS)
    clock.add(T0_NS, 1000)
    assert clock.heard_sample(T0_NS + 1_000_000_000) == pytest.approx(1000 + SR - 441)


def test_the_clock_map_follows_the_leading_edge_of_rendering() -> None:
    clock = ClockMap(SR)
    clock.add(T0_NS, 0)  # read just after a period was rendered
    clock.add(T0_NS + 5_000_000, 0)  # 5 ms later the clock stood still
    assert clock.rendered_sample(T0_NS + 5_000_000) == pytest.approx(220.5)


def test_a_pass_ends_at_the_wrap_with_the_notes_where_they_were_heard() -> None:
    s = Session()
    assert s.play([on(480, 60, 90), off(720, 60), on(960, 64)], 1800) == []
    done = s.play([off(1200, 64)], 100, passes=1)
    assert done == [RecordedPass(0, BAR, (Note(480, 60, 240, 90), Note(960, 64, 240, 100)))]


def test_a_note_held_across_the_wrap_ends_there_and_goes_on_in_the_next_pass() -> None:
    s = Session()
    assert s.play([on(1440, 67)], 1900) == []
    first = s.play([], 200, passes=1)
    assert first[0].notes == (Note(1440, 67, 480),)
    assert s.play([off(300, 67, passes=1)], 400, passes=1) == []
    assert s.take.stop(600).notes == (Note(0, 67, 300),)


def test_a_note_never_released_ends_where_the_take_stops() -> None:
    s = Session()
    s.play([on(240, 60)], 600)
    assert s.take.stop(1000).notes == (Note(240, 60, 760),)


def test_a_note_played_during_the_count_in_just_before_the_start_lands_on_it() -> None:
    s = Session(start_tick=0)
    s.play([on(-60, 60), off(200, 60), on(-900, 62)], 400)
    assert s.take.stop(500).notes == (Note(0, 60, 200),)


def test_each_pass_is_its_own_list_and_a_silent_pass_gives_nothing_to_record() -> None:
    s = Session()
    s.play([on(0, 60), off(100, 60)], 1900)
    done = s.play([], 10, passes=1) + s.play([], 1900, passes=1) + s.play([], 10, passes=2)
    assert [len(p.notes) for p in done] == [1, 0]
    assert done[1].empty


def test_input_quantize_is_off_by_default_and_pulls_starts_to_the_grid_when_on() -> None:
    plain = Session()
    plain.play([on(250, 60), off(490, 60)], 600)
    assert plain.take.stop(700).notes == (Note(250, 60, 240),)
    half = Session(settings=TakeSettings(quantize_grid_ticks=240, quantize_strength=0.5))
    half.play([on(250, 60), off(490, 60)], 600)
    assert half.take.stop(700).notes == (Note(245, 60, 240),)


def test_pedal_presses_become_points_and_a_held_pedal_is_pressed_again_after_the_wrap() -> None:
    s = Session()
    s.play([pedal(0, 127), pedal(900, 0), pedal(1500, 100)], 1900)
    done = s.play([], 50, passes=1)
    assert done[0].pedal == (
        ControlPoint(0, CC_SUSTAIN, 127),
        ControlPoint(900, CC_SUSTAIN, 0),
        ControlPoint(1500, CC_SUSTAIN, 100),
    )
    s.play([pedal(400, 0, passes=1)], 500, passes=1)
    assert s.take.stop(600).pedal == (
        ControlPoint(0, CC_SUSTAIN, 100),
        ControlPoint(400, CC_SUSTAIN, 0),
    )


# --- commands on the document ------------------------------------------------------------------


def piece(clip: Clip) -> tuple[Document, Track]:
    track = Track("Piano", clips=(clip,))
    return Document(Composition(tracks=(track,), loop=LOOP)), track


def recorded(*notes: Note, pedal: tuple[ControlPoint, ...] = ()) -> RecordedPass:
    return RecordedPass(0, BAR, notes, pedal)


def test_overdub_adds_to_the_clip_in_one_named_undo_step() -> None:
    clip = Clip(notes=(Note(0, 48, 480),), controls=(ControlPoint(0, CC_VOLUME, 90),))
    doc, track = piece(clip)
    cmd = pass_command(track.uid, clip, METER, recorded(Note(480, 60, 240), Note(960, 64, 240)),
                       RecordMode.OVERDUB)
    assert cmd is not None and cmd.name == "Record 2 notes"
    doc.push(cmd)
    assert [n.pitch for n in doc.comp.tracks[0].clips[0].notes] == [48, 60, 64]
    doc.undo()
    assert doc.comp.tracks[0].clips[0].notes == (Note(0, 48, 480),)


def test_replace_clears_what_the_pass_covered_and_keeps_other_controllers() -> None:
    clip = Clip(
        notes=(Note(0, 48, 480), Note(960, 50, 480)),
        controls=(ControlPoint(0, CC_VOLUME, 90), ControlPoint(100, CC_SUSTAIN, 127)),
    )
    doc, track = piece(clip)
    part = RecordedPass(0, 960, (Note(480, 60, 240),), (ControlPoint(500, CC_SUSTAIN, 127),))
    doc.push(pass_command(track.uid, clip, METER, part, RecordMode.REPLACE))
    after = doc.comp.tracks[0].clips[0]
    assert after.notes == (Note(480, 60, 240), Note(960, 50, 480))
    assert after.controls == (ControlPoint(0, CC_VOLUME, 90), ControlPoint(500, CC_SUSTAIN, 127))


def test_a_pass_with_nothing_played_replaces_nothing() -> None:
    clip = Clip(notes=(Note(0, 48, 480),))
    assert pass_command(1, clip, METER, recorded(), RecordMode.REPLACE) is None


def test_notes_fold_into_a_repeated_clip_and_are_cut_at_its_pattern_end() -> None:
    clip = Clip(length_bars=1, start_tick=BAR, repeats=2)
    doc, track = piece(clip)
    part = RecordedPass(BAR, 4 * BAR, (Note(BAR + 100, 60, 100), Note(3 * BAR + 1800, 62, 480),
                                         Note(2 * BAR + 1800, 64, 480)))
    doc.push(pass_command(track.uid, clip, METER, part, RecordMode.OVERDUB))
    assert doc.comp.tracks[0].clips[0].notes == (Note(100, 60, 100), Note(1800, 64, 120))


def test_a_new_clip_covers_the_loop_in_whole_bars_and_is_inserted_with_the_pass() -> None:
    doc, track = piece(Clip(start_tick=8 * BAR))
    clip = new_clip_for(100, BAR + 5, METER)
    assert (clip.start_tick, clip.length_bars) == (0, 2)
    doc.push(pass_command(track.uid, clip, METER, recorded(Note(480, 60, 240)),
                          RecordMode.OVERDUB, new=True))
    assert [c.notes for c in doc.comp.tracks[0].clips] == [(), (Note(480, 60, 240),)]
    doc.undo()
    assert len(doc.comp.tracks[0].clips) == 1

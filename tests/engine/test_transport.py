"""The transport: scheduling, loops, edits while playing, stop, metronome, count-in, seek.

Logic tests run against `FakeSequencer`, a stand-in with FluidSynth's sequencer semantics
(events fire when the clock passes them, `remove` drops what is queued), so they need no
FluidSynth and can compare event times to the sample. Sound tests drive a real `Synth` with no
audio driver: the test advances its sample clock by rendering, pumping every 20 ms of audio as
the Qt timer would, and listens to the result (onsets, RMS, active voices).
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from tonewell.engine import metronome
from tonewell.engine.schedule import Event, EventKind, Schedule, compile_schedule, play_events
from tonewell.engine.transport import NullSink, State, Transport, WallClock
from tonewell.model import Clip, Composition, LoopRegion, Note, TempoMap, TimeSignature, Track

SR = 44100


# --- building pieces ---------------------------------------------------------------------------


def drum_piece(
    bpm: float = 120.0,
    hits_per_bar: int = 8,
    bars: int = 1,
    loop: LoopRegion | None = None,
    pitch: int = 75,
) -> Composition:
    """A drum track hitting `pitch` (claves: short in every GM font) evenly, `hits_per_bar`
    times a bar of 4/4."""
    step = 1920 // hits_per_bar
    notes = tuple(Note(i * step, pitch, step // 2, 100) for i in range(hits_per_bar))
    clip = Clip(notes=notes, length_bars=1, repeats=bars)
    return Composition(
        tempo_map=TempoMap.constant(bpm),
        tracks=(Track(name="Drums", is_drum=True, clips=(clip,)),),
        loop=loop or LoopRegion(),
    )


def with_track(comp: Composition, track: Track) -> Composition:
    return comp.with_tracks((*comp.tracks, track))


def organ(notes: tuple[Note, ...], bars: int = 1) -> Track:
    """Drawbar organ: holds forever until its note-off, so a hanging note shows."""
    return Track(name="Organ", program=16, clips=(Clip(notes=notes, length_bars=bars),))


# --- a fake sequencer --------------------------------------------------------------------------


class FakeSequencer:
    """Clock and sink with FluidSynth's sequencer semantics, in samples."""

    def __init__(self) -> None:
        self.now = 0
        self.queue: list[tuple[int, Event]] = []
        self.fired: list[tuple[int, Event]] = []
        self.fades: list[int] = []

    def now_samples(self) -> int:
        return self.now

    def send(self, at_sample: int, ev: Event) -> None:
        self.queue.append((at_sample, ev))

    def remove(self) -> None:
        self.queue.clear()

    def fade_out(self, channels: object) -> int:
        """Like the synth: everything that sounds is cut, shortly."""
        self.fades.append(self.now + 1500)
        return self.now + 1500

    def advance_to(self, t: int) -> None:
        due = sorted((q for q in self.queue if q[0] <= t), key=lambda q: (q[0], q[1].kind))
        self.queue = [q for q in self.queue if q[0] > t]
        self.fired.extend(due)
        self.now = t

    def note_ons(self, channel: int | None = None) -> list[tuple[int, Event]]:
        return [
            (at, ev)
            for at, ev in self.fired
            if ev.kind == EventKind.NOTE_ON and (channel is None or ev.channel == channel)
        ]

    def unbalanced(self) -> Counter[tuple[int, int]]:
        """Keys left sounding: switched on more often than off, and not cut by a fade."""
        count: Counter[tuple[int, int]] = Counter()
        cuts = sorted(self.fades)
        for at, ev in self.fired:
            while cuts and cuts[0] <= at:
                cuts.pop(0)
                count.clear()
            if ev.kind == EventKind.NOTE_ON:
                count[(ev.channel, ev.data1)] += 1
            elif ev.kind == EventKind.NOTE_OFF and count[(ev.channel, ev.data1)] > 0:
                count[(ev.channel, ev.data1)] -= 1
        return Counter() if cuts else +count


def fake_transport(schedule: Schedule, **kwargs: float) -> tuple[Transport, FakeSequencer]:
    seq = FakeSequencer()
    tr = Transport(seq, seq, sample_rate_hz=SR, **kwargs)
    tr.set_schedule(schedule)
    return tr, seq


def run(tr: Transport, seq: FakeSequencer, seconds: float, pump_ms: float = 20.0) -> None:
    """Pump every `pump_ms` while the clock advances `seconds`."""
    end = seq.now + round(seconds * SR)
    step = round(pump_ms * SR / 1000)
    while seq.now < end:
        tr.pump()
        seq.advance_to(min(end, seq.now + step))


def song_ons(seq: FakeSequencer) -> list[tuple[int, Event]]:
    return [(at, ev) for at, ev in seq.note_ons() if ev.channel != metronome.METRONOME_CHANNEL]


# --- logic: playing and looping ------------------------------------------------------------------


def test_plays_every_note_once_at_its_sample() -> None:
    sched = compile_schedule(drum_piece(bars=2))
    tr, seq = fake_transport(sched)
    tr.play()
    run(tr, seq, 4.5)
    expected = [ev for ev in sched.events(SR) if ev.kind == EventKind.NOTE_ON]
    got = song_ons(seq)
    origin = got[0][0] - expected[0].sample
    assert [(at - origin, ev.data1) for at, ev in got] == [(e.sample, e.data1) for e in expected]
    assert not seq.unbalanced()


def test_loop_over_many_passes_matches_play_events_to_the_sample() -> None:
    # An awkward tempo, a loop not starting at 0, a note at the loop start and one cut by its end.
    notes = (Note(0, 60, 100), Note(700, 62, 1500), Note(1850, 64, 400))
    comp = Composition(
        tempo_map=TempoMap.constant(97.0),
        tracks=(Track(program=16, clips=(Clip(notes=notes, length_bars=1, repeats=3),)),),
        loop=LoopRegion(1920, 3840, True),
    )
    sched = compile_schedule(comp)
    tr, seq = fake_transport(sched)
    tr.seek(1920)
    tr.play()
    passes = 60
    run(tr, seq, passes * 1920 * 60 / (97.0 * 480) + 0.05)
    expected = [
        ev
        for ev in play_events(sched, sample_rate_hz=SR, start_tick=1920, loop_passes=passes)
        if ev.kind in (EventKind.NOTE_ON, EventKind.NOTE_OFF)
    ]
    got = [(at, ev) for at, ev in seq.fired if ev.kind in (EventKind.NOTE_ON, EventKind.NOTE_OFF)]
    got = [(at, ev) for at, ev in got if ev.channel != metronome.METRONOME_CHANNEL]
    origin = got[0][0] - expected[0].sample
    assert len([e for e in expected if e.kind == EventKind.NOTE_ON]) == 3 * passes
    shifted = [(at - origin, ev.kind, ev.data1) for at, ev in got][: len(expected)]
    assert shifted == [(e.sample, e.kind, e.data1) for e in expected]


def test_position_advances_and_wraps_at_the_loop_end() -> None:
    sched = compile_schedule(drum_piece(bpm=120, bars=4, loop=LoopRegion(0, 1920, True)))
    tr, seq = fake_transport(sched)
    tr.play()
    positions = []
    tr.position_event = positions.append  # type: ignore[method-assign]
    run(tr, seq, 5.0)
    assert max(positions) < 1920
    wraps = sum(1 for a, b in pairwise(positions) if b < a)
    assert wraps == 2  # 5 s of a 2 s loop
    # 20 ms pumps, 120 BPM: 19.2 ticks per pump, except across a wrap
    steps = [b - a for a, b in pairwise(positions) if b > a]
    assert all(abs(s - 19.2) < 0.5 for s in steps[2:])


def test_plays_to_the_end_then_stops_and_returns_to_the_start() -> None:
    sched = compile_schedule(drum_piece(bars=1))
    tr, seq = fake_transport(sched)
    states = []
    tr.state_event = states.append  # type: ignore[method-assign]
    tr.seek(480)
    tr.play()
    run(tr, seq, 2.0)
    assert states == [State.PLAYING, State.STOPPED]
    assert tr.position_tick == 480
    assert len(song_ons(seq)) == 6  # from the third eighth on


# --- logic: count-in and metronome ---------------------------------------------------------------


def test_count_in_clicks_one_bar_then_the_song_starts() -> None:
    sched = compile_schedule(drum_piece(bpm=120))
    tr, seq = fake_transport(sched)
    tr.set_count_in(1)
    states = []
    tr.state_event = states.append  # type: ignore[method-assign]
    tr.play()
    assert tr.state == State.COUNT_IN
    first_click = seq.queue[0][0]
    run(tr, seq, 0.5)
    assert -1920 < tr.position_tick < -1000  # negative during the count-in
    run(tr, seq, 2.0)
    clicks = seq.note_ons(metronome.METRONOME_CHANNEL)
    assert [at - first_click for at, _ in clicks] == [0, 22050, 44100, 66150]
    assert [ev.data1 for _, ev in clicks] == [76, 77, 77, 77]  # the downbeat is accented
    assert song_ons(seq)[0][0] - first_click == 2 * SR  # one bar of 4/4 at 120 BPM
    assert states == [State.COUNT_IN, State.PLAYING]


def test_metronome_clicks_every_beat_accenting_bar_starts_across_loop_wraps() -> None:
    comp = drum_piece(bpm=120, bars=2, loop=LoopRegion(0, 3840, True))
    tr, seq = fake_transport(compile_schedule(comp))
    tr.set_metronome(True)
    tr.play()
    run(tr, seq, 8.0 - 0.01)  # two passes of two bars
    clicks = seq.note_ons(metronome.METRONOME_CHANNEL)
    assert len(clicks) == 16
    assert [ev.data1 == 76 for _, ev in clicks] == [True, False, False, False] * 4
    gaps = {b[0] - a[0] for a, b in pairwise(clicks)}
    assert gaps == {22050}  # no gap or jump at the wrap


def test_metronome_can_be_switched_on_while_playing() -> None:
    tr, seq = fake_transport(compile_schedule(drum_piece(bpm=120, bars=4)))
    tr.play()
    run(tr, seq, 1.0)
    tr.set_metronome(True)
    run(tr, seq, 2.0)
    clicks = seq.note_ons(metronome.METRONOME_CHANNEL)
    assert 3 <= len(clicks) <= 4
    assert not seq.unbalanced()


def test_an_edit_during_the_count_in_keeps_the_clicks_and_the_start() -> None:
    tr, seq = fake_transport(compile_schedule(drum_piece(bpm=120)))
    tr.set_count_in(1)
    tr.play()
    run(tr, seq, 0.6)
    tr.set_schedule(compile_schedule(drum_piece(bpm=120, pitch=42)))
    run(tr, seq, 2.0)
    clicks = seq.note_ons(metronome.METRONOME_CHANNEL)
    assert len(clicks) == 4
    first_song = song_ons(seq)[0]
    assert first_song[1].data1 == 42 and first_song[0] - clicks[0][0] == 2 * SR


def test_stop_during_the_count_in_silences_the_remaining_clicks() -> None:
    tr, seq = fake_transport(compile_schedule(drum_piece(bpm=120)))
    tr.set_count_in(2)
    tr.play()
    run(tr, seq, 0.7)
    tr.stop()
    run(tr, seq, 2.0)
    assert len(seq.note_ons(metronome.METRONOME_CHANNEL)) == 2
    assert not song_ons(seq) and tr.state == State.STOPPED


# --- logic: edits while playing -------------------------------------------------------------------


def test_an_edit_is_heard_within_the_lookahead_and_replaced_events_are_removed() -> None:
    comp = drum_piece(bpm=120, bars=4)  # eighths every 250 ms
    sched = compile_schedule(comp)
    tr, seq = fake_transport(sched, lookahead_ms=120, guard_ms=20)
    tr.play()
    run(tr, seq, 1.0)
    origin = song_ons(seq)[0][0]
    queued_before = {at for at, ev in seq.queue if ev.kind == EventKind.NOTE_ON}
    hit_at_1s = origin + SR  # tick 1920, one second in: already queued
    assert hit_at_1s in queued_before
    # The edit: the drum now plays pitch 42 instead of 75, everywhere.
    edited = compile_schedule(drum_piece(bpm=120, bars=4, pitch=42))
    swap_from = seq.now + round(0.02 * SR)
    tr.set_schedule(edited)
    run(tr, seq, 1.0)
    ons = song_ons(seq)
    assert all(ev.data1 == 75 for at, ev in ons if at < swap_from)
    assert all(ev.data1 == 42 for at, ev in ons if at >= swap_from)
    assert (hit_at_1s, 42) in [(at, ev.data1) for at, ev in ons]
    starts = [at for at, _ in ons]
    assert len(starts) == len(set(starts))  # nothing doubled
    assert [b - a for a, b in pairwise(starts)] == [11025] * (len(starts) - 1)
    assert not seq.unbalanced()


def test_an_edit_keeps_a_held_note_it_does_not_touch_and_releases_one_it_removes() -> None:
    held = Note(0, 48, 1920)  # a whole bar
    removed = Note(0, 55, 1920)
    comp = with_track(drum_piece(bpm=120), organ((held, removed)))
    tr, seq = fake_transport(compile_schedule(comp))
    tr.play()
    run(tr, seq, 0.7)
    origin = song_ons(seq)[0][0]
    edited = with_track(drum_piece(bpm=120), organ((Note(0, 48, 1440),)))  # shortened too
    swap = seq.now
    tr.set_schedule(compile_schedule(edited))
    run(tr, seq, 2.0)
    organ_events = [(at, ev) for at, ev in seq.fired if ev.channel == 0]
    ons = [(at, ev.data1) for at, ev in organ_events if ev.kind == EventKind.NOTE_ON]
    offs = {ev.data1: at for at, ev in organ_events if ev.kind == EventKind.NOTE_OFF}
    assert ons == [(origin, 48), (origin, 55)]  # the held note is not struck again
    assert offs[48] == origin + round(1.5 * SR)  # released at its new end
    assert swap < offs[55] <= swap + round(0.05 * SR)  # the removed one at the swap
    assert not seq.unbalanced()


def test_changing_the_loop_while_playing_wraps_at_the_new_end() -> None:
    notes = tuple(Note(i * 480, 60 + i, 240) for i in range(4))
    comp = Composition(
        tempo_map=TempoMap.constant(120),
        tracks=(Track(is_drum=True, clips=(Clip(notes=notes, repeats=4),)),),
        loop=LoopRegion(0, 1920, True),
    )
    tr, seq = fake_transport(compile_schedule(comp))
    tr.play()
    run(tr, seq, 0.9)  # two beats in
    tr.set_loop(LoopRegion(0, 960, True))  # now only the first two beats
    run(tr, seq, 2.0)
    pitches = [ev.data1 for _, ev in song_ons(seq)]
    assert pitches == [60, 61, 60, 61, 60, 61]
    tr.set_loop(LoopRegion())  # loop off: plays on to the end
    run(tr, seq, 1.0)
    assert [ev.data1 for _, ev in song_ons(seq)][6:8] == [62, 63]


def test_a_tempo_change_keeps_the_position_and_retimes_what_follows() -> None:
    tr, seq = fake_transport(compile_schedule(drum_piece(bpm=120, bars=8)))
    tr.play()
    run(tr, seq, 1.1)
    before = tr.position_tick
    tr.set_tempo_bpm(60)
    assert abs(tr.position_tick - before) < 1
    run(tr, seq, 3.0)
    starts = [at for at, _ in song_ons(seq)]
    gaps = [b - a for a, b in pairwise(starts)]
    assert gaps[:4] == [11025] * 4  # 120 BPM eighths
    assert gaps[-4:] == [22050] * 4  # 60 BPM eighths
    assert len(starts) == len(set(starts))
    tr.stop()
    assert not seq.unbalanced()


def test_seek_while_playing_continues_from_the_new_place() -> None:
    notes = tuple(Note(i * 240, 40 + i, 120) for i in range(8))
    comp = Composition(
        tempo_map=TempoMap.constant(120),
        tracks=(Track(is_drum=True, clips=(Clip(notes=notes, repeats=4),)),),
    )
    tr, seq = fake_transport(compile_schedule(comp))
    tr.play()
    run(tr, seq, 0.3)
    tr.seek(1920 * 2 + 960)  # bar 3, beat 3: the fifth hit of the pattern
    run(tr, seq, 0.3)
    assert [ev.data1 for _, ev in song_ons(seq)] == [40, 41, 44, 45]
    assert tr.state == State.PLAYING
    tr.stop()
    assert not seq.unbalanced()


def test_pause_keeps_the_position_and_play_resumes_there() -> None:
    tr, seq = fake_transport(compile_schedule(drum_piece(bpm=120, bars=4)))
    tr.play()
    run(tr, seq, 1.0)
    tr.pause()
    paused_at = tr.position_tick
    assert tr.state == State.PAUSED and 900 < paused_at < 960  # 1 s at 120 BPM, less the guard
    assert seq.fades  # faded out
    run(tr, seq, 1.0)
    assert tr.position_tick == paused_at
    tr.play()
    run(tr, seq, 0.5)
    assert tr.state == State.PLAYING and tr.position_tick > paused_at


def test_stop_goes_back_to_where_play_started_then_to_the_start() -> None:
    tr, seq = fake_transport(compile_schedule(drum_piece(bpm=120, bars=4)))
    tr.seek(960)
    tr.play()
    run(tr, seq, 1.0)
    tr.stop()
    assert tr.state == State.STOPPED and tr.position_tick == 960
    assert not seq.queue  # nothing left queued
    tr.stop()
    assert tr.position_tick == 0


def test_note_ons_made_late_by_a_stalled_pump_are_dropped_not_heaped() -> None:
    tr, seq = fake_transport(compile_schedule(drum_piece(bpm=120, bars=4)))
    tr.play()
    run(tr, seq, 0.5)
    seq.advance_to(seq.now + SR)  # the GUI thread stalls for a second
    run(tr, seq, 0.5)
    starts = [at for at, _ in song_ons(seq)]
    assert len(starts) == len(set(starts))
    assert not seq.unbalanced()


def test_without_audio_the_position_still_follows_the_wall_clock() -> None:
    import time

    tr = Transport(NullSink(), WallClock(SR), sample_rate_hz=SR)
    tr.set_schedule(compile_schedule(drum_piece(bpm=120, bars=4)))
    tr.play()
    time.sleep(0.25)
    tr.pump()
    assert 150 < tr.position_tick < 400  # 0.25 s at 120 BPM is 240 ticks, less a 20 ms guard
    tr.stop()
    assert tr.state == State.STOPPED


# --- sound: a real synth, clock driven by rendering ---------------------------------------------


@pytest.fixture(scope="module")
def synth(bundled_font: Path):
    """One driverless synth for this module's sound tests (each `Rig` silences it first)."""
    from tonewell.engine.audio import AudioSettings
    from tonewell.engine.synth import Synth

    s = Synth(AudioSettings(reverb=False, chorus=False), bundled_font, audio=False)
    yield s
    s.close()


class Rig:
    """A transport on a driverless synth; `run` renders audio, pumping every 20 ms of it."""

    def __init__(self, synth) -> None:
        synth.panic()
        synth.render(SR // 2)  # let any previous test's sound die away
        self.synth = synth
        self.frame0 = synth.frames_rendered
        self.transport = Transport(synth, synth, sample_rate_hz=SR)
        self.chunks: list[np.ndarray] = []

    def run(self, seconds: float, pump_ms: float = 20.0) -> None:
        frames = round(seconds * SR)
        step = round(pump_ms * SR / 1000)
        while frames > 0:
            self.transport.pump()
            left, _right = self.synth.render(min(step, frames))
            self.chunks.append(np.frombuffer(left, dtype=np.float32))
            frames -= step

    @property
    def audio(self) -> np.ndarray:
        return np.concatenate(self.chunks)

    def now(self) -> int:
        """Index into `audio` of the next frame to render."""
        return self.synth.frames_rendered - self.frame0


def onsets(audio: np.ndarray, threshold: float = 1e-4, silence_ms: float = 40.0) -> np.ndarray:
    """Frames where sound starts after at least `silence_ms` below `threshold`."""
    loud = np.flatnonzero(np.abs(audio) > threshold)
    if loud.size == 0:
        return loud
    gap = round(silence_ms * SR / 1000)
    return np.concatenate(([loud[0]], loud[1:][np.diff(loud) > gap]))


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64)))) if x.size else 0.0


def test_a_loop_sounds_seamless_over_many_passes(synth) -> None:
    bpm, passes = 97.0, 25
    rig = Rig(synth)
    comp = drum_piece(bpm=bpm, hits_per_bar=4, bars=2, loop=LoopRegion(1920, 3840, True))
    rig.transport.set_schedule(compile_schedule(comp))
    rig.transport.seek(1920)
    rig.transport.play()
    rig.run(passes * 4 * 60 / bpm)  # the next pass starts 20 ms (the guard) after this
    found = onsets(rig.audio)
    assert len(found) == 4 * passes
    beat = 60 / bpm * SR
    error_ms = (found - found[0] - np.arange(len(found)) * beat) / SR * 1000
    assert np.ptp(error_ms) < 1.5  # one 64-frame block: FluidSynth's own resolution


def test_stop_is_silent_within_100_ms_without_a_click(synth) -> None:
    rig = Rig(synth)
    chord = tuple(Note(0, p, 1920 * 4) for p in (48, 55, 60, 64, 67))
    comp = with_track(drum_piece(bpm=120, bars=4), organ(chord, bars=4))
    rig.transport.set_schedule(compile_schedule(comp))
    rig.transport.play()
    rig.run(1.0)
    playing = rig.audio[-SR // 4 :]
    stop_at = rig.now()
    rig.transport.stop()
    rig.run(0.5)
    after = rig.audio[stop_at:]
    assert rms(playing) > 0.01
    assert rms(after[round(0.1 * SR) :]) < rms(playing) * 1e-3  # -60 dB from 100 ms on
    assert synth.active_voice_count() == 0
    # No click: the fade never jumps more than the music itself moves from sample to sample.
    assert np.abs(np.diff(after)).max() <= np.abs(np.diff(playing)).max() * 1.05


def test_an_edit_while_playing_leaves_no_hanging_note(synth) -> None:
    rig = Rig(synth)
    chord = tuple(Note(0, p, 1920) for p in (48, 55, 60))
    rig.transport.set_schedule(compile_schedule(with_track(drum_piece(bpm=120), organ(chord))))
    rig.transport.play()
    rig.run(0.6)
    assert synth.active_voice_count() > 0
    # Remove the chord while it sounds; the drums go on.
    rig.transport.set_schedule(compile_schedule(with_track(drum_piece(bpm=120), organ(()))))
    rig.run(2.0)  # past the end of the piece
    assert rig.transport.state == State.STOPPED
    assert synth.active_voice_count() == 0
    assert rms(rig.audio[-SR // 4 :]) < 1e-4


def test_the_accented_click_is_louder(synth) -> None:
    rig = Rig(synth)
    empty = Composition(
        tempo_map=TempoMap.constant(120),
        tracks=(Track(clips=(Clip(length_bars=2),)),),
        time_signature=TimeSignature(4, 4),
    )
    rig.transport.set_schedule(compile_schedule(empty))
    rig.transport.set_metronome(True)
    rig.transport.play()
    rig.run(4.2)
    audio = rig.audio
    found = onsets(audio, silence_ms=100)
    assert len(found) == 8
    peaks = [np.abs(audio[i : i + SR // 20]).max() for i in found]
    assert peaks[0] > max(peaks[1:4]) and peaks[4] > max(peaks[5:8])


def test_panic_silences_everything_at_once(synth) -> None:
    rig = Rig(synth)
    chord = tuple(Note(0, p, 1920 * 4) for p in (48, 55, 60, 64))
    comp = Composition(tempo_map=TempoMap.constant(120), tracks=(organ(chord, bars=4),))
    rig.transport.set_schedule(compile_schedule(comp))
    rig.transport.play()
    rig.run(0.5)
    synth.note_on(5, 72, 100)  # a play-through note on another channel
    at = rig.now()
    rig.transport.panic()
    rig.run(0.3)
    assert synth.active_voice_count() == 0
    assert rms(rig.audio[at + round(0.1 * SR) :]) < 1e-5


# --- what the recorder reads ---------------------------------------------------------------------


def test_play_and_every_pump_write_down_the_clock_beside_the_monotonic_time() -> None:
    tr, seq = fake_transport(compile_schedule(drum_piece()))
    seq.now = 4410
    tr.play()
    seq.advance_to(8820)
    tr.pump()
    samples = [sample for _, sample in tr.anchors]
    assert samples[0] == 4410 and samples[-1] == 8820
    times = [ns for ns, _ in tr.anchors]
    assert times == sorted(times) and times[0] > 0


def test_the_tick_at_a_clock_sample_wraps_with_the_loop_and_is_none_when_stopped() -> None:
    comp = Composition(tempo_map=TempoMap.constant(120), loop=LoopRegion(0, 1920, True))
    tr, _seq = fake_transport(compile_schedule(comp), guard_ms=0)
    assert tr.tick_at_sample(0) is None
    tr.play()
    origin = tr.anchors[-1][1]
    assert tr.tick_at_sample(origin + SR * 2.5) == pytest.approx(480)  # half a second in pass 2


def test_an_empty_looping_piece_plays_without_spinning_forever() -> None:
    comp = Composition(tracks=(Track("Empty"),), loop=LoopRegion(0, 1920, True))
    tr, seq = fake_transport(compile_schedule(comp))
    tr.play()
    run(tr, seq, 5.0)
    assert tr.state == State.PLAYING and seq.note_ons() == []

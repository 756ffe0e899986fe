"""Recording into a loop end to end, on real ports: a phrase played on a JACK MIDI keyboard
while the loop plays lands where the player heard it, and FluidSynth sounded it.

The window is the app's own (offscreen): its SoundEngine plays through FluidSynth's `jack`
driver on a private JACK dummy server whose period is the app's default period size, its
MidiShell listens on rtmidi's JACK API, and the Record button runs `ui/recording.Recording`
(takes, clock anchors, output-latency compensation). The "player" is a thread on a virtual MIDI
output named Keys: it strikes each key when the synth's sample clock says the target tick has
been rendered and then heard, an output latency later, so it plays in time with what it hears.
Recorded onsets must be within 10 ms of the targets; without the compensation they come out an
output latency (8.7 ms) plus the MIDI delivery (about a period) late, and this test fails.

The loop (a woodblock) is panned hard left and the keyboard's track hard right, so
`jack_rec`'s right channel holds only the notes played through, each found a little after the
woodblock tick the player was answering. A busy 2-core machine without real-time scheduling
drops a JACK cycle now and then (an xrun): a take during which the server reported one is
played again (three takes at most); only the last may keep its xruns, each one period of slack.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from tests.engine.jack_server import (
    KEYS_INPUT,
    JackServer,
    require_jack,
    serving,
    start_jack_server,
    virtual_keys,
)
from tests.engine.sound import read_wav
from tests.ui.jack_window import window_on_jack

from tonewell.model import Clip, Composition, LoopRegion, Note, TempoMap, Track
from tonewell.ui.main_window import MainWindow
from tonewell.ui.settings import PlayingSettings, SoundSettings

pytestmark = [pytest.mark.jack, pytest.mark.fluidsynth, pytest.mark.slow]

BPM = 120.0
TICKS_PER_MS = 480 * BPM / 60_000  # 0.96
LOOP_TICKS = 2 * 1920  # two bars: a pass lasts 4 s
PHRASE = [(0, 60), (480, 62), (960, 64), (1680, 65), (2160, 67), (2640, 72)]
"""(tick in the loop, pitch), played in the second pass (the first note on its downbeat)."""
HELD_S = 0.06
TOLERANCE_MS = 10.0
ATTEMPTS = 3


def loop_piece() -> Composition:
    """A woodblock on every eighth over two looped bars (left), an empty piano track (right).
    A melodic sound: General MIDI drum kits pan each drum themselves, so they would leak."""
    ticks = tuple(Note(t, 76, 60, 110) for t in range(0, LOOP_TICKS, 240))
    woodblock = Track("Woodblock", program=115, pan=0, clips=(Clip("Ticks", ticks, length_bars=2),))
    return Composition(
        tempo_map=TempoMap.constant(BPM),
        tracks=(Track("Piano", pan=127), woodblock),
        loop=LoopRegion(0, LOOP_TICKS, True),
    )


@pytest.fixture(scope="module")
def record_jack() -> Iterator[JackServer]:
    """This module's own server, its period the app's default period size."""
    require_jack()
    period = SoundSettings().period_size
    name = f"tonewell-record-test-{os.getpid()}"
    with serving(start_jack_server(name, period_frames=period)) as server:
        yield server


@pytest.fixture
def keys(record_jack: JackServer) -> Iterator[object]:
    """The keyboard, plugged in for the whole test (one unplugged and plugged in again within
    a hotplug poll would not be noticed)."""
    out = virtual_keys()
    yield out
    out.delete()


@pytest.fixture
def jack_window(qtbot, record_jack: JackServer, keys: object, small_font: Path,
                messages: list[str]) -> Iterator[MainWindow]:
    """The app's window on the JACK server: sound out through `jack`, keyboards in through it
    (the Keys port found)."""
    with window_on_jack(qtbot, small_font) as win:
        assert win.engine.driver_name() == "jack", win.engine.status_detail()
        win.midi.apply(PlayingSettings(backend="jack"))
        win.midi.start()
        qtbot.waitUntil(lambda: win.midi.state is not None
                        and win.midi.state.connected == (KEYS_INPUT,), timeout=5000)
        yield win


@dataclass
class Player:
    """Plays `PHRASE` on `keys` in the loop's second pass, in time with what it hears: each key
    when the tick it answers has been rendered and then `latency_ms` has gone by, as the synth's
    sample clock counts it. Runs on its own thread."""

    window: MainWindow
    keys: object
    latency_ms: float
    done: threading.Event

    def heard_ticks(self, wraps: list[int], last: list[float]) -> float:
        """The tick heard now, counted on from the take's start (passes unrolled)."""
        synth = self.window.engine.synth
        assert synth is not None
        latency = self.latency_ms * synth.sample_rate_hz / 1000
        tick = self.window.engine.transport.tick_at_sample(synth.now_samples() - latency)
        if tick is None:
            return -1.0
        if tick < last[0] - LOOP_TICKS / 2:
            wraps[0] += 1
        last[0] = tick
        return wraps[0] * LOOP_TICKS + tick

    def run(self) -> None:
        wraps, last = [0], [0.0]
        give_up = time.monotonic() + 3 * LOOP_TICKS / TICKS_PER_MS / 1000
        try:
            for tick, pitch in PHRASE:
                while self.heard_ticks(wraps, last) < LOOP_TICKS + tick:
                    if time.monotonic() > give_up:
                        return  # the loop never got there: the notes assertion says so
                    time.sleep(0.0003)
                self.keys.send_message([0x90, pitch, 100])  # type: ignore[attr-defined]
                time.sleep(HELD_S)
                self.keys.send_message([0x80, pitch, 0])  # type: ignore[attr-defined]
        finally:
            self.done.set()


def piano_notes(window: MainWindow) -> list[Note]:
    piano = window.piece.comp.tracks[0]
    return sorted(n for clip in piano.clips for n in clip.notes)


def take(window: MainWindow, qtbot, server: JackServer, keys: object, wav: Path
         ) -> tuple[list[Note], int]:
    """One take: arm, play the phrase in the second pass, stop once it is recorded. The
    piano's notes and the xruns the server reported meanwhile."""
    window.piece.load(loop_piece(), None)
    window.track_list.select_track(window.piece.comp.tracks[0].uid)
    window.midi.follow(window.piece.comp, window.piece.comp.tracks[0].uid)
    synth = window.engine.synth
    assert synth is not None
    recorder = server.record(wav, 10.0, server.output_ports())
    xruns = server.xruns()
    player = Player(window, keys, synth.audio.latency_ms or 0.0, threading.Event())
    window.transport.record_action.trigger()
    assert window.recording.active
    thread = threading.Thread(target=player.run, name="keys player")
    thread.start()
    try:
        qtbot.waitUntil(player.done.is_set, timeout=15_000)
        qtbot.waitUntil(lambda: len(piano_notes(window)) >= len(PHRASE), timeout=6000)
    finally:
        thread.join(timeout=15)
        window.transport.record_action.trigger()  # stop recording
        window.engine.transport.stop()
    recorder.wait(timeout=15)
    return piano_notes(window), server.xruns() - xruns


def onsets(channel: np.ndarray, rate_hz: int, threshold: float = 3e-3) -> np.ndarray:
    """Frames where the channel rises above `threshold` after 100 ms below it."""
    loud = np.flatnonzero(np.abs(channel) > threshold)
    if loud.size == 0:
        return loud
    gap = round(0.1 * rate_hz)
    return np.concatenate((loud[:1], loud[1:][np.diff(loud) > gap]))


def test_a_phrase_played_on_a_jack_keyboard_is_recorded_where_it_was_heard(
    jack_window: MainWindow, record_jack: JackServer, keys: object, qtbot, tmp_path: Path
) -> None:
    server = record_jack
    period_ms = server.period_frames / server.sample_rate_hz * 1000
    latency_ms = jack_window.engine.synth.audio.latency_ms  # type: ignore[union-attr]
    for attempt in range(ATTEMPTS):
        wav = tmp_path / f"take{attempt}.wav"
        notes, xruns = take(jack_window, qtbot, server, keys, wav)
        if xruns == 0:
            break
    slack_ms = xruns * period_ms

    # Recorded: the pitches exactly, each onset where the player heard its tick.
    assert [n.pitch for n in notes] == [p for _, p in PHRASE]
    error_ms = np.array([
        ((n.start_tick - t + LOOP_TICKS / 2) % LOOP_TICKS - LOOP_TICKS / 2) / TICKS_PER_MS
        for n, (t, _) in zip(notes, PHRASE, strict=True)
    ])
    detail = f"errors {np.round(error_ms, 2)} ms, {xruns} xruns, latency {latency_ms:.1f} ms"
    assert np.all(np.abs(error_ms) <= TOLERANCE_MS + slack_ms), detail

    # Sounded: the right channel holds the phrase. Each note sounded a little after the
    # woodblock tick on the left that the player answered: the output latency, plus how late
    # it was recorded (the same arrival time), plus the wait for the next cycle (a period, more
    # when the non-realtime server's cycles come unevenly: within the same 10 ms).
    audio, rate = read_wav(wav)
    played = onsets(audio[:, 1], rate)
    ticks = onsets(audio[:, 0], rate)
    assert len(played) == len(PHRASE), f"{len(played)} onsets on the right"
    after_ms = np.array([(p - ticks[ticks <= p].max()) / rate * 1000 for p in played])
    beyond_ms = after_ms - latency_ms - error_ms
    detail += f", sounded {np.round(after_ms, 2)} ms after the woodblock"
    assert np.all((beyond_ms >= -1.5) & (beyond_ms <= TOLERANCE_MS + slack_ms)), detail

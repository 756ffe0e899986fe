"""End to end on real MIDI ports: a private JACK dummy server, a virtual output named "Keys"
playing a phrase into Tonewell's input on rtmidi's JACK API, hotplug included.

The server is this module's own (its own name), so it never meets the engine tests' server.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest
from tests.engine.jack_server import (
    KEYS_INPUT,
    JackServer,
    require_jack,
    serving,
    start_jack_server,
    virtual_keys,
)
from tests.midi.fakes import RecordingSink

from tonewell.midi.hotplug import DeviceState
from tonewell.midi.live_input import MidiInput
from tonewell.midi.played import NOTE_ON

pytestmark = pytest.mark.jack

PORT = KEYS_INPUT
PHRASE = [(60, 70), (62, 80), (64, 90), (65, 100), (67, 110), (72, 120)]


@pytest.fixture(scope="module")
def midi_jack() -> Iterator[JackServer]:
    require_jack()
    with serving(start_jack_server(f"tonewell-midi-test-{os.getpid()}")) as server:
        yield server


class TimedSink(RecordingSink):
    """Writes down each call with `time.monotonic_ns()` when it came."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[int] = []

    def note_on(self, channel: int, pitch: int, velocity: int) -> None:
        self.times.append(time.monotonic_ns())
        super().note_on(channel, pitch, velocity)


class States:
    def __init__(self) -> None:
        self.seen: list[DeviceState] = []
        self.changed = threading.Condition()

    def __call__(self, state: DeviceState) -> None:
        with self.changed:
            self.seen.append(state)
            self.changed.notify_all()

    def wait_for(self, connected: tuple[str, ...], timeout_s: float = 5.0) -> DeviceState:
        with self.changed:
            ok = self.changed.wait_for(
                lambda: self.seen and self.seen[-1].connected == connected, timeout_s
            )
            assert ok, f"never connected to {connected}: {self.seen}"
            return self.seen[-1]


def test_a_phrase_played_on_a_jack_port_reaches_the_sink_in_time(midi_jack: JackServer) -> None:
    out = virtual_keys()
    sink, states = TimedSink(), States()
    midi = MidiInput(sink, backend="jack", on_state=states, interval_s=0.1)
    midi.router.set_target(2)
    midi.start()
    try:
        assert states.wait_for((PORT,)).message == f"Playing from {PORT}"
        sent = []
        for pitch, velocity in PHRASE:
            sent.append(time.monotonic_ns())
            out.send_message([0x90, pitch, velocity])
            time.sleep(0.03)
            out.send_message([0x80, pitch, 0])
            time.sleep(0.02)
        deadline = time.monotonic() + 2.0
        while len(sink.of("note_off")) < len(PHRASE) and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        midi.stop()
        out.delete()
    assert sink.of("note_on") == [("note_on", 2, p, v) for p, v in PHRASE]
    assert sink.of("note_off") == [("note_off", 2, p) for p, _ in PHRASE]
    # one JACK period is 5.8 ms: a message takes up to about two to arrive
    delays_ms = [(t - s) / 1e6 for s, t in zip(sent, sink.times, strict=True)]
    assert all(0 < d < 25 for d in delays_ms), delays_ms
    played = [p for p in midi.played.drain() if p.kind == NOTE_ON]
    assert [p.pitch for p in played] == [p for p, _ in PHRASE]
    for p, s, t in zip(played, sent, sink.times, strict=True):
        assert s < p.arrived_ns <= t  # stamped on arrival, before the synth was called


def test_a_jack_keyboard_unplugged_releases_its_note_and_comes_back(midi_jack: JackServer) -> None:
    out = virtual_keys()
    sink, states = RecordingSink(), States()
    midi = MidiInput(sink, backend="jack", on_state=states, interval_s=0.1)
    midi.start()
    try:
        states.wait_for((PORT,))
        out.send_message([0x90, 64, 100])
        deadline = time.monotonic() + 2.0
        while not sink.of("note_on") and time.monotonic() < deadline:
            time.sleep(0.01)
        out.delete()  # unplugged with the key still down
        assert states.wait_for(()).message == "no MIDI keyboard found"
        assert sink.calls == [("note_on", 0, 64, 100), ("note_off", 0, 64)]
        out = virtual_keys()  # plugged in again
        states.wait_for((PORT,))
        out.send_message([0x90, 67, 90])
        deadline = time.monotonic() + 2.0
        while len(sink.of("note_on")) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert sink.of("note_on")[-1] == ("note_on", 0, 67, 90)
    finally:
        midi.stop()
        out.delete()

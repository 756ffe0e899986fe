"""`MidiInput`: router and poller together, the backend setting, start/stop/panic."""

from __future__ import annotations

import threading

from tests.midi.fakes import FakePorts, RecordingSink

from tonewell.midi.hotplug import NO_KEYBOARD, DeviceState
from tonewell.midi.live_input import MidiInput
from tonewell.midi.ports import backends_for

KEYS = "Keys:Keys MIDI 1 24:0"


def test_it_listens_from_start_to_stop_and_releases_notes_on_stop():
    alsa = FakePorts("alsa", [KEYS])
    sink = RecordingSink()
    found = threading.Event()
    midi = MidiInput(
        sink, on_state=lambda s: found.set() if s.connected else None, interval_s=0.01,
        systems_for=lambda backend: [alsa],
    )
    midi.router.set_target(4)
    midi.start()
    try:
        assert found.wait(2.0)
        alsa.port(KEYS).send(0x90, 60, 100, arrived_ns=123)
        assert midi.played.drain()[0].arrived_ns == 123
    finally:
        midi.stop()
    assert sink.calls == [("note_on", 4, 60, 100), ("note_off", 4, 60)]


def test_panic_releases_what_is_held():
    alsa = FakePorts("alsa", [KEYS])
    sink = RecordingSink()
    midi = MidiInput(sink, systems_for=lambda backend: [alsa])
    midi.poll_once()
    alsa.port(KEYS).send(0x90, 60, 100)
    midi.panic()
    assert sink.calls[-1] == ("note_off", 0, 60)
    midi.stop()


def test_switching_backend_reopens_on_the_new_one():
    systems = {
        "alsa": FakePorts("alsa", [KEYS]),
        "jack": FakePorts("jack", ["RtMidiOut Client:Keys"]),
    }
    midi = MidiInput(RecordingSink(), backend="alsa", systems_for=lambda b: [systems[b]])
    assert midi.poll_once().connected == ("Keys:Keys MIDI 1",)
    midi.set_backend("jack")
    assert systems["alsa"].opened[KEYS].closed
    assert midi.poll_once().connected == ("RtMidiOut Client:Keys",)
    midi.stop()


def test_a_backend_that_is_not_there_is_a_calm_state(monkeypatch):
    monkeypatch.setattr("tonewell.midi.ports.compiled_backends", lambda: ("alsa", "jack"))
    states: list[DeviceState] = []
    midi = MidiInput(RecordingSink(), backend="coremidi", on_state=states.append,
                     systems_for=lambda b: [FakePorts(n) for n in backends_for(b)])
    midi.poll_once()
    assert states[0].message == NO_KEYBOARD
    assert "not available" in (states[0].problem or "")
    midi.stop()

"""Hotplug: port names appearing and disappearing, reconnect by name, notes released."""

from __future__ import annotations

import threading
import time

import pytest
from tests.midi.fakes import FakePorts, RecordingSink

from tonewell.midi.hotplug import NO_KEYBOARD, POLL_THREAD_NAME, DevicePoller, DeviceState
from tonewell.midi.router import Router

KEYS = "Keys:Keys MIDI 1 24:0"
PADS = "Pads:Pads MIDI 1 28:0"


class Setup:
    def __init__(self, *systems: FakePorts, device: str | None = None) -> None:
        self.sink = RecordingSink()
        self.router = Router(self.sink)
        self.states: list[DeviceState] = []
        self.poller = DevicePoller(
            systems, self.router, device=device, on_state=self.states.append, interval_s=0.01
        )


def test_no_midi_system_is_said_once_and_nothing_fails():
    alsa = FakePorts("alsa")
    alsa.available = False
    s = Setup(alsa)
    for _ in range(3):
        s.poller.poll_once()
    assert s.states == [
        DeviceState((), NO_KEYBOARD, "alsa MIDI is not available on this computer")
    ]


def test_an_empty_system_is_no_keyboard_without_a_problem():
    s = Setup(FakePorts("jack"))
    assert s.poller.poll_once() == DeviceState((), NO_KEYBOARD, None)


def test_a_keyboard_plugged_in_later_is_opened_and_played():
    alsa = FakePorts("alsa")
    s = Setup(alsa)
    s.poller.poll_once()
    alsa.names.append(KEYS)
    state = s.poller.poll_once()
    assert state.connected == ("Keys:Keys MIDI 1",)
    assert state.message == "Playing from Keys:Keys MIDI 1"
    alsa.port(KEYS).send(0x90, 60, 100)
    assert s.sink.calls == [("note_on", 0, 60, 100)]
    assert len(s.states) == 2


def test_an_unplugged_keyboard_releases_its_notes_and_reconnects_by_name():
    alsa = FakePorts("alsa", [KEYS, PADS])
    s = Setup(alsa)
    s.poller.poll_once()
    keys = alsa.port(KEYS)
    keys.send(0x90, 60, 100)
    keys.send(0xB0, 64, 127)
    alsa.port(PADS).send(0x90, 36, 100)
    alsa.names.remove(KEYS)
    state = s.poller.poll_once()
    assert keys.closed
    assert state.connected == ("Pads:Pads MIDI 1",)
    assert ("note_off", 0, 60) in s.sink.calls
    assert ("control", 0, 64, 0) in s.sink.calls
    assert ("note_off", 0, 36) not in s.sink.calls  # the other keyboard still holds its note
    alsa.names.append("Keys:Keys MIDI 1 32:0")  # back, with new ALSA client numbers
    state = s.poller.poll_once()
    assert state.connected == ("Keys:Keys MIDI 1", "Pads:Pads MIDI 1")
    alsa.port("Keys:Keys MIDI 1 32:0").send(0x90, 62, 90)
    assert s.sink.calls[-1] == ("note_on", 0, 62, 90)


def test_ports_stay_open_while_present():
    alsa = FakePorts("alsa", [KEYS])
    s = Setup(alsa)
    for _ in range(4):
        s.poller.poll_once()
    assert alsa.open_count == 1
    assert len(s.states) == 1


def test_only_the_chosen_device_is_listened_to():
    alsa = FakePorts("alsa", [KEYS, PADS])
    s = Setup(alsa, device="Pads:Pads MIDI 1")
    assert s.poller.poll_once().connected == ("Pads:Pads MIDI 1",)
    s.poller.set_device("Drums")
    state = s.poller.poll_once()
    assert state == DeviceState((), "waiting for Drums", None)
    assert alsa.opened[PADS].closed
    s.poller.set_device(None)
    assert s.poller.poll_once().connected == ("Keys:Keys MIDI 1", "Pads:Pads MIDI 1")


def test_a_system_that_goes_away_closes_its_ports_and_the_other_system_plays_on():
    alsa, jack = FakePorts("alsa", [KEYS]), FakePorts("jack", ["RtMidiOut Client:Keys"])
    s = Setup(alsa, jack)
    assert len(s.poller.poll_once().connected) == 2
    jack.port("RtMidiOut Client:Keys").send(0x90, 67, 70)
    jack.available = False  # the JACK server stopped
    state = s.poller.poll_once()
    assert state.connected == ("Keys:Keys MIDI 1",) and state.problem is None
    assert s.sink.calls[-1] == ("note_off", 0, 67)


def test_a_port_gone_between_listing_and_opening_is_tried_again():
    alsa = FakePorts("alsa", [KEYS])
    real_open = alsa.open_input
    calls = []

    def flaky(name, on_message):
        calls.append(name)
        if len(calls) == 1:
            alsa.available = False
            try:
                return real_open(name, on_message)
            finally:
                alsa.available = True
        return real_open(name, on_message)

    alsa.open_input = flaky
    s = Setup(alsa)
    assert s.poller.poll_once().connected == ()
    assert s.poller.poll_once().connected == ("Keys:Keys MIDI 1",)


def test_the_poller_thread_finds_a_keyboard_and_stop_ends_it_releasing_notes():
    alsa = FakePorts("alsa")
    s = Setup(alsa)
    seen = threading.Event()
    s.poller._on_state = lambda state: seen.set() if state.connected else None
    s.poller.start()
    try:
        assert any(t.name == POLL_THREAD_NAME for t in threading.enumerate())
        alsa.names.append(KEYS)
        assert seen.wait(2.0), "the poller did not open the new keyboard"
        alsa.port(KEYS).send(0x90, 60, 100)
    finally:
        s.poller.stop()
    assert not any(t.name == POLL_THREAD_NAME for t in threading.enumerate())
    assert alsa.opened[KEYS].closed and alsa.closed
    assert s.sink.calls[-1] == ("note_off", 0, 60)
    s.poller.stop()  # idempotent


@pytest.mark.parametrize("failure", [RuntimeError("odd"), KeyError("odd")])
def test_an_odd_failure_in_a_round_is_a_state_and_polling_goes_on(failure):
    alsa = FakePorts("alsa")
    rounds = []

    def broken():
        rounds.append(1)
        raise failure

    alsa.input_names = broken
    s = Setup(alsa)
    s.poller.start()
    try:
        deadline = time.monotonic() + 5.0
        while len(rounds) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        s.poller.stop()
    assert len(rounds) >= 3
    assert s.states[0].message == NO_KEYBOARD
    assert "MIDI input stopped working" in (s.states[0].problem or "")


def test_a_keyboard_plugged_out_and_in_within_one_round_is_opened_again():
    """Back under new ALSA client numbers before the next round: the stable name is the same,
    but the old connection is dead, so it is closed (its notes released) and opened again."""
    alsa = FakePorts("alsa", [KEYS])
    s = Setup(alsa)
    s.poller.poll_once()
    old = alsa.port(KEYS)
    old.send(0x90, 60, 100)
    alsa.names[:] = ["Keys:Keys MIDI 1 36:0"]
    state = s.poller.poll_once()
    assert old.closed and ("note_off", 0, 60) in s.sink.calls
    assert state.connected == ("Keys:Keys MIDI 1",)
    alsa.port("Keys:Keys MIDI 1 36:0").send(0x90, 64, 80)
    assert s.sink.calls[-1] == ("note_on", 0, 64, 80)

"""MIDI input discovery never raises, whatever the MIDI systems do (rtmidi faked)."""

from __future__ import annotations

import os

import pytest
import rtmidi

from tonewell.cli import main
from tonewell.midi.devices import NO_MIDI_SYSTEM, FoundInput, scan_inputs

BOTH = [rtmidi.API_LINUX_ALSA, rtmidi.API_UNIX_JACK]


def fake_rtmidi(monkeypatch, ports_by_api: dict[int, list[str] | Exception]) -> None:
    """rtmidi with the APIs of `ports_by_api`: a list of input names, or what making a client
    raises (after writing to stderr, as ALSA and libjack do)."""

    class FakeMidiIn:
        def __init__(self, rtapi: int, name: str) -> None:
            found = ports_by_api[rtapi]
            if isinstance(found, Exception):
                os.write(2, b"ALSA lib seq_hw.c:466: open /dev/snd/seq failed\n")
                raise found
            self._ports = found

        def get_ports(self) -> list[str]:
            return list(self._ports)

        def delete(self) -> None:
            pass

    monkeypatch.setattr(rtmidi, "get_compiled_api", lambda: list(ports_by_api))
    monkeypatch.setattr(rtmidi, "MidiIn", FakeMidiIn)


def no_sequencer() -> Exception:
    return rtmidi.SystemError("MidiInAlsa::initialize: error creating ALSA sequencer client.")


def test_a_missing_midi_system_is_no_inputs_and_a_reason(monkeypatch, capfd):
    fake_rtmidi(monkeypatch, {rtmidi.API_LINUX_ALSA: no_sequencer(),
                              rtmidi.API_UNIX_JACK: rtmidi.SystemError("JACK server not running?")})
    scan = scan_inputs()
    assert scan.names == ()
    assert scan.problem == NO_MIDI_SYSTEM
    assert dict(scan.unavailable) == {
        "alsa": "ALSA MIDI is not available on this computer",
        "jack": "no JACK server is running",
    }
    assert "ALSA lib" not in capfd.readouterr().err  # the C library's noise stays out


def test_inputs_of_every_working_backend_are_listed(monkeypatch):
    fake_rtmidi(monkeypatch, {rtmidi.API_LINUX_ALSA: no_sequencer(),
                              rtmidi.API_UNIX_JACK: ["RtMidiOut Client:Keys"]})
    scan = scan_inputs()
    assert scan.inputs == (FoundInput("jack", "RtMidiOut Client:Keys"),)
    assert scan.problem is None


def test_one_backend_can_be_chosen(monkeypatch):
    fake_rtmidi(monkeypatch, {rtmidi.API_LINUX_ALSA: ["Keys:Keys MIDI 1 24:0"],
                              rtmidi.API_UNIX_JACK: ["RtMidiOut Client:Keys"]})
    assert scan_inputs("alsa").names == ("Keys:Keys MIDI 1 24:0",)
    assert scan_inputs("jack").names == ("RtMidiOut Client:Keys",)
    assert "not available" in (scan_inputs("coremidi").problem or "")


def test_devices_command_names_the_backend_of_each_input(monkeypatch, capsys):
    fake_rtmidi(monkeypatch, {rtmidi.API_LINUX_ALSA: no_sequencer(),
                              rtmidi.API_UNIX_JACK: ["RtMidiOut Client:Keys"]})
    assert main(["devices"]) == 0
    assert "  RtMidiOut Client:Keys (JACK)\n" in capsys.readouterr().out


def test_devices_command_says_calmly_when_there_is_no_midi(monkeypatch, capsys):
    fake_rtmidi(monkeypatch, {rtmidi.API_LINUX_ALSA: no_sequencer()})
    assert main(["devices"]) == 0
    assert f"MIDI inputs:\n  none found ({NO_MIDI_SYSTEM})\n" in capsys.readouterr().out


@pytest.mark.parametrize("exc", [OSError("gone"), RuntimeError("rtmidi")])
def test_other_failures_are_also_a_reason(monkeypatch, exc):
    fake_rtmidi(monkeypatch, {rtmidi.API_LINUX_ALSA: exc})
    assert scan_inputs().problem == NO_MIDI_SYSTEM

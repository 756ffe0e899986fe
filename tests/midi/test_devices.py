"""MIDI input discovery never raises, whatever the MIDI system does."""

from __future__ import annotations

import mido
import pytest

from tonewell.midi.devices import scan_inputs


def test_a_missing_midi_system_is_no_inputs_and_a_reason(monkeypatch):
    def broken():
        raise SystemError("MidiInAlsa::initialize: error creating ALSA sequencer client object.")

    monkeypatch.setattr(mido, "get_input_names", broken)
    scan = scan_inputs()
    assert scan.names == ()
    assert scan.problem == "no MIDI system is available on this computer"


def test_inputs_found_are_listed(monkeypatch):
    monkeypatch.setattr(mido, "get_input_names", lambda: ["Keys:Keys MIDI 1 24:0"])
    assert scan_inputs().names == ("Keys:Keys MIDI 1 24:0",)


def test_c_library_noise_does_not_reach_the_terminal(monkeypatch, capfd):
    import os

    def noisy():
        os.write(2, b"ALSA lib seq_hw.c:466: open /dev/snd/seq failed\n")
        raise SystemError("no sequencer")

    monkeypatch.setattr(mido, "get_input_names", noisy)
    scan_inputs()
    assert "ALSA lib" not in capfd.readouterr().err


@pytest.mark.parametrize("exc", [OSError("gone"), RuntimeError("rtmidi")])
def test_other_failures_are_also_a_reason(monkeypatch, exc):
    def broken():
        raise exc

    monkeypatch.setattr(mido, "get_input_names", broken)
    assert scan_inputs().problem

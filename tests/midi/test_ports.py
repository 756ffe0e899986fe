"""Port names to reconnect by, and which backends a setting stands for."""

from __future__ import annotations

import pytest
import rtmidi

from tonewell.midi.ports import backends_for, compiled_backends, stable_name


def test_alsa_client_numbers_are_not_part_of_the_name():
    name = "Keystation 49:Keystation 49 MIDI 1"
    assert stable_name(f"{name} 24:0") == name
    assert stable_name(f"{name} 28:0") == name  # plugged in again
    assert stable_name("RtMidiOut Client:Keys") == "RtMidiOut Client:Keys"


def test_automatic_means_every_compiled_backend(monkeypatch):
    apis = [rtmidi.API_LINUX_ALSA, rtmidi.API_UNIX_JACK, rtmidi.API_RTMIDI_DUMMY]
    monkeypatch.setattr(rtmidi, "get_compiled_api", lambda: apis)
    assert compiled_backends() == ("alsa", "jack")
    assert backends_for("automatic") == ("alsa", "jack")
    assert backends_for("jack") == ("jack",)


def test_a_backend_not_compiled_in_is_a_plain_message(monkeypatch):
    monkeypatch.setattr(rtmidi, "get_compiled_api", lambda: [rtmidi.API_LINUX_ALSA])
    with pytest.raises(ValueError, match="choose one of: automatic, alsa"):
        backends_for("jack")

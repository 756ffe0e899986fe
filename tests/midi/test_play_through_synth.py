"""The router playing the real live `Synth` (offline: no audio driver, the test renders)."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pytest

from tonewell.engine.audio import AudioSettings
from tonewell.engine.synth import Synth
from tonewell.midi.router import Router


@pytest.fixture
def synth(bundled_font: Path):
    with Synth(AudioSettings(reverb=False, chorus=False), bundled_font, audio=False) as s:
        yield s


def channel_bend(synth: Synth, channel: int) -> int:
    """The channel's pitch wheel as FluidSynth holds it (0..16383, centre 8192)."""
    import fluidsynth

    value = ctypes.c_int()
    get = fluidsynth._fl.fluid_synth_get_pitch_bend
    get.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
    assert get(synth.fs.synth, channel, ctypes.byref(value)) == 0
    return value.value


def test_a_played_note_sounds_and_its_release_ends_it(synth):
    router = Router(synth)
    router.set_target(1)
    synth.set_program(1, 0)
    router.handle("alsa/Keys", [0x90, 60, 100], 0)
    synth.render(512)
    assert synth.active_voice_count() > 0
    router.handle("alsa/Keys", [0x80, 60, 0], 0)
    synth.render(44100 * 3)
    assert synth.active_voice_count() == 0


def test_pitch_bend_reaches_the_synth_and_rests_when_the_device_goes(synth):
    router = Router(synth)
    router.set_target(3)
    router.handle("alsa/Keys", [0xE3, 0x00, 0x60], 0)  # +4096
    assert channel_bend(synth, 3) == 8192 + 4096
    router.release_device("alsa/Keys")
    assert channel_bend(synth, 3) == 8192


def test_the_sustain_pedal_holds_a_released_note(synth):
    router = Router(synth)
    synth.set_program(0, 0)
    router.handle("alsa/Keys", [0xB0, 64, 127], 0)
    router.handle("alsa/Keys", [0x90, 60, 100], 0)
    router.handle("alsa/Keys", [0x80, 60, 0], 0)
    synth.render(44100)
    assert synth.active_voice_count() > 0  # held by the pedal
    router.handle("alsa/Keys", [0xB0, 64, 0], 0)
    synth.render(44100 * 3)
    assert synth.active_voice_count() == 0

"""`MidiShell`: the window's MIDI input on the live synth, its state on the GUI thread, the
selected track's channel and sound, the key's scale lock and the saved settings."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from tests.midi.fakes import FakePorts
from tests.ui.play_fakes import FakeEngine, band

from tonewell.model import CC_PAN, CC_VOLUME, Clip, Composition, Key, Track
from tonewell.ui.midi_input import SCREEN_DEVICE, MidiShell, play_target
from tonewell.ui.settings import PlayingSettings

KEYS = "Keys:Keys MIDI 1 24:0"


@pytest.fixture
def engine(qtbot) -> FakeEngine:
    return FakeEngine()


def shell_for(engine: FakeEngine, ports: FakePorts, **settings: object) -> MidiShell:
    return MidiShell(engine, PlayingSettings(**settings),  # type: ignore[arg-type]
                     systems_for=lambda backend: [ports], interval_s=0.01)


def test_each_track_plays_on_its_channel_in_the_schedule():
    comp = band()
    piano, kit, strings = comp.tracks
    assert play_target(comp, piano.uid).channel == 0
    assert play_target(comp, kit.uid).channel == 9 and play_target(comp, kit.uid).drum
    assert play_target(comp, strings.uid).program == 48
    assert play_target(comp, strings.uid).channel == 1
    assert play_target(comp, None) is None


def test_a_track_past_sixteen_channels_plays_on_a_spare_one():
    clip = Clip(name="A", length_bars=1)
    tracks = tuple(Track(name=f"T{i}", is_drum=i >= 14, clips=(clip,)) for i in range(17))
    comp = Composition(title="Many", tracks=tracks)
    # 14 melodic tracks take 0..8 and 10..14; the first drum track 9; later drum tracks 16, 17
    assert play_target(comp, tracks[14].uid).channel == 9
    assert play_target(comp, tracks[15].uid).channel == 15


def test_the_device_state_reaches_the_gui_thread(qtbot, engine):
    ports = FakePorts("alsa", [KEYS])
    shell = shell_for(engine, ports)
    seen: list[tuple[str, str]] = []
    shell.state_changed.connect(  # direct: runs on the thread that emits
        lambda s: seen.append((s.message, threading.current_thread().name)),
        Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(shell.state_changed, timeout=2000):
        shell.start()
    shell.stop()
    assert seen[0] == ("Playing from Keys:Keys MIDI 1", threading.main_thread().name)
    assert shell.known_devices == ["Keys:Keys MIDI 1"]
    assert not any(t.name == "tonewell-midi-poll" for t in threading.enumerate())


def test_no_keyboard_is_said_calmly(qtbot, engine):
    shell = shell_for(engine, FakePorts("alsa", []))
    with qtbot.waitSignal(shell.state_changed) as signal:
        shell.input.poll_once()
    assert signal.args[0].message == "no MIDI keyboard found"
    shell.stop()


def test_keys_play_with_the_selected_tracks_channel_and_sound(qtbot, engine):
    ports = FakePorts("alsa", [KEYS])
    shell = shell_for(engine, ports)
    comp = band()
    shell.follow(comp, comp.tracks[2].uid)  # strings
    shell.input.poll_once()
    ports.port(KEYS).send(0x90, 60, 100)
    synth = engine.synth
    assert synth.calls[:3] == [("program", 1, 48, False), ("control", 1, CC_VOLUME, 100),
                               ("control", 1, CC_PAN, 64)]
    assert synth.calls[-1] == ("note_on", 1, 60, 100)
    shell.follow(comp, comp.tracks[1].uid)  # the kit: percussion bank on channel 9
    assert ("program", 9, 0, True) in synth.calls
    shell.stop()


def test_a_new_synth_from_the_engine_is_played_with_the_tracks_sound(qtbot, engine):
    ports = FakePorts("alsa", [KEYS])
    shell = shell_for(engine, ports)
    comp = band()
    shell.follow(comp, comp.tracks[2].uid)
    shell.input.poll_once()
    old = engine.synth
    new = engine.rebuild()
    ports.port(KEYS).send(0x90, 62, 90)
    assert new.calls[0] == ("program", 1, 48, False)
    assert new.calls[-1] == ("note_on", 1, 62, 90)
    assert not old.of("note_on")
    shell.stop()


def test_the_scale_lock_follows_the_pieces_key(qtbot, engine):
    shell = shell_for(engine, FakePorts(), scale_lock="diatonic")
    comp = band(Key(0, "major"))
    shell.follow(comp, comp.tracks[0].uid)
    shell.press(SCREEN_DEVICE, 61, 80)  # C# is not in C major: the C below sounds
    shell.release(SCREEN_DEVICE, 61)
    shell.follow(band(Key(2, "major")), comp.tracks[0].uid)  # D major has C#
    shell.press(SCREEN_DEVICE, 61, 80)
    assert [c[2] for c in engine.synth.of("note_on")] == [60, 61]
    assert shell.sounding_keys() == {61}


def test_settings_apply_to_the_window_keyboards_too(qtbot, engine):
    shell = shell_for(engine, FakePorts())
    shell.follow(band(), band().tracks[0].uid)
    shell.apply(PlayingSettings(velocity_curve="fixed", scale_lock="pentatonic",
                                white_keys_walk=True))
    shell.press(SCREEN_DEVICE, 61, 30)  # a black key is silent while white keys walk
    shell.press(SCREEN_DEVICE, 62, 30)  # D: the second tone of C major pentatonic
    assert engine.synth.of("note_on") == [("note_on", 0, 62, 100)]


def test_choosing_one_device_listens_to_it_alone(qtbot, engine):
    ports = FakePorts("alsa", [KEYS, "Pads"])
    shell = shell_for(engine, ports)
    assert shell.input.poll_once().connected == ("Keys:Keys MIDI 1", "Pads")
    shell.apply(PlayingSettings(device="Pads"))
    assert shell.input.poll_once().connected == ("Pads",)
    assert ports.opened[KEYS].closed
    shell.stop()


def test_panic_releases_what_the_keyboards_hold(qtbot, engine):
    ports = FakePorts("alsa", [KEYS])
    shell = shell_for(engine, ports)
    shell.input.poll_once()
    ports.port(KEYS).send(0x90, 64, 100)
    shell.press(SCREEN_DEVICE, 67, 100)
    shell.panic()
    assert sorted(c[2] for c in engine.synth.of("note_off")) == [64, 67]
    assert shell.sounding_keys() == frozenset()
    shell.stop()


def test_without_a_synth_keys_are_silent_not_broken(qtbot, engine):
    engine.synth = None
    engine.status_changed.emit()
    shell = shell_for(engine, FakePorts())
    shell.follow(band(), band().tracks[0].uid)
    shell.press(SCREEN_DEVICE, 60, 100)
    assert shell.sounding_keys() == {60}

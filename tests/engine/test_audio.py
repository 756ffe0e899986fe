"""Choosing an audio driver: order, cheap probes, latency, and running without sound."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tonewell.engine import audio
from tonewell.engine.audio import AudioSettings, AudioStatus, output_latency_ms


def test_output_latency_is_period_size_times_periods_over_the_rate() -> None:
    assert output_latency_ms(AudioSettings()) == pytest.approx(11.61, abs=0.01)
    assert output_latency_ms(AudioSettings(sample_rate_hz=48000, period_size=64, periods=3)) == 4.0


def test_drivers_are_tried_in_the_platform_order() -> None:
    assert audio.platform_drivers("linux") == ("pulseaudio", "jack", "alsa", "sdl2")
    assert audio.platform_drivers("darwin") == ("coreaudio",)
    assert audio.platform_drivers("win32") == ("wasapi", "dsound")
    assert audio.platform_drivers("plan9") == ()


@pytest.fixture
def listening(tmp_path: Path) -> Iterator[Callable[[Path], Path]]:
    """Make Unix sockets with a server listening on them, closed afterwards."""
    servers: list[socket.socket] = []

    def listen(path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(str(path))
        s.listen()
        servers.append(s)
        return path

    yield listen
    for s in servers:
        s.close()


def test_jack_is_skipped_at_once_when_no_server_runs(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JACK_TMPDIR", str(tmp_path))
    monkeypatch.setenv("JACK_DEFAULT_SERVER", "nobody")
    started = time.perf_counter()
    assert "no JACK server running" in (audio.probe_jack() or "")
    assert time.perf_counter() - started < 0.05


def test_a_running_jack_server_is_found_by_its_socket(monkeypatch, tmp_path, listening) -> None:
    monkeypatch.setenv("JACK_TMPDIR", str(tmp_path))
    monkeypatch.setenv("JACK_DEFAULT_SERVER", "studio")
    listening(tmp_path / f"jack_studio_{os.getuid()}_0")
    assert audio.probe_jack() is None


def test_a_stale_jack_socket_is_not_a_server(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JACK_TMPDIR", str(tmp_path))
    monkeypatch.setenv("JACK_DEFAULT_SERVER", "crashed")
    path = tmp_path / f"jack_crashed_{os.getuid()}_0"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.bind(str(path))  # left behind by a server that died
    assert path.exists()
    assert audio.probe_jack() is not None


def test_pulseaudio_is_tried_only_when_its_socket_answers(monkeypatch, tmp_path, listening) -> None:
    native = tmp_path / "pulse" / "native"
    monkeypatch.setattr(audio, "pulse_socket_paths", lambda: [str(native)])
    monkeypatch.delenv("PULSE_SERVER", raising=False)
    assert audio.probe_pulseaudio() == "no PulseAudio or PipeWire server found"
    listening(native)
    assert audio.probe_pulseaudio() is None


def test_the_pulse_socket_is_looked_for_in_the_runtime_dir(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("PULSE_SERVER", "unix:/elsewhere/native")
    paths = audio.pulse_socket_paths()
    assert paths[:2] == ["/elsewhere/native", str(tmp_path / "pulse" / "native")]


class FakeFluidSynth:
    """Just enough of pyfluidsynth's Synth for `start_audio`'s settings."""

    def __init__(self) -> None:
        self.settings = None
        self.synth = None
        self.audio_driver = None
        self.values: dict[str, object] = {}

    def setting(self, name: str, value: object) -> None:
        self.values[name] = value


def test_with_no_usable_driver_the_status_says_why_in_plain_words() -> None:
    reasons = {"pulseaudio": "no server", "jack": "no JACK server running", "alsa": "no card"}
    status = audio.start_audio(
        FakeFluidSynth(), AudioSettings(), drivers=list(reasons), probe=reasons.get
    )
    assert not status.running and status.latency_ms is None
    assert status.describe() == (
        "no sound output: pulseaudio: no server; jack: no JACK server running; alsa: no card"
    )


def test_a_chosen_driver_is_the_only_one_tried() -> None:
    tried: list[str] = []

    def probe(name: str) -> str | None:
        tried.append(name)
        return "absent"

    audio.start_audio(FakeFluidSynth(), AudioSettings(driver="alsa"), probe=probe)
    assert tried == ["alsa"]


def test_a_driver_that_fails_to_start_is_reported_and_the_next_is_tried(tmp_path) -> None:
    fluidsynth = pytest.importorskip("fluidsynth")
    fs = fluidsynth.Synth()
    fs.setting("audio.file.name", str(tmp_path / "out.raw"))
    try:
        status = audio.start_audio(
            fs, AudioSettings(period_size=128), drivers=["no-such-driver", "file"],
            probe=lambda name: None,
        )  # fmt: skip
        assert status.driver == "file" and fs.audio_driver is not None
        assert status.tried == (("no-such-driver", "did not start"), ("file", "started"))
        assert status.latency_ms == pytest.approx(128 * 2 / 44100 * 1000)
        assert fs.get_setting("audio.period-size") == 128
        assert status.describe() == "sound through file, 5.8 ms output latency"
    finally:
        fs.delete()


def test_devices_lists_every_platform_driver(monkeypatch) -> None:
    monkeypatch.setattr(audio, "platform_drivers", lambda: ("jack", "sdl2"))
    monkeypatch.setattr(audio, "PROBES", {"jack": lambda: "no JACK server running"})
    assert audio.describe_drivers() == [
        "jack        not usable: no JACK server running",
        "sdl2        may work",
    ]


def test_no_audio_is_a_status_too() -> None:
    assert isinstance(audio.NO_AUDIO, AudioStatus) and not audio.NO_AUDIO.running

"""Choose and start FluidSynth's audio output driver, or say plainly why there is no sound.

Tonewell must run fully without audio (no sound card, no server): every failure here ends in an
`AudioStatus` with a reason, never an exception. Drivers are tried in a per-platform order, and
each is skipped at once when it cannot work, because some fail slowly: FluidSynth's `jack`
driver blocks about 6 s when no JACK server runs. The probes only look for the server's socket
and try to connect to it (well under a millisecond), which also catches stale sockets.
`pyfluidsynth`'s `Synth.start()` is not used: it also opens a MIDI driver (MIDI input is ours,
through rtmidi) and returns 0 even when the audio driver failed.
"""

from __future__ import annotations

import glob
import os
import socket
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

DRIVER_ORDER: dict[str, tuple[str, ...]] = {
    # pulseaudio first: it also covers PipeWire (pipewire-pulse) on current desktops.
    "linux": ("pulseaudio", "jack", "alsa", "sdl2"),
    "darwin": ("coreaudio",),
    "win32": ("wasapi", "dsound"),
}


@dataclass(frozen=True, slots=True)
class AudioSettings:
    """What the person chose for sound output. `driver` None picks the first that works."""

    driver: str | None = None
    sample_rate_hz: int = 44100
    period_size: int = 256
    """Frames per period (one buffer handed to the device)."""
    periods: int = 2
    reverb: bool = True
    chorus: bool = True


def output_latency_ms(settings: AudioSettings) -> float:
    """The buffering FluidSynth asks for: period_size * periods / sample_rate, in milliseconds
    (256 * 2 / 44100 Hz = 11.6 ms). It is what we configure; a server may add its own (JACK uses
    its own period, PulseAudio treats it as a target), and the DAC adds a little more."""
    return settings.period_size * settings.periods / settings.sample_rate_hz * 1000.0


def platform_drivers(platform: str = sys.platform) -> tuple[str, ...]:
    """The drivers worth trying on `platform`, best first."""
    key = "linux" if platform.startswith(("linux", "freebsd")) else platform
    return DRIVER_ORDER.get(key, ())


# --- probes: None means "worth trying", a string is why not ------------------------------------


def _can_connect(path: str) -> bool:
    """Whether a server listens on the Unix socket `path` (a stale file is refused at once)."""
    if not hasattr(socket, "AF_UNIX"):
        return os.path.exists(path)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(0.2)
        try:
            s.connect(path)
        except OSError:
            return False
    return True


def jack_server_name() -> str:
    """The server libjack connects to: $JACK_DEFAULT_SERVER, else `default`."""
    return os.environ.get("JACK_DEFAULT_SERVER") or "default"


def jack_socket_paths(server: str | None = None) -> list[str]:
    """Where a running JACK server keeps its request socket (jackd2, then jackd1 layouts)."""
    server = server or jack_server_name()
    uid = os.getuid() if hasattr(os, "getuid") else 0
    tmp = os.environ.get("JACK_TMPDIR", "/dev/shm")
    return sorted(glob.glob(os.path.join(tmp, f"jack_{server}_{uid}_*"))) + sorted(
        glob.glob(os.path.join(tmp, f"jack-{uid}", server, "jack_0"))
    )


def jack_sample_rate_hz() -> int | None:
    """The running JACK server's sample rate, asked through libjack (None if it cannot tell).

    FluidSynth's jack driver switches the synth to the server's rate when they differ, without
    updating `synth.sample-rate` in its settings, so this is the only way to know it."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("jack")
    if name is None:
        return None
    lib = ctypes.CDLL(name)
    lib.jack_client_open.restype = ctypes.c_void_p
    lib.jack_get_sample_rate.restype = ctypes.c_uint32
    lib.jack_get_sample_rate.argtypes = [ctypes.c_void_p]
    lib.jack_client_close.argtypes = [ctypes.c_void_p]
    status = ctypes.c_int()
    no_start_server = 0x01
    client = lib.jack_client_open(
        b"tonewell-rate", ctypes.c_int(no_start_server), ctypes.byref(status)
    )
    if not client:
        return None
    try:
        return int(lib.jack_get_sample_rate(client))
    finally:
        lib.jack_client_close(client)


def probe_jack() -> str | None:
    if not any(_can_connect(p) for p in jack_socket_paths()):
        return f"no JACK server running (server '{jack_server_name()}')"
    return None


def pulse_socket_paths() -> list[str]:
    """Candidate PulseAudio (or pipewire-pulse) native sockets."""
    paths: list[str] = []
    server = os.environ.get("PULSE_SERVER", "")
    for part in server.split():
        if part.startswith("unix:"):
            paths.append(part[5:])
        elif part.startswith("/"):
            paths.append(part)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        paths.append(os.path.join(runtime, "pulse", "native"))
    if hasattr(os, "getuid"):
        paths.append(f"/run/user/{os.getuid()}/pulse/native")
    paths.append("/var/run/pulse/native")  # a system-wide daemon
    return paths


def probe_pulseaudio() -> str | None:
    server = os.environ.get("PULSE_SERVER", "")
    if any(not p.startswith(("unix:", "/")) for p in server.split()):
        return None  # a network server: only trying tells
    if not any(_can_connect(p) for p in pulse_socket_paths()):
        return "no PulseAudio or PipeWire server found"
    return None


def probe_alsa() -> str | None:
    if not glob.glob("/dev/snd/pcmC*D*p"):
        return "no sound card (no ALSA playback device)"
    return None


PROBES: dict[str, Callable[[], str | None]] = {
    "jack": probe_jack,
    "pulseaudio": probe_pulseaudio,
    "alsa": probe_alsa,
}
"""Cheap checks for drivers that cannot work; drivers without a probe are simply tried."""


def probe_driver(name: str) -> str | None:
    """Why `name` cannot work here, or None if it is worth trying."""
    probe = PROBES.get(name)
    return probe() if probe else None


# --- starting a driver ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AudioStatus:
    """Which driver runs and with what latency, or why there is no sound."""

    driver: str | None
    latency_ms: float | None
    reason: str = ""
    """Empty when a driver runs; else a plain sentence for the person."""
    tried: tuple[tuple[str, str], ...] = ()
    """(driver, what happened) for every driver considered, in order."""
    sample_rate_hz: int | None = None
    """The rate the driver imposes when it differs from the settings (a JACK server's)."""

    @property
    def running(self) -> bool:
        return self.driver is not None

    def describe(self) -> str:
        if self.driver is None:
            return f"no sound output: {self.reason}"
        return f"sound through {self.driver}, {self.latency_ms:.1f} ms output latency"


NO_AUDIO = AudioStatus(None, None, "sound is turned off")


def _apply_settings(fs_synth: Any, driver: str, settings: AudioSettings) -> None:
    fs_synth.setting("audio.driver", driver)
    fs_synth.setting("audio.period-size", settings.period_size)
    fs_synth.setting("audio.periods", settings.periods)
    if driver == "jack":
        fs_synth.setting("audio.jack.id", "tonewell")
        fs_synth.setting("audio.jack.autoconnect", 1)  # reach the speakers on a real JACK setup


def start_audio(
    fs_synth: Any,
    settings: AudioSettings,
    *,
    drivers: Sequence[str] | None = None,
    probe: Callable[[str], str | None] = probe_driver,
) -> AudioStatus:
    """Start the first driver that works on the pyfluidsynth `fs_synth` and leave it in
    `fs_synth.audio_driver` (None when nothing started, as pyfluidsynth does). The driver
    setting wins over the platform order; a driver that fails its probe is not tried."""
    from tonewell.engine.fluid_ctypes import fluidsynth_module

    fluidsynth = fluidsynth_module()
    if drivers is None:
        drivers = (settings.driver,) if settings.driver else platform_drivers()
    tried: list[tuple[str, str]] = []
    for name in drivers:
        why = probe(name)
        if why:
            tried.append((name, why))
            continue
        _apply_settings(fs_synth, name, settings)
        handle = fluidsynth.new_fluid_audio_driver(fs_synth.settings, fs_synth.synth)
        if handle:
            fs_synth.audio_driver = handle
            tried.append((name, "started"))
            rate = jack_sample_rate_hz() if name == "jack" else None
            return AudioStatus(name, output_latency_ms(settings), "", tuple(tried), rate)
        tried.append((name, "did not start"))
    if not drivers:
        reason = f"no audio driver is known for {sys.platform}"
    else:
        reason = "; ".join(f"{name}: {what}" for name, what in tried)
    return AudioStatus(None, None, reason, tuple(tried))


def describe_drivers() -> list[str]:
    """One line per driver of this platform saying whether it looks usable (for
    `tonewell devices`; nothing is started)."""
    lines = []
    for name in platform_drivers():
        why = probe_driver(name)
        lines.append(f"{name:<11} {'not usable: ' + why if why else 'may work'}")
    if not lines:
        lines.append(f"no audio driver is known for {sys.platform}")
    return lines

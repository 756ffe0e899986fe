"""A private JACK server on the dummy backend, for live-audio tests and benchmarks.

These machines have no sound card; `jackd --no-realtime -d dummy` still runs FluidSynth's `jack`
driver in real time, and `jack_rec` records what it plays. Without real-time scheduling a busy
machine makes the server drop a cycle now and then (an xrun): `grid_deviation_ms` tells those
whole-period slips apart from timing errors. Each server gets a unique name
(`tonewell-test-<pid>`) and `JACK_DEFAULT_SERVER` points libjack at it, so a test run never
meets (or disturbs) another server. The process runs in its own process group, which is killed
at the end. `jack_server` is the session fixture; `start_jack_server` serves benchmarks too.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tonewell.engine.audio import jack_socket_paths


@dataclass
class JackServer:
    name: str
    process: subprocess.Popen[bytes]
    sample_rate_hz: int
    period_frames: int
    log: Path

    def xruns(self) -> int:
        """Cycles so far in which a client did not finish in time (from jackd's log). On a busy
        machine the non-realtime dummy server has some: the late client's output then slips
        by one period against the others."""
        try:
            return self.log.read_text(errors="replace").count("JackEngine::XRun")
        except OSError:
            return 0

    @property
    def env(self) -> dict[str, str]:
        """The environment for a JACK client of this server."""
        return {**os.environ, "JACK_DEFAULT_SERVER": self.name}

    def ports(self) -> list[str]:
        out = subprocess.run(
            ["jack_lsp"], env=self.env, capture_output=True, text=True, timeout=5, check=True
        )
        return out.stdout.split()

    def output_ports(self, client: str = "tonewell") -> list[str]:
        """The audio outputs of `client` (JACK may have renamed it `client-01`)."""
        mine = [p for p in self.ports() if p.split(":")[0].startswith(client)]
        return [p for p in mine if p.endswith((":left", ":right"))]

    def connected(self, port: str) -> list[str]:
        """The ports `port` is connected to."""
        out = subprocess.run(
            ["jack_lsp", "-c", port], env=self.env, capture_output=True, text=True, timeout=5
        )
        return [line.strip() for line in out.stdout.splitlines()[1:]]

    def record(self, wav: Path, seconds: float, ports: list[str]) -> subprocess.Popen[bytes]:
        """Start `jack_rec` on `ports` (16-bit WAV) and return once it is connected; it stops
        by itself after `seconds`."""
        recorder = subprocess.Popen(
            ["jack_rec", "-f", str(wav), "-d", f"{seconds:g}", "-b", "16", *ports],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 5.0
        while not all(self.connected(p) for p in ports):
            if time.monotonic() > deadline or recorder.poll() is not None:
                recorder.kill()
                raise RuntimeError("jack_rec did not connect")
            time.sleep(0.02)
        time.sleep(0.05)  # from connection to the first period written
        return recorder

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
            except ProcessLookupError:
                pass
        self.log.unlink(missing_ok=True)


def grid_deviation_ms(
    onsets: np.ndarray, rate_hz: int, grid_frames: float, period_frames: int
) -> tuple[np.ndarray, int]:
    """How far each onset is from an ideal grid through the first one, in ms, and how many
    whole JACK periods the output slipped on the way (xruns). A jump between neighbours that is
    a whole number of periods, give or take one 64-frame block, is a slip and is taken out;
    any other error stays in the deviations."""
    dev = onsets - onsets[0] - np.arange(len(onsets)) * grid_frames
    jumps = np.diff(dev)
    periods = np.round(jumps / period_frames)
    slip = (periods != 0) & (np.abs(jumps - periods * period_frames) <= 64)
    shift = np.concatenate(([0.0], np.cumsum(np.where(slip, periods * period_frames, 0.0))))
    return (dev - shift) / rate_hz * 1000, int(np.abs(periods[slip]).sum())


def jack_missing() -> str | None:
    """Why a JACK dummy server cannot be started here, or None."""
    for tool in ("jackd", "jack_lsp", "jack_rec"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian: jackd2)"
    return None


def start_jack_server(
    name: str | None = None, sample_rate_hz: int = 44100, period_frames: int = 256
) -> JackServer:
    """Start `jackd` on the dummy backend and wait until clients can connect (~0.3 s). Its
    output goes to a log file in the temporary folder (removed with the server)."""
    name = name or f"tonewell-test-{os.getpid()}"
    log = Path(tempfile.gettempdir()) / f"{name}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            ["jackd", "-n", name, "--no-realtime", "-d", "dummy",
             "-r", str(sample_rate_hz), "-p", str(period_frames)],
            stdout=out,
            stderr=out,
            start_new_session=True,  # its own process group, killed as a whole
        )  # fmt: skip
    server = JackServer(name, process, sample_rate_hz, period_frames, log)
    deadline = time.monotonic() + 10.0
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"jackd exited with status {process.returncode}")
        if jack_socket_paths(name):
            try:
                if "system:playback_1" in server.ports():
                    return server
            except subprocess.SubprocessError:
                pass
        time.sleep(0.05)
    server.stop()
    raise RuntimeError("jackd did not become ready within 10 s")


@contextmanager
def serving(server: JackServer) -> Iterator[JackServer]:
    """Point libjack's clients in this process (FluidSynth, rtmidi) at `server`; stop it and
    put the environment back afterwards."""
    saved = os.environ.get("JACK_DEFAULT_SERVER")
    os.environ["JACK_DEFAULT_SERVER"] = server.name
    try:
        yield server
    finally:
        if saved is None:
            os.environ.pop("JACK_DEFAULT_SERVER", None)
        else:
            os.environ["JACK_DEFAULT_SERVER"] = saved
        server.stop()


KEYS_INPUT = "RtMidiOut Client:Keys"
"""How the virtual output of `virtual_keys` appears among the MIDI inputs."""


def virtual_keys() -> Any:
    """A virtual MIDI output named "Keys" on rtmidi's JACK API (an `rtmidi.MidiOut`; `delete()`
    it to unplug): a keyboard for Tonewell's input to find, as `KEYS_INPUT`."""
    import rtmidi

    out = rtmidi.MidiOut(rtapi=rtmidi.API_UNIX_JACK, name="RtMidiOut Client")
    out.open_virtual_port("Keys")
    return out


def require_jack() -> None:
    """Skip when jackd is missing, or fail under CI=true (`need`)."""
    from conftest import need  # tests/conftest.py; imported here so benchmarks can use the rest

    why = jack_missing()
    need(not why, why or "")


@pytest.fixture(scope="session")
def jack_server() -> Iterator[JackServer]:
    """A private JACK dummy server for the session; clients find it through the environment.
    Missing jackd is a skip, or a failure under CI=true."""
    require_jack()
    with serving(start_jack_server()) as server:
        yield server

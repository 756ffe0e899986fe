"""Hotplug: keyboards plugged in or out while the app runs, found by polling port names.

rtmidi cannot say a device was unplugged, so a thread ("tonewell-midi-poll") lists the port
names every `interval_s` (1.5 s), opens inputs that appeared, closes those that vanished
(releasing their held notes through the router) and opens them again by name when they come
back. Each change of what is connected is reported once through `on_state`, called on the
poller's thread: the window hands it to the GUI thread. "No MIDI keyboard found" is a state
like any other, never an exception.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tonewell.midi.ports import OpenPort, PortsUnavailable, PortSystem, stable_name
from tonewell.midi.router import Router

POLL_THREAD_NAME = "tonewell-midi-poll"
DEFAULT_INTERVAL_S = 1.5
NO_KEYBOARD = "no MIDI keyboard found"


@dataclass(frozen=True, slots=True)
class DeviceState:
    """What the window shows about MIDI input."""

    connected: tuple[str, ...]
    """Names of the inputs listened to now (stable names: no ALSA client numbers)."""
    message: str
    """One calm line: "Playing from Keys", "no MIDI keyboard found", "waiting for Keys"."""
    problem: str | None = None
    """Why no MIDI system could be asked (shown as detail, not as an error)."""


def describe(connected: Sequence[str], device: str | None, problem: str | None) -> DeviceState:
    """The state for the inputs `connected` when listening to `device` (None: all)."""
    if connected:
        message = "Playing from " + ", ".join(connected)
    elif device is not None and problem is None:
        message = f"waiting for {device}"
    else:
        message = NO_KEYBOARD
    return DeviceState(tuple(connected), message, problem)


StateCallback = Callable[[DeviceState], None]


class DevicePoller:
    """Keeps the router fed from every input of `systems` (or only the one named `device`).

    `poll_once()` does one round (tests call it directly); `start()` runs rounds on the poller
    thread until `stop()`, which also closes every port and releases every held note.
    """

    def __init__(
        self,
        systems: Sequence[PortSystem],
        router: Router,
        *,
        device: str | None = None,
        on_state: StateCallback | None = None,
        interval_s: float = DEFAULT_INTERVAL_S,
        problem: str | None = None,
    ) -> None:
        self._systems = tuple(systems)
        self._router = router
        self._device = device
        self._on_state = on_state
        self.interval_s = interval_s
        self._fixed_problem = problem
        self._open: dict[tuple[str, str], tuple[str, OpenPort, str]] = {}
        """(backend, stable name) -> (device id, the open port, the port's full name)."""
        """(backend, stable name) -> (router's device id, open port)."""
        self._round = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self.state: DeviceState | None = None

    # --- settings -------------------------------------------------------------------------------

    def set_device(self, device: str | None) -> None:
        """Listen to the input named `device` only (None: all); takes effect at once if the
        poller runs, else at the next `poll_once`."""
        self._device = device
        self._wake.set()

    # --- one round ------------------------------------------------------------------------------

    def poll_once(self) -> DeviceState:
        """List, open what appeared, close what vanished; report the state if it changed."""
        with self._round:
            wanted: dict[tuple[str, str], str] = {}
            failures: list[str] = []
            for system in self._systems:
                try:
                    names = system.input_names()
                except PortsUnavailable as err:
                    failures.append(str(err))
                    continue
                for name in names:
                    stable = stable_name(name)
                    if self._device is None or stable == self._device:
                        wanted.setdefault((system.backend, stable), name)
            for key in [k for k in self._open if wanted.get(k) != self._open[k][2]]:
                # vanished, or unplugged and back within one round under new ALSA client
                # numbers: the old connection is dead, so it is closed and opened again
                self._close(key)
            for key, name in wanted.items():
                if key not in self._open:
                    self._open_input(key, name)
            problem = self._fixed_problem
            if problem is None and self._systems and len(failures) == len(self._systems):
                problem = "; ".join(dict.fromkeys(failures))
            connected = sorted(dict.fromkeys(stable for _, stable in self._open))
            return self._report(describe(connected, self._device, problem))

    def _open_input(self, key: tuple[str, str], name: str) -> None:
        backend, stable = key
        device_id = f"{backend}/{stable}"
        system = next(s for s in self._systems if s.backend == backend)
        try:
            port = system.open_input(name, functools.partial(self._router.handle, device_id))
        except PortsUnavailable:
            return  # gone again already: the next round tries again
        self._open[key] = (device_id, port, name)

    def _close(self, key: tuple[str, str]) -> None:
        device_id, port, _name = self._open.pop(key)
        with contextlib.suppress(PortsUnavailable, OSError, RuntimeError):
            port.close()
        self._router.release_device(device_id)

    def _report(self, state: DeviceState) -> DeviceState:
        if state != self.state:
            self.state = state
            if self._on_state is not None:
                self._on_state(state)
        return state

    # --- the thread -----------------------------------------------------------------------------

    def start(self) -> None:
        """Poll now and then every `interval_s` on the poller thread."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=POLL_THREAD_NAME)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once()
            except Exception as err:  # a MIDI system failing oddly must not end hotplug
                self._report(describe([], self._device, f"MIDI input stopped working: {err}"))
            self._wake.wait(self.interval_s)
            self._wake.clear()

    def stop(self) -> None:
        """End the thread, close every port and release every held note. Idempotent."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        with self._round:
            for key in list(self._open):
                self._close(key)
            for system in self._systems:
                system.close()

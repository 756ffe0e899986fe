"""`MidiInput`: the one object the app holds for MIDI keyboards.

It puts together the router (play-through to the synth, recording queue) and the hotplug
poller over the chosen backend's ports. The app makes one with the live synth as its sink,
sets the target channel and the scale lock when the selected track or the key changes, hands
`on_state` to the GUI thread, and drains `played` when recording. Plain Python: the window wraps
it (signals for `on_state`), nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tonewell.midi.hotplug import DEFAULT_INTERVAL_S, DevicePoller, DeviceState, StateCallback
from tonewell.midi.played import PlayedQueue
from tonewell.midi.ports import AUTOMATIC, PortSystem, RtMidiPorts, backends_for
from tonewell.midi.router import NoteSink, Router

SystemsFor = Callable[[str], Sequence[PortSystem]]
"""backend setting -> the port systems to poll (raises ValueError for one not available)."""


def rtmidi_systems(backend: str) -> list[PortSystem]:
    """One `RtMidiPorts` per backend the setting stands for."""
    return [RtMidiPorts(name) for name in backends_for(backend)]


class MidiInput:
    """MIDI keyboards -> `sink`, with hotplug. Nothing is opened before `start()`.

    `backend`: "automatic" (every compiled MIDI system that works) or one of
    `ports.compiled_backends()`; `device`: the input's name to listen to, None for all.
    `on_state(DeviceState)` is called on the poller's thread whenever the state changes.
    """

    def __init__(
        self,
        sink: NoteSink,
        *,
        backend: str = AUTOMATIC,
        device: str | None = None,
        on_state: StateCallback | None = None,
        interval_s: float = DEFAULT_INTERVAL_S,
        systems_for: SystemsFor = rtmidi_systems,
    ) -> None:
        self.played = PlayedQueue()
        self.router = Router(sink, self.played)
        self._device = device
        self._on_state = on_state
        self._interval_s = interval_s
        self._systems_for = systems_for
        self._running = False
        self.backend = backend
        self._poller = self._new_poller()

    def _new_poller(self) -> DevicePoller:
        try:
            systems, problem = self._systems_for(self.backend), None
        except ValueError as err:
            systems, problem = [], str(err)
        return DevicePoller(
            systems,
            self.router,
            device=self._device,
            on_state=self._on_state,
            interval_s=self._interval_s,
            problem=problem,
        )

    @property
    def state(self) -> DeviceState | None:
        """The last state reported (None before the first poll)."""
        return self._poller.state

    def start(self) -> None:
        """Start listening (ports are found on the poller thread, within a moment)."""
        self._running = True
        self._poller.start()

    def stop(self) -> None:
        """Stop listening: ports closed, held notes released, the poller thread ended."""
        self._running = False
        self._poller.stop()

    def poll_once(self) -> DeviceState:
        """One hotplug round now, on the caller's thread (a "look again" button, tests)."""
        return self._poller.poll_once()

    def panic(self) -> None:
        """Release every held note and put pedal, bend and modulation at rest (the caller also
        fades the synth: `Synth.panic()`)."""
        self.router.release_all()

    def set_device(self, device: str | None) -> None:
        """Listen to the input named `device` only, or to all (None)."""
        self._device = device
        self._poller.set_device(device)

    def set_backend(self, backend: str) -> None:
        """Switch MIDI system: every port is closed and opened again on the new one."""
        self._poller.stop()
        self.backend = backend
        self._poller = self._new_poller()
        if self._running:
            self._poller.start()

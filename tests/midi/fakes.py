"""In-process stand-ins for MIDI ports and the synth: no hardware, no threads of their own."""

from __future__ import annotations

from dataclasses import dataclass, field

from tonewell.midi.ports import PortsUnavailable, RawCallback


@dataclass
class RecordingSink:
    """A `NoteSink` that writes down every call, in order."""

    calls: list[tuple] = field(default_factory=list)

    def note_on(self, channel: int, pitch: int, velocity: int) -> None:
        self.calls.append(("note_on", channel, pitch, velocity))

    def note_off(self, channel: int, pitch: int) -> None:
        self.calls.append(("note_off", channel, pitch))

    def control(self, channel: int, cc: int, value: int) -> None:
        self.calls.append(("control", channel, cc, value))

    def pitch_bend(self, channel: int, value: int) -> None:
        self.calls.append(("pitch_bend", channel, value))

    def of(self, kind: str) -> list[tuple]:
        return [c for c in self.calls if c[0] == kind]


class FakePort:
    """One open input: `send` plays a message into the callback as rtmidi would."""

    def __init__(self, name: str, on_message: RawCallback) -> None:
        self.name = name
        self.on_message = on_message
        self.closed = False

    def send(self, *data: int, arrived_ns: int = 0) -> None:
        assert not self.closed, f"{self.name} is closed"
        self.on_message(list(data), arrived_ns)

    def close(self) -> None:
        self.closed = True


class FakePorts:
    """A `PortSystem` whose port names the test sets; `available=False` is a missing system."""

    def __init__(self, backend: str = "alsa", names: list[str] | None = None) -> None:
        self.backend = backend
        self.names: list[str] = list(names or [])
        self.available = True
        self.opened: dict[str, FakePort] = {}
        self.open_count = 0
        self.closed = False

    def input_names(self) -> list[str]:
        if not self.available:
            raise PortsUnavailable(f"{self.backend} MIDI is not available on this computer")
        return list(self.names)

    def open_input(self, name: str, on_message: RawCallback) -> FakePort:
        if not self.available or name not in self.names:
            raise PortsUnavailable(f"the MIDI input {name!r} went away")
        self.open_count += 1
        port = FakePort(name, on_message)
        self.opened[name] = port
        return port

    def close(self) -> None:
        self.closed = True

    def port(self, name: str) -> FakePort:
        """The open port named `name` (asserting it is open)."""
        port = self.opened[name]
        assert not port.closed
        return port

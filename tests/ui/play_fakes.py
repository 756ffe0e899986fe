"""Stand-ins for playing-in tests: a synth that writes down what it is told and an engine that
holds it, so the MIDI shell and the keyboards are tested without FluidSynth or hardware."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from tests.midi.fakes import RecordingSink

from tonewell.model import Clip, Composition, Key, Note, Track


class FakeSynth(RecordingSink):
    """A `NoteSink` that also records program changes (what `MidiShell` sets per track)."""

    def set_program(self, channel: int, program: int, *, drum: bool = False) -> None:
        self.calls.append(("program", channel, program, drum))


class FakeEngine(QObject):
    """The two things `MidiShell` uses of the sound engine."""

    status_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.synth: FakeSynth | None = FakeSynth()

    def rebuild(self) -> FakeSynth:
        """As the engine does when the audio settings change: a new synth, then the news."""
        self.synth = FakeSynth()
        self.status_changed.emit()
        return self.synth


def band(key: Key | None = None) -> Composition:
    """Piano (program 0), a drum kit and strings (program 48): channels 0, 9 and 1."""
    clip = Clip(name="A", notes=(Note(0, 60, 240, 90),), length_bars=1)
    return Composition(
        title="Band",
        key=key or Key(0, "major"),
        tracks=(
            Track(name="Piano", program=0, clips=(clip,)),
            Track(name="Kit", is_drum=True, clips=(clip,)),
            Track(name="Strings", program=48, clips=(clip,)),
        ),
    )

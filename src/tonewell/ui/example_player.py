"""Playing something that is not the open piece (a prompt's example, an older version) once,
then handing the sound engine back to the piece as it was.

The engine plays one composition at a time, so an example borrows it: the transport stops,
the playhead is remembered, the engine gets the example (loop off, no metronome or count-in)
and plays it from its start. When the example has played to its end, or the person presses
Play or Stop, or the piece changes, or another example starts, the engine gets the open piece
back (as it is by then) with the playhead where it was. The window's own "piece changed ->
engine" sync must leave the engine alone while `is_playing()` (see `MainWindow`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from tonewell.guide.examples import build_example
from tonewell.guide.prompts import Step
from tonewell.model import Composition
from tonewell.ui.piece import OpenPiece
from tonewell.ui.sound_engine import PLAYING, SoundEngine

if TYPE_CHECKING:
    from tonewell.ui.main_window import MainWindow

NO_SOUND_TEXT = "There is no sound output right now, so the example cannot be heard."
NOTHING_TO_PLAY_TEXT = "There is nothing to play in this example yet."
NO_ANSWER_TEXT = "Place a few notes in your answer first; then it can be played back."


class ExamplePlayer(QObject):
    """Plays one composition at a time in place of the open piece. `show_status` says a few
    calm words in the window's status bar (nothing is said without it)."""

    started = Signal(str)
    """The label of the example that began."""
    finished = Signal()
    """The example ended (played out, stopped, or replaced) and the piece is back."""

    def __init__(self, engine: SoundEngine, piece: OpenPiece, parent: QObject | None = None,
                 *, show_status: Callable[[str], None] | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._piece = piece
        self._show_status = show_status or (lambda _text: None)
        self._playing = False
        self._playhead_tick = 0
        self._borrowed = False
        self._clicks: tuple[bool, int] = (False, 0)
        """The metronome and count-in bars to give back to the transport."""
        engine.state_changed.connect(self._on_state)
        piece.changed.connect(lambda _event: self.stop())

    def is_playing(self) -> bool:
        return self._playing

    def has_engine(self) -> bool:
        """True from the moment an example takes the engine until the piece has it back: the
        engine's position is then the example's, which the window does not show as the
        piece's playhead."""
        return self._borrowed

    def play(self, comp: Composition, label: str) -> None:
        """Play `comp` once from its start in place of the piece (ending any example playing)."""
        self.stop()
        if comp.note_count() == 0:
            self._show_status(NOTHING_TO_PLAY_TEXT)
            return
        engine = self._engine
        if not engine.has_output():
            self._show_status(NO_SOUND_TEXT)
            return
        self._playhead_tick = engine.position()
        self._borrowed = True  # from here the engine's position is the example's, not the piece's
        engine.stop()
        transport = engine.transport
        self._clicks = (transport.metronome_on, transport.count_in_bars)
        self._playing = True
        transport.set_metronome(False)
        transport.set_count_in(0)
        engine.set_composition(comp)
        engine.seek(0)
        transport.play()
        self.started.emit(label)
        self._show_status(f"Playing: {label}")

    def play_step(self, step: Step) -> None:
        """Play the example of `step` (its `play` kind) built from the open piece."""
        if not step.play:
            return
        example = build_example(step.play, self._piece.comp)
        if step.play == "answer-back" and example.note_count() == 0:
            self._show_status(NO_ANSWER_TEXT)
            return
        self.play(example, step.example or example.title)

    def stop(self) -> None:
        """End the example now and give the engine back the piece and its playhead."""
        if not self._playing:
            return
        self._playing = False
        engine = self._engine
        engine.stop()
        metronome, count_in = self._clicks
        engine.transport.set_metronome(metronome)
        engine.transport.set_count_in(count_in)
        engine.set_composition(self._piece.comp)
        self._borrowed = False
        engine.seek(self._playhead_tick)
        self.finished.emit()

    def _on_state(self, state: str) -> None:
        """Anything but playing while an example plays means it ended: it played out, or the
        person pressed Play (a pause) or Stop."""
        if self._playing and state not in PLAYING:
            self.stop()


def play_step_example(window: MainWindow, step: Step) -> None:
    """Play `step`'s example in `window`, built from its open piece: what the guide panel is
    given as `play_example` (`functools.partial(play_step_example, window)`)."""
    window.examples.play_step(step)

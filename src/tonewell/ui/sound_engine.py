"""The window's one handle on sound: the live Synth, its Qt transport, the soundfont and the
sound settings, behind a few plain methods and signals.

It exists so the widgets never juggle engine objects: changing the audio driver or buffer means
building a new Synth and Transport (a transport is bound to its synth's clock), and that swap,
the soundfont loading on a worker thread, and "there is no sound output" all happen here.
Without any audio output everything still works: the position runs on the wall clock, nothing
sounds, and `status_text` says so plainly. Without the FluidSynth library itself there is no
synth at all: the transport runs silent the same way and the window says how to install it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from tonewell.engine import fluid
from tonewell.engine.audio import AudioSettings, platform_drivers
from tonewell.engine.fluid_ctypes import INSTALL_HINT, FluidSynthUnavailable
from tonewell.engine.schedule import MAX_CHANNELS, compile_schedule
from tonewell.engine.synth import Synth
from tonewell.engine.transport import State, Transport
from tonewell.model import CC_PAN, CC_VOLUME, Composition
from tonewell.ui.qt_transport import QtTransport
from tonewell.ui.settings import SoundSettings

Done = Callable[[bool, str], None]
"""`on_done(ok, message)`: called on the GUI thread when settings have been applied."""

SOUND_ON_TEXT = "Sound on"
NO_OUTPUT_SHORT = "No sound output"
NO_OUTPUT_TEXT = "No sound output was found. You can still compose, save and export."
NO_FLUIDSYNTH_TEXT = f"Sound needs FluidSynth, which is not installed ({INSTALL_HINT})."
NO_OUTPUT_NOTICE = (
    "There is no sound output right now. Everything else still works: you can open, "
    "change, save and export your piece. To look for sound again, choose "
    "Settings › Sound… and press Apply."
)
NO_FLUIDSYNTH_NOTICE = (
    "Sound needs the FluidSynth library, which is not installed here. Everything else works: "
    "you can open, change, save and convert your piece. To hear it, install FluidSynth "
    f"({INSTALL_HINT}) and start Tonewell again."
)
PLAYING = frozenset({State.PLAYING.value, State.COUNT_IN.value})
AUDITION_CHANNEL = MAX_CHANNELS - 1
"""A channel playback never uses (tracks take the lowest free ones), so a note heard while
editing never changes a playing track's instrument."""
AUDITION_MS = 300


def audio_settings(s: SoundSettings) -> AudioSettings:
    return AudioSettings(
        driver=s.driver or None,
        sample_rate_hz=s.sample_rate_hz,
        period_size=s.period_size,
        periods=s.periods,
        reverb=s.reverb,
        chorus=s.chorus,
    )


def needs_restart(old: SoundSettings, new: SoundSettings) -> bool:
    """Whether going from `old` to `new` needs a new audio driver."""
    keys = ("driver", "sample_rate_hz", "period_size", "periods")
    return any(getattr(old, k) != getattr(new, k) for k in keys)


def metronome_level(percent: int) -> int:
    """0..100 % -> MIDI volume 0..127."""
    return round(min(max(percent, 0), 100) * 127 / 100)


class SoundEngine(QObject):
    """Owns the Synth and the QtTransport. `audio=False` never opens an output (tests)."""

    position_changed = Signal(int)
    state_changed = Signal(str)
    status_changed = Signal()
    font_problem = Signal(str)
    """A soundfont chosen earlier could not be loaded at start; the text says what happened."""
    """The output, the soundfont or loading state changed."""
    _font_result = Signal(int, object, object)
    """(generation, loaded path or None, error or None), crossing from the loading thread."""

    def __init__(
        self,
        settings: SoundSettings | None = None,
        *,
        audio: bool = True,
        load_soundfont: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings or SoundSettings()
        self._audio = audio
        self._comp = Composition()
        self._metronome = False
        self._count_in = 0
        self._generation = 0
        self._loading: Path | None = None
        self._pending: dict[int, tuple[Path, Callable[[str | None], None]]] = {}
        self._retired: list[Synth] = []
        self._auditions: dict[int, int] = {}
        """Pitch -> how many auditions of it are sounding (the last release lets it go)."""
        self._font_result.connect(self._on_font_result)
        self.synth: Synth | None = None
        self.qt_transport: QtTransport | None = None
        self.fluidsynth_missing = False
        """True when the FluidSynth library could not be loaded: no synth, no sound."""
        self._build()
        if load_soundfont:
            self._load_initial_font()

    # --- building and tearing down ----------------------------------------------------------

    def _build(self) -> None:
        try:
            self.synth = Synth(audio_settings(self.settings), audio=self._audio)
        except FluidSynthUnavailable:
            self.fluidsynth_missing = True
            shell = QtTransport.silent_shell(self.settings.sample_rate_hz, parent=self)
        else:
            self.fluidsynth_missing = False
            shell = QtTransport.for_synth(self.synth, parent=self)
        shell.position_changed.connect(lambda tick: self.position_changed.emit(round(tick)))
        shell.state_changed.connect(self.state_changed)
        self.qt_transport = shell
        t = shell.transport
        t.set_metronome(self._metronome)
        t.set_metronome_volume(metronome_level(self.settings.metronome_volume))
        t.set_count_in(self._count_in)
        t.set_schedule(compile_schedule(self._comp))

    def _teardown(self, *, keep_synth: bool = False) -> None:
        """Stop the transport and the output. With `keep_synth` the old synth stays alive,
        silent, until the next soundfont load finishes: while it holds its soundfont,
        FluidSynth's sample cache makes loading the same font again take milliseconds."""
        shell, synth = self.qt_transport, self.synth
        if shell is not None:
            shell.transport.stop()
            shell.timer.stop()
            shell.position_changed.disconnect()
            shell.state_changed.disconnect()
            shell.deleteLater()
        if synth is not None:
            if keep_synth:
                synth.stop_audio()
                self._retired.append(synth)
            else:
                synth.close()
        self.qt_transport = self.synth = None
        self._generation += 1  # results of loads into the old synth are ignored
        self._pending.clear()
        self._loading = None

    def _close_retired(self) -> None:
        retired, self._retired = self._retired, []
        for synth in retired:
            synth.close()

    def shutdown(self) -> None:
        """Stop playback and free FluidSynth (waits for a soundfont still loading)."""
        self._teardown()
        self._close_retired()

    @property
    def transport(self) -> Transport:
        assert self.qt_transport is not None, "the sound engine is shut down"
        return self.qt_transport.transport

    # --- status -----------------------------------------------------------------------------

    def has_output(self) -> bool:
        return self.synth is not None and self.synth.audio.running

    def status_text(self) -> str:
        """A few words for the status bar: "Sound on" or "No sound output"."""
        return SOUND_ON_TEXT if self.has_output() else NO_OUTPUT_SHORT

    def status_detail(self) -> str:
        """What `status_text` means, in a sentence or two (a tooltip, the sound dialog): plain
        words first, then the driver and its delay, or why nothing was found."""
        if self.fluidsynth_missing:
            return NO_FLUIDSYNTH_TEXT
        if self.synth is None or not self.has_output():
            reason = self.status_reason()
            return f"{NO_OUTPUT_TEXT}\nDetails: {reason}." if reason else NO_OUTPUT_TEXT
        audio = self.synth.audio
        return (f"Sound is on, through {audio.driver} with {audio.latency_ms:.1f} ms "
                "of output delay.")

    def driver_name(self) -> str:
        """The audio driver sound goes through now, or "" when there is no output."""
        return (self.synth.audio.driver or "") if self.has_output() and self.synth else ""

    def status_reason(self) -> str:
        """Why there is no output (for a tooltip), or "" when sound works."""
        if self.fluidsynth_missing:
            return NO_FLUIDSYNTH_TEXT
        return "" if self.synth is None else self.synth.audio.reason

    def no_output_notice(self) -> str:
        """What the window says while nothing can sound (why, and what to do)."""
        return NO_FLUIDSYNTH_NOTICE if self.fluidsynth_missing else NO_OUTPUT_NOTICE

    def soundfont_path(self) -> Path | None:
        return None if self.synth is None else self.synth.soundfont_path

    def soundfont_name(self) -> str:
        """The loaded soundfont's name, or "" (see `is_loading` for one on its way)."""
        path = self.soundfont_path()
        return path.stem if path else ""

    def is_loading(self) -> bool:
        return self._loading is not None

    def default_soundfont(self) -> Path | None:
        path = fluid.default_soundfont_path()
        return path if path.is_file() else None

    def system_soundfonts(self) -> list[Path]:
        return fluid.system_soundfonts()

    def available_drivers(self) -> list[str]:
        return list(platform_drivers())

    def chosen_soundfont(self, settings: SoundSettings | None = None) -> Path:
        settings = settings or self.settings
        return Path(settings.soundfont_path) if settings.soundfont_path else (
            fluid.default_soundfont_path()
        )

    # --- soundfonts -------------------------------------------------------------------------

    def _load_font(self, path: Path, then: Callable[[str | None], None]) -> None:
        """Load `path` into the live synth off the GUI thread; `then(error)` on the GUI thread."""
        if self.synth is None:  # no FluidSynth: nothing to load into, and the window says why
            then(NO_FLUIDSYNTH_TEXT)
            return
        self._generation += 1
        generation = self._generation
        self._pending[generation] = (path, then)
        self._loading = path
        self.status_changed.emit()
        self.synth.load_soundfont_async(
            path, lambda loaded, error: self._font_result.emit(generation, loaded, error)
        )

    @Slot(int, object, object)
    def _on_font_result(self, generation: int, loaded: object, error: object) -> None:
        entry = self._pending.pop(generation, None)
        if entry is None:
            return  # a load into a synth that has since been replaced
        if generation == self._generation:
            self._loading = None
            self._close_retired()
        self.status_changed.emit()
        entry[1](None if error is None else str(error))

    def _load_initial_font(self) -> None:
        if self.synth is None:
            return  # no FluidSynth: the status and the notice already say so
        wanted = self.chosen_soundfont()

        def fallback(error: str | None) -> None:
            if error is None:
                return
            if self.settings.soundfont_path:
                self.settings = replace(self.settings, soundfont_path="")
                self.font_problem.emit(
                    f"The soundfont you chose earlier could not be loaded: {error} "
                    "Tonewell is playing with its own soundfont instead."
                )
                self._load_font(fluid.default_soundfont_path(), self._report_no_font)
            else:
                self._report_no_font(error)

        self._load_font(wanted, fallback)

    def _report_no_font(self, error: str | None) -> None:
        if error is not None:
            self.font_problem.emit(
                f"No soundfont could be loaded, so nothing can sound yet: {error} "
                "You can choose another one under Settings › Sound."
            )

    # --- settings ---------------------------------------------------------------------------

    def apply_settings(self, new: SoundSettings, on_done: Done) -> None:
        """Apply `new`: restart the output when the driver or buffer changed (or there is no
        output yet, to look again), switch effects, and load a changed soundfont. A soundfont
        that fails keeps the previous one: `on_done(False, why)`."""
        old = self.settings
        new = new.clamped()
        font_changed = new.soundfont_path != old.soundfont_path
        previous_font = self.soundfont_path() or self.chosen_soundfont(old)
        if needs_restart(old, new) or (self._audio and not self.has_output()):
            was_playing = self.is_playing()
            position = self.position()
            self._teardown(keep_synth=True)
            self.settings = replace(new, soundfont_path=old.soundfont_path)
            self._build()
            self.transport.seek(position)
            if was_playing:
                self.transport.play()
            if not font_changed:
                self._load_font(previous_font, lambda _e: None)
        else:
            self.settings = replace(new, soundfont_path=old.soundfont_path)
            if self.synth is not None:
                fluid.apply_effects(self.synth.fs, new.reverb, new.chorus)
            self.transport.set_metronome_volume(metronome_level(new.metronome_volume))
        self.status_changed.emit()
        if not font_changed:
            on_done(True, "")
            return
        restarted_without_font = self.soundfont_path() is None

        def loaded(error: str | None) -> None:
            if error is None:
                self.settings = replace(self.settings, soundfont_path=new.soundfont_path)
                on_done(True, "")
                return
            if restarted_without_font and previous_font.is_file():
                self._load_font(previous_font, lambda _e: None)
            on_done(False, error)

        self._load_font(self.chosen_soundfont(new), loaded)

    # --- playback ---------------------------------------------------------------------------

    def set_composition(self, comp: Composition) -> None:
        """Play `comp` from now on (heard at once during playback)."""
        self._comp = comp
        if self.qt_transport is not None:
            self.transport.set_schedule(compile_schedule(comp))

    def state(self) -> str:
        return State.STOPPED.value if self.qt_transport is None else self.transport.state.value

    def is_playing(self) -> bool:
        return self.state() in PLAYING

    def position(self) -> int:
        if self.qt_transport is None:
            return 0
        return max(0, round(self.transport.position_tick))

    def play_pause(self) -> None:
        if self.is_playing():
            self.transport.pause()
        else:
            self.transport.play()

    def stop(self) -> None:
        if self.qt_transport is not None:
            self.transport.stop()

    def seek(self, tick: int) -> None:
        self.transport.seek(tick)

    def set_metronome(self, on: bool) -> None:
        self._metronome = on
        self.transport.set_metronome(on)

    def set_count_in(self, bars: int) -> None:
        self._count_in = bars
        self.transport.set_count_in(bars)

    def audition(self, track_uid: int, pitch: int, velocity: int) -> None:
        """Sound `pitch` for about `AUDITION_MS` with the instrument, volume and pan of the
        track `track_uid` (a note clicked in the piano roll, a key of its keyboard). Silent when
        there is no output or no such track."""
        track = next((t for t in self._comp.tracks if t.uid == track_uid), None)
        synth = self.synth
        if track is None or synth is None or not 0 <= pitch <= 127:
            return
        ch = AUDITION_CHANNEL
        synth.set_program(ch, track.program, drum=track.is_drum)
        synth.control(ch, CC_VOLUME, track.volume)
        synth.control(ch, CC_PAN, track.pan)
        synth.note_on(ch, pitch, min(max(velocity, 1), 127))
        self._auditions[pitch] = self._auditions.get(pitch, 0) + 1
        QTimer.singleShot(AUDITION_MS, self, lambda: self._end_audition(synth, pitch))

    def _end_audition(self, synth: Synth, pitch: int) -> None:
        left = self._auditions.get(pitch, 0) - 1
        if left > 0:
            self._auditions[pitch] = left
            return
        self._auditions.pop(pitch, None)
        if synth is self.synth:  # a synth replaced meanwhile was silenced with its output
            synth.note_off(AUDITION_CHANNEL, pitch)

    def panic(self) -> None:
        if self.qt_transport is not None:
            self.transport.panic()

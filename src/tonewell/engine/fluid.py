"""The thin layer over pyfluidsynth that the offline renderer and the live synth share.

It exists so that both paths load soundfonts, apply schedule events, set effects and pull audio
the same way, and so that FluidSynth's rough edges are handled in one place:

- a soundfont is untrusted input (FluidSynth has had CVEs on invalid fonts): `check_soundfont`
  (in `soundfont_check`, re-exported here) walks its RIFF structure with limits before
  FluidSynth ever opens it;
- FluidSynth logs straight to stderr (a flood when polyphony runs out): `quiet_fluidsynth_logs`;
- pyfluidsynth offers only `get_samples` (16-bit, as a numpy array): `write_float_stereo`
  gives clean floats and `s16_renderer` fast 16-bit frames, through ctypes;
- a program the font lacks: `preset_for` decides, once for every path, the preset that sounds,
  and `dispatch` is the one reading of an event's kind (live sequencer, play-through, render).

pyfluidsynth is imported lazily (`fluid_ctypes`), so checking and finding soundfonts works
without libfluidsynth.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from array import array
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from tonewell.engine import fluid_ctypes
from tonewell.engine.fluid_ctypes import (
    FluidSynthUnavailable,
    LogFunction,
    c_functions,
    fluidsynth_module,
)
from tonewell.engine.schedule import Event, EventKind
from tonewell.engine.soundfont_check import MAX_SOUNDFONT_BYTES, SoundfontError
from tonewell.engine.soundfont_check import check_soundfont as _check_soundfont

__all__ = [
    "FluidSynthUnavailable",
    "SoundfontError",
    "fluidsynth_module",
]

log = logging.getLogger(__name__)

PERCUSSION_BANK = 128

DEFAULT_GAIN = 0.2
"""FluidSynth's own default master gain: headroom for many voices without clipping."""

REVERB_SETTINGS: dict[str, float] = {
    "synth.reverb.room-size": 0.45,
    "synth.reverb.damp": 0.4,
    "synth.reverb.width": 0.8,
    "synth.reverb.level": 0.5,
}
"""A gentle room (FluidSynth's defaults are a smaller room at level 0.9)."""

CHORUS_SETTINGS: dict[str, float | int] = {
    "synth.chorus.nr": 3,
    "synth.chorus.level": 1.2,
    "synth.chorus.speed": 0.3,
    "synth.chorus.depth": 4.0,
}
"""A light chorus (FluidSynth's defaults: level 2.0, depth 8 ms)."""

SOUNDFONT_ENV = "TONEWELL_SOUNDFONT"
BUNDLED_SOUNDFONT = "FluidR3Mono_GM.sf3"
SYSTEM_SOUNDFONT_DIRS = (
    Path("/usr/share/sounds/sf2"),
    Path("/usr/share/sounds/sf3"),
    Path("/usr/share/soundfonts"),
)
SOUNDFONT_SUFFIXES = (".sf2", ".sf3")



class Preset(NamedTuple):
    """A (bank, program) pair as FluidSynth selects it."""

    bank: int
    program: int


# --- the library ---------------------------------------------------------------------------

_LOG_LEVELS = range(5)  # FLUID_PANIC, FLUID_ERR, FLUID_WARN, FLUID_INFO, FLUID_DBG
_log_callback: Any = None
"""The ctypes callback FluidSynth holds a pointer to: it must live as long as the library."""


def quiet_fluidsynth_logs(*, to_python_logging: bool | None = None) -> None:
    """Stop FluidSynth printing to stderr, at every level.

    `False` drops its messages in C (no Python runs on the audio thread); `True` sends them to
    this module's logger at debug level. `None` (the default) keeps a choice made earlier in
    the process, and drops the messages if none was made.
    """
    global _log_callback
    if to_python_logging is None:
        if _log_callback is not None:
            return
        to_python_logging = False
    set_log = c_functions().set_log
    if to_python_logging:

        def forward(level: int, message: bytes | None, _data: object) -> None:
            text = (message or b"").decode("utf-8", "replace")
            log.debug("fluidsynth[%d]: %s", level, text)

        _log_callback = LogFunction(forward)
    else:
        _log_callback = LogFunction()  # NULL: FluidSynth skips logging at that level
    for level in _LOG_LEVELS:
        set_log(level, _log_callback, None)


# --- soundfonts ----------------------------------------------------------------------------


def check_soundfont(path: Path | str) -> None:
    """Refuse anything that is not a plausible SoundFont 2/3 file, before FluidSynth reads it
    (see `tonewell.engine.soundfont_check`). Raises SoundfontError with a plain message.

    The size limit is this module's `MAX_SOUNDFONT_BYTES`, looked up on each call, so changing
    `fluid.MAX_SOUNDFONT_BYTES` (as the tests do) takes effect.
    """
    _check_soundfont(path, max_bytes=MAX_SOUNDFONT_BYTES)


def default_soundfont_path() -> Path:
    """The soundfont used when the user has chosen none.

    `TONEWELL_SOUNDFONT` wins when set; otherwise the bundled General MIDI font, looked for in a
    source checkout (next to `src/`), a PyInstaller bundle and an installed `share/tonewell`.
    Returns the first that exists, or the source checkout's path (whose absence
    `check_soundfont` then reports).
    """
    override = os.environ.get(SOUNDFONT_ENV)
    if override:
        return Path(override).expanduser()
    here = Path(__file__).resolve()
    candidates = [here.parents[3] / "soundfonts" / BUNDLED_SOUNDFONT]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "soundfonts" / BUNDLED_SOUNDFONT)
    candidates.append(Path(sys.prefix) / "share" / "tonewell" / "soundfonts" / BUNDLED_SOUNDFONT)
    return next((c for c in candidates if c.is_file()), candidates[0])


def system_soundfonts(folders: tuple[Path, ...] = SYSTEM_SOUNDFONT_DIRS) -> list[Path]:
    """The .sf2/.sf3 files installed system-wide, symlinks resolved, each file once, by name."""
    found: dict[Path, None] = {}
    for folder in folders:
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry.suffix.lower() not in SOUNDFONT_SUFFIXES:
                continue
            try:
                real = entry.resolve(strict=True)
            except (OSError, RuntimeError):  # a broken or looping link
                continue
            if real.is_file():
                found.setdefault(real)
    return sorted(found, key=lambda p: (p.name.lower(), str(p)))


def load_soundfont(fs_synth: Any, path: Path | str, *, update_presets: bool = False) -> int:
    """Check `path`, then load it into the synth; returns FluidSynth's soundfont id."""
    path = Path(path)
    check_soundfont(path)
    sfid = fluid_ctypes.sfload(fs_synth.synth, os.fsencode(path), update_presets)
    if sfid < 0:
        raise SoundfontError(
            f'FluidSynth could not load the soundfont "{path.name}": it may be damaged, '
            "or in a form this FluidSynth does not support."
        )
    return sfid


# --- events and effects ----------------------------------------------------------------------


def preset_for(fs_synth: Any, sfid: int | None, program: int, percussion: bool) -> Preset:
    """The (bank, program) a channel asking for `program` (from the percussion bank when
    `percussion`) really plays with the loaded soundfont `sfid`: that preset when the font has
    it, else the first of its bank (the standard kit for a missing drum kit), else the piano, so
    a track is never silently dead. The one place this is decided: live playback, play-through
    and export all send what it returns, so a missing preset sounds the same everywhere, and a
    drum track on any channel gets the kit channel 10 would.

    With no soundfont loaded the request is returned as it is (nothing can sound anyway)."""
    bank = PERCUSSION_BANK if percussion else 0
    wanted = Preset(bank, program)
    if sfid is None:
        return wanted
    for candidate in (wanted, Preset(bank, 0), Preset(0, 0)):
        if fluid_ctypes.has_preset(fs_synth.synth, sfid, *candidate):
            return candidate
    return wanted


class EventTarget(Protocol):
    """Where `dispatch` sends one event: the synth now (`DirectTarget`) or the sequencer at a
    time (the live synth's own target)."""

    def note_on(self, channel: int, key: int, velocity: int) -> None: ...

    def note_off(self, channel: int, key: int) -> None: ...

    def control(self, channel: int, number: int, value: int) -> None: ...

    def program(self, channel: int, bank: int, program: int) -> None: ...


def dispatch(ev: Event, target: EventTarget, preset: Callable[[int, bool], Preset]) -> None:
    """Send one schedule event to `target`: the one reading of `EventKind`. A program change
    goes out as the (bank, program) `preset(program, percussion)` decides (see `preset_for`)."""
    kind = ev.kind
    if kind == EventKind.NOTE_ON:
        target.note_on(ev.channel, ev.data1, ev.data2)
    elif kind == EventKind.NOTE_OFF:
        target.note_off(ev.channel, ev.data1)
    elif kind == EventKind.CONTROL:
        target.control(ev.channel, ev.data1, ev.data2)
    elif kind == EventKind.PROGRAM:
        target.program(ev.channel, *preset(ev.data1, bool(ev.data2)))
    else:  # pragma: no cover - a new EventKind must be taught here
        raise ValueError(f"unknown event kind {kind!r}")


class DirectTarget:
    """Applies events to a pyfluidsynth synth at once (offline render, play-through)."""

    def __init__(self, fs_synth: Any) -> None:
        self._synth: int = fs_synth.synth

    def note_on(self, channel: int, key: int, velocity: int) -> None:
        fluid_ctypes.note_on(self._synth, channel, key, velocity)

    def note_off(self, channel: int, key: int) -> None:
        fluid_ctypes.note_off(self._synth, channel, key)

    def control(self, channel: int, number: int, value: int) -> None:
        fluid_ctypes.control(self._synth, channel, number, value)

    def program(self, channel: int, bank: int, program: int) -> None:
        fluid_ctypes.bank_program(self._synth, channel, bank, program)


def apply_event(fs_synth: Any, ev: Event, sfid: int | None) -> None:
    """Send one schedule event to the synth now (one-off use; a loop keeps a `DirectTarget`)."""
    dispatch(ev, DirectTarget(fs_synth), partial(preset_for, fs_synth, sfid))


def effect_settings(reverb_on: bool, chorus_on: bool) -> dict[str, float | int]:
    """FluidSynth settings for our effects: gentle levels, or off. Usable at synth creation
    (also as `fluidsynth -o NAME=VALUE`) and at run time (`apply_effects`)."""
    out: dict[str, float | int] = {
        "synth.reverb.active": int(reverb_on),
        "synth.chorus.active": int(chorus_on),
    }
    out.update(REVERB_SETTINGS)
    out.update(CHORUS_SETTINGS)
    return out


def apply_effects(fs_synth: Any, reverb_on: bool, chorus_on: bool) -> None:
    """Switch reverb and chorus on (at gentle levels) or off on a running synth."""
    for name, value in effect_settings(reverb_on, chorus_on).items():
        fs_synth.setting(name, value)


# --- audio out -----------------------------------------------------------------------------


def write_float_stereo(fs_synth: Any, frames: int) -> tuple[array, array]:
    """Render `frames` frames as clean floats (no dither): (left, right) arrays of 'f'."""
    left = array("f", bytes(4 * frames))
    right = array("f", bytes(4 * frames))
    c_functions().write_float(
        fs_synth.synth, frames, left.buffer_info()[0], 0, 1, right.buffer_info()[0], 0, 1
    )
    return left, right


def s16_renderer(fs_synth: Any, max_frames: int) -> Callable[[int], memoryview]:
    """A function that renders up to `max_frames` frames per call as interleaved 16-bit
    native-endian stereo into one reused buffer, returning a view of them (valid until the
    next call).

    The conversion runs in C with FluidSynth's clipping and its ±1 LSB dither. That is what
    makes an offline render as fast as FluidSynth's own: converting floats in pure Python
    costs about 0.3 µs a sample, more than the synthesis itself.
    """
    buffer = bytearray(4 * max_frames)
    pinned = ctypes.c_char.from_buffer(buffer)  # keeps the buffer where it is while we live
    address = ctypes.addressof(pinned)
    view = memoryview(buffer)
    write_s16 = c_functions().write_s16
    synth = fs_synth.synth

    def render(frames: int) -> memoryview:
        if not 0 < frames <= max_frames:
            raise ValueError(f"{frames} frames is not in 1..{max_frames}")
        write_s16(synth, frames, address, 0, 2, address, 1, 2)
        return view[: 4 * frames]

    render.pinned = pinned  # type: ignore[attr-defined]
    return render


def write_s16_interleaved(fs_synth: Any, frames: int, out: bytearray) -> memoryview:
    """Render `frames` frames as interleaved 16-bit native-endian stereo into `out` (at least
    4 * frames bytes) and return a view of them (see `s16_renderer` for why 16-bit)."""
    if len(out) < 4 * frames:
        raise ValueError(f"buffer of {len(out)} bytes is too small for {frames} frames")
    address = ctypes.addressof(ctypes.c_char.from_buffer(out))
    c_functions().write_s16(fs_synth.synth, frames, address, 0, 2, address, 1, 2)
    return memoryview(out)[: 4 * frames]

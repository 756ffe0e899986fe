"""The thin layer over pyfluidsynth that the offline renderer and the live synth share.

It exists so that both paths load soundfonts, apply schedule events, set effects and pull audio
the same way, and so that FluidSynth's rough edges are handled in one place:

- a soundfont is untrusted input (FluidSynth has had CVEs on invalid fonts): `check_soundfont`
  (in `soundfont_check`, re-exported here) walks its RIFF structure with limits before
  FluidSynth ever opens it;
- FluidSynth logs straight to stderr (a flood when polyphony runs out): `quiet_fluidsynth_logs`;
- pyfluidsynth offers only `get_samples` (16-bit, as a numpy array): `write_float_stereo`
  gives clean floats and `s16_renderer` fast 16-bit frames, through ctypes.

pyfluidsynth is imported lazily, so checking and finding soundfonts works without libfluidsynth.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from array import array
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from tonewell.engine.schedule import Event, EventKind
from tonewell.engine.soundfont_check import MAX_SOUNDFONT_BYTES, SoundfontError
from tonewell.engine.soundfont_check import check_soundfont as _check_soundfont
from tonewell.errors import UserFacingError

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


class FluidSynthUnavailable(UserFacingError):
    """The FluidSynth library is not installed (or pyfluidsynth cannot find it)."""


# --- the library ---------------------------------------------------------------------------


@cache
def fluidsynth_module() -> ModuleType:
    """pyfluidsynth, imported on first use; FluidSynthUnavailable when libfluidsynth is missing."""
    try:
        import fluidsynth
    except ImportError as err:  # pyfluidsynth raises ImportError when the C library is missing
        raise FluidSynthUnavailable(
            "FluidSynth is not installed, so Tonewell cannot make sound "
            "(on Debian: apt-get install libfluidsynth3)."
        ) from err
    return fluidsynth


_LOG_LEVELS = range(5)  # FLUID_PANIC, FLUID_ERR, FLUID_WARN, FLUID_INFO, FLUID_DBG
_LogFunction = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p)
_log_callback: Any = None
"""The ctypes callback FluidSynth holds a pointer to: it must live as long as the library."""


@cache
def _c_functions() -> dict[str, Any]:
    """Prototypes for the C functions pyfluidsynth does not wrap the way we need (or wraps with
    per-call checks too slow for a render loop), on our own handle to the library it loaded."""
    lib = ctypes.CDLL(fluidsynth_module().lib)
    synth, c_int = ctypes.c_void_p, ctypes.c_int
    buffer_args = [ctypes.c_void_p, c_int, c_int] * 2
    prototypes: dict[str, tuple[str, Any, list[Any]]] = {
        "set_log": ("fluid_set_log_function", _LogFunction, [c_int, _LogFunction, ctypes.c_void_p]),
        "write_float": ("fluid_synth_write_float", c_int, [synth, c_int, *buffer_args]),
        "write_s16": ("fluid_synth_write_s16", c_int, [synth, c_int, *buffer_args]),
        "sfload": ("fluid_synth_sfload", c_int, [synth, ctypes.c_char_p, c_int]),
        "noteon": ("fluid_synth_noteon", c_int, [synth, c_int, c_int, c_int]),
        "noteoff": ("fluid_synth_noteoff", c_int, [synth, c_int, c_int]),
        "cc": ("fluid_synth_cc", c_int, [synth, c_int, c_int, c_int]),
    }
    out: dict[str, Any] = {}
    for key, (name, restype, argtypes) in prototypes.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
        out[key] = fn
    return out


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
    set_log = _c_functions()["set_log"]
    if to_python_logging:

        def forward(level: int, message: bytes | None, _data: object) -> None:
            text = (message or b"").decode("utf-8", "replace")
            log.debug("fluidsynth[%d]: %s", level, text)

        _log_callback = _LogFunction(forward)
    else:
        _log_callback = _LogFunction()  # NULL: FluidSynth skips logging at that level
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
    sfid = _c_functions()["sfload"](fs_synth.synth, os.fsencode(path), int(update_presets))
    if sfid < 0:
        raise SoundfontError(
            f'FluidSynth could not load the soundfont "{path.name}": it may be damaged, '
            "or in a form this FluidSynth does not support."
        )
    return sfid


# --- events and effects ----------------------------------------------------------------------


def select_program(fs_synth: Any, channel: int, sfid: int, program: int, percussion: bool) -> None:
    """Give `channel` a preset; a preset missing from the font falls back to the first one of
    its bank (then the piano), so a track is never silently dead."""
    bank = PERCUSSION_BANK if percussion else 0
    for bank_try, program_try in ((bank, program), (bank, 0), (0, 0)):
        if fs_synth.program_select(channel, sfid, bank_try, program_try) == 0:
            return


def _program(fs: Any, ev: Event, sfid: int) -> None:
    select_program(fs, ev.channel, sfid, ev.data1, bool(ev.data2))


def _control(fs: Any, ev: Event, _sfid: int) -> None:
    _c_functions()["cc"](fs.synth, ev.channel, ev.data1, ev.data2)


def _note_off(fs: Any, ev: Event, _sfid: int) -> None:
    _c_functions()["noteoff"](fs.synth, ev.channel, ev.data1)


def _note_on(fs: Any, ev: Event, _sfid: int) -> None:
    _c_functions()["noteon"](fs.synth, ev.channel, ev.data1, ev.data2)


_APPLY: dict[EventKind, Callable[[Any, Event, int], None]] = {
    EventKind.PROGRAM: _program,
    EventKind.CONTROL: _control,
    EventKind.NOTE_OFF: _note_off,
    EventKind.NOTE_ON: _note_on,
}


def apply_event(fs_synth: Any, ev: Event, sfid: int) -> None:
    """Send one schedule event to the synth now."""
    _APPLY[ev.kind](fs_synth, ev, sfid)


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
    _c_functions()["write_float"](
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
    write_s16 = _c_functions()["write_s16"]
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
    _c_functions()["write_s16"](fs_synth.synth, frames, address, 0, 2, address, 1, 2)
    return memoryview(out)[: 4 * frames]

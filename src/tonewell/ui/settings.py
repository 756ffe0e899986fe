"""The user's sound, display and playing preferences, kept between runs with QSettings.

Settings live in `TONEWELL_HOME/settings.ini` when that variable is set (tests and portable
installs), otherwise wherever Qt keeps an application's settings on this platform. A value that
is missing or damaged falls back to its default: a bad settings file never stops the app.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QSettings

from tonewell.midi.ports import AUTOMATIC, BACKEND_APIS
from tonewell.midi.scale_lock import LOCKS
from tonewell.midi.velocity import DEFAULT_CURVE, VELOCITY_CURVES

HOME_ENV = "TONEWELL_HOME"
GROUP = "sound"

PERIOD_SIZES = (64, 128, 256, 512, 1024, 2048)
"""Audio buffer sizes offered, in frames."""

PERIOD_COUNTS = (2, 3, 4, 6, 8)


@dataclass(frozen=True, slots=True)
class SoundSettings:
    """How Tonewell makes sound. `driver` "" means pick one automatically; `soundfont_path` ""
    means the bundled General MIDI soundfont."""

    driver: str = ""
    sample_rate_hz: int = 44100
    period_size: int = 128
    periods: int = 3
    """128 x 3 frames = 8.7 ms at 44.1 kHz (256 x 2, 11.6 ms, was the earlier default). A minute
    of live play on the JACK dummy server (benchmarks live_jitter_ms, 1.44 ms spread at both) on
    a busy shared 2-core machine without real-time scheduling: 128 x 3 had 19 xruns / 3 period
    slips and 2 / 1; 256 x 2 had 0 / 0 and 5 / 1. Dropouts there come from the load at either
    size, so the lower latency stays."""
    reverb: bool = True
    chorus: bool = False
    soundfont_path: str = ""
    metronome_volume: int = 70
    """0..100 percent."""

    @property
    def latency_ms(self) -> float:
        """Output buffering in milliseconds: period size times periods at the sample rate."""
        return self.period_size * self.periods * 1000.0 / self.sample_rate_hz

    def clamped(self) -> SoundSettings:
        """These settings with every number brought into its allowed range."""
        return replace(
            self,
            sample_rate_hz=min(max(self.sample_rate_hz, 8000), 192000),
            period_size=min(max(self.period_size, 32), 8192),
            periods=min(max(self.periods, 2), 64),
            metronome_volume=min(max(self.metronome_volume, 0), 100),
        )


class _Clampable(Protocol):
    def clamped(self) -> Any: ...


_S = TypeVar("_S", bound=_Clampable)


def open_qsettings() -> QSettings:
    """The QSettings store: an ini file in TONEWELL_HOME when set, else the platform default."""
    home = os.environ.get(HOME_ENV, "").strip()
    if home:
        folder = Path(home).expanduser()
        folder.mkdir(parents=True, exist_ok=True)
        return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Tonewell", "Tonewell")


def _read(store: QSettings, key: str, default: object, group: str = GROUP) -> object:
    raw = store.value(f"{group}/{key}", default)
    try:
        if isinstance(default, bool):
            if isinstance(raw, str):
                return raw.strip().lower() in ("1", "true", "yes", "on")
            return bool(raw)
        if isinstance(default, int):
            return int(raw)  # type: ignore[call-overload]
        return str(raw)
    except (TypeError, ValueError):
        return default


def _load_group(kind: type[_S], group: str, store: QSettings | None) -> _S:
    """Settings of `kind` saved under `group`, each field falling back to its default when
    missing or unreadable, then clamped."""
    store = store or open_qsettings()
    defaults = kind()
    values = {f.name: _read(store, f.name, getattr(defaults, f.name), group)
              for f in fields(defaults)}  # type: ignore[arg-type]
    return kind(**values).clamped()


def _save_group(settings: object, group: str, store: QSettings | None) -> None:
    store = store or open_qsettings()
    for f in fields(settings):  # type: ignore[arg-type]
        store.setValue(f"{group}/{f.name}", getattr(settings, f.name))
    store.sync()


def load_sound_settings(store: QSettings | None = None) -> SoundSettings:
    """The saved sound settings, with defaults for anything missing or unreadable."""
    return _load_group(SoundSettings, GROUP, store)


def save_sound_settings(settings: SoundSettings, store: QSettings | None = None) -> None:
    _save_group(settings, GROUP, store)


DISPLAY_GROUP = "display"
THEME_CHOICES: tuple[str, ...] = ("system", "light", "dark", "high-contrast")
"""What the look setting may hold; "system" follows the desktop's light/dark setting."""
SCALE_PERCENTS: tuple[int, ...] = (100, 125, 150, 175, 200)
"""The text-size steps offered; any whole percent in 100..200 is accepted from the file."""


@dataclass(frozen=True, slots=True)
class DisplaySettings:
    """How Tonewell looks: `theme` one of THEME_CHOICES, `scale_percent` 100..200 (text, hit
    targets and the piano roll's rows grow with it)."""

    theme: str = "system"
    scale_percent: int = 100

    def clamped(self) -> DisplaySettings:
        """These settings with an unknown look read as "system" and the scale kept in range."""
        theme = self.theme if self.theme in THEME_CHOICES else "system"
        return replace(self, theme=theme, scale_percent=min(max(self.scale_percent, 100), 200))


def load_display_settings(store: QSettings | None = None) -> DisplaySettings:
    """The saved display settings, with defaults for anything missing or unreadable."""
    return _load_group(DisplaySettings, DISPLAY_GROUP, store)


def save_display_settings(settings: DisplaySettings, store: QSettings | None = None) -> None:
    _save_group(settings, DISPLAY_GROUP, store)


PLAYING_GROUP = "playing"
BACKEND_CHOICES: tuple[str, ...] = (AUTOMATIC, *BACKEND_APIS)
"""MIDI systems the setting may name ("automatic": every one compiled in that works)."""


@dataclass(frozen=True, slots=True)
class PlayingSettings:
    """How playing in works: which MIDI input (`device` "" means every one), through which MIDI
    system, the velocity curve, the scale lock and, for the pentatonic lock, whether the white
    keys walk the scale. The choices are `tonewell.midi`'s own names."""

    device: str = ""
    backend: str = AUTOMATIC
    velocity_curve: str = DEFAULT_CURVE
    scale_lock: str = "off"
    white_keys_walk: bool = False
    record_grid_ticks: int = 0
    """Input quantize while recording: the grid played notes are pulled to (0: off)."""
    record_strength_percent: int = 100
    """How far they are pulled, 0..100 %."""

    def clamped(self) -> PlayingSettings:
        """These settings with any unknown choice read as its default."""
        d = PlayingSettings()
        return replace(
            self,
            backend=self.backend if self.backend in BACKEND_CHOICES else d.backend,
            velocity_curve=(self.velocity_curve if self.velocity_curve in VELOCITY_CURVES
                            else d.velocity_curve),
            scale_lock=self.scale_lock if self.scale_lock in LOCKS else d.scale_lock,
            record_grid_ticks=max(0, self.record_grid_ticks),
            record_strength_percent=min(100, max(0, self.record_strength_percent)),
        )


def load_playing_settings(store: QSettings | None = None) -> PlayingSettings:
    """The saved playing settings, with defaults for anything missing or unreadable."""
    return _load_group(PlayingSettings, PLAYING_GROUP, store)


def save_playing_settings(settings: PlayingSettings, store: QSettings | None = None) -> None:
    _save_group(settings, PLAYING_GROUP, store)


WINDOW_GROUP = "window"


def load_keyboard_shown(default: bool, store: QSettings | None = None) -> bool:
    """Whether the on-screen keyboard shows under the piano roll (`default` the first time)."""
    return bool(_read(store or open_qsettings(), "keyboard_shown", default, WINDOW_GROUP))


def save_keyboard_shown(shown: bool, store: QSettings | None = None) -> None:
    store = store or open_qsettings()
    store.setValue(f"{WINDOW_GROUP}/keyboard_shown", shown)
    store.sync()

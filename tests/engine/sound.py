"""Helpers for tests that listen to rendered audio: read a WAV, find onsets, find pitch."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """(frames x 2 array of floats in [-1, 1], sample rate in Hz)."""
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth()) == (2, 2)
        rate = w.getframerate()
        raw = w.readframes(w.getnframes())
    return np.frombuffer(raw, dtype="<i2").reshape(-1, 2).astype(np.float64) / 32768.0, rate


def envelope(audio: np.ndarray) -> np.ndarray:
    """The larger absolute value of the two channels, frame by frame."""
    return np.abs(audio).max(axis=1)


def onsets(audio: np.ndarray, threshold: float = 0.01, quiet_frames: int = 2000) -> list[int]:
    """Frames where the sound first rises above `threshold` after at least `quiet_frames`
    frames below it."""
    loud = np.flatnonzero(envelope(audio) > threshold)
    if loud.size == 0:
        return []
    starts = [int(loud[0])]
    gaps = np.flatnonzero(np.diff(loud) > quiet_frames)
    starts.extend(int(loud[g + 1]) for g in gaps)
    return starts


def first_above(audio: np.ndarray, start: int, stop: int, threshold: float = 0.01) -> int | None:
    """The first frame in [start, stop) above `threshold`, or None."""
    start = max(start, 0)
    loud = np.flatnonzero(envelope(audio[start:stop]) > threshold)
    return start + int(loud[0]) if loud.size else None


def peak_frequency_hz(signal: np.ndarray, sample_rate_hz: int) -> float:
    """The strongest frequency in `signal` (mono), refined between FFT bins."""
    windowed = signal * np.hanning(len(signal))
    spectrum = np.abs(np.fft.rfft(windowed, n=len(signal) * 4))
    spectrum[:20] = 0  # ignore DC and rumble
    k = int(np.argmax(spectrum))
    a, b, c = spectrum[k - 1], spectrum[k], spectrum[k + 1]
    shift = 0.5 * (a - c) / (a - 2 * b + c)
    return (k + shift) * sample_rate_hz / (len(signal) * 4)


def band_level(signal: np.ndarray, sample_rate_hz: int, freq_hz: float, width: float = 0.03):
    """Spectral magnitude (max) within ±`width` relative around `freq_hz`."""
    spectrum = np.abs(np.fft.rfft(signal * np.hanning(len(signal))))
    freqs = np.fft.rfftfreq(len(signal), 1 / sample_rate_hz)
    band = (freqs > freq_hz * (1 - width)) & (freqs < freq_hz * (1 + width))
    return float(spectrum[band].max())

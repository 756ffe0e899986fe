"""What the `tonewell` command shows on a terminal while it works: a progress line.

Reading a big MIDI file or rendering a long piece takes seconds; on a terminal the commands
redraw one line in place (`Reading [#######.......]  40%`) so people know it is moving. When
stderr is a pipe or a file nothing is drawn, so scripts and logs stay clean.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from tonewell.model import Composition

BAR_WIDTH = 30


class ProgressBar:
    """`Label [#########.....................]  30%` redrawn in place on a terminal."""

    def __init__(self, stream: TextIO, label: str = "") -> None:
        self.stream = stream
        self.label = f"{label} " if label else ""
        self.shown = -1

    def __call__(self, fraction: float) -> None:
        percent = round(min(max(fraction, 0.0), 1.0) * 100)
        if percent == self.shown:
            return
        self.shown = percent
        filled = percent * BAR_WIDTH // 100
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stream.write(f"\r{self.label}[{bar}] {percent:3d}%")
        self.stream.flush()

    def end(self) -> None:
        """Finish the line (after success or failure), so what is printed next starts fresh."""
        if self.shown >= 0:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = -1


def progress_bar(stream: TextIO, label: str = "") -> ProgressBar | None:
    """A progress bar on `stream` when it is a terminal, else None (nothing is drawn)."""
    isatty = getattr(stream, "isatty", None)
    return ProgressBar(stream, label) if isatty is not None and isatty() else None


def read_piece(path: Path, stream: TextIO) -> tuple[Composition, list[str]]:
    """`load_any(path)` with a "Reading" progress line on `stream` when it is a terminal."""
    from tonewell.io.formats import load_any

    bar = progress_bar(stream, "Reading")
    try:
        return load_any(path, progress=bar)
    finally:
        if bar is not None:
            bar.end()

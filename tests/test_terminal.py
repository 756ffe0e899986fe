"""The progress line the command shows on a terminal while it reads or renders."""

from __future__ import annotations

import io

import pytest

from tonewell.io.smf import ImportCancelled, write_midi
from tonewell.model import Clip, Composition, Note, Track
from tonewell.terminal import ProgressBar, progress_bar, read_piece


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def midi_file(tmp_path, notes: int = 2000):
    clip = Clip("A", tuple(Note(i * 60, 60 + i % 12, 50) for i in range(notes)), length_bars=64)
    path = tmp_path / "song.mid"
    write_midi(Composition(title="Song", tracks=(Track("Piano", clips=(clip,)),)), path)
    return path


def test_the_bar_draws_in_place_and_ends_the_line():
    out = Terminal()
    bar = ProgressBar(out, "Reading")
    bar(0.0)
    bar(0.4)
    bar(0.4)  # the same percent is not drawn twice
    bar.end()
    assert out.getvalue() == (
        "\rReading [..............................]   0%"
        "\rReading [############..................]  40%\n"
    )


def test_nothing_is_drawn_into_a_pipe_or_a_file():
    assert progress_bar(io.StringIO(), "Reading") is None
    assert isinstance(progress_bar(Terminal(), "Reading"), ProgressBar)


def test_reading_a_midi_file_shows_how_far_it_has_come(tmp_path):
    out = Terminal()
    comp, _ = read_piece(midi_file(tmp_path), out)
    assert comp.note_count() == 2000
    text = out.getvalue()
    assert text.startswith("\rReading [") and text.endswith("100%\n")


def test_the_line_is_ended_when_reading_stops(tmp_path, monkeypatch):
    import tonewell.io.formats as formats

    def stopped(path, *, progress=None, cancelled=None):
        progress(0.5)
        raise ImportCancelled

    monkeypatch.setattr(formats, "load_any", stopped)
    out = Terminal()
    with pytest.raises(ImportCancelled):
        read_piece(tmp_path / "x.mid", out)
    assert out.getvalue().endswith(" 50%\n")

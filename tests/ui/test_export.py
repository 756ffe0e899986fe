"""Export audio: a real render on a worker thread, its progress, cancelling, and problems."""

from __future__ import annotations

import errno
import wave
from dataclasses import replace

from tonewell.model import Clip, Composition, LoopRegion, Note, TempoMap, Track
from tonewell.ui.export import ExportJob

from .helpers import small_piece


def long_piece() -> Composition:
    """Sixty bars: long enough that a cancel always lands mid-render."""
    clip = Clip(notes=tuple(Note(i * 240, 60 + i % 7, 200) for i in range(8)), repeats=60)
    return Composition(tempo_map=TempoMap.constant(120), tracks=(Track(clips=(clip,)),))


def test_export_writes_a_wav(qtbot, messages, small_font, tmp_path):
    out = tmp_path / "morning.wav"
    job = ExportJob(small_piece(), out, soundfont=small_font)
    with qtbot.waitSignal(job.finished, timeout=20_000) as got:
        job.start()
    assert got.args == ["done"]
    with wave.open(str(out), "rb") as wav:
        assert wav.getnchannels() == 2
        assert wav.getframerate() == 44100
        assert wav.getnframes() > 44100 * 3  # two bars at 120 BPM, then the release
    assert messages == []
    assert not job.is_running()


def test_cancel_leaves_no_file(qtbot, messages, small_font, tmp_path):
    out = tmp_path / "long.wav"
    job = ExportJob(long_piece(), out, soundfont=small_font)
    with qtbot.waitSignal(job.finished, timeout=20_000) as got:
        job.start()
        job.dialog.canceled.emit()  # what the Cancel button (or Esc) does
    assert got.args == ["cancelled"]
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []
    assert messages == []


def test_a_problem_is_a_calm_message(qtbot, messages, small_font, tmp_path):
    out = tmp_path / "no such folder" / "x.wav"
    job = ExportJob(small_piece(), out, soundfont=small_font)
    with qtbot.waitSignal(job.finished, timeout=20_000) as got:
        job.start()
    assert got.args == ["failed"]
    assert messages and messages[0].startswith("The audio file could not be made.")
    assert "Your piece itself is unchanged." in messages[0]


def test_export_from_the_window_uses_the_loaded_soundfont(window, qtbot, small_font, tmp_path):
    engine = window.engine
    with qtbot.waitCallback(timeout=10_000) as applied:
        engine.apply_settings(replace(engine.settings, soundfont_path=str(small_font)), applied)
    assert applied.args == [True, ""]
    assert engine.soundfont_path() == small_font
    window.piece.load(small_piece("Evening"), None)
    job = window.files.export_to(tmp_path / "evening.wav")
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert (tmp_path / "evening.wav").stat().st_size > 1000
    said = window.status_line.text()
    assert said.startswith("Exported “evening.wav”") and str(tmp_path) in said
    assert window.status_line.show_folder.isVisible()
    assert window.status_line.folder() == tmp_path.resolve()


def test_export_holds_the_whole_piece_even_while_looping(window, qtbot, small_font, tmp_path):
    engine = window.engine
    with qtbot.waitCallback(timeout=10_000) as applied:
        engine.apply_settings(replace(engine.settings, soundfont_path=str(small_font)), applied)
    piece = small_piece("Looping")
    one_bar_loop = replace(piece, loop=LoopRegion(0, 1920, True))  # the piece is two bars
    window.piece.load(one_bar_loop, None)
    job = window.files.export_to(tmp_path / "looping.wav")
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    with wave.open(str(tmp_path / "looping.wav"), "rb") as wav:
        seconds = wav.getnframes() / wav.getframerate()
    assert seconds >= 4.0  # two bars at 120 BPM, not the one-bar loop
    assert window.piece.comp.loop.enabled  # exporting does not change the piece


def test_a_disk_error_uses_the_one_plain_wording(qtbot, messages, small_font, tmp_path,
                                                 monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("tonewell.ui.export.render_to_wav", disk_full)
    job = ExportJob(small_piece(), tmp_path / "x.wav", soundfont=small_font)
    with qtbot.waitSignal(job.finished, timeout=20_000) as got:
        job.start()
    assert got.args == ["failed"]
    assert 'Could not write "x.wav": no space left on the disk.' in messages[0]

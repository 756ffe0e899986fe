"""`tonewell render IN -o OUT.wav`: renders projects and .mid files; mistakes are one plain line
and exit 2, with any existing output left as it was."""

from __future__ import annotations

import errno
import io
import os
import signal
import subprocess
import sys
import time
import wave
from pathlib import Path

import pytest

from tonewell.cli import main
from tonewell.io.formats import save_any
from tonewell.model import Clip, Composition, LoopRegion, Note, TempoMap, Track

pytestmark = pytest.mark.fluidsynth


def small_piece() -> Composition:
    notes = tuple(Note(i * 480, 60 + i, 400) for i in range(4))
    return Composition(
        title="Small piece",
        tempo_map=TempoMap.constant(120),
        tracks=(Track("Melody", clips=(Clip("A", notes),)),),
    )


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    path = tmp_path / "piece.tonewell"
    save_any(small_piece(), path)
    return path


def frames_of(path: Path) -> int:
    with wave.open(str(path), "rb") as w:
        return w.getnframes()


def one_plain_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    assert err.startswith("tonewell: ")
    return err


def test_renders_a_project(bundled_font: Path, project: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "piece.wav"
    assert main(["render", str(project), "-o", str(out)]) == 0
    assert frames_of(out) > 2 * 44100  # one bar at 120 BPM, then the release tail
    assert "piece.wav" in capsys.readouterr().out


def test_renders_a_midi_file_with_options(bundled_font: Path, tmp_path: Path) -> None:
    pytest.importorskip("tonewell.io.smf", reason="the MIDI reader is not in this checkout yet")
    mid = tmp_path / "piece.mid"
    save_any(small_piece(), mid)
    out = tmp_path / "piece.wav"
    args = ["render", str(mid), "-o", str(out), "--loops", "3", "--sample-rate", "22050"]
    assert main([*args, "--soundfont", str(bundled_font)]) == 0
    with wave.open(str(out), "rb") as w:
        assert w.getframerate() == 22050
        assert w.getnframes() > 3 * 2 * 22050


def test_shows_a_progress_bar_on_a_terminal(
    bundled_font: Path, project: Path, tmp_path: Path, monkeypatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["render", str(project), "-o", str(tmp_path / "p.wav"), "--loops", "20"]) == 0
    shown = terminal.getvalue()
    assert shown.startswith("\rRendering [") and shown.endswith("] 100%\n")
    assert "#" * 30 in shown


def test_no_progress_bar_when_not_a_terminal(
    bundled_font: Path, project: Path, tmp_path: Path, capsys
) -> None:
    assert main(["render", str(project), "-o", str(tmp_path / "p.wav")]) == 0
    assert capsys.readouterr().err == ""


def bad_soundfont(tmp_path: Path) -> Path:
    path = tmp_path / "broken.sf2"
    path.write_bytes(os.urandom(5000))
    return path


@pytest.mark.parametrize(
    ("make_args", "words"),
    [
        (lambda tmp, proj: [str(tmp / "missing.tonewell")], "not found"),
        (lambda tmp, proj: [str(proj), "--soundfont", str(bad_soundfont(tmp))], "not a soundfont"),
        (lambda tmp, proj: [str(proj), "--soundfont", str(tmp / "none.sf2")], "was not found"),
        (lambda tmp, proj: [str(proj), "--loops", "0"], "--loops"),
        (lambda tmp, proj: [str(proj), "--sample-rate", "1000"], "--sample-rate"),
    ],
    ids=["missing input", "bad soundfont", "missing soundfont", "no loops", "odd rate"],
)
def test_a_mistake_is_one_line_and_leaves_the_output_alone(
    bundled_font: Path, project: Path, tmp_path: Path, capsys, make_args, words: str
) -> None:
    out = tmp_path / "out.wav"
    out.write_bytes(b"the previous export")
    assert main(["render", *make_args(tmp_path, project), "-o", str(out)]) == 2
    assert words in one_plain_line(capsys)
    assert out.read_bytes() == b"the previous export"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_file_that_is_not_midi_is_one_line(bundled_font: Path, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.mid"
    bad.write_text("these are my notes, not MIDI\n")
    assert main(["render", str(bad), "-o", str(tmp_path / "out.wav")]) == 2
    one_plain_line(capsys)
    assert not (tmp_path / "out.wav").exists()


def test_an_unwritable_output_is_one_line(
    bundled_font: Path, project: Path, tmp_path: Path, capsys
) -> None:
    assert main(["render", str(project), "-o", str(tmp_path / "no" / "out.wav")]) == 2
    assert "folder it belongs in does not exist" in one_plain_line(capsys)


def test_only_wav_output(bundled_font: Path, project: Path, tmp_path: Path, capsys) -> None:
    assert main(["render", str(project), "-o", str(tmp_path / "out.mp3")]) == 2
    assert ".wav" in one_plain_line(capsys)
    assert not (tmp_path / "out.mp3").exists()


def looped_project(tmp_path: Path) -> Path:
    """Four bars at 120 BPM (8 s) with the loop switch on over the first bar (2 s)."""
    clip = Clip("A", tuple(Note(i * 480, 60 + i % 4, 400) for i in range(4)), repeats=4)
    comp = Composition(
        title="Looped",
        tempo_map=TempoMap.constant(120),
        tracks=(Track("Melody", clips=(clip,)),),
        loop=LoopRegion(0, 1920, True),
    )
    path = tmp_path / "looped.tonewell"
    save_any(comp, path)
    return path


def test_without_loops_the_whole_piece_is_rendered(bundled_font: Path, tmp_path: Path) -> None:
    out = tmp_path / "whole.wav"
    assert main(["render", str(looped_project(tmp_path)), "-o", str(out)]) == 0
    assert 8.0 <= frames_of(out) / 44100 < 8.0 + 4.5  # the piece, then at most the release cap


def test_loops_plays_the_loop_region_that_many_times(bundled_font: Path, tmp_path: Path) -> None:
    out = tmp_path / "three.wav"
    assert main(["render", str(looped_project(tmp_path)), "-o", str(out), "--loops", "3"]) == 0
    assert 6.0 <= frames_of(out) / 44100 < 6.0 + 4.5  # three one-bar passes, then the release


def test_the_input_itself_as_output_is_refused(
    bundled_font: Path, tmp_path: Path, capsys
) -> None:
    wav = tmp_path / "take.wav"
    wav.write_bytes(b"a recording")
    assert main(["render", str(wav), "-o", str(tmp_path / "." / "take.wav")]) == 2
    assert "is the file being read" in one_plain_line(capsys)
    assert wav.read_bytes() == b"a recording"


def test_a_read_only_output_is_refused_and_left_alone(
    bundled_font: Path, project: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out.wav"
    out.write_bytes(b"the previous export")
    out.chmod(0o444)
    assert main(["render", str(project), "-o", str(out)]) == 2
    assert '"out.wav" is read-only' in one_plain_line(capsys)
    assert out.read_bytes() == b"the previous export"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_disk_error_is_worded_like_every_other(
    bundled_font: Path, project: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out.wav"))

    monkeypatch.setattr("tonewell.engine.render.render_to_wav", disk_full)
    assert main(["render", str(project), "-o", str(tmp_path / "out.wav")]) == 2
    assert one_plain_line(capsys) == (
        f'tonewell: could not use "{tmp_path / "out.wav"}": no space left on the disk.\n'
    )


@pytest.mark.skipif(sys.platform != "linux", reason="Linux file names are bytes")
def test_a_name_that_is_not_utf8_renders_and_is_printed_safely(
    bundled_font: Path, project: Path, tmp_path: Path
) -> None:
    source = tmp_path / os.fsdecode(b"caf\xe9.tonewell")
    source.write_bytes(project.read_bytes())
    out = tmp_path / os.fsdecode(b"caf\xe9.wav")
    done = subprocess.run(
        [sys.executable, "-m", "tonewell", "render", os.fsdecode(source), "-o", os.fsdecode(out)],
        capture_output=True, timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").startswith(f'Wrote "{tmp_path}/caf\ufffd.wav" (')
    assert frames_of(out) > 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_as_input_is_refused_at_once(bundled_font: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.mid"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "tonewell", "render", str(fifo), "-o", str(tmp_path / "o.wav")],
        capture_output=True, text=True, timeout=30,
    )
    assert done.returncode == 2
    assert "is not a regular file" in done.stderr
    assert not (tmp_path / "o.wav").exists()


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_a_render_stopped_by_a_signal_leaves_no_temporary_file(
    bundled_font: Path, tmp_path: Path, signame: str
) -> None:
    long_clip = Clip("A", tuple(Note(i * 480, 60 + i % 4, 400) for i in range(4)), repeats=999)
    source = tmp_path / "long.tonewell"
    save_any(Composition(title="Long", tracks=(Track("Melody", clips=(long_clip,)),)), source)
    out = tmp_path / "long.wav"
    out.write_bytes(b"the previous export")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tonewell", "render", str(source), "-o", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None and not any(
            p.stat().st_size > 0 for p in tmp_path.glob(".long.wav.*.tmp")
        ):
            time.sleep(0.02)
        assert proc.poll() is None, proc.communicate()
        proc.send_signal(getattr(signal, signame))
        _out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == 128 + getattr(signal, signame), err
    assert err.endswith(b"tonewell: stopped.\n")
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.tonewell", "long.wav"]

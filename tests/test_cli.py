"""The `tonewell` command line: convert, info, version, and plain errors with exit 2."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tonewell import __version__
from tonewell.cli import main
from tonewell.io.formats import load_any, save_any
from tonewell.model import Clip, Composition, Key, Note, TempoMap, Track

EXAMPLES = Path(__file__).resolve().parent.parent / "projects" / "examples"


def small_piece() -> Composition:
    notes = tuple(Note(start_tick=i * 480, pitch=60 + i, length_ticks=400) for i in range(4))
    return Composition(
        title="Small piece",
        tempo_map=TempoMap.constant(96),
        key=Key(2, "dorian"),
        tracks=(
            Track("Melody", program=73, clips=(Clip("A", notes, repeats=2),)),
            Track("Beat", is_drum=True, clips=(Clip("B", (Note(0, 36, 120),)),)),
        ),
    )


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_convert_project_to_midi_and_back(tmp_path, capsys):
    project = tmp_path / "piece.tonewell"
    save_any(small_piece(), project)
    assert main(["convert", str(project), str(tmp_path / "piece.mid")]) == 0
    assert main(["convert", str(tmp_path / "piece.mid"), str(tmp_path / "back.tonewell")]) == 0
    back, _ = load_any(tmp_path / "back.tonewell")
    assert back.note_count() == small_piece().note_count()
    assert back.tempo_bpm == pytest.approx(96)


def test_info_summarises(tmp_path, capsys):
    project = tmp_path / "piece.tonewell"
    save_any(small_piece(), project)
    assert main(["info", str(project)]) == 0
    out = capsys.readouterr().out
    assert "Small piece" in out
    assert "96 BPM" in out
    assert "D dorian" in out
    assert "Notes:    9" in out
    assert "Melody — Flute, 8 notes" in out
    assert "Beat — Drums, 1 notes" in out


def test_missing_input_is_one_plain_line_and_exit_2(tmp_path, capsys):
    assert main(["info", str(tmp_path / "nope.tonewell")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "not found" in err
    assert "Traceback" not in err


def test_unknown_extension_is_refused_before_reading(tmp_path, capsys):
    project = tmp_path / "piece.tonewell"
    save_any(small_piece(), project)
    assert main(["convert", str(project), str(tmp_path / "piece.mp3")]) == 2
    assert ".mp3" in capsys.readouterr().err
    assert not (tmp_path / "piece.mp3").exists()


def test_damaged_input_leaves_existing_output_untouched(tmp_path, capsys):
    bad = tmp_path / "bad.mid"
    bad.write_bytes(b"MThd\x00\x00\x00\x06\x00\x01\x00\x05\x01\xe0MTrk\x00\x00\xff\xff\x90")
    out = tmp_path / "out.tonewell"
    out.write_text("precious")
    assert main(["convert", str(bad), str(out)]) == 2
    assert out.read_text() == "precious"
    err = capsys.readouterr().err
    assert err.startswith("tonewell: ")
    assert "Traceback" not in err


def test_not_a_project_is_refused(tmp_path, capsys):
    fake = tmp_path / "notes.tonewell"
    fake.write_text("these are my notes, not JSON")
    assert main(["info", str(fake)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_python_dash_m_runs_the_same_command(tmp_path):
    project = tmp_path / "piece.tonewell"
    save_any(small_piece(), project)
    done = subprocess.run(
        [sys.executable, "-m", "tonewell", "info", str(project)],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Small piece" in done.stdout


def test_devices_lists_something_without_crashing(capsys):
    assert main(["devices"]) == 0
    out = capsys.readouterr().out
    assert "MIDI inputs:" in out
    assert "Audio drivers:" in out


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.tonewell")), ids=lambda p: p.stem)
def test_examples_round_trip_through_midi(example, tmp_path):
    original, warnings = load_any(example)
    assert not warnings
    assert original.note_count() > 0
    mid = tmp_path / "x.mid"
    assert main(["convert", str(example), str(mid)]) == 0
    back, _ = load_any(mid)

    def heard(comp):
        tick_s = comp.tempo_map.tick_to_seconds
        meter = comp.time_signature
        out = set()
        for track in comp.tracks:
            for clip in track.clips:
                for r in range(clip.repeats):
                    base = clip.start_tick + r * clip.length_ticks(meter)
                    for n in clip.notes:
                        out.add((track.program, track.is_drum, n.pitch, n.velocity,
                                 round(tick_s(base + n.start_tick), 6),
                                 round(tick_s(base + n.end_tick), 6)))
        return out

    assert heard(back) == heard(original)


def test_there_are_at_least_three_examples():
    assert len(list(EXAMPLES.glob("*.tonewell"))) >= 3


# --- edges: the same file, odd names, pipes, read-only targets, stop signals ---------------

STRICT_UTF8 = {"PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8"}


def run_tonewell(*args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """`python -m tonewell ARGS` with a strict UTF-8 stdout, as a fussy terminal would have."""
    return subprocess.run(
        [sys.executable, "-m", "tonewell", *map(os.fsdecode, args)],
        capture_output=True, timeout=timeout, env={**os.environ, **STRICT_UTF8},
    )


def same_file_spellings(path: Path) -> dict[str, Path]:
    folder = path.parent
    symlink = folder / f"link-{path.name}"
    symlink.symlink_to(path)
    hard = folder / f"hard-{path.name}"
    os.link(path, hard)
    return {"same path": path, "dot slash": folder / "." / path.name, "symlink": symlink,
            "hard link": hard}


@pytest.mark.parametrize("spelling", ["same path", "dot slash", "symlink", "hard link"])
@pytest.mark.parametrize("suffix", [".mid", ".tonewell"])
def test_convert_refuses_to_write_over_its_own_input(tmp_path, capsys, spelling, suffix):
    source = tmp_path / f"piece{suffix}"
    save_any(small_piece(), source)
    before = source.read_bytes()
    target = same_file_spellings(source)[spelling]
    assert main(["convert", str(source), str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is the file being read" in err
    assert source.read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_convert_in_the_working_folder_spelled_two_ways_is_refused(tmp_path, capsys,
                                                                   monkeypatch):
    save_any(small_piece(), tmp_path / "X.mid")
    monkeypatch.chdir(tmp_path)
    assert main(["convert", "./X.mid", "X.mid"]) == 2
    assert "is the file being read" in capsys.readouterr().err


def non_utf8_name(folder: Path, suffix: str) -> Path:
    """A file name holding the Latin-1 byte for é, which is not valid UTF-8."""
    return folder / os.fsdecode(b"caf\xe9" + suffix.encode())


@pytest.mark.skipif(sys.platform != "linux", reason="Linux file names are bytes")
def test_convert_and_info_work_with_a_name_that_is_not_utf8(tmp_path):
    source = non_utf8_name(tmp_path, ".mid")
    save_any(small_piece(), source)
    project = non_utf8_name(tmp_path, ".tonewell")
    done = run_tonewell("convert", source, project)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == f'Wrote "{tmp_path}/caf\ufffd.tonewell".\n'
    assert load_any(project)[0].title == "caf\ufffd"  # the title from the name, made safe
    done = run_tonewell("info", project)
    assert done.returncode == 0, done.stderr
    assert "Title:    caf\ufffd\n" in done.stdout.decode("utf-8")
    back = non_utf8_name(tmp_path, ".smf")
    assert run_tonewell("convert", project, back).returncode == 0
    assert load_any(back)[0].title == "caf\ufffd"


@pytest.mark.skipif(sys.platform != "linux", reason="Linux file names are bytes")
def test_a_problem_with_a_name_that_is_not_utf8_is_one_plain_line(tmp_path):
    done = run_tonewell("info", non_utf8_name(tmp_path, ".mid"))
    assert done.returncode == 2
    err = done.stderr.decode("utf-8")
    assert err == f'tonewell: "{tmp_path}/caf\ufffd.mid" was not found.\n'


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize(
    "args",
    [["info", "{fifo}"], ["convert", "{fifo}", "{out}"]],
    ids=["info", "convert"],
)
@pytest.mark.parametrize("suffix", [".mid", ".tonewell"])
def test_a_named_pipe_as_input_is_refused_at_once(tmp_path, args, suffix):
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    out = tmp_path / "out.tonewell"
    done = run_tonewell(*(a.format(fifo=fifo, out=out) for a in args), timeout=20)
    assert done.returncode == 2
    assert done.stderr.decode() == (
        f'tonewell: "{fifo}" is not a regular file (it is a pipe, a device or a socket), so '
        "Tonewell cannot open it.\n"
    )
    assert not out.exists()


@pytest.mark.parametrize("suffix", [".mid", ".tonewell"])
def test_a_read_only_output_is_refused_and_left_untouched(tmp_path, capsys, suffix):
    source = tmp_path / "piece.tonewell"
    save_any(small_piece(), source)
    target = tmp_path / f"kept{suffix}"
    target.write_bytes(b"please keep me")
    target.chmod(0o444)
    assert main(["convert", str(source), str(target)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f'tonewell: "kept{suffix}" is read-only, so Tonewell left it as it was. Please save '
        "under another name, or make the file writable first.\n"
    )
    assert target.read_bytes() == b"please keep me"
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_a_stop_signal_during_a_save_leaves_the_old_file_and_no_temporary_file(
    tmp_path, capsys, monkeypatch, signame
):
    signum = getattr(signal, signame)
    source = tmp_path / "piece.tonewell"
    save_any(small_piece(), source)
    target = tmp_path / "out.mid"
    target.write_bytes(b"the previous copy")
    real_fsync = os.fsync

    def killed_while_flushing(fd):
        os.kill(os.getpid(), signum)  # the handler raises as soon as this returns
        real_fsync(fd)

    def outside_handler(signum, frame):  # only reached if main installed none
        pass

    monkeypatch.setattr(os, "fsync", killed_while_flushing)
    previous = signal.signal(signum, outside_handler)  # a missing handler must not kill pytest
    try:
        assert main(["convert", str(source), str(target)]) == 128 + signum
        assert signal.getsignal(signum) is outside_handler  # the previous handler is back
    finally:
        signal.signal(signum, previous)
    assert capsys.readouterr().err == "tonewell: stopped.\n"
    assert target.read_bytes() == b"the previous copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.mid", "piece.tonewell"]


SLOW_FLUSH = """
import os, sys, time
from pathlib import Path
real_fsync = os.fsync
def slow_fsync(fd):
    Path(sys.argv[1]).write_text("flushing")
    time.sleep(60)
    real_fsync(fd)
os.fsync = slow_fsync
from tonewell.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_a_convert_process_stopped_by_a_signal_cleans_up(tmp_path, signame):
    source = tmp_path / "piece.tonewell"
    save_any(small_piece(), source)
    target = tmp_path / "out.mid"
    target.write_bytes(b"the previous copy")
    flag = tmp_path / "flushing.flag"
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_FLUSH, str(flag), "convert", str(source), str(target)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not flag.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        assert flag.exists(), proc.communicate()[1]
        assert list(tmp_path.glob(".out.mid.*.tmp"))  # caught mid-save
        proc.send_signal(getattr(signal, signame))
        _out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == 128 + getattr(signal, signame)
    assert err == b"tonewell: stopped.\n"
    assert target.read_bytes() == b"the previous copy"
    assert not list(tmp_path.glob(".*.tmp"))


def test_loading_fluidsynth_prints_nothing_into_a_commands_output() -> None:
    """pyfluidsynth prints where it found the library when CI is set; not into our stdout."""
    code = "import sys; from tonewell.engine.fluid_ctypes import fluidsynth_module as f; f()"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, timeout=60,
        env={**os.environ, "CI": "true"},
    )
    assert done.returncode == 0 and done.stdout == b""


def test_a_terminal_that_cannot_show_a_character_gets_a_question_mark(tmp_path: Path) -> None:
    piece = tmp_path / "café.tonewell"
    save_any(Composition(title="Café — soir", tracks=(Track("Flûte"),)), piece)
    done = subprocess.run(
        [sys.executable, "-m", "tonewell", "info", str(piece)], capture_output=True, timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert done.returncode == 0, done.stderr
    assert b"Title:    Caf? ? soir" in done.stdout
    target = tmp_path / "out.mid"
    done = subprocess.run(
        [sys.executable, "-m", "tonewell", "convert", str(piece), str(target)],
        capture_output=True, timeout=60, env={**os.environ, "PYTHONIOENCODING": "latin-1"},
    )
    assert done.returncode == 0 and target.is_file(), done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_to_a_full_disk_is_one_plain_line(tmp_path: Path) -> None:
    piece = tmp_path / "piece.tonewell"
    save_any(Composition(title="Full", tracks=(Track("Piano"),)), piece)
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "tonewell", "info", str(piece)], stdout=full,
            stderr=subprocess.PIPE, timeout=60,
        )
    assert done.returncode == 2
    assert done.stderr == b"tonewell: could not finish: no space left on the disk.\n"

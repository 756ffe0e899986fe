"""The `tonewell` command line: convert, info, version, and plain errors with exit 2."""

from __future__ import annotations

import subprocess
import sys
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

"""`tonewell journal --csv OUT`: the journal as a CSV file, written whole or not at all."""

from __future__ import annotations

import csv
import io
import os

import pytest

from tonewell.cli import main
from tonewell.library.journal import Journal, journal_path
from tonewell.library.journal_csv import HEADER
from tonewell.library.records import CheckIn, SessionEntry, Snapshot


def add_sessions(count: int) -> None:
    with Journal() as journal:
        for n in range(1, count + 1):
            journal.add_session(
                SessionEntry(
                    started_at=f"2026-11-{n:02d}T09:30:00Z",
                    duration_s=900,
                    prompt_id="resilience-song",
                    prompt_title="Minor to major",
                    steps_completed=("start in minor", "find the major"),
                    check_in=CheckIn(stress=8, valence=-0.5, energy=0.5, words="heavy, «restless»"),
                    check_out=CheckIn(stress=4, valence=0.5, words="lighter", meaningful=9),
                    reflection="=SUM(A1) is just how I wrote it\nsecond line",
                    composition_uid="uid-1",
                    composition_title="Song for Ana",
                    snapshot=Snapshot("End of session", b"{}"),
                )
            )


def rows(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"))))


def test_exports_one_row_per_session(tmp_path, capsys):
    add_sessions(2)
    out = tmp_path / "journal.csv"
    assert main(["journal", "--csv", str(out)]) == 0
    assert "Wrote 2 sessions" in capsys.readouterr().out
    header, first, second = rows(out)
    assert tuple(header) == HEADER
    cell = dict(zip(header, first, strict=True))
    assert cell["started_at"] == "2026-11-01T09:30:00Z"
    assert cell["duration_min"] == "15.0"
    assert cell["steps_completed_count"] == "2"
    assert cell["steps_completed"] == "start in minor; find the major"
    assert (cell["stress_before"], cell["stress_after"], cell["meaningful"]) == ("8", "4", "9")
    assert cell["words_before"] == "heavy, «restless»"
    assert cell["energy_after"] == ""  # skipped question: an empty cell
    assert cell["reflection"] == "'=SUM(A1) is just how I wrote it\nsecond line"
    assert cell["snapshot_name"] == "End of session"
    assert second[1] == "2026-11-02T09:30:00Z"


def test_no_journal_yet_writes_just_the_header(tmp_path, capsys):
    out = tmp_path / "journal.csv"
    assert main(["journal", "--csv", str(out)]) == 0
    assert "No sessions in the journal yet" in capsys.readouterr().out
    assert rows(out) == [list(HEADER)]
    assert not journal_path().exists()  # exporting never creates a journal


def test_refuses_to_write_over_the_journal_itself(capsys):
    add_sessions(1)
    before = journal_path().read_bytes()
    assert main(["journal", "--csv", str(journal_path())]) == 2
    assert "is the file being read" in capsys.readouterr().err
    assert journal_path().read_bytes() == before


def test_refuses_a_read_only_output(tmp_path, capsys):
    add_sessions(1)
    out = tmp_path / "kept.csv"
    out.write_text("mine\n")
    out.chmod(0o444)
    assert main(["journal", "--csv", str(out)]) == 2
    assert "read-only" in capsys.readouterr().err
    assert out.read_text() == "mine\n"


def test_a_damaged_journal_is_kept_aside_and_said_so(tmp_path, capsys):
    journal_path().write_bytes(os.urandom(4096))
    out = tmp_path / "journal.csv"
    assert main(["journal", "--csv", str(out)]) == 0
    err = capsys.readouterr().err
    assert "note:" in err and "damaged" in err
    assert rows(out) == [list(HEADER)]
    assert any(".damaged-" in p.name for p in journal_path().parent.iterdir())


def test_csv_is_required():
    with pytest.raises(SystemExit) as stop:
        main(["journal"])
    assert stop.value.code == 2

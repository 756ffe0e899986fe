"""`tonewell report --last --pdf OUT`: a one-page PDF of a session, read back with poppler.

The command runs in a subprocess, as a person would run it, with no display: it must start Qt
offscreen by itself. Days are checked in UTC (TZ=UTC), the time zone the sessions were made in.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import need
from journal_sessions import fill_journal
from tonewell.library.journal import journal_path


def run_report(*args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env.update(TZ="UTC", LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8:strict")
    return subprocess.run(
        [sys.executable, "-m", "tonewell", "report", *map(os.fspath, args)],
        capture_output=True, text=True, timeout=timeout, env=env,
    )


def pdf_text(path: Path) -> str:
    need(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True)
    return done.stdout


def pdf_pages(path: Path) -> int:
    need(shutil.which("pdfinfo") is not None, "pdfinfo (poppler-utils) is not installed")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    assert found, info.stdout
    return int(found.group(1))


def test_last_session_as_a_one_page_pdf(tmp_path):
    fill_journal(3)  # the last one: 9 Oct 2026, "Breathing loop", stress 7 then 4
    out = tmp_path / "report.pdf"
    done = run_report("--last", "--pdf", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f'Wrote "Session on 9 Oct 2026" to "{out}".\n'
    text = pdf_text(out)
    assert "Session on 9 Oct 2026" in text
    assert "Breathing loop" in text
    assert "Session 3: the bass made it feel steady." in text
    assert re.search(r"Stress\s+7 of 10\s+4 of 10", text), text
    assert "Evening piece 1" in text
    assert pdf_pages(out) == 1


def test_a_chosen_session(tmp_path):
    fill_journal(3)
    out = tmp_path / "first.pdf"
    assert run_report("--session", "1", "--pdf", out).returncode == 0
    text = pdf_text(out)
    assert "Session on 5 Oct 2026" in text and "Arrival groove" in text


def test_an_empty_journal_is_one_plain_line(tmp_path):
    out = tmp_path / "report.pdf"
    done = run_report("--last", "--pdf", out)
    assert done.returncode == 2
    assert done.stderr == (
        "tonewell: No sessions in the journal yet; a report can be made after your first "
        "guided session.\n"
    )
    assert not out.exists()
    assert not journal_path().exists()  # a report never creates a journal


KEPT = b"%PDF-1.4 the report from last week\n"


@pytest.mark.parametrize(
    "case", ["read-only", "unknown session", "not a pdf name", "a folder", "the journal itself"]
)
def test_bad_output_exits_2_and_leaves_the_old_file(tmp_path, case):
    fill_journal(2)
    out = tmp_path / "report.pdf"
    out.write_bytes(KEPT)
    args: list[str | Path] = ["--last", "--pdf", out]
    if case == "read-only":
        out.chmod(0o444)
    elif case == "unknown session":
        args = ["--session", "99", "--pdf", out]
    elif case == "not a pdf name":
        args = ["--last", "--pdf", tmp_path / "report.txt"]
    elif case == "a folder":
        folder = tmp_path / "folder.pdf"
        folder.mkdir()
        args = ["--last", "--pdf", folder]
    elif case == "the journal itself":
        link = tmp_path / "journal.pdf"
        link.symlink_to(journal_path())
        args = ["--last", "--pdf", link]
    before = journal_path().read_bytes()
    done = run_report(*args)
    assert done.returncode == 2
    assert done.stderr.startswith("tonewell: ") and done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert out.read_bytes() == KEPT
    assert journal_path().read_bytes() == before
    assert not (tmp_path / "report.txt").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []

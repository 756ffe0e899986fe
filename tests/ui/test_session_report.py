"""The session report from the window: Journal › Save Session Report as PDF… writes the chosen
session's one-page PDF, and a problem is one calm message with the old file untouched."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import need
from journal_sessions import fill_journal, session
from tonewell.library.records import CheckIn
from tonewell.ui import session_report
from tonewell.ui.session_report import report_title, session_report_pdf


def pdf_text(path: Path) -> str:
    need(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.fixture
def answers(monkeypatch):
    """What the session list and the save dialog answer: `answers["session"]` (an index into
    the list, latest first) and `answers["path"]`; the labels offered are recorded."""
    given: dict[str, object] = {"session": 0, "path": None, "labels": None}

    def get_item(parent, title, label, items, current, editable):
        given["labels"] = list(items)
        return items[given["session"]], True

    def get_save(parent, caption, start, filters):
        given["start"] = start
        return (str(given["path"]) if given["path"] else "", "")

    monkeypatch.setattr(session_report.QInputDialog, "getItem", get_item)
    monkeypatch.setattr(session_report.QFileDialog, "getSaveFileName", get_save)
    return given


def test_the_menu_writes_the_chosen_sessions_report(window, answers, messages, tmp_path):
    fill_journal(3)
    answers["session"] = 2  # the oldest: 5 Oct, "Arrival groove"
    answers["path"] = tmp_path / "for my therapist"  # no .pdf: it is added
    action = window.menus.session_report
    assert action.objectName() == "sessionReportAction"
    action.trigger()
    assert messages == []
    assert answers["labels"][0].endswith("· Breathing loop · Evening piece 1")  # latest first
    out = tmp_path / "for my therapist.pdf"
    text = pdf_text(out)
    assert "Arrival groove" in text and "Session 1: the bass made it feel steady." in text
    assert out.read_bytes()[:5] == b"%PDF-"


def test_a_read_only_target_is_refused_calmly(window, answers, messages, tmp_path):
    fill_journal(1)
    out = tmp_path / "kept.pdf"
    out.write_bytes(b"%PDF-1.4 mine")
    out.chmod(0o444)
    answers["path"] = out
    window.menus.session_report.trigger()
    assert len(messages) == 1 and "read-only" in messages[0]
    assert out.read_bytes() == b"%PDF-1.4 mine"


def test_an_empty_journal_says_so(window, answers, messages):
    window.menus.session_report.trigger()
    assert messages == [
        "There are no sessions in your journal yet.\n"
        "After your first guided session, its report can be saved here."
    ]


def test_cancelling_writes_nothing(window, answers, messages, tmp_path):
    fill_journal(2)
    window.menus.session_report.trigger()  # the save dialog answers "" (cancelled)
    assert messages == [] and list(tmp_path.glob("*.pdf")) == []


def test_skipped_answers_read_skipped_and_long_text_stays_on_one_page(qapp, tmp_path):
    need(shutil.which("pdfinfo") is not None, "pdfinfo (poppler-utils) is not installed")
    long_words = "a long day with many thoughts " * 40
    entry = replace(session(0), check_in=CheckIn(words=long_words), check_out=None,
                    reflection=long_words, steps_completed=tuple(f"Step {n}" for n in range(12)))
    out = tmp_path / "long.pdf"
    out.write_bytes(session_report_pdf(entry))
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "Pages:           1" in info
    text = pdf_text(out)
    assert "skipped" in text and "… and 6 more" in text
    assert report_title(entry).startswith("Session on ")

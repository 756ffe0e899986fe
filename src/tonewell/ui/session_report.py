"""A one-page A4 PDF about one session, for a person to bring to their therapist.

It says when the session was, the piece and the prompt, the steps done, how long it took, the
check-in and check-out (stress, mood in words, their own words), how meaningful it felt, the
reflection, and shows a small picture of the piece as it was saved at the session's end. Plain
and calm: one typeface that every Debian desktop has (DejaVu Sans), ink on white, the app's
sage for the picture's frame. Free text is shortened with "…" where it would run past its room,
so the report is always exactly one page.

Painted with QPdfWriter into memory, then written with `atomic_write_bytes`: a failed write
leaves an existing file as it was, and a read-only target is refused. QPdfWriter needs a
QGuiApplication; `printing_app()` makes one for the command line (offscreen without a display).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import tzinfo
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from tonewell.errors import UserFacingError
from tonewell.io.atomic import atomic_write_bytes
from tonewell.io.files import shown_path
from tonewell.io.project import project_from_bytes
from tonewell.library.journal import Journal
from tonewell.library.progress import prompt_name, started_local
from tonewell.library.records import SessionEntry
from tonewell.library.session_text import (
    day_text,
    duration_text,
    mood_words,
    rating_text,
)
from tonewell.model import Composition
from tonewell.ui.messages import show_message
from tonewell.ui.mini_roll import draw_notes, heard_bars
from tonewell.ui.palettes import LIGHT

PDF_FILTER = "PDF documents (*.pdf)"

FONT_FAMILY = "DejaVu Sans"
PAGE_WIDTH_PT = 595.0  # A4 at 72 units per inch: one unit is one typographic point
PAGE_HEIGHT_PT = 842.0
MARGIN_PT = 54.0
LABEL_WIDTH_PT = 130.0
MAX_STEPS_SHOWN = 6
PICTURE_HEIGHT_PT = 160.0
FOOTER_TOP_PT = PAGE_HEIGHT_PT - MARGIN_PT + 14
INK = QColor("#222222")
SOFT_INK = QColor("#555555")
RULE = QColor(LIGHT.line)
FRAME = QColor(LIGHT.strong)


def report_title(entry: SessionEntry, tz: tzinfo | None = None) -> str:
    """`Session on 29 Nov 2026` (the day in `tz`, local when None)."""
    when = started_local(entry, tz)
    return f"Session on {day_text(when.date())}" if when else "Session"


def printing_app() -> QGuiApplication:
    """The running Qt application, or a new QGuiApplication for printing from the command
    line; without a display (no DISPLAY or WAYLAND_DISPLAY) it runs offscreen, unless
    QT_QPA_PLATFORM already says otherwise."""
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if not any(os.environ.get(name) for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(["tonewell"])


def write_session_report(entry: SessionEntry, path: Path, tz: tzinfo | None = None) -> None:
    """Write the one-page report of `entry` to `path` all at once. Raises SaveError (a
    FileProblem) when it cannot be written; an existing file is then left as it was."""
    atomic_write_bytes(Path(path), session_report_pdf(entry, tz), keep_backup=False)


def session_report_pdf(entry: SessionEntry, tz: tzinfo | None = None) -> bytes:
    """The report of `entry` as the bytes of a one-page A4 PDF."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(report_title(entry, tz))
    writer.setCreator("Tonewell")
    writer.setResolution(72)
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                    QMarginsF(0, 0, 0, 0))
    )
    painter = QPainter(writer)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        _Page(painter, entry, tz).paint()
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def _font(size_pt: float, *, bold: bool = False) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(size_pt)
    font.setBold(bold)
    return font


class _Page:
    """Paints the report from the top down; `y` is where the next line starts (points)."""

    def __init__(self, painter: QPainter, entry: SessionEntry, tz: tzinfo | None) -> None:
        self.p = painter
        self.entry = entry
        self.tz = tz
        self.left = MARGIN_PT
        self.width = PAGE_WIDTH_PT - 2 * MARGIN_PT
        self.y = MARGIN_PT

    # -- pieces of text ------------------------------------------------------------------------

    def text(self, text: str, *, size_pt: float = 11, bold: bool = False,
             colour: QColor = INK, left: float | None = None, width: float | None = None,
             max_lines: int = 1, advance: bool = True) -> float:
        """Draw `text` wrapped in the column, at most `max_lines` lines (shortened with "…");
        returns its height and moves down by it when `advance`."""
        font = _font(size_pt, bold=bold)
        x = self.left if left is None else left
        w = self.width if width is None else width
        metrics = QFontMetricsF(font, self.p.device())  # the PDF's units, not the screen's
        shown = _fit(text, metrics, w, max_lines)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        height = metrics.boundingRect(QRectF(0, 0, w, 10_000), flags, shown).height()
        self.p.setFont(font)
        self.p.setPen(colour)
        self.p.drawText(QRectF(x, self.y, w, height + 2), flags, shown)
        if advance:
            self.y += height
        return height

    def row(self, label: str, value: str, *, max_lines: int = 2) -> None:
        self.text(label, colour=SOFT_INK, width=LABEL_WIDTH_PT, advance=False)
        height = self.text(value, left=self.left + LABEL_WIDTH_PT,
                           width=self.width - LABEL_WIDTH_PT, max_lines=max_lines, advance=False)
        self.y += height + 7

    def heading(self, text: str) -> None:
        self.y += 16
        self.text(text, size_pt=13, bold=True)
        self.y += 4
        self.rule()
        self.y += 9

    def rule(self) -> None:
        self.p.setPen(QPen(RULE, 0.8))
        self.p.drawLine(QRectF(self.left, self.y, self.width, 0).topLeft(),
                        QRectF(self.left, self.y, self.width, 0).topRight())

    # -- the page --------------------------------------------------------------------------------

    def paint(self) -> None:
        entry = self.entry
        self.text(report_title(entry, self.tz), size_pt=20, bold=True)
        self.y += 4
        when = started_local(entry, self.tz)
        start = f"Started at {when:%H:%M}" if when else "Start time not recorded"
        self.text(f"{start} · {duration_text(entry.duration_s / 60)} · from the Tonewell "
                  "session journal", colour=SOFT_INK, size_pt=9.5)
        self.heading("What was made")
        self.row("Piece", entry.composition_title.strip() or "Untitled")
        self.row("Prompt", prompt_name(entry))
        self.row("Steps done", _steps_text(entry.steps_completed), max_lines=MAX_STEPS_SHOWN + 1)
        self.row("Length", duration_text(entry.duration_s / 60))
        self.heading("How it felt")
        self.check_table()
        self.row("How meaningful it felt", rating_text(entry.check_out.meaningful if entry.check_out
                                               else None))
        self.heading("Reflection")
        reflection = " ".join(entry.reflection.split()) if entry.reflection.strip() else ""
        self.text(reflection or "No reflection was written.", max_lines=7,
                  colour=INK if reflection else SOFT_INK)
        self.heading("The piece at the end of the session")
        room = FOOTER_TOP_PT - 12 - self.y  # long texts leave the picture less room, never none
        self.picture(QRectF(self.left, self.y, self.width, min(PICTURE_HEIGHT_PT, room)))
        self.footer()

    def check_table(self) -> None:
        before, after = self.entry.check_in, self.entry.check_out
        column = (self.width - LABEL_WIDTH_PT) / 2
        starts = (self.left + LABEL_WIDTH_PT, self.left + LABEL_WIDTH_PT + column)
        rows: Sequence[tuple[str, str, str, int]] = (
            ("", "At the start", "At the end", 1),
            ("Stress", rating_text(before.stress if before else None),
             rating_text(after.stress if after else None), 1),
            ("Mood", mood_words(before), mood_words(after), 2),
            ("In their own words", _words(before), _words(after), 4),
        )
        for label, first, second, lines in rows:
            self.text(label, colour=SOFT_INK, width=LABEL_WIDTH_PT, advance=False)
            header = not label
            heights = [
                self.text(value, left=x, width=column - 10, max_lines=lines, advance=False,
                          bold=header, colour=SOFT_INK if value == "skipped" else INK)
                for x, value in zip(starts, (first, second), strict=True)
            ]
            self.y += max(heights) + 7

    def picture(self, frame: QRectF) -> None:
        p = self.p
        p.setPen(QPen(FRAME, 1.0))
        p.setBrush(QColor(LIGHT.card))
        p.drawRoundedRect(frame, 4, 4)
        comp = _snapshot_piece(self.entry)
        inner = frame.adjusted(10, 10, -10, -10)
        if comp is None or comp.note_count() == 0:
            why = ("No version of the piece was saved with this session." if comp is None
                   else "The piece had no notes yet when the session ended.")
            p.setFont(_font(10))
            p.setPen(SOFT_INK)
            p.drawText(inner, Qt.AlignmentFlag.AlignCenter, why)
        else:
            draw_notes(p, inner, heard_bars(comp), comp.end_tick())
        self.y = frame.bottom()

    def footer(self) -> None:
        self.y = FOOTER_TOP_PT
        self.text("The ratings and words are the person's own answers, as they gave them in "
                  "Tonewell.", size_pt=8, colour=SOFT_INK)


def _words(check: object) -> str:
    words = getattr(check, "words", "") if check is not None else ""
    return " ".join(words.split()) or "skipped"


def _steps_text(steps: Sequence[str]) -> str:
    if not steps:
        return "None marked done (moving on is fine)."
    shown = [f"• {' '.join(s.split())}" for s in steps[:MAX_STEPS_SHOWN]]
    if len(steps) > MAX_STEPS_SHOWN:
        shown.append(f"… and {len(steps) - MAX_STEPS_SHOWN} more")
    return "\n".join(shown)


def _fit(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> str:
    """`text`, shortened with "…" at a word until it wraps into at most `max_lines` lines."""
    limit = metrics.lineSpacing() * (max_lines + 0.5)  # half a line of slack, never a whole one
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)

    def fits(candidate: str) -> bool:
        return metrics.boundingRect(QRectF(0, 0, width, 10_000), flags, candidate).height() <= limit

    if fits(text):
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with an ellipsis
        middle = (low + high + 1) // 2
        if fits(text[:middle].rstrip() + "…"):
            low = middle
        else:
            high = middle - 1
    cut = text[:low]
    if " " in cut.strip():
        cut = cut[: cut.rstrip().rfind(" ")]
    return cut.rstrip(" ,;.") + "…"


def _snapshot_piece(entry: SessionEntry) -> Composition | None:
    if entry.snapshot is None:
        return None
    try:
        return project_from_bytes(entry.snapshot.project_bytes)
    except UserFacingError:
        return None


# -- from the window: Journal › Save Session Report as PDF… ----------------------------------------


def session_choice_label(entry: SessionEntry) -> str:
    """How a session is named in the list to choose from: `29 Nov 2026, 18:30 · Cool-down`."""
    when = started_local(entry)
    day = f"{day_text(when.date())}, {when:%H:%M}" if when else "Unknown day"
    return f"{day} · {prompt_name(entry)} · {entry.composition_title.strip() or 'Untitled'}"


def choose_session(parent: QWidget | None, entries: Sequence[SessionEntry]) -> SessionEntry | None:
    """Ask which session to report on (the latest first and chosen); None when cancelled."""
    latest_first = list(reversed(entries))
    if len(latest_first) == 1:
        return latest_first[0]
    labels = [session_choice_label(e) for e in latest_first]
    label, ok = QInputDialog.getItem(parent, "Session report", "Which session?", labels, 0,
                                     False)
    return latest_first[labels.index(label)] if ok and label in labels else None


def ask_report_path(parent: QWidget | None, entry: SessionEntry, folder: str) -> Path | None:
    """Ask where to save the report; a name without .pdf gets it. None when cancelled."""
    when = started_local(entry)
    stem = f"Tonewell session {when:%Y-%m-%d}" if when else "Tonewell session"
    name, _ = QFileDialog.getSaveFileName(parent, "Save session report as PDF",
                                          str(Path(folder) / f"{stem}.pdf"), PDF_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def save_session_report(parent: QWidget | None, folder: str = "") -> Path | None:
    """Journal › Save Session Report as PDF…: choose a session (when there are several), ask
    where, write. Returns the file written, or None (nothing to report, cancelled, or a
    problem, which was shown as one calm message)."""
    title = "Session report"
    try:
        with Journal() as journal:
            entries = journal.sessions()
    except UserFacingError as err:
        show_message(parent, title, "Tonewell could not read your journal just now.",
                     details=str(err), problem=True)
        return None
    if not entries:
        show_message(parent, title, "There are no sessions in your journal yet.",
                     details="After your first guided session, its report can be saved here.")
        return None
    entry = choose_session(parent, entries)
    path = ask_report_path(parent, entry, folder) if entry is not None else None
    if entry is None or path is None:
        return None
    try:
        write_session_report(entry, path)
    except UserFacingError as err:
        show_message(parent, title, "The report was not saved.", details=str(err), problem=True)
        return None
    except OSError as err:  # e.g. a folder picked as the name: the system's words, made plain
        from tonewell.io.atomic import describe_os_error

        show_message(parent, title, "The report was not saved.",
                     details=f'"{shown_path(path.name)}": {describe_os_error(err)}.', problem=True)
        return None
    return path

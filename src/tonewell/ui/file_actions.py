"""New, Open, Save, Save As and Export audio: the file dialogs and what follows them.

Opening goes through `load_any` (projects and MIDI files alike) on a worker thread, with a
progress dialog that can be cancelled (`open_job`); what a MIDI import could not keep is shown
in the notice bar, not in a box to click away. Saving a `.tonewell` goes through
`save_project` (atomic, keeps a backup); Save As `.mid` writes a MIDI copy and leaves the project
as it was. Any problem is one calm message; the piece on screen is never lost.

Examples and templates, and anything else inside the app's own folders, open as untitled
copies, and nothing is ever saved into those folders (`app_folders.is_inside_app`).

Each dialog-free method (`open_path`, `save_to`, `export_to`) is what tests drive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from tonewell.edit.new_piece import build_piece
from tonewell.errors import UserFacingError
from tonewell.io.atomic import describe_os_error
from tonewell.io.files import shown_path
from tonewell.io.formats import MIDI_SUFFIXES, kind_of, save_any
from tonewell.io.project import save_project
from tonewell.io.smf import write_midi
from tonewell.model import Composition
from tonewell.model.composition import new_uid
from tonewell.ui.app_folders import compositions_dir, is_inside_app
from tonewell.ui.export import ExportJob
from tonewell.ui.messages import Choice, ask_to_save, show_message
from tonewell.ui.new_piece import NewPieceDialog
from tonewell.ui.notice_bar import NoticeBar
from tonewell.ui.open_job import read_in_background
from tonewell.ui.piece import OpenPiece
from tonewell.ui.recent import add_recent
from tonewell.ui.settings import open_qsettings
from tonewell.ui.status_line import ShowStatus

OPEN_FILTER = (
    "Pieces (*.tonewell *.mid *.midi);;Tonewell projects (*.tonewell);;MIDI files (*.mid *.midi)"
)
PROJECT_FILTER = "Tonewell project (*.tonewell)"
MIDI_FILTER = "MIDI file (*.mid)"
WAV_FILTER = "WAV audio (*.wav)"
LAST_FOLDER_KEY = "files/last_folder"
MAX_WARNINGS_SHOWN = 4
APP_FOLDER_TEXT = (
    "Tonewell keeps its examples and templates as they are, so this piece is not saved there. "
    "Please choose a place of your own for it; the piece stays open here, unchanged."
)


def safe_file_stem(title: str) -> str:
    """A file name made from a piece's title: no slashes or odd characters."""
    keep = "".join(c if c.isalnum() or c in " -_()" else " " for c in title)
    return " ".join(keep.split()) or "Untitled"


def describe_warnings(name: str, warnings: list[str]) -> str:
    shown = warnings[:MAX_WARNINGS_SHOWN]
    more = len(warnings) - len(shown)
    lines = [f"Opened “{name}”. A few things in it could not be kept exactly:"]
    lines += [f"• {w}" for w in shown]
    if more:
        lines.append(f"• and {more} more of the same kind.")
    return "\n".join(lines)


class FileActions(QObject):
    """File handling for one window. `soundfont` returns the font Export audio should use."""

    def __init__(
        self,
        window: QWidget,
        piece: OpenPiece,
        notices: NoticeBar,
        soundfont: Callable[[], Path | None],
        show_status: ShowStatus,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.piece = piece
        self.notices = notices
        self._soundfont = soundfont
        self._status = show_status
        self.export_job: ExportJob | None = None
        self.before_save: Callable[[Composition], Composition] = lambda comp: comp
        """Adds what the window knows to a piece about to be saved (the clip last edited)."""

    # --- folders ---------------------------------------------------------------------------

    def _store(self) -> QSettings:
        return open_qsettings()

    def last_folder(self) -> str:
        folder = str(self._store().value(LAST_FOLDER_KEY, "") or "")
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def _remember_folder(self, path: Path) -> None:
        if not is_inside_app(path):
            self._store().setValue(LAST_FOLDER_KEY, str(path.parent))

    def _suggested(self, suffix: str) -> str:
        folder = self.piece.path.parent if self.piece.path else compositions_dir()
        return str(folder / f"{safe_file_stem(self.piece.title)}{suffix}")

    # --- unsaved changes -------------------------------------------------------------------

    def may_discard(self) -> bool:
        """True when the current piece may be replaced: nothing unsaved, or the person chose."""
        if not self.piece.dirty:
            return True
        choice = ask_to_save(self.window, self.piece.title)
        if choice is Choice.SAVE:
            return self.save()
        return choice is Choice.DISCARD

    # --- new and open ----------------------------------------------------------------------

    def new(self) -> NewPieceDialog | None:
        """Ask for the new piece's title, key, tempo... (Enter takes the defaults); the dialog
        is returned open, or None when the person kept the current piece."""
        if not self.may_discard():
            return None
        dialog = NewPieceDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.accepted.connect(lambda: self.start_new(build_piece(dialog.choices())))
        dialog.open()
        return dialog

    def start_new(self, comp: Composition) -> None:
        self.notices.hide()
        self.piece.load(comp, None)
        self._status("A new piece: click in the grid or press Enter to place a note.")

    def open(self) -> None:
        if not self.may_discard():
            return
        name, _ = QFileDialog.getOpenFileName(self.window, "Open a piece", self.last_folder(),
                                              OPEN_FILTER)
        if name:
            self.open_path(Path(name))

    def open_example(self, path: Path) -> None:
        if self.may_discard():
            self.open_path(path)

    def open_recent(self, path: Path) -> None:
        if self.may_discard():
            self.open_path(path)

    def open_path(self, path: Path) -> bool:
        """Open `path` (project or MIDI file). Returns False, after saying why, on a problem."""
        path = Path(path)
        outcome = read_in_background(path, self.window)
        err = outcome.error
        if outcome.cancelled:
            self._status(f"Stopped opening “{shown_path(path.name)}”; nothing was changed.")
            return False
        if isinstance(err, UserFacingError):
            show_message(self.window, "Open a piece", "This piece could not be opened.",
                         details=str(err), problem=True)
            return False
        if isinstance(err, OSError):
            show_message(self.window, "Open a piece", "This piece could not be opened.",
                         details=f'"{shown_path(path.name)}": {describe_os_error(err)}.',
                         problem=True)
            return False
        if err is not None:
            raise err
        comp, warnings = outcome.composition, outcome.warnings
        assert comp is not None
        self.notices.hide()
        if is_inside_app(path):  # an example or template: an untitled copy, saved elsewhere
            self.piece.load(replace(comp, uid=new_uid()), None)
            self._status(f"Opened a copy of “{comp.title}”; Save asks where to keep it.")
        else:
            self.piece.load(comp, path)  # Ctrl+S saves back to it, a .mid as a .mid
            self._remember_folder(path)
            add_recent(path)
            self._status(f"Opened “{path.name}”.")
        if warnings:
            self.notices.show_notice(describe_warnings(path.name, list(warnings)))
        return True

    # --- save ------------------------------------------------------------------------------

    def save(self) -> bool:
        if self.piece.path is None:
            return self.save_as()
        return self.save_to(self.piece.path)

    def save_as(self) -> bool:
        name, chosen = QFileDialog.getSaveFileName(
            self.window, "Save As", self._suggested(".tonewell"),
            f"{PROJECT_FILTER};;{MIDI_FILTER}",
        )
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() not in (".tonewell", *MIDI_SUFFIXES):
            path = path.with_name(path.name + (".mid" if chosen == MIDI_FILTER else ".tonewell"))
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Save as a project, or as a MIDI file when `path` ends in .mid: back to the .mid the
        piece was opened from (keeping the previous version as .bak), else as a MIDI copy
        that leaves the piece's own place as it was."""
        path = Path(path)
        if is_inside_app(path):
            show_message(self.window, "Save", "Please save this piece somewhere else.",
                         details=APP_FOLDER_TEXT)
            return self.save_as()
        try:
            if kind_of(path) == "project":
                comp = self.before_save(self.piece.comp).touched()
                save_project(comp, path)
                self.piece.mark_saved(comp, path)
                add_recent(path)
                self._status(f"Saved “{path.name}”.")
            elif path == self.piece.path:
                write_midi(self.piece.comp, path, keep_backup=True)
                self.piece.mark_saved(self.piece.comp, path)
                add_recent(path)
                self._status(f"Saved “{path.name}” as a MIDI file.")
            else:
                save_any(self.piece.comp, path)
                self._status(f"Saved a MIDI copy as “{path.name}”.")
        except UserFacingError as err:
            show_message(self.window, "Save", "The piece could not be saved.",
                         details=f"{err}\nIt is still open here, unchanged.", problem=True)
            return False
        except OSError as err:
            show_message(self.window, "Save", "The piece could not be saved.",
                         details=f'"{shown_path(path.name)}": {describe_os_error(err)}. '
                         "It is still open here.",
                         problem=True)
            return False
        self._remember_folder(path)
        return True

    # --- export ----------------------------------------------------------------------------

    def export_midi(self) -> bool:
        """Write a Standard MIDI File copy; the project stays as it is."""
        name, _ = QFileDialog.getSaveFileName(self.window, "Export MIDI",
                                              self._suggested(".mid"), MIDI_FILTER)
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() not in MIDI_SUFFIXES:
            path = path.with_name(path.name + ".mid")
        return self.save_to(path)

    def export_audio(self) -> None:
        if self.export_job is not None and self.export_job.is_running():
            return
        name, _ = QFileDialog.getSaveFileName(self.window, "Export audio",
                                              self._suggested(".wav"), WAV_FILTER)
        if name:
            path = Path(name)
            if path.suffix.lower() != ".wav":
                path = path.with_name(path.name + ".wav")
            self.export_to(path)

    def export_to(self, path: Path) -> ExportJob:
        """Start rendering the piece to `path` on a worker thread; returns the running job."""
        comp = self.piece.comp
        # The loop switch is a way of listening; an exported file holds the whole piece.
        whole = replace(comp, loop=replace(comp.loop, enabled=False))
        job = ExportJob(whole, Path(path), soundfont=self._soundfont(), parent=self.window)
        job.finished.connect(lambda outcome, j=job: self._export_finished(j, outcome))
        self.export_job = job
        job.start()
        return job

    def _export_finished(self, job: ExportJob, outcome: str) -> None:
        if outcome == "done":
            folder = job.path.resolve().parent
            self._status(f"Exported “{shown_path(job.path.name)}” ({job.message} long) "
                         f"into {shown_path(folder)}.", folder=folder)
            self._remember_folder(job.path)
        elif outcome == "cancelled":
            self._status("Export cancelled; no file was written.")

    def stop_export(self) -> None:
        """Cancel a running export and wait for its thread (used when the window closes)."""
        job = self.export_job
        if job is not None and job.is_running():
            job.cancel()
            job.wait()

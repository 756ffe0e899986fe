"""The main window: the transport bar on top, the track list at the left, the arrangement
above the piano roll at the right (in splitters people can drag), and a status bar that says
plainly whether there is sound.

It wires the pieces together and holds no music logic: changes go to the open piece
(`OpenPiece`), the piece's changes go to the views and the sound engine, and the engine's
position and state come back to the transport bar and the views. Menus are built in
`ui.menus`, the Edit actions in `ui.edit_actions`, the editors are wired to one another in
`ui.workspace`, and the safety copy is kept by `ui.autosave`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tonewell.edit import Action, DocumentEvent
from tonewell.edit.piece_edits import set_loop, set_tempo
from tonewell.midi.live_input import SystemsFor, rtmidi_systems
from tonewell.model import Composition
from tonewell.model.timing import format_clock, whole_bars
from tonewell.ui import theme
from tonewell.ui.arrangement import Arrangement
from tonewell.ui.arrangement.geometry import RULER_HEIGHT
from tonewell.ui.autosave import AutosaveTimer
from tonewell.ui.edit_actions import EditActions
from tonewell.ui.empty_state import EmptyState
from tonewell.ui.example_player import ExamplePlayer
from tonewell.ui.file_actions import FileActions
from tonewell.ui.grip_splitter import GripSplitter
from tonewell.ui.guide.controller import install_guide
from tonewell.ui.keyboard_panel import KeyboardPanel
from tonewell.ui.library_view import open_library
from tonewell.ui.menus import Menus
from tonewell.ui.midi_input import MidiShell, display_message
from tonewell.ui.notice_bar import NoticeBar
from tonewell.ui.panes import PaneCycle
from tonewell.ui.piano_roll import PianoRoll
from tonewell.ui.piece import OpenPiece
from tonewell.ui.piece_settings import PieceHeader
from tonewell.ui.playing_dialog import PlayingDialog
from tonewell.ui.recording import Recording
from tonewell.ui.recovery import offer_recovery
from tonewell.ui.settings import load_keyboard_shown, save_keyboard_shown
from tonewell.ui.sound_dialog import SoundDialog
from tonewell.ui.sound_engine import SoundEngine
from tonewell.ui.status_line import StatusLine
from tonewell.ui.track_list import TrackList
from tonewell.ui.transport_bar import TransportBar
from tonewell.ui.workspace import wire_editors

APP_TITLE = "Tonewell"
TRACK_COLUMN_WIDTH = 380
"""The track column's width at 100 %; it grows with the UI scale."""
TRACK_COLUMN_SHARE = 0.45
"""The most of the window's width the track column takes by itself (the rows' minimum
width may still ask for more)."""
PREPARING_TEXT = "Preparing sounds…"
PREPARING_TIP = (
    "Getting the instrument sounds ready; this takes a few seconds. You can keep working "
    "meanwhile, and what plays is heard as soon as they are ready."
)
STILL_PREPARING_TEXT = "The sounds are still being prepared; you will hear them in a moment."
BUSY_SIZE = QSize(64, 10)
FIRST_SIZE = QSize(1400, 900)
FIRST_SCREEN_SHARE = 0.8
"""On a large screen the window opens at this share of it (but never smaller than
`FIRST_SIZE`), so a 4K screen does not get a small window in its corner."""
MIN_SIZE = QSize(820, 520)
"""The smallest the window goes, unless the transport bar needs more room (large text)."""
ARRANGEMENT_LANES = 3.5
"""Lanes the arrangement shows at first: three, and half of a fourth to say that more scroll
into view. The piano roll, the main editor, gets the rest."""
ARRANGEMENT_SHARE = 0.38
"""The most of the editors' height the arrangement takes at first."""
ARRANGEMENT_SPARE_PX = 4
KEYBOARD_ROOM_PX = 900
"""The on-screen keyboard shows at first on screens at least this tall, where the piano roll
keeps two octaves of rows beside it; on smaller ones View › On-screen Keyboard shows it."""
TEMPO_SEAL_MS = 700
"""Tempo arrow clicks closer together than this make one undo step."""


def describe_piece(comp: Composition) -> str:
    """One quiet line about the piece: key, meter, length."""
    meter = comp.time_signature
    bars = whole_bars(comp.end_tick(), meter.ticks_per_bar)
    tracks = len(comp.tracks)
    return (
        f"{comp.key} · {meter} · {bars} bar{'s' if bars != 1 else ''} · "
        f"{format_clock(comp.length_seconds())} · {tracks} track{'s' if tracks != 1 else ''}"
    )


def first_window_size(screen: QSize | None) -> QSize:
    """The window's opening size on a screen with `screen` room: `FIRST_SIZE`, or
    `FIRST_SCREEN_SHARE` of a larger screen, never beyond the screen (so it fits 1024x700)."""
    if screen is None or screen.isEmpty():
        return FIRST_SIZE
    share = QSize(round(screen.width() * FIRST_SCREEN_SHARE),
                  round(screen.height() * FIRST_SCREEN_SHARE))
    return FIRST_SIZE.expandedTo(share).boundedTo(screen)


class MainWindow(QMainWindow):
    """One window on one open piece. `engine` makes the sound (it may have no output);
    `midi_systems` are the MIDI systems keyboards are found on (fakes in tests). MIDI input
    starts with `midi.start()` (the app does it) and stops when the window closes."""

    def __init__(self, engine: SoundEngine, parent: QWidget | None = None, *,
                 midi_systems: SystemsFor = rtmidi_systems) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setAccessibleName("Tonewell")
        self.engine = engine
        self.piece = OpenPiece(parent=self)
        self.setMinimumSize(MIN_SIZE)
        self.resize(self._first_size())

        self.transport = TransportBar(self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.transport)
        self.transport.minimum_width_changed.connect(self._keep_transport_whole)
        self.notices = NoticeBar()
        self.notices.setObjectName("fileNotice")
        self.sound_notice = NoticeBar()
        self.sound_notice.setObjectName("soundNotice")
        self.font_notice = NoticeBar()  # its own strip: opening a file must not hide it
        self.font_notice.setObjectName("fontNotice")
        self.track_list = TrackList(self.piece)
        self.arrangement = Arrangement(self.piece)
        self.piano_roll = PianoRoll(self.piece)
        self.midi = MidiShell(engine, systems_for=midi_systems, parent=self)
        self.keyboard_panel = KeyboardPanel(self.midi)
        self.show_keyboard_action = QAction("On-screen &Keyboard", self)
        self.show_keyboard_action.setObjectName("showKeyboardAction")
        self.show_keyboard_action.setCheckable(True)
        self.show_keyboard_action.setChecked(load_keyboard_shown(self._room_for_keyboard()))
        self.keyboard_panel.setVisible(self.show_keyboard_action.isChecked())
        self.playhead_views: list[Arrangement | PianoRoll] = [self.arrangement, self.piano_roll]
        self.empty_state = EmptyState()
        self.title_label = QLabel()
        self.title_label.setObjectName("pieceTitle")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("pieceSummary")
        self.stack = QStackedWidget()
        self.stack.setObjectName("centralStack")
        self.stack.addWidget(self.empty_state)
        self.stack.addWidget(self._build_work_area())
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.sound_notice)
        column.addWidget(self.font_notice)
        column.addWidget(self.notices)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status_line = StatusLine()
        self.sound_busy = QProgressBar()
        self.sound_busy.setObjectName("soundBusy")
        self.sound_busy.setAccessibleName(PREPARING_TEXT)
        self.sound_busy.setRange(0, 0)
        self.sound_busy.setTextVisible(False)
        self.sound_busy.setFixedSize(BUSY_SIZE)
        self.sound_busy.hide()
        self.sound_status = QLabel()
        self.sound_status.setObjectName("soundStatus")
        self.soundfont_status = QLabel()
        self.soundfont_status.setObjectName("soundfontStatus")
        self.midi_status = QLabel()
        self.midi_status.setObjectName("midiStatus")
        self.midi_status.setProperty("class", "caption")
        self.midi_status.hide()  # until the first look for keyboards has answered
        self._sound_notice_shown = ""
        """The no-sound notice last shown: once dismissed it stays away until it changes."""
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        # The news line takes the room; the permanent widgets only what they need, so they
        # can never cover a message.
        bar.addWidget(self.status_line, 1)
        bar.addPermanentWidget(self.midi_status)
        bar.addPermanentWidget(self.sound_busy)
        bar.addPermanentWidget(self.soundfont_status)
        bar.addPermanentWidget(self.sound_status)
        bar.setSizeGripEnabled(False)

        self.files = FileActions(self, self.piece, self.notices,
                                 soundfont=self.engine.soundfont_path,
                                 show_status=self.show_status)
        self.edits = EditActions(self, self.piece)
        self.guide = install_guide(self)
        self.menus = Menus(self)
        self.piece_header.clicked.connect(self.menus.piece_settings.trigger)
        self.autosave = AutosaveTimer(self.piece, show_status=self.show_status, parent=self)
        self._tempo_seal = QTimer(self)
        self._tempo_seal.setSingleShot(True)
        self._tempo_seal.setInterval(TEMPO_SEAL_MS)
        self._fitted = False
        self._lanes_fitted = 0
        """Tracks the arrangement's height was last fitted to (a new one may need more room)."""
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)  # after the rows and lanes took the new scale
        self._refit.timeout.connect(self._fit_to_scale)
        theme.changes().changed.connect(self._refit.start)
        self._engine_sync = QTimer(self)
        self._engine_sync.setSingleShot(True)
        self._engine_sync.setInterval(0)
        self._wire()
        self.examples = ExamplePlayer(engine, self.piece, self, show_status=self.show_status)
        self.guide.set_play_example(self.examples.play_step)
        wire_editors(self)
        self.panes = PaneCycle(self, lambda: (self.transport, self.empty_state, self.track_list,
                                              self.arrangement, self.piano_roll,
                                              self.guide.panel),
                               {self.piano_roll: self.piano_roll.canvas})
        """F6 / Shift+F6 move the focus between these, in reading order."""
        self._show_piece(self.piece.comp)
        self.engine.set_composition(self.piece.comp)
        self._show_sound_status()
        self._update_title()

    # --- building --------------------------------------------------------------------------

    def _build_work_area(self) -> QWidget:
        area = QWidget()
        area.setObjectName("workArea")
        outer = QVBoxLayout(area)
        outer.setContentsMargins(12, 6, 12, 8)
        outer.setSpacing(6)
        # one line, the editors get the height; a click or Enter opens Piece Settings
        self.piece_header = PieceHeader(self.title_label, self.summary_label)
        outer.addWidget(self.piece_header)

        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(0)
        header = QLabel("Tracks")
        header.setObjectName("tracksHeader")
        header.setFixedHeight(RULER_HEIGHT)
        left.addWidget(header)
        left.addWidget(self.track_list, 1)
        left_box = QWidget()
        left_box.setObjectName("trackColumn")
        left_box.setLayout(left)
        # no fixed minimum: the column is as narrow as the track rows allow (`TrackList`)

        self.editor_splitter = GripSplitter(Qt.Orientation.Vertical)
        self.editor_splitter.setObjectName("editorSplitter")
        self.editor_splitter.setChildrenCollapsible(False)
        self.editor_splitter.addWidget(self.arrangement)
        self.editor_splitter.addWidget(self.piano_roll)
        self.editor_splitter.addWidget(self.keyboard_panel)  # under the piano roll
        self.work_splitter = GripSplitter(Qt.Orientation.Horizontal)
        self.work_splitter.setObjectName("workSplitter")
        self.work_splitter.setChildrenCollapsible(False)
        self.work_splitter.addWidget(left_box)
        self.work_splitter.addWidget(self.editor_splitter)
        self.work_splitter.setStretchFactor(1, 1)
        self.work_splitter.setSizes([theme.scaled_px(TRACK_COLUMN_WIDTH), 800])
        handle = self.work_splitter.handle(1)
        handle.setAccessibleName("Track column width")
        handle.setToolTip("Drag to make the track column wider or narrower")
        handle.setCursor(Qt.CursorShape.SplitHCursor)
        outer.addWidget(self.work_splitter, 1)
        return area

    def _wire(self) -> None:
        t, e = self.transport, self.engine
        t.play_pause_requested.connect(self._play_pause)
        t.stop_requested.connect(e.stop)
        t.rewind_requested.connect(lambda: self.seek(0))
        t.loop_toggled.connect(self._set_loop)
        t.metronome_toggled.connect(e.set_metronome)
        t.count_in_changed.connect(e.set_count_in)
        t.tempo_changed.connect(self._set_tempo)
        t.tempo.editingFinished.connect(self.piece.seal)
        t.panic_requested.connect(self.panic)
        self.midi.state_changed.connect(self._show_midi_state)
        self.show_keyboard_action.toggled.connect(self._show_keyboard)
        self.keyboard_panel.play_keys_action.toggled.connect(
            lambda on: on and self.show_keyboard_action.setChecked(True))  # to see the keys lit
        self.recording = Recording(
            self.piece, e, selected_track=self.track_list.selected_track,
            midi=lambda: getattr(self, "midi", None), show_status=self.show_status, parent=self,
        )
        t.record_toggled.connect(self.recording.toggle)
        t.record_mode_changed.connect(self.recording.set_mode)
        self.recording.recording_changed.connect(t.show_recording)
        self.recording.target_changed.connect(
            lambda track, clip: clip is not None and self.piano_roll.set_clip(track, clip))
        e.position_changed.connect(self._show_position)
        e.state_changed.connect(t.show_state)
        e.status_changed.connect(self._show_sound_status)
        e.font_problem.connect(self.font_notice.show_notice)

        p = self.piece
        p.changed.connect(self._piece_changed)
        p.dirty_changed.connect(lambda _dirty: self._update_title())
        p.path_changed.connect(lambda _path: self._update_title())
        self._tempo_seal.timeout.connect(p.seal)
        self._engine_sync.timeout.connect(self._sync_engine)
        self.empty_state.new_requested.connect(self.files.new)
        self.empty_state.open_requested.connect(self.files.open)
        self.empty_state.example_requested.connect(self.files.open_example)
        self.empty_state.library_requested.connect(lambda: open_library(self))

    # --- the piece -------------------------------------------------------------------------

    def open_path(self, path: Path | str) -> bool:
        return self.files.open_path(Path(path))

    def start(self, file: Path | None = None) -> None:
        """Once the window shows: offer to restore work a crash interrupted, else open `file`
        if one was given."""
        if not offer_recovery(self, self.piece) and file is not None:
            self.open_path(file)

    def _piece_changed(self, event: DocumentEvent) -> None:
        self._show_piece(event.composition)
        if event.action is Action.LOAD:
            self.fit_editors()
            self._engine_sync.stop()
            self.engine.set_composition(event.composition)
        else:  # the edits of one turn of the event loop compile once, heard at once
            if len(event.composition.tracks) > self._lanes_fitted:
                self.fit_editors(grow_only=True)  # a new track's lane comes into view
            self._engine_sync.start()

    def _sync_engine(self) -> None:
        """The engine plays the piece as edited, unless an example has it for now (the
        example gives it the piece back when it ends)."""
        if not self.examples.is_playing():
            self.engine.set_composition(self.piece.comp)

    def _show_piece(self, comp: Composition) -> None:
        showing_tracks = self.stack.currentIndex() == 1
        self.stack.setCurrentIndex(1 if comp.tracks else 0)
        if comp.tracks and not showing_tracks:
            # keys like Space reach the window, not a text box
            self.piano_roll.setFocus()
        self.transport.show_tempo(comp.tempo_bpm)
        self.transport.show_loop(comp.loop.enabled)
        self.title_label.setText(self.piece.title)
        self.summary_label.setText(describe_piece(comp))
        self._update_title()
        self._show_position(self.engine.position())

    def fit_editors(self, *, grow_only: bool = False) -> None:
        """Give the arrangement room for its ruler and up to `ARRANGEMENT_LANES` lanes (at most
        `ARRANGEMENT_SHARE` of the height) and the piano roll, the main editor, the rest.
        `grow_only` (a track was added): only ever make the arrangement taller, so a height the
        person chose by dragging is not taken away."""
        total = self.editor_splitter.height()
        if total <= 0:
            return
        self._lanes_fitted = len(self.piece.comp.tracks)
        lanes = min(max(1, self._lanes_fitted), ARRANGEMENT_LANES)
        wanted = round(RULER_HEIGHT + lanes * self.arrangement.lane_height + ARRANGEMENT_SPARE_PX)
        top = min(wanted, round(total * ARRANGEMENT_SHARE))
        sizes = self.editor_splitter.sizes()
        if grow_only and sizes[0] >= top:
            return
        keys = self.keyboard_panel.sizeHint().height() if self.keyboard_panel.isVisible() else 0
        self.editor_splitter.setSizes([top, total - top - keys, keys])

    def fit_track_column(self, *, shrink_only: bool = False) -> None:
        """The track column at its width for the UI scale in use, at most
        `TRACK_COLUMN_SHARE` of the room it shares with the editors (less when the guide panel
        is open beside them), and never narrower than its rows need. `shrink_only` (the panel
        opened): only ever make it narrower, so the piano roll keeps its room."""
        total = sum(self.work_splitter.sizes())
        if total <= 0:
            return
        column = self.work_splitter.widget(0)
        guide = getattr(self, "guide", None)
        panel_px = guide.dock.width() if guide is not None and guide.dock.isVisible() else 0
        room = self.width() - panel_px
        wanted = min(theme.scaled_px(TRACK_COLUMN_WIDTH), round(room * TRACK_COLUMN_SHARE))
        wanted = max(wanted, column.minimumSizeHint().width())
        if shrink_only and self.work_splitter.sizes()[0] <= wanted:
            return
        self.work_splitter.setSizes([wanted, total - wanted])

    def _fit_to_scale(self) -> None:
        self._keep_transport_whole(self.transport.minimumWidth())
        self.fit_track_column()
        self.fit_editors()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            QTimer.singleShot(0, self._fit_to_scale)

    def _first_size(self) -> QSize:
        screen = self.screen().availableGeometry() if self.screen() else None
        return first_window_size(None if screen is None else screen.size())

    def _keep_transport_whole(self, transport_px: int) -> None:
        """The window is never narrower than the transport bar needs, so no control of it is
        ever tucked away or cut off (Qt would hide them behind an overflow arrow), nor than the
        track rows and the piano roll need side by side (the splitter would squeeze them)."""
        splitter = getattr(self, "work_splitter", None)  # none yet while the window is built
        area = splitter.parentWidget() if splitter is not None else None
        work_px = area.minimumSizeHint().width() if area is not None else 0
        self.setMinimumWidth(max(MIN_SIZE.width(), transport_px, work_px))

    def _update_title(self) -> None:
        # Qt appends the application's display name unless the title already ends with it
        self.setWindowTitle(f"{self.piece.title}[*] — {APP_TITLE}")
        self.setWindowModified(self.piece.dirty)

    def _set_tempo(self, bpm: float) -> None:
        if abs(self.piece.comp.tempo_bpm - bpm) >= 0.5:
            self.piece.push(set_tempo(self.piece.comp, bpm))
            self._tempo_seal.start()

    def _set_loop(self, enabled: bool) -> None:
        comp = self.piece.comp
        loop = comp.loop
        if enabled and loop.length_ticks <= 0:
            bar = comp.time_signature.ticks_per_bar
            start, end = 0, max(1, whole_bars(comp.end_tick(), bar)) * bar
        else:
            start, end = loop.start_tick, loop.end_tick
        self.piece.push(set_loop(start, end, enabled))
        self.piece.seal()

    # --- playback --------------------------------------------------------------------------

    def _play_pause(self) -> None:
        if self.piece.comp.note_count() == 0 and not self.engine.is_playing():
            self.show_status("There is nothing to play yet: open a piece or an example.")
            return
        if self.engine.is_loading() and not self.engine.is_playing():
            self.show_status(STILL_PREPARING_TEXT)
        self.engine.play_pause()

    def seek(self, tick: int) -> None:
        self.engine.seek(tick)
        self._show_position(tick)

    def _show_position(self, tick: int) -> None:
        if self.examples.has_engine():
            return  # an example's position is not the piece's: the playhead waits where it is
        comp = self.piece.comp
        bar, beat, _ = comp.time_signature.bar_beat(max(0, tick))
        self.transport.show_position(bar, beat, comp.tempo_map.tick_to_seconds(max(0, tick)))
        for view in self.playhead_views:
            view.set_playhead(tick)

    # --- sound -----------------------------------------------------------------------------

    def _show_sound_status(self) -> None:
        """The status bar says in a few words whether there is sound and whether the sounds
        are still being prepared; the tooltips say why and what to do. The longer no-sound
        notice shows once, and stays away after it is dismissed until what it says changes."""
        e = self.engine
        self.sound_status.setText(e.status_text())
        self.sound_status.setToolTip(e.status_detail())
        self.sound_status.setAccessibleName(e.status_text())
        self.sound_status.setAccessibleDescription(e.status_detail())
        loading = e.is_loading()
        self.sound_busy.setVisible(loading)
        font = e.soundfont_name()
        if loading:
            text, tip = PREPARING_TEXT, PREPARING_TIP
        elif font:
            text, tip = f"Soundfont: {font}", str(e.soundfont_path() or "")
        else:
            text, tip = "No soundfont loaded", "Choose one under Settings › Sound…"
        self.soundfont_status.setText(text)
        self.soundfont_status.setToolTip(tip)
        self.soundfont_status.setAccessibleName(text)
        self.soundfont_status.setAccessibleDescription(tip)
        notice = "" if e.has_output() else e.no_output_notice()
        if not notice:
            self.sound_notice.hide()
        elif notice != self._sound_notice_shown:
            self.sound_notice.show_notice(notice)
        self._sound_notice_shown = notice

    def _room_for_keyboard(self) -> bool:
        screen = self.screen()
        return screen is not None and screen.availableGeometry().height() >= KEYBOARD_ROOM_PX

    def _show_keyboard(self, on: bool) -> None:
        """Show or hide the on-screen keyboard; the piano roll gives it room or takes it back."""
        save_keyboard_shown(on)
        sizes = self.editor_splitter.sizes()
        keys = self.keyboard_panel.sizeHint().height()
        self.keyboard_panel.setVisible(on)
        if on and len(sizes) == 3 and sum(sizes) > 0:
            moved = min(keys, max(0, sizes[1] - self.piano_roll.minimumSizeHint().height()))
            self.editor_splitter.setSizes([sizes[0], sizes[1] - moved, moved])

    def panic(self) -> None:
        """Silence all: let go of every key held on any input, then fade every sound out."""
        self.midi.panic()
        self.keyboard_panel.forget()
        self.engine.panic()

    def _show_midi_state(self) -> None:
        """The status bar says which MIDI keyboard plays, or calmly that none was found."""
        state = self.midi.state
        if state is None:
            return
        text = display_message(state)
        tip = "Choose the keyboard and how it plays under Settings › Playing…"
        if state.problem:
            tip = f"{state.problem[:1].upper()}{state.problem[1:]}. {tip}"
        self.midi_status.setText(text)
        self.midi_status.setToolTip(tip)
        self.midi_status.setAccessibleName(text)
        self.midi_status.setAccessibleDescription(tip)
        self.midi_status.show()

    def open_playing_settings(self) -> PlayingDialog:
        dialog = PlayingDialog(self.midi, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        return dialog

    def open_sound_settings(self) -> SoundDialog:
        dialog = SoundDialog(self.engine, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        return dialog

    def show_status(self, text: str, *, folder: Path | None = None) -> None:
        """Say `text` in the status bar for a while; `folder` adds a Show in folder button."""
        self.status_line.show_message(text, folder=folder)

    # --- closing ---------------------------------------------------------------------------

    def close_keeping_a_copy(self) -> None:
        """Close now, with no question (the session ends: a logout, `kill`): unsaved changes
        go into a recovery copy that the next start offers to restore. If even that copy
        cannot be written, the window asks as its close button would."""
        self._keep_copy = self.piece.dirty and self.autosave.save_now()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        keep_copy = getattr(self, "_keep_copy", False)
        if not keep_copy and not self.files.may_discard():
            event.ignore()
            return
        self.guide.keep_unfinished()  # a session left open is kept in the journal as it went
        self.files.stop_export()
        self.keyboard_panel.play_keys_action.setChecked(False)
        self.midi.stop()
        self.engine.stop()
        self.autosave.stop()
        if not keep_copy:
            self.autosave.discard()  # saved, or the person chose to let the changes go
        event.accept()

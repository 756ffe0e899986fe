"""Settings › Playing…: which MIDI keyboard to listen to, through which MIDI system, how touch
becomes loudness (the velocity curve), and the scale lock.

Like the Display dialog, a choice takes effect at once and is remembered (`ui.settings`), so a
person can play a few notes and hear the difference before closing it. The MIDI system choice
shows only where more than one is compiled in (ALSA and JACK on Linux).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from tonewell.midi import ports
from tonewell.ui.midi_input import MidiShell, display_message
from tonewell.ui.quantize_dialog import GRIDS, STRENGTHS
from tonewell.ui.settings import PlayingSettings, save_playing_settings

ALL_INPUTS = "All MIDI inputs"
CURVE_WORDS = {
    "soft": "Soft: quiet playing comes out louder (a light touch)",
    "normal": "Normal: as played",
    "hard": "Hard: it takes more force to play loud (a heavy touch)",
    "fixed": "Fixed: every note alike",
}
LOCK_WORDS = {
    "off": "Off: every key plays as it is",
    "diatonic": "Key: notes move to the piece's scale",
    "pentatonic": "Five tones: notes move to the piece's pentatonic scale",
}
WALK_TEXT = "White keys walk the scale (black keys rest)"


class PlayingDialog(QDialog):
    def __init__(self, shell: MidiShell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playingDialog")
        self.setWindowTitle("Playing")
        self.setAccessibleName("Playing settings")
        self.shell = shell
        current = shell.settings

        self.device_box = QComboBox()
        self.device_box.setObjectName("midiDeviceBox")
        self.device_box.setAccessibleName("MIDI keyboard")
        self.device_box.addItem(ALL_INPUTS, "")
        for name in shell.known_devices:
            self.device_box.addItem(name, name)
        self.device_box.setCurrentIndex(max(0, self.device_box.findData(current.device)))

        backends = ports.compiled_backends()
        self.backend_box = QComboBox()
        self.backend_box.setObjectName("midiBackendBox")
        self.backend_box.setAccessibleName("MIDI system")
        self.backend_box.addItem("Automatic", ports.AUTOMATIC)
        for name in backends:
            self.backend_box.addItem(ports.BACKEND_LABELS.get(name, name), name)
        if self.backend_box.findData(current.backend) < 0:
            self.backend_box.addItem(current.backend, current.backend)
        self.backend_box.setCurrentIndex(self.backend_box.findData(current.backend))

        self.curve_box = self._choices("velocityCurveBox", "Touch", CURVE_WORDS,
                                       current.velocity_curve)
        self.lock_box = self._choices("scaleLockBox", "Scale lock", LOCK_WORDS, current.scale_lock)
        self.walk_box = QCheckBox(WALK_TEXT)
        self.walk_box.setObjectName("walkScaleBox")
        self.walk_box.setChecked(current.white_keys_walk)
        self.tidy_box = QComboBox()
        self.tidy_box.setObjectName("recordQuantizeBox")
        self.tidy_box.setAccessibleName("Tidy the timing of what is recorded")
        self.tidy_box.addItem("Off: keep it as played", 0)
        for name, ticks in GRIDS:
            self.tidy_box.addItem(f"To {name} notes", ticks)
        self.tidy_box.setCurrentIndex(max(0, self.tidy_box.findData(current.record_grid_ticks)))
        self.strength_box = QComboBox()
        self.strength_box.setObjectName("recordStrengthBox")
        self.strength_box.setAccessibleName("How far to tidy")
        for name, amount in STRENGTHS:
            self.strength_box.addItem(name, round(amount * 100))
        self.strength_box.setCurrentIndex(
            max(0, self.strength_box.findData(current.record_strength_percent)))

        self.state_label = QLabel()
        self.state_label.setObjectName("playingState")
        self.state_label.setWordWrap(True)
        self.state_label.setProperty("class", "caption")
        self._show_state()

        form = QFormLayout()
        form.addRow("&Keyboard:", self.device_box)
        if len(backends) > 1:
            form.addRow("MIDI &system:", self.backend_box)
        else:
            self.backend_box.hide()
        form.addRow("&Touch:", self.curve_box)
        form.addRow("Scale &lock:", self.lock_box)
        form.addRow("", self.walk_box)
        form.addRow("Tidy &recording:", self.tidy_box)
        form.addRow("How &far:", self.strength_box)
        note = QLabel("Changes apply at once, to every way of playing (a MIDI keyboard, the "
                      "on-screen keyboard and the computer keys), and are kept for next time.")
        note.setWordWrap(True)
        note.setProperty("class", "caption")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.state_label)
        column.addWidget(note)
        column.addWidget(buttons)

        self._enable_walk()
        for box in (self.device_box, self.backend_box, self.curve_box, self.lock_box,
                    self.tidy_box, self.strength_box):
            box.currentIndexChanged.connect(self._apply)
        self.walk_box.toggled.connect(self._apply)
        shell.state_changed.connect(self._show_state)

    def _choices(self, name: str, label: str, words: dict[str, str], chosen: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.setAccessibleName(label)
        for key, text in words.items():
            box.addItem(text, key)
        box.setCurrentIndex(max(0, box.findData(chosen)))
        return box

    def chosen(self) -> PlayingSettings:
        return PlayingSettings(
            device=str(self.device_box.currentData()),
            backend=str(self.backend_box.currentData()),
            velocity_curve=str(self.curve_box.currentData()),
            scale_lock=str(self.lock_box.currentData()),
            white_keys_walk=self.walk_box.isChecked(),
            record_grid_ticks=int(self.tidy_box.currentData()),
            record_strength_percent=int(self.strength_box.currentData()),
        )

    def _enable_walk(self) -> None:
        self.walk_box.setEnabled(self.lock_box.currentData() == "pentatonic")
        self.strength_box.setEnabled(bool(self.tidy_box.currentData()))

    def _apply(self) -> None:
        self._enable_walk()
        settings = self.chosen()
        save_playing_settings(settings)
        self.shell.apply(settings)

    def _show_state(self, _state: object = None) -> None:
        state = self.shell.state
        if state is None:
            self.state_label.setText("Looking for MIDI keyboards…")
            return
        text = display_message(state) + "."
        if state.problem:
            text += f" ({state.problem})"
        self.state_label.setText(text)

"""Settings › Display…: the look (system, light, dark, high contrast) and the text size.

A choice shows at once, across the whole window, and is remembered (`ui.settings`), so a person
can try a size and see it before closing the dialog. There is no Cancel: Close keeps what is
shown, and choosing again undoes it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from tonewell.ui import theme
from tonewell.ui.settings import (
    SCALE_PERCENTS,
    THEME_CHOICES,
    DisplaySettings,
    load_display_settings,
    save_display_settings,
)

THEME_WORDS = {
    "system": "Same as the system",
    "light": "Light",
    "dark": "Dark",
    "high-contrast": "High contrast",
}


class DisplayDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("displayDialog")
        self.setWindowTitle("Display")
        self.setAccessibleName("Display settings")
        current = load_display_settings()

        self.theme_box = QComboBox()
        self.theme_box.setObjectName("themeBox")
        self.theme_box.setAccessibleName("Look")
        for key in THEME_CHOICES:
            self.theme_box.addItem(THEME_WORDS[key], key)
        self.theme_box.setCurrentIndex(THEME_CHOICES.index(current.theme))

        self.scale_box = QComboBox()
        self.scale_box.setObjectName("scaleBox")
        self.scale_box.setAccessibleName("Text size")
        for percent in SCALE_PERCENTS:
            self.scale_box.addItem(f"{percent} %", percent)
        if current.scale_percent not in SCALE_PERCENTS:
            self.scale_box.addItem(f"{current.scale_percent} %", current.scale_percent)
        self.scale_box.setCurrentIndex(self.scale_box.findData(current.scale_percent))

        note = QLabel("Changes show at once and are kept for next time. Text, buttons and the "
                      "piano roll's rows all grow with the text size.")
        note.setWordWrap(True)
        note.setProperty("class", "caption")
        form = QFormLayout()
        form.addRow("&Look:", self.theme_box)
        form.addRow("&Text size:", self.scale_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(note)
        column.addWidget(buttons)

        self.theme_box.currentIndexChanged.connect(self._apply)
        self.scale_box.currentIndexChanged.connect(self._apply)

    def chosen(self) -> DisplaySettings:
        return DisplaySettings(theme=str(self.theme_box.currentData()),
                               scale_percent=int(self.scale_box.currentData()))

    def _apply(self) -> None:
        settings = self.chosen()
        save_display_settings(settings)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app, settings)

"""What an empty piece shows: a warm welcome with the shipped examples one click away.

"New piece" starts one at once (File › New); "Start a guided session" begins one (Ctrl+G).
The examples live in `projects/examples/*.tonewell`
beside the source; each gets a button named after the piece's title and opens as an untitled
copy. "Open a piece…" opens any .tonewell or .mid file; "Your library" shows the pieces made
before (`ui.library_view`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from tonewell.errors import UserFacingError
from tonewell.io.project import load_project
from tonewell.ui.app_folders import examples_dir

MAX_EXAMPLE_BUTTONS = 6


def example_files(folder: Path | None = None) -> list[Path]:
    folder = examples_dir() if folder is None else folder
    try:
        return sorted(folder.glob("*.tonewell"))[:MAX_EXAMPLE_BUTTONS]
    except OSError:
        return []


def example_title(path: Path) -> str:
    """The piece's own title, or from its file name (`gentle-rain.tonewell` -> `Gentle rain`)
    when the file cannot be read."""
    try:
        title = load_project(path).title.strip()
    except (UserFacingError, OSError):
        title = ""
    if title:
        return title
    words = path.stem.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else path.name


class EmptyState(QWidget):
    """Emits `new_requested()` for a new piece, `open_requested()` for the file dialog,
    `example_requested(path)` for an example, `session_requested()` for a guided session,
    `library_requested()` for the library."""

    new_requested = Signal()
    session_requested = Signal()
    open_requested = Signal()
    library_requested = Signal()
    example_requested = Signal(Path)

    def __init__(self, parent: QWidget | None = None, examples: list[Path] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.setAccessibleName("Welcome")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        title = QLabel("Start a new piece, or open one to begin")
        title.setObjectName("emptyTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setWordWrap(True)
        text = QLabel(
            "Write a few notes of your own, or listen to an example and make it yours.\n"
            "There is no right or wrong here; take your time."
        )
        text.setObjectName("emptyText")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)

        self.example_buttons: list[QPushButton] = []
        examples_row = QHBoxLayout()
        examples_row.setSpacing(10)
        examples_row.addStretch(1)
        for path in example_files() if examples is None else examples:
            button = QPushButton(example_title(path))
            button.setObjectName("exampleButton")
            button.setAccessibleName(f"Open the example {example_title(path)}")
            button.setToolTip(str(path.name))
            button.setMinimumHeight(36)
            button.clicked.connect(lambda _=False, p=path: self.example_requested.emit(p))
            examples_row.addWidget(button)
            self.example_buttons.append(button)
        examples_row.addStretch(1)

        self.new_button = QPushButton("New piece")
        self.new_button.setObjectName("emptyNewButton")
        self.new_button.setAccessibleName("Start a new piece")
        self.new_button.setProperty("class", "primary")
        self.new_button.setMinimumHeight(40)
        self.new_button.setMinimumWidth(180)
        self.new_button.clicked.connect(self.new_requested)
        self.session_button = QPushButton("Start a guided session")
        self.session_button.setObjectName("emptySessionButton")
        self.session_button.setAccessibleName("Start a guided session")
        self.session_button.setToolTip("A gentle check-in, then a prompt to follow step by step")
        self.session_button.setMinimumHeight(40)
        self.session_button.clicked.connect(self.session_requested)
        new_row = QHBoxLayout()
        new_row.addStretch(1)
        new_row.addWidget(self.new_button)
        new_row.addSpacing(12)
        new_row.addWidget(self.session_button)
        new_row.addStretch(1)

        self.open_button = QPushButton("Open a piece…")
        self.open_button.setObjectName("emptyOpenButton")
        self.open_button.setAccessibleName("Open a piece")
        self.open_button.setMinimumHeight(36)
        self.open_button.clicked.connect(self.open_requested)
        self.library_button = QPushButton("Your library")
        self.library_button.setObjectName("emptyLibraryButton")
        self.library_button.setAccessibleName("Your library of pieces")
        self.library_button.setMinimumHeight(36)
        self.library_button.clicked.connect(self.library_requested)
        open_row = QHBoxLayout()
        open_row.addStretch(1)
        open_row.addWidget(self.open_button)
        open_row.addWidget(self.library_button)
        open_row.addStretch(1)

        column = QVBoxLayout(self)
        column.addStretch(2)
        column.addWidget(title)
        column.addSpacing(8)
        column.addWidget(text)
        column.addSpacing(24)
        column.addLayout(new_row)
        column.addSpacing(24)
        if self.example_buttons:
            caption = QLabel("Examples")
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setObjectName("emptyText")
            column.addWidget(caption)
            column.addLayout(examples_row)
            column.addSpacing(12)
        column.addLayout(open_row)
        column.addStretch(3)

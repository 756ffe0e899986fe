"""Calm message boxes: one place that shows news, problems and the questions the app asks.

Every box in the app goes through `show_message`, `ask_to_save` or `ask_to_restore`, so wording
and tone stay consistent and tests can capture a message (by patching `QMessageBox.exec`)
instead of blocking.
Messages say what happened and what still works; they never blame the person.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget


class Choice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def show_message(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    details: str = "",
    problem: bool = False,
) -> None:
    """A message with one OK button. `problem` uses the warning icon, never the error one."""
    box = QMessageBox(parent)
    box.setObjectName("messageBox")
    box.setIcon(QMessageBox.Icon.Warning if problem else QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def ask_to_save(parent: QWidget | None, title: str) -> Choice:
    """Ask whether to keep the changes to `title` before they would be lost."""
    box = QMessageBox(parent)
    box.setObjectName("saveChangesBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Keep your changes?")
    box.setText(f"“{title}” has changes that are not saved yet.")
    box.setInformativeText("Would you like to save them first?")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.button(QMessageBox.StandardButton.Discard).setText("Don’t Save")
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return Choice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return Choice.DISCARD
    return Choice.CANCEL


def ask_to_restore(parent: QWidget | None, title: str, when: str) -> bool:
    """After a crash: carry on with the safety copy of `title` made at `when`? True for
    Restore, False for Let it go."""
    box = QMessageBox(parent)
    box.setObjectName("recoveryBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Restore your work?")
    box.setText(f"Tonewell closed before “{title}” was saved.")
    box.setInformativeText(
        f"A safety copy from {when} was kept. Would you like to carry on with it?"
    )
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Let it go", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore

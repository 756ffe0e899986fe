"""After a crash: offer the recovery copy of the piece that was open ("Restore" / "Let it go").

Restoring loads the copy as not saved yet, with the file it came from (if any) as its place,
so Save writes back there. Letting it go removes the copy. Only the newest copy is offered;
older ones wait for a later start. A damaged copy is skipped by `list_recoverable`.
"""

from __future__ import annotations

import contextlib
from datetime import datetime

from PySide6.QtWidgets import QWidget

from tonewell.errors import UserFacingError
from tonewell.io.autosave import Recoverable, discard_recovery, list_recoverable, load_recovery
from tonewell.ui.messages import ask_to_restore, show_message
from tonewell.ui.piece import OpenPiece


def when_text(saved_at: str) -> str:
    """`2026-01-31T18:00:00Z` -> "31 January, 18:00" in local time, or the text as it is."""
    try:
        moment = datetime.fromisoformat(saved_at.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return saved_at
    return f"{moment.day} {moment:%B}, {moment:%H:%M}"


def ask_restore(parent: QWidget | None, info: Recoverable) -> bool:
    """Ask whether to restore `info`; True for Restore."""
    return ask_to_restore(parent, info.title, when_text(info.saved_at))


def offer_recovery(parent: QWidget | None, piece: OpenPiece) -> bool:
    """Offer the newest recovery copy, if any. Returns True when it was restored."""
    found = list_recoverable()
    if not found:
        return False
    info = found[0]
    if not ask_restore(parent, info):
        with contextlib.suppress(UserFacingError):
            discard_recovery(info.uid)
        return False
    try:
        comp = load_recovery(info.path)
    except UserFacingError as err:
        show_message(parent, "Restore", "The safety copy could not be read.", details=str(err),
                     problem=True)
        return False
    piece.load(comp, info.source_path, dirty=True)
    return True

"""The undo history of one composition: commands in order, where we are, and where it was saved.

Plain bookkeeping; the `Document` applies commands and tells listeners. A command merges into
the one before it when both share a `merge_key` and the history has not been `seal`ed since
(a gesture such as a slider drag seals it when it ends), so one drag is one undo step.
"""

from __future__ import annotations

from tonewell.edit.commands import Command

DEFAULT_LIMIT = 1000
"""Steps kept; older ones are forgotten (their changes stay, they can no longer be undone)."""

_NEVER = -1


class History:
    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        self.limit = max(1, limit)
        self._commands: list[Command] = []
        self._index = 0
        """Commands before this index are done; those from it on can be redone."""
        self._clean = 0
        """The index at which the composition matched its saved file (_NEVER: no such point)."""
        self._sealed = True

    # --- state ----------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return self._index > 0

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._commands)

    @property
    def undo_name(self) -> str:
        return self._commands[self._index - 1].name if self.can_undo else ""

    @property
    def redo_name(self) -> str:
        return self._commands[self._index].name if self.can_redo else ""

    @property
    def is_clean(self) -> bool:
        return self._index == self._clean

    def names(self) -> list[str]:
        """Every step's name, oldest first (done and undone)."""
        return [c.name for c in self._commands]

    @property
    def index(self) -> int:
        return self._index

    # --- changes ----------------------------------------------------------------------------

    def record(self, command: Command) -> bool:
        """Add an applied `command`; returns True if it merged into the previous step."""
        if self._clean > self._index:
            self._clean = _NEVER  # the saved state was undone and is now out of reach
        del self._commands[self._index :]
        if not self._sealed and self._commands:
            merged = self._commands[-1].merged(command)
            if merged is not None:
                self._commands[-1] = merged
                if self._clean == self._index:
                    self._clean = _NEVER
                return True
        self._commands.append(command)
        self._index += 1
        self._sealed = command.merge_key is None
        overflow = len(self._commands) - self.limit
        if overflow > 0:
            del self._commands[:overflow]
            self._index -= overflow
            self._clean = self._clean - overflow if self._clean >= overflow else _NEVER
        return False

    def seal(self) -> None:
        """The gesture that was merging ended: the next command starts a new step."""
        self._sealed = True

    def step_back(self) -> Command | None:
        """The command to revert for an undo (and move back), or None."""
        if not self.can_undo:
            return None
        self._sealed = True
        self._index -= 1
        return self._commands[self._index]

    def step_forward(self) -> Command | None:
        """The command to apply again for a redo (and move forward), or None."""
        if not self.can_redo:
            return None
        self._sealed = True
        self._index += 1
        return self._commands[self._index - 1]

    def mark_clean(self) -> None:
        """The composition as it is now was saved."""
        self._clean = self._index
        self._sealed = True

    def mark_unsaved(self) -> None:
        """Nothing of the composition as it is now is in a file (a restored recovery copy)."""
        self._clean = _NEVER

    def clear(self) -> None:
        self._commands.clear()
        self._index = self._clean = 0
        self._sealed = True

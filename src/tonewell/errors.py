"""Errors that carry a message meant for the person using Tonewell.

Anything raised as a `UserFacingError` is shown as its plain message (one line on the command
line, a dialog in the app); everything else is a bug and may raise.
"""


class UserFacingError(Exception):
    """A problem with the user's input or environment, with a message written for them."""


class FileProblem(UserFacingError):
    """A file could not be read, parsed or written."""

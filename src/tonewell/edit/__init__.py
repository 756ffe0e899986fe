"""Commands on the model, their history and the Document (model + history + change events).

Pure Python: no Qt, no FluidSynth (an import-linter contract keeps it so). Every change a
person makes is one command pushed on the Document; its listeners hear about each step.
"""

from tonewell.edit.changes import Action, Change, DocumentEvent, Scope
from tonewell.edit.commands import Command, CommandError, Compound, find_clip
from tonewell.edit.document import Document
from tonewell.edit.history import History

__all__ = [
    "Action",
    "Change",
    "Command",
    "CommandError",
    "Compound",
    "Document",
    "DocumentEvent",
    "History",
    "Scope",
    "find_clip",
]

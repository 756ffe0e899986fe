"""The composition model: notes, clips, tracks, tempo, meter and key, in integer ticks.

Pure Python: no Qt, no FluidSynth. Objects are immutable (frozen dataclasses holding tuples), so
a snapshot can be handed to the engine or kept by an undo command without copying.
"""

from tonewell.model.composition import Clip, Composition, Key, LoopRegion, Track
from tonewell.model.note import Note
from tonewell.model.timing import PPQ, TempoChange, TempoMap, TimeSignature

__all__ = [
    "PPQ",
    "Clip",
    "Composition",
    "Key",
    "LoopRegion",
    "Note",
    "TempoChange",
    "TempoMap",
    "TimeSignature",
    "Track",
]

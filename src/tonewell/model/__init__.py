"""The composition model: notes, clips, tracks, tempo, meter and key, in integer ticks.

Pure Python: no Qt, no FluidSynth. Objects are immutable (frozen dataclasses holding tuples), so
a snapshot can be handed to the engine or kept by an undo command without copying.
"""

from tonewell.model.composition import MAX_CLIP_BARS, Clip, Composition, Key, LoopRegion, Track
from tonewell.model.controls import (
    CC_EXPRESSION,
    CC_PAN,
    CC_SUSTAIN,
    CC_VOLUME,
    KEPT_CONTROLLERS,
    ControlPoint,
)
from tonewell.model.frozen import FrozenJSON
from tonewell.model.note import Note
from tonewell.model.timing import PPQ, TempoChange, TempoMap, TimeSignature

__all__ = [
    "CC_EXPRESSION",
    "CC_PAN",
    "CC_SUSTAIN",
    "CC_VOLUME",
    "KEPT_CONTROLLERS",
    "MAX_CLIP_BARS",
    "PPQ",
    "Clip",
    "Composition",
    "ControlPoint",
    "FrozenJSON",
    "Key",
    "LoopRegion",
    "Note",
    "TempoChange",
    "TempoMap",
    "TimeSignature",
    "Track",
]

"""The piano roll: the note editor for one clip (objectName "pianoRoll").

A package of small parts: `geometry` (pitch/tick to pixels, zoom, scroll), `snap` (grid and
note length), `keyboard` (piano keys), `ruler`, `canvas` (grid, notes, cursor, playhead),
`velocity_lane`, `gestures` (mouse drags as states), `keys` (keyboard-only editing),
`actions` (Edit menu actions), `selection`, `clipboard`, and `widget` (`PianoRoll`).
"""

from tonewell.ui.piano_roll.widget import PianoRoll

__all__ = ["PianoRoll"]

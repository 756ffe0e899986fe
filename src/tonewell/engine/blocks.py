"""FluidSynth's 64-frame block, and the block on which an event is heard.

FluidSynth applies a state change (a note-on, say) only at the start of one of its blocks. Both
the offline renderer and the live synth apply each event at the block boundary nearest its
sample, so every onset is within -32..+31 frames of where the tempo map puts it (0.73 ms at
44.1 kHz) on both paths. Pure arithmetic: no FluidSynth here.
"""

from __future__ import annotations

BLOCK_FRAMES = 64
"""FluidSynth's internal block (FLUID_BUFSIZE): state changes only take effect between blocks."""

ONSET_ERROR_BOUND_FRAMES = BLOCK_FRAMES // 2
"""Every event sounds within -32..+31 frames of its exact sample (see the module docstring)."""


def event_frame(sample: int) -> int:
    """The block boundary at which an event due at `sample` is applied: the nearest one."""
    return (sample + ONSET_ERROR_BOUND_FRAMES - 1) // BLOCK_FRAMES * BLOCK_FRAMES

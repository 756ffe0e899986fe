"""The arrangement view: clips of every track on a bar grid, the loop region on its ruler.

`Arrangement` (objectName "arrangement") is what the window shows beside the track list.
"""

from tonewell.ui.arrangement.geometry import DEFAULT_LANE_HEIGHT, RULER_HEIGHT
from tonewell.ui.arrangement.widget import Arrangement

__all__ = ["DEFAULT_LANE_HEIGHT", "RULER_HEIGHT", "Arrangement"]

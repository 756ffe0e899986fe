"""PySide6 widgets and windows: the only layer that imports Qt widgets."""

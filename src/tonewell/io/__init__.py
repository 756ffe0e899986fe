"""Files: Tonewell projects, Standard MIDI Files, WAV, autosave and the user data folder."""

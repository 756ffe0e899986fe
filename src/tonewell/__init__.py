"""Tonewell: a calm composition workspace for active music-making."""

__version__ = "0.1.0"

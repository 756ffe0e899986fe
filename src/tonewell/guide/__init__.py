"""Guided composition prompts and the session flow (pure; filled in by later work)."""

"""Where compositions and the session journal live on disk (filled in by later work)."""

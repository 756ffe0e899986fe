"""Where compositions and the session journal live on disk.

`journal.Journal` keeps every guided session (check-in, steps, check-out, reflection and the
version saved at its end) in one SQLite file in the user data folder; `journal_csv` exports it.
No Qt here: the window reads the journal through this package.
"""

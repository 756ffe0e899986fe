"""Commands on the model, their history and the Document (pure; filled in by later work)."""

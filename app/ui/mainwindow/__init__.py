"""The main window: its frame and header, notices, the session over the store, background jobs."""

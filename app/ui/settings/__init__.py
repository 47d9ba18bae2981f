"""Settings, preferences, first run and the unlock screen."""

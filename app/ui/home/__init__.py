"""The home page: the month's work at a glance."""

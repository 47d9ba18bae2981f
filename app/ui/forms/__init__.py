"""Filling in a form, signing it, hand samples, and importing a form definition."""

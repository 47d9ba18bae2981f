"""Shared pieces of the window: style, fonts, sizing, charts, table models, labels and error text."""

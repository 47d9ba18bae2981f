"""Zhucun (驻村): offline-first field data for village work teams."""
__version__ = "0.1.0"
